// A payment attempt of an order: the row a new attempt starts as (web, card terminal or cash), and the checkout
// session a web attempt needs at its provider before the buyer can approve it. Checkout opens the first attempt; a
// retry after a decline opens the next.
import { randomUUID } from 'node:crypto';
import type { OrderRow } from '../../db/orders.ts';
import { type PaymentRow, updatePayment } from '../../db/payments.ts';
import type { CreatedOrder, PaymentRequest } from '../../contract/index.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { orderAccessToken, viewOf, type OrderDeps } from './deps.ts';

export function newPayment(
  orderId: string,
  attempt: number,
  request: PaymentRequest,
  amount: number,
  currency: string,
  now: Date,
): PaymentRow {
  return {
    id: randomUUID(),
    order_id: orderId,
    attempt,
    method: request.method,
    state: 'open',
    amount,
    currency,
    provider_session_id: null,
    provider_charge_id: request.method === 'card_terminal' ? request.authorization.reference : null,
    // Until the provider gives its approval page, this holds the buyer's return address.
    redirect_url: request.method === 'amazon_pay' || request.method === 'sandbox' ? request.returnUrl : null,
    card_last4: request.method === 'card_terminal' ? request.authorization.cardLast4 : null,
    terminal_reference: request.method === 'card_terminal' ? request.authorization.reference : null,
    tendered_amount: request.method === 'cash' ? request.tendered.amount : null,
    change_amount: request.method === 'cash' ? request.tendered.amount - amount : null,
    failure_reason: null,
    created_at: now,
  };
}

/** Makes sure the latest payment has a checkout session at the provider, and answers with the order. */
export async function openCheckout(
  deps: OrderDeps,
  order: OrderRow,
  payment: PaymentRow,
  idempotency: IdempotencyHandle,
): Promise<CreatedOrder> {
  const accessToken = orderAccessToken(deps, order.id);
  if (payment.state === 'open' && !payment.provider_session_id) {
    const session = await deps.payments.openCheckout(payment, order);
    return deps.db.transaction(async (tx) => {
      await updatePayment(tx, payment.id, {
        provider_session_id: session.sessionId,
        redirect_url: session.redirectUrl,
        now: deps.clock.now(),
      });
      const body = { ...(await viewOf(deps, tx, order)), accessToken };
      await idempotency.complete(tx, body);
      return body;
    });
  }
  return { ...(await viewOf(deps, deps.db, order)), accessToken };
}
