// A buyer's refund request under the event's refund policy: the whole order or chosen tickets, until the policy's
// deadline (N × 24 h before the start), the amount by part from the order's breakdown (refund-parts.ts), the money
// back through the provider (an outbox job, sent inline too), the tickets refunded and their seats back on sale.
// Orders paid at the box office are refunded there.
import { findOrder, lockOrder, type OrderRow } from '../../db/orders.ts';
import { listPayments } from '../../db/payments.ts';
import { listTickets } from '../../db/tickets.ts';
import { DomainError } from '../../domain/errors.ts';
import { hasValidTickets } from '../../domain/orders/order-state.ts';
import type { Order, RefundRequest } from '../../contract/index.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { publish, viewOf, type OrderDeps } from './deps.ts';
import { tryRefundNow } from './provider-refunds.ts';
import { chooseTickets, priceRefund } from './refund-parts.ts';
import { returnTickets } from './ticket-return.ts';

export function assertRefundableOnline(order: OrderRow): void {
  if (!hasValidTickets(order.state)) {
    throw new DomainError('order_state_conflict', `This order is ${order.state.replace('_', ' ')}; nothing to refund.`);
  }
  if (order.payment_method === 'cash' || order.payment_method === 'card_terminal') {
    throw new DomainError('no_refund_offer', 'This order was paid at the box office: ask for your refund there.');
  }
  // Passed-on tickets cost the recipient nothing: the money is the original buyer's, refunded from their order.
  if (order.payment_method === 'transfer') {
    throw new DomainError('no_refund_offer', 'These tickets were passed on to you: only their buyer can be refunded.');
  }
}

/** Refunds the buyer's chosen tickets (all valid ones when none are named) by the event's refund policy. */
export async function refundByPolicy(
  deps: OrderDeps,
  orderId: string,
  request: RefundRequest,
  requestedBy: string,
  idempotency: IdempotencyHandle,
): Promise<Order> {
  const { db, clock } = deps;
  const outcome = await db.transaction(async (tx) => {
    const now = clock.now();
    const order = (await lockOrder(tx, orderId))!;
    assertRefundableOnline(order);
    const tickets = await listTickets(tx, [orderId]);
    const { valid, chosen } = chooseTickets(tickets, request.ticketIds);
    const refund = await priceRefund(tx, order, tickets, chosen, { kind: 'buyer', now });
    const payment = (await listPayments(tx, [orderId])).find((p) => p.state === 'captured')!;
    const returned = await returnTickets(tx, {
      order,
      payment,
      valid,
      chosen,
      refund,
      reason: `asked by the buyer${request.reason ? `: ${request.reason}` : ''}`,
      requestedBy,
      cancel: false,
      now,
    });
    await idempotency.complete(tx, await viewOf(deps, tx, returned.order));
    return returned;
  });
  await publish(deps, outcome.order.event_id, outcome.seats, outcome.ga);
  if (outcome.providerRefundId) await tryRefundNow(deps, outcome.providerRefundId);
  return viewOf(deps, db, (await findOrder(db, orderId))!);
}
