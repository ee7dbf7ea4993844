// Postponing an event (staff of its venue): its start moves, every buyer with valid tickets is emailed the new date
// and a link to their order, and until the refund deadline a buyer may ask for their money back in full (their
// tickets void, their seats back on sale, the refund through the provider).
import { randomUUID } from 'node:crypto';
import {
  findEventChange,
  insertEventChange,
  listOrdersWithValidTickets,
  lockEventForChange,
  moveEventStart,
} from '../../db/event-changes.ts';
import { findOrder, lockOrder } from '../../db/orders.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { listTickets } from '../../db/tickets.ts';
import { listPassTicketsOfEvent } from '../../db/wallet-passes.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import type { Order, PostponeEvent, Postponement, RefundRequest } from '../../contract/index.ts';
import { canSeeOrder, type OrderAccess } from '../access/order-access.ts';
import { OUTBOX_TOPICS, passUpdateJobs, refundJob } from '../jobs/outbox-topics.ts';
import { publish, viewOf, type OrderDeps } from '../orders/deps.ts';
import { assertRefundableOnline, refundByPolicy } from '../orders/buyer-refunds.ts';
import { tryRefundNow } from '../orders/provider-refunds.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import type { Principal } from '../ports.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { assertNothingPassedOn } from '../transfers/transfer-refunds.ts';
import { eventForStaff } from './event-cancellation.ts';
import { refundWholeOrder } from './whole-refund.ts';

export class EventPostponements {
  constructor(private readonly deps: OrderDeps) {}

  async postpone(eventId: string, request: PostponeEvent, principal: Principal | undefined): Promise<Postponement> {
    const { db, clock } = this.deps;
    const { event, staff } = await eventForStaff(db, eventId, principal);
    const startsAt = new Date(request.startsAt);
    const refundDeadline = new Date(request.refundDeadline);
    const now = clock.now();
    if (startsAt <= now)
      throw new DomainError('validation_failed', 'The new start is in the past.', { field: 'startsAt' });
    if (refundDeadline <= now || refundDeadline > startsAt) {
      throw new DomainError('validation_failed', 'The refund deadline must be after now and before the new start.', {
        field: 'refundDeadline',
      });
    }
    return db.transaction(async (tx) => {
      const locked = (await lockEventForChange(tx, eventId))!;
      if (locked.status === 'cancelled') throw new DomainError('event_cancelled', 'This event is cancelled.');
      await moveEventStart(tx, eventId, startsAt);
      await insertEventChange(tx, {
        id: randomUUID(),
        event_id: eventId,
        kind: 'postponed',
        reason: request.reason ?? 'postponed',
        changed_by: staff.sub,
        changed_at: now,
        previous_starts_at: locked.starts_at,
        new_starts_at: startsAt,
        refund_deadline: refundDeadline,
        orders_total: 0,
      });
      const orderIds = await listOrdersWithValidTickets(tx, eventId);
      // passes: the new date reaches the wallet passes handed out (Apple devices woken, Google's objects patched).
      await insertOutboxJobs(tx, passUpdateJobs(await listPassTicketsOfEvent(tx, eventId)), now);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'event.postpone',
          objectType: 'event',
          objectId: eventId,
          venueId: event.venue_id,
          summary: `Postponed ${event.name} to ${startsAt.toISOString()}; ${orderIds.length} buyer(s) told`,
          before: { startsAt: locked.starts_at.toISOString() },
          after: { startsAt: startsAt.toISOString(), refundDeadline: refundDeadline.toISOString() },
        },
        now,
      );
      await insertOutboxJobs(
        tx,
        orderIds.map((orderId) => ({
          id: randomUUID(),
          topic: OUTBOX_TOPICS.eventPostponedEmail,
          aggregateId: orderId,
          payload: { orderId, startsAt: startsAt.toISOString(), refundDeadline: refundDeadline.toISOString() },
        })),
        now,
      );
      return {
        eventId,
        previousStartsAt: locked.starts_at.toISOString(),
        startsAt: startsAt.toISOString(),
        refundDeadline: refundDeadline.toISOString(),
        notified: orderIds.length,
      };
    });
  }

  /** The buyer asks for their money back: after a postponement, in full until its deadline; otherwise (and after
   * that deadline) by the event's refund policy (buyer-refunds.ts). A postponed event whose policy gives no refund
   * any more answers that the postponement's deadline passed. */
  async requestRefund(
    orderId: string,
    request: RefundRequest,
    access: OrderAccess,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    const { db, clock } = this.deps;
    const found = await findOrder(db, orderId);
    if (!found || !canSeeOrder(found, access)) throw new DomainError('not_found', 'No such order.');
    const postponed = await findEventChange(db, found.event_id, 'postponed');
    const requestedBy = access.principal?.sub ?? 'buyer';
    if (!postponed || clock.now() > postponed.refund_deadline!) {
      try {
        return await refundByPolicy(this.deps, orderId, request, requestedBy, idempotency);
      } catch (error) {
        const closed = isDomainError(error) && ['refund_not_allowed', 'refund_window_closed'].includes(error.code);
        if (!postponed || !closed) throw error;
        throw deadlinePassed(postponed.refund_deadline!);
      }
    }
    const outcome = await db.transaction(async (tx) => {
      const now = clock.now();
      if (now > postponed.refund_deadline!) throw deadlinePassed(postponed.refund_deadline!);
      const order = (await lockOrder(tx, orderId))!;
      assertRefundableOnline(order);
      assertNothingPassedOn(await listTickets(tx, [orderId]));
      const whole = await refundWholeOrder(tx, order, {
        reason: `event postponed${request.reason ? `: ${request.reason}` : ''}`,
        requestedBy,
        now,
        returnSeats: true,
      });
      if (whole.refundId) await insertOutboxJobs(tx, [refundJob(whole.refundId, orderId)], now);
      await insertOutboxJobs(
        tx,
        [{ id: randomUUID(), topic: OUTBOX_TOPICS.cancellationEmail, aggregateId: orderId, payload: { orderId } }],
        now,
      );
      await idempotency.complete(tx, await viewOf(this.deps, tx, (await findOrder(tx, orderId))!));
      return whole;
    });
    await publish(this.deps, found.event_id, outcome.seats, outcome.ga);
    if (outcome.refundId) await tryRefundNow(this.deps, outcome.refundId);
    return viewOf(this.deps, db, (await findOrder(db, orderId))!);
  }
}

const deadlinePassed = (deadline: Date) =>
  new DomainError(
    'refund_deadline_passed',
    `Refunds for the postponed event could be asked for until ${deadline.toISOString()}.`,
    { deadline: deadline.toISOString() },
  );
