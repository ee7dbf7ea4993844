// The late payment: the provider captured the money, but the hold had run out and its seats went to someone else.
// The order is cancelled, the money's trail kept, and the whole amount given back through the provider.
import { releaseOrderRedemptions } from '../../db/codes/uses.ts';
import { randomUUID } from 'node:crypto';
import { endHold } from '../../db/inventory/holds.ts';
import { findOrder, lockOrder, updateOrderState } from '../../db/orders.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { type PaymentRow, updatePayment } from '../../db/payments.ts';
import { insertRefund } from '../../db/refunds.ts';
import { transition } from '../../domain/orders/order-state.ts';
import type { Order } from '../../contract/index.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { refundJob } from '../jobs/outbox-topics.ts';
import { publish, viewOf, type OrderDeps } from './deps.ts';
import { tryRefundNow } from './provider-refunds.ts';

const LATE_PAYMENT_REASON =
  'The hold ran out before the payment arrived and its seats were sold to someone else; the payment was refunded in full.';

/** Cancels the paid order whose seats are gone and refunds its payment in full; answers the cancelled order. */
export async function refundLatePayment(
  deps: OrderDeps,
  orderId: string,
  eventId: string,
  payment: PaymentRow,
  chargeId: string,
  idempotency: IdempotencyHandle,
): Promise<Order> {
  const { refundId, freed } = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const order = (await lockOrder(tx, orderId))!;
    await updatePayment(tx, payment.id, { state: 'captured', provider_charge_id: chargeId, now });
    const refundId = randomUUID();
    await insertRefund(tx, {
      id: refundId,
      order_id: orderId,
      payment_id: payment.id,
      amount: payment.amount,
      currency: payment.currency,
      ticket_ids: [],
      reason: 'seats taken after the hold expired',
      requested_by: 'system',
      state: 'pending',
      provider_refund_id: null,
      created_at: now,
    });
    await insertOutboxJobs(tx, [refundJob(refundId, orderId)], now);
    await updateOrderState(tx, orderId, {
      state: transition(order.state, 'abandoned'),
      now,
      cancelReason: LATE_PAYMENT_REASON,
      refundedAmount: payment.amount,
    });
    await releaseOrderRedemptions(tx, orderId, now);
    const freed = await endHold(tx, { id: order.hold_id, event_id: order.event_id }, now);
    await idempotency.complete(
      tx,
      await viewOf(deps, tx, {
        ...order,
        state: 'cancelled',
        cancel_reason: LATE_PAYMENT_REASON,
        refunded_amount: payment.amount,
      }),
    );
    return { refundId, freed };
  });
  await publish(deps, eventId, freed.seats, freed.ga ? [freed.ga] : []);
  await tryRefundNow(deps, refundId);
  return viewOf(deps, deps.db, (await findOrder(deps.db, orderId))!);
}
