// An exchange at the counter: the cloud quotes what the returned tickets credit and the new seats cost; a difference
// to pay is taken in cash or authorized on the card terminal first (voided if the cloud then refuses the exchange);
// a difference to give back goes to the card on the terminal first for card-terminal orders, in cash for cash orders,
// and through the online payment for web orders (the cloud sends it). Then the new order's tickets and receipt print.
import { apiHeaderKeys, apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { ExchangeQuote, ExchangeRequest, ExchangeResult, Order } from '../../cloud/contract/index.ts';
import { formatMoney } from '../../cloud/domain/format.ts';
import type { BridgeInput, ExchangeOutcome } from '../../preload/bridge.ts';
import type { CardTerminal } from '../peripherals/card-terminal.ts';
import { CloudProblem, type CloudClient } from '../sync/cloud-client.ts';

type Ask = BridgeInput<'orders:exchangeQuote'>;

export function quoteExchange(cloud: CloudClient, input: Ask): Promise<ExchangeQuote> {
  const { orderId, holdToken, ...body } = input;
  return cloud.call<ExchangeQuote>(apiRoutes.quoteExchange, apiPaths.orderExchangeQuote(orderId), {
    body,
    headers: { [apiHeaderKeys.holdToken]: holdToken },
  });
}

const refused = (message: string): ExchangeOutcome => ({
  status: 'refused',
  message,
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
    if (error instanceof CloudProblem) return { outcome: refused(error.problem.detail), result: null };
    throw error;
  }
  const { difference } = quote;
  const request: ExchangeRequest = { ...ask };
  let authorization: string | null = null;
  let message = 'Even exchange: nothing to pay or give back.';
  if (difference.amount > 0) {
    if (!how) return { outcome: refused(`Take ${formatMoney(difference)} for the difference.`), result: null };
    if (how.method === 'cash') {
      if (how.tendered.currency !== difference.currency || how.tendered.amount < difference.amount) {
        return { outcome: refused(`Cash received must cover ${formatMoney(difference)}.`), result: null };
      }
      request.payment = how;
      const change = how.tendered.amount - difference.amount;
      message = change > 0 ? `Give ${formatMoney({ ...difference, amount: change })} change.` : 'Paid, no change due.';
    } else {
      const result = await terminal.authorize({ amount: difference, reference: input.holdId });
      if (result.status !== 'approved') {
        const words = {
          declined: 'The card was declined. Try another card.',
          timeout: 'The card terminal did not answer. Nothing was charged; please try again.',
          card_removed: 'The card was removed before the payment finished. Nothing was charged.',
        } as const;
        const outcome: ExchangeOutcome = {
          status: result.status,
          message: words[result.status],
          from: null,
          to: null,
          printed: [],
        };
        return { outcome, result: null };
      }
      authorization = result.authorization.reference;
      request.payment = { method: 'card_terminal', authorization: result.authorization };
      message = `${formatMoney(difference)} paid by card.`;
    }
  } else if (difference.amount < 0) {
    const back = { ...difference, amount: -difference.amount };
    const method = before.payments.find((p) => p.state === 'captured' && p.method !== 'exchange_credit')?.method;
    if (method === 'card_terminal') {
      request.terminalReference = (await terminal.refund({ amount: back, saleReference: before.code })).reference;
      message = `${formatMoney(back)} refunded to the card.`;
    } else if (method === 'cash' || method === undefined) {
      message = `Hand back ${formatMoney(back)} in cash.`;
    } else {
      message = `${formatMoney(back)} goes back through the online payment.`;
    }
  }
  try {
    const result = await cloud.call<ExchangeResult>(apiRoutes.exchangeTickets, apiPaths.orderExchanges(orderId), {
      body: request,
      headers: { [apiHeaderKeys.holdToken]: holdToken, [apiHeaderKeys.idempotencyKey]: idempotencyKey },
    });
    return { outcome: { status: 'exchanged', message, from: result.from, to: result.to, printed: [] }, result };
  } catch (error) {
    if (!(error instanceof CloudProblem) || error.problem.retryable) throw error;
    // The cloud refused: no one pays for seats they did not get.
    if (authorization) {
      await terminal.void(authorization);
      return { outcome: refused(`${error.problem.detail} The card payment was cancelled.`), result: null };
    }
    return { outcome: refused(error.problem.detail), result: null };
  }
}
