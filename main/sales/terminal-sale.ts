// A sale paid at the card terminal (kiosk, or a counter taking cards): authorize the hold's total on the terminal,
// then create the paid order in the cloud with the terminal's reference. When the cloud cannot take the sale after
// the card was approved (the hold ran out, the seats went), the authorization is voided, so no one is charged
// without tickets. Each outcome comes back as a notice (a code and its amounts) the screen words.
import { randomUUID } from 'node:crypto';
import { apiHeaderKeys, apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { CreateOrder, Hold, Order, Quote } from '../../cloud/contract/index.ts';
import type { CardTerminal, TerminalResult } from '../peripherals/card-terminal.ts';
import { CloudProblem, type CloudClient } from '../sync/cloud-client.ts';
import type { Outbox } from '../cache/outbox.ts';
import type { DeviceNotice } from '../../preload/bridge.ts';

export type TerminalSaleResult =
  | { status: 'paid'; order: Order }
  | { status: 'declined' | 'timeout' | 'card_removed' | 'refused' | 'queued'; notice: DeviceNotice };

/** The cloud's refusal passed on for the screen to word by its type. */
export const cloudRefused = (error: CloudProblem, cardCancelled = false): DeviceNotice => ({
  code: 'cloud_refused',
  problem: { type: error.problem.type, detail: error.problem.detail },
  cardCancelled,
});

/** What a walk-up order is bought as, for its quote and its order: the lines and code when there are any. */
export function basketOf(sale: { lines?: CreateOrder['lines']; code?: string | undefined }) {
  return {
    ...(sale.lines && sale.lines.length > 0 ? { lines: sale.lines } : {}),
    ...(sale.code ? { code: sale.code } : {}),
  };
}

export async function sellWithTerminal(
  cloud: CloudClient,
  terminal: CardTerminal,
  sale: {
    hold: Hold;
    holdToken: string;
    buyer: CreateOrder['buyer'];
    delivery: CreateOrder['delivery'];
    /** The ticket type of each seat or place, and a promo code: the order's price is the quote of these. */
    lines?: CreateOrder['lines'];
    code?: string | undefined;
    /** The language the buyer chose on the screen: their emails and documents are written in it. */
    locale?: CreateOrder['locale'];
  },
  /** Where a sale goes when the cloud cannot be reached after the card was approved (pushed later, once). */
  outbox?: Outbox,
): Promise<TerminalSaleResult> {
  const basket = basketOf(sale);
  // The card is asked for what the order will cost: the hold priced with its ticket types, code, fees and tax.
  let quote: Quote;
  try {
    quote = await cloud.call<Quote>(apiRoutes.quoteHold, apiPaths.holdQuote(sale.hold.id), {
      body: { ...basket, delivery: sale.delivery },
      headers: { [apiHeaderKeys.holdToken]: sale.holdToken },
    });
  } catch (error) {
    if (error instanceof CloudProblem) return { status: 'refused', notice: cloudRefused(error) };
    throw error;
  }
  const amount = { amount: quote.breakdown.totals.total, currency: quote.breakdown.currency };
  const result = await terminal.authorize({ amount, reference: sale.hold.id });
  if (result.status !== 'approved') return { status: result.status, notice: terminalNotice(result) };
  const { authorization } = result;
  const request: CreateOrder = {
    holdId: sale.hold.id,
    buyer: sale.buyer,
    delivery: sale.delivery,
    ...basket,
    ...(sale.locale ? { locale: sale.locale } : {}),
    payment: { method: 'card_terminal', authorization },
  };
  // One key for this authorization: a retry of the same request after a lost answer makes one order.
  const idempotencyKey = randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      const order = await cloud.call<Order>(apiRoutes.createOrder, apiPaths.orders(), {
        body: request,
        headers: { [apiHeaderKeys.holdToken]: sale.holdToken, [apiHeaderKeys.idempotencyKey]: idempotencyKey },
      });
      return { status: 'paid', order };
    } catch (error) {
      if (!(error instanceof CloudProblem)) throw error;
      if (error.problem.retryable && attempt < 3) continue;
      if (error.problem.retryable) {
        // The cloud cannot be reached: the order may already exist, so the same request (same key) goes to the
        // outbox and is applied once when the cloud is back. The authorization stays.
        if (outbox) {
          outbox.enqueue({
            kind: 'terminal_sale',
            method: apiRoutes.createOrder.method,
            path: apiPaths.orders(),
            body: request,
            idempotencyKey,
          });
          return { status: 'queued', notice: { code: 'paid_queued' } };
        }
        return { status: 'refused', notice: { code: 'not_confirmed' } };
      }
      await terminal.void(authorization.reference);
      return { status: 'refused', notice: cloudRefused(error, true) };
    }
  }
}

/** What the screen says when the terminal did not approve: declined (and why), no answer, or the card pulled out. */
export function terminalNotice(result: Exclude<TerminalResult, { status: 'approved' }>): DeviceNotice {
  if (result.status === 'declined') return { code: 'card_declined', reason: result.reason };
  return { code: result.status === 'timeout' ? 'terminal_timeout' : 'card_removed' };
}
