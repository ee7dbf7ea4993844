// A payment attempt of an order: the row a new attempt starts as (web, card terminal or cash), and the checkout
// session a web attempt needs at its provider before the buyer can approve it. Checkout opens the first attempt; a
// retry after a decline opens the next.
import { randomUUID } from 'node:crypto';
import type { OrderRow } from '../../db/orders.ts';
import { type PaymentRow, updatePayment } from '../../db/payments.ts';
import type { CreatedOrder, Order, PaymentRequest } from '../../contract/index.ts';
import { saveCheckoutSession } from '../../db/order-writes.ts';
import { saveIdempotentResponse, type IdempotentAnswer } from '../../db/idempotency.ts';
import type { Queryable } from '../../db/port.ts';
import type { CheckoutSession } from '../payments/ports.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { orderAccessToken, viewOf, type OrderDeps } from './deps.ts';
import { viewOrderWithParts } from './order-view.ts';

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

/**
 * Makes sure the latest payment has a checkout session at the provider, and answers with the order. `created` says the
 * order was made in this request with this payment as its only one (and when its hold runs out now): then its view
 * is drawn from what is known, not read back.
 */
export async function openCheckout(
  deps: OrderDeps,
  order: OrderRow,
  payment: PaymentRow,
  idempotency: IdempotencyHandle,
  created?: { holdExpiresAt: Date },
): Promise<CreatedOrder> {
  const accessToken = orderAccessToken(deps, order.id);
  if (payment.state === 'open' && !payment.provider_session_id) {
    const session = await deps.payments.openCheckout(payment, order);
    const { completeWith } = idempotency;
    if (created && completeWith) {
      // A new order's view needs nothing read (no tickets, one payment): the session and the answer naming it are
      // then saved by one statement, atomic without a transaction.
      const body = { ...(await createdView(deps, order, payment, session, created)), accessToken };
      await completeWith(body, (answer) =>
        saveCheckoutSession(deps.db, { paymentId: payment.id, ...session, now: deps.clock.now() }, answer),
      );
      return body;
    }
    return deps.db.transaction(async (tx) => {
      await updatePayment(tx, payment.id, {
        provider_session_id: session.sessionId,
        redirect_url: session.redirectUrl,
        now: deps.clock.now(),
      });
      const view = created
        ? await createdView(deps, order, payment, session, created, tx)
        : await viewOf(deps, tx, order);
      const body = { ...view, accessToken };
      await idempotency.complete(tx, body);
      return body;
    });
  }
  return { ...(await viewOf(deps, deps.db, order)), accessToken };
}

/**
 * A new web order's checkout session opened before the order is written, so that one statement (`write`) writes the
 * order with its payment's session and stores the answer that names it: atomic without a transaction, and a round
 * trip fewer than writing the order, then the session. The answer shows the hold running out at `holdExpiresAt`, as
 * predicted from the hold as read; `write` stores it only if the hold is still as read, and otherwise answers when the
 * hold runs out, for the answer to be stored as it is by a statement of its own. A session opened for an order the
 * statement then refuses (the hold ran out meanwhile) is left to expire at the provider, unused.
 */
export async function openCheckoutFirst(
  deps: OrderDeps,
  order: OrderRow,
  payment: PaymentRow,
  completeWith: NonNullable<IdempotencyHandle['completeWith']>,
  created: {
    holdExpiresAt: Date;
    write: (payment: PaymentRow, answer: IdempotentAnswer) => Promise<{ holdRunsOut: Date; answered: boolean }>;
  },
): Promise<CreatedOrder> {
  const accessToken = orderAccessToken(deps, order.id);
  const session = await deps.payments.openCheckout(payment, order);
  const withSession = { ...payment, provider_session_id: session.sessionId, redirect_url: session.redirectUrl };
  let body: CreatedOrder = {
    ...(await createdView(deps, order, payment, session, { holdExpiresAt: created.holdExpiresAt })),
    accessToken,
  };
  await completeWith(body, async (answer) => {
    const written = await created.write(withSession, answer);
    if (written.answered) return;
    body = { ...body, holdExpiresAt: written.holdRunsOut.toISOString() };
    await saveIdempotentResponse(deps.db, answer.scope, answer.key, { status: answer.status, body });
  });
  return body;
}

/** The view of an order made in this request, drawn from what is known: its one payment, now with its session. */
function createdView(
  deps: OrderDeps,
  order: OrderRow,
  payment: PaymentRow,
  session: CheckoutSession,
  created: { holdExpiresAt: Date },
  db: Queryable = deps.db,
): Promise<Order> {
  return viewOrderWithParts(deps.contexts, db, order, {
    tickets: [],
    payments: [{ ...payment, provider_session_id: session.sessionId, redirect_url: session.redirectUrl }],
    refunds: [],
    holdExpiresAt: created.holdExpiresAt,
    shipment: null,
    owedAtCounter: null,
  });
}
