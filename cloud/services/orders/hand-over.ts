// After the sale, the tickets reach the buyer again: handed over at the will-call counter (once; a second hand-over
// says when the first was), or the tickets email sent again on request.
import { findOrder, lockOrder, markPickedUp, type OrderRow } from '../../db/orders.ts';
import type { Queryable } from '../../db/port.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { DomainError } from '../../domain/errors.ts';
import { isUndeliverableEmail } from '../../domain/orders/buyers.ts';
import type { Delivery, Order, ResentTickets } from '../../contract/index.ts';
import type { Principal } from '../ports.ts';
import { assertCanHandOver, reachesAsStaff, type OrderAccess } from '../access/order-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { orderJob, OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import { findVisibleOrder, viewOf, type OrderDeps } from './deps.ts';

export class TicketHandOver {
  constructor(private readonly deps: OrderDeps) {}

  /** Will-call: the tickets of a paid order are handed over at the counter, once; a second hand-over says when. */
  async pickUp(orderId: string, principal: Principal | undefined): Promise<Order> {
    const { db, clock } = this.deps;
    const order = await findOrder(db, orderId);
    if (!order) throw new DomainError('not_found', 'No such order.');
    assertCanHandOver(order, principal);
    if ((order.delivery as Delivery).method !== 'will_call') {
      throw new DomainError('order_state_conflict', 'This order is not for pick-up at the box office.');
    }
    if (order.state !== 'paid' && order.state !== 'partially_refunded') {
      throw new DomainError(
        'order_state_conflict',
        `This order is ${order.state.replace('_', ' ')}; nothing to hand over.`,
      );
    }
    const at = await markPickedUp(db, orderId, principal!.sub, clock.now());
    if (!at) {
      const current = (await findOrder(db, orderId))!;
      throw new DomainError('order_state_conflict', `Already picked up at ${current.picked_up_at!.toISOString()}.`);
    }
    return viewOf(this.deps, db, (await findOrder(db, orderId))!);
  }

  /**
   * Sends the tickets (and receipt) again to the buyer's email: the buyer (own order or its access token), or staff
   * of the order's venue (the box office's route, and the back office's after its orders:manage check). Queued as a
   * fulfilment job; answers its id and the address. Sent by staff, it is in the audit log, in the same transaction.
   */
  async resendTickets(orderId: string, access: OrderAccess): Promise<ResentTickets> {
    const { db, clock } = this.deps;
    const found = await findVisibleOrder(this.deps, orderId, access);
    const staff = reachesAsStaff(found, access.principal) ? access.principal! : null;
    return db.transaction(async (tx) => {
      const now = clock.now();
      const order = (await lockOrder(tx, found.id))!;
      const { jobId } = await queueTicketEmail(tx, order, now);
      if (staff) {
        await recordStaffAction(
          tx,
          staff,
          {
            action: 'order.resend',
            objectType: 'order',
            objectId: order.id,
            venueId: order.venue_id,
            summary: `Sent the tickets of order ${order.code} again to ${order.buyer_email}`,
          },
          now,
        );
      }
      return { jobId, recipient: order.buyer_email };
    });
  }
}

/** Queues the tickets email of a paid order again, through `db` (the pool, or the caller's transaction). */
export async function queueTicketEmail(db: Queryable, order: OrderRow, now: Date): Promise<{ jobId: string }> {
  if (order.state !== 'paid' && order.state !== 'partially_refunded') {
    throw new DomainError(
      'order_state_conflict',
      `This order is ${order.state.replace('_', ' ')}; no tickets to send.`,
    );
  }
  if (isUndeliverableEmail(order.buyer_email)) {
    throw new DomainError('order_state_conflict', 'This order has no email address to send to.');
  }
  const job = orderJob(OUTBOX_TOPICS.ticketEmail, order.id);
  await insertOutboxJobs(db, [job], now);
  return { jobId: job.id };
}
