// An exchange at the counter: the cloud quotes what the returned tickets credit and the new seats cost; a difference
// to pay is taken in cash or authorized on the card terminal first (voided if the cloud then refuses the exchange);
// a difference to give back goes to the card on the terminal first for card-terminal orders, in cash for cash orders,
// and through the online payment for web orders (the cloud sends it). Then the new order's tickets and receipt print.
import { apiHeaderKeys, apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { ExchangeQuote, ExchangeRequest, ExchangeResult, Order } from '../../cloud/contract/index.ts';
import type { BridgeInput, DeviceNotice, ExchangeOutcome } from '../../preload/bridge.ts';
import type { CardTerminal } from '../peripherals/card-terminal.ts';
import { CloudProblem, type CloudClient } from '../sync/cloud-client.ts';
import { cloudRefused, terminalNotice } from './terminal-sale.ts';

type Ask = BridgeInput<'orders:exchangeQuote'>;

export function quoteExchange(cloud: CloudClient, input: Ask): Promise<ExchangeQuote> {
  const { orderId, holdToken, ...body } = input;
  return cloud.call<ExchangeQuote>(apiRoutes.quoteExchange, apiPaths.orderExchangeQuote(orderId), {
    body,
    headers: { [apiHeaderKeys.holdToken]: holdToken },
  });
}

const refused = (notice: DeviceNotice): ExchangeOutcome => ({
  status: 'refused',
  notice,
  from: null,
  to: null,
  printed: [],
});

/** Makes the exchange; answers the two orders (printing is the caller's) or why it did not happen. */
export async function exchangeAtCounter(
  deps: { cloud: CloudClient; terminal: CardTerminal },
  before: Order,
  input: BridgeInput<'orders:exchange'>,
): Promise<{ outcome: ExchangeOutcome; result: ExchangeResult | null }> {
  const { cloud, terminal } = deps;
  const { orderId, holdToken, payment: how, idempotencyKey, ...ask } = input;
  let quote: ExchangeQuote;
  try {
    quote = await quoteExchange(cloud, { orderId, holdToken, ...ask });
  } catch (error) {
    if (error instanceof CloudProblem) return { outcome: refused(cloudRefused(error)), result: null };
    throw error;
  }
  const { difference } = quote;
  const request: ExchangeRequest = { ...ask };
  let authorization: string | null = null;
  let notice: DeviceNotice = { code: 'even_exchange' };
  if (difference.amount > 0) {
    if (!how) return { outcome: refused({ code: 'take_difference', amount: difference }), result: null };
    if (how.method === 'cash') {
      if (how.tendered.currency !== difference.currency || how.tendered.amount < difference.amount) {
        return { outcome: refused({ code: 'cash_must_cover', amount: difference }), result: null };
      }
      request.payment = how;
      const change = how.tendered.amount - difference.amount;
      notice =
        change > 0 ? { code: 'give_change', amount: { ...difference, amount: change } } : { code: 'paid_no_change' };
    } else {
      const result = await terminal.authorize({ amount: difference, reference: input.holdId });
      if (result.status !== 'approved') {
        const outcome: ExchangeOutcome = {
          status: result.status,
          notice: terminalNotice(result),
          from: null,
          to: null,
          printed: [],
        };
        return { outcome, result: null };
      }
      authorization = result.authorization.reference;
      request.payment = { method: 'card_terminal', authorization: result.authorization };
      notice = { code: 'paid_by_card', amount: difference };
    }
  } else if (difference.amount < 0) {
    const back = { ...difference, amount: -difference.amount };
    const method = before.payments.find((p) => p.state === 'captured' && p.method !== 'exchange_credit')?.method;
    if (method === 'card_terminal') {
      request.terminalReference = (await terminal.refund({ amount: back, saleReference: before.code })).reference;
      notice = { code: 'refunded_to_card', amount: back };
    } else if (method === 'cash' || method === undefined) {
      notice = { code: 'hand_back_cash', amount: back };
    } else {
      notice = { code: 'back_online_payment', amount: back };
    }
  }
  try {
    const result = await cloud.call<ExchangeResult>(apiRoutes.exchangeTickets, apiPaths.orderExchanges(orderId), {
      body: request,
      headers: { [apiHeaderKeys.holdToken]: holdToken, [apiHeaderKeys.idempotencyKey]: idempotencyKey },
    });
    return { outcome: { status: 'exchanged', notice, from: result.from, to: result.to, printed: [] }, result };
  } catch (error) {
    if (!(error instanceof CloudProblem) || error.problem.retryable) throw error;
    // The cloud refused: no one pays for seats they did not get.
    if (authorization) {
      await terminal.void(authorization);
      return { outcome: refused(cloudRefused(error, true)), result: null };
    }
    return { outcome: refused(cloudRefused(error)), result: null };
  }
}
