// Abandoned orders: a buyer who never came back from the provider's page leaves an unpaid order behind; once its hold
// has been over for a while, the order is cancelled and whatever the hold still held goes back on sale.
import { releaseOrderRedemptions } from '../../db/codes/uses.ts';
import { endHold } from '../../db/inventory/holds.ts';
import { findAbandonedOrders, lockOrder, updateOrderState } from '../../db/orders.ts';
import { listPayments, updatePayment } from '../../db/payments.ts';
import { transition } from '../../domain/orders/order-state.ts';
import { publish, type OrderDeps } from './deps.ts';

/** How long a pending order may sit after its hold ran out before it is cancelled as abandoned. */
const ABANDONED_AFTER_MS = 15 * 60 * 1000;

export class AbandonedOrders {
  constructor(private readonly deps: OrderDeps) {}

  /** Cancels orders left unpaid after their hold ran out; a payment being completed keeps its order. */
  async cancel(limit = 100): Promise<number> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const candidates = await findAbandonedOrders(db, new Date(now.getTime() - ABANDONED_AFTER_MS), limit);
    let cancelled = 0;
    for (const candidate of candidates) {
      const freed = await db.transaction(async (tx) => {
        const order = await lockOrder(tx, candidate.id);
        const payments = await listPayments(tx, [candidate.id]);
        if (
          order?.state !== 'pending_payment' ||
          payments.some((p) => p.state === 'completing' || p.state === 'captured')
        ) {
          return null;
        }
        for (const payment of payments.filter((p) => p.state === 'open')) {
          await updatePayment(tx, payment.id, { state: 'failed', failure_reason: 'abandoned', now });
        }
        await updateOrderState(tx, order.id, {
          state: transition(order.state, 'abandoned'),
          now,
          cancelReason: 'The hold ran out before the payment was completed.',
        });
        // The order's codes get their uses back: an abandoned order used none.
        await releaseOrderRedemptions(tx, order.id, now);
        return endHold(tx, { id: order.hold_id, event_id: order.event_id }, now);
      });
      if (freed) {
        cancelled++;
        await publish(this.deps, candidate.event_id, freed.seats, freed.ga ? [freed.ga] : []);
      }
    }
    return cancelled;
  }
}
