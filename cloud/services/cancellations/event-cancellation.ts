// Cancelling an event (staff of its venue): in one transaction the event becomes cancelled (sales stop), orders still
// waiting for a payment end, every active hold is released and one outbox job is written per paid order. Each job
// refunds its order in full through its provider exactly once (the refund row is made first and its id is the
// provider's idempotency key, so a job run again after a crash sends the same refund), voids its tickets and emails
// the buyer. Progress is counted from the per-order rows; failed orders can be retried at once.
import { randomUUID } from 'node:crypto';
import {
  countCancellationOrders,
  findEventChange,
  insertCancellationOrders,
  insertEventChange,
  listFailedCancellationOrders,
  lockActiveHoldsOfEvent,
  lockCancellationOrder,
  lockEventForChange,
  lockOpenOrdersOfEvent,
  markEventCancelled,
  recordCancellationRefund,
  updateCancellationOrder,
} from '../../db/event-changes.ts';
import { endHold } from '../../db/inventory/holds.ts';
import type { SeatChangeRow } from '../../db/inventory/seats.ts';
import type { Queryable } from '../../db/port.ts';
import { lockOrder, updateOrderState } from '../../db/orders.ts';
import { insertOutboxJobs, rerunOutboxJobsFor, type NewOutboxJob } from '../../db/outbox.ts';
import { listPayments, updatePayment } from '../../db/payments.ts';
import { completeRefund, findRefund } from '../../db/refunds.ts';
import { DomainError } from '../../domain/errors.ts';
import { hasValidTickets, transition } from '../../domain/orders/order-state.ts';
import type { CancelEvent, CancellationProgress } from '../../contract/index.ts';
import { eventFor, type Capability } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { GaChange } from '../inventory/live-changes.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import { publish, type OrderDeps } from '../orders/deps.ts';
import type { Principal } from '../ports.ts';
import { refundWholeOrder } from './whole-refund.ts';
import type { WatchableEvents } from '../admin/watchable-events.ts';

const FAILURES_SHOWN = 100;

/** The email telling a buyer the event is cancelled and what they get back (and how). */
export const eventCancelledEmailJob = (
  orderId: string,
  refund: { amount: number; currency: string; atCounter: boolean },
): NewOutboxJob => ({
  id: randomUUID(),
  topic: OUTBOX_TOPICS.eventCancelledEmail,
  aggregateId: orderId,
  payload: { orderId, refund },
});

/**
 * The event, if the principal may act on it with `capability` (events:manage to cancel or postpone, boxoffice:sell to
 * hand back a counter order); staff of another venue do not see it.
 */
export async function eventForStaff(
  db: Queryable,
  eventId: string,
  principal: Principal | undefined,
  capability: Capability = 'events:manage',
) {
  const event = await eventFor(db, principal, capability, eventId);
  return { event, staff: principal! };
}

export class EventCancellations {
  constructor(
    private readonly deps: OrderDeps,
    /** The live view's list of watchable events, told of each cancellation as of each publish (a draft leaves it). */
    private readonly watchables?: WatchableEvents,
  ) {}

  /** Cancels the event and queues a refund job per paid order; cancelling it again answers its progress. */
  async cancel(eventId: string, request: CancelEvent, principal: Principal | undefined): Promise<CancellationProgress> {
    const { db, clock } = this.deps;
    const { event, staff } = await eventForStaff(db, eventId, principal);
    const freed = await db.transaction(async (tx) => {
      const now = clock.now();
      const locked = (await lockEventForChange(tx, eventId))!;
      if (locked.status === 'cancelled' && (await findEventChange(tx, eventId, 'cancelled'))) return null;
      await markEventCancelled(tx, eventId);
      const orders = await lockOpenOrdersOfEvent(tx, eventId);
      const reason = `The event was cancelled: ${request.reason}`;
      for (const order of orders.filter((o) => o.state === 'pending_payment')) {
        const payments = await listPayments(tx, [order.id]);
        // A payment being captured right now is left to finish: its sale finds the event cancelled and refunds it.
        if (payments.some((p) => p.state === 'completing')) continue;
        for (const payment of payments.filter((p) => p.state === 'open'))
          await updatePayment(tx, payment.id, { state: 'failed', failure_reason: 'event cancelled', now });
        await updateOrderState(tx, order.id, {
          state: transition('pending_payment', 'abandoned'),
          now,
          cancelReason: reason,
        });
      }
      const seats: SeatChangeRow[] = [];
      const ga: GaChange[] = [];
      for (const hold of await lockActiveHoldsOfEvent(tx, eventId)) {
        const ended = await endHold(tx, { id: hold.id, event_id: eventId }, now);
        seats.push(...ended.seats);
        if (ended.ga) ga.push(ended.ga);
      }
      const paid = orders.filter((o) => o.state === 'paid' || o.state === 'partially_refunded').map((o) => o.id);
      await insertEventChange(tx, {
        id: randomUUID(),
        event_id: eventId,
        kind: 'cancelled',
        reason: request.reason,
        changed_by: staff.sub,
        changed_at: now,
        previous_starts_at: locked.starts_at,
        new_starts_at: null,
        refund_deadline: null,
        orders_total: paid.length,
      });
      await insertCancellationOrders(tx, eventId, paid, now);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'event.cancel',
          objectType: 'event',
          objectId: eventId,
          venueId: event.venue_id,
          summary: `Cancelled ${event.name} (${request.reason}); ${paid.length} paid order(s) to refund`,
          before: { status: locked.status },
          after: { status: 'cancelled', reason: request.reason, ordersToRefund: paid.length },
        },
        now,
      );
      await insertOutboxJobs(
        tx,
        paid.map((orderId) => ({
          id: randomUUID(),
          topic: OUTBOX_TOPICS.eventCancellationRefund,
          aggregateId: orderId,
          payload: { eventId, orderId },
        })),
        now,
      );
      return { seats, ga };
    });
    if (freed) await publish(this.deps, eventId, freed.seats, freed.ga);
    // Told after the commit, and again on a repeat (which mends a telling that failed): a cancelled event is no
    // draft, watchable like a published one here as on `npm start` and in the deploy's list.
    await this.watchables?.allow([eventId]);
    return this.progressOf(eventId);
  }

  /** How far the refunds have got: counts, the failures with their reasons, and whether all are through. */
  async progress(eventId: string, principal: Principal | undefined): Promise<CancellationProgress> {
    await eventForStaff(this.deps.db, eventId, principal);
    return this.progressOf(eventId);
  }

  /** Runs the jobs of every failed order again now (their backoff skipped, dead ones revived). */
  async retryFailed(eventId: string, principal: Principal | undefined): Promise<{ retried: number }> {
    const { event, staff } = await eventForStaff(this.deps.db, eventId, principal);
    const failed = await listFailedCancellationOrders(this.deps.db, eventId, 100_000);
    if (failed.length === 0) return { retried: 0 };
    const now = this.deps.clock.now();
    const retried = await this.deps.db.transaction(async (tx) => {
      const count = await rerunOutboxJobsFor(
        tx,
        OUTBOX_TOPICS.eventCancellationRefund,
        failed.map((f) => f.order_id),
        now,
      );
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'event.cancellation_retry',
          objectType: 'event',
          objectId: eventId,
          venueId: event.venue_id,
          summary: `Ran ${count} failed refund(s) of cancelled ${event.name} again`,
          after: { retried: count },
        },
        now,
      );
      return count;
    });
    return { retried };
  }

  /** The outbox job of one paid order; safe to run again at any point (after a crash, or twice at once). */
  async refundOrder(orderId: string): Promise<void> {
    try {
      await this.refundOrderOnce(orderId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await updateCancellationOrder(this.deps.db, orderId, {
        state: 'failed',
        error: message,
        now: this.deps.clock.now(),
      });
      throw error;
    }
  }

  private async refundOrderOnce(orderId: string): Promise<void> {
    const { db, clock } = this.deps;
    // 1. Void the tickets and record the refund (once: a second run finds the refund the first one made).
    const refundId = await db.transaction(async (tx): Promise<string | null> => {
      const row = await lockCancellationOrder(tx, orderId);
      if (!row || row.state === 'refunded' || row.state === 'counter') return null;
      if (row.refund_id) return row.refund_id;
      const now = clock.now();
      const order = (await lockOrder(tx, orderId))!;
      if (!hasValidTickets(order.state)) {
        // Refunded or cancelled by staff before this job ran: nothing left to give back.
        await updateCancellationOrder(tx, orderId, { state: 'refunded', amount: 0, now });
        return null;
      }
      const change = (await findEventChange(tx, order.event_id, 'cancelled'))!;
      const whole = await refundWholeOrder(tx, order, {
        reason: `event cancelled: ${change.reason}`,
        requestedBy: change.changed_by,
        now,
        returnSeats: false,
      });
      if (whole.refundId) {
        await recordCancellationRefund(tx, orderId, whole.refundId, whole.amount, now);
        return whole.refundId;
      }
      await updateCancellationOrder(tx, orderId, {
        state: whole.viaProvider ? 'refunded' : 'counter',
        amount: whole.amount,
        now,
      });
      await insertOutboxJobs(
        tx,
        [
          eventCancelledEmailJob(orderId, {
            amount: whole.amount,
            currency: order.currency,
            atCounter: !whole.viaProvider,
          }),
        ],
        now,
      );
      return null;
    });
    if (!refundId) return;
    // 2. The provider gives the money back; the key derived from the refund id makes a repeat of this call a no-op.
    const refund = (await findRefund(db, refundId))!;
    if (refund.state === 'pending') {
      const payment = (await listPayments(db, [orderId])).find((p) => p.id === refund.payment_id)!;
      const result = await this.deps.payments.refund(payment, refund);
      await this.deps.faults.reached('cancellation_refund_sent');
      await db.transaction(async (tx) => {
        const now = clock.now();
        await completeRefund(tx, refund.id, { state: 'succeeded', providerRefundId: result.refundId, now });
        await this.finish(tx, orderId, refund, now);
      });
      return;
    }
    await db.transaction((tx) => this.finish(tx, orderId, refund, clock.now()));
  }

  /** 3. Counted as refunded, and the buyer told (once: only the run that moves the row writes the email job). */
  private async finish(
    tx: Queryable,
    orderId: string,
    refund: { amount: number; currency: string },
    now: Date,
  ): Promise<void> {
    if (await updateCancellationOrder(tx, orderId, { state: 'refunded', now })) {
      await insertOutboxJobs(
        tx,
        [eventCancelledEmailJob(orderId, { amount: refund.amount, currency: refund.currency, atCounter: false })],
        now,
      );
    }
  }

  private async progressOf(eventId: string): Promise<CancellationProgress> {
    const { db } = this.deps;
    const change = await findEventChange(db, eventId, 'cancelled');
    if (!change) throw new DomainError('not_found', 'This event has not been cancelled.');
    const counts = await countCancellationOrders(db, eventId);
    const failures = await listFailedCancellationOrders(db, eventId, FAILURES_SHOWN);
    return {
      eventId,
      reason: change.reason,
      cancelledBy: change.changed_by,
      cancelledAt: change.changed_at.toISOString(),
      total: change.orders_total,
      refunded: counts.refunded,
      atCounter: counts.counter,
      failed: counts.failed,
      pending: counts.pending,
      done: counts.refunded + counts.counter === change.orders_total,
      failures: failures.map((f) => ({
        orderId: f.order_id,
        orderCode: f.code,
        attempts: f.attempts,
        reason: f.last_error,
      })),
    };
  }
}
