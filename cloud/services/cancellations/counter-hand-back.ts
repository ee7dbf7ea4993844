// The box office gives back the money of a cancelled event's order that was paid at a counter: the cancellation voided
// its tickets and left the money to the box office (cash and card-terminal payments have no provider to refund
// through). A clerk of the venue records handing it back, in cash from the drawer or on the card terminal with its
// reference: one refund row of what the cancellation left to give back (so the clerk's shift report counts it out of
// this drawer), the order refunded, the cancellation's progress moved on, the buyer emailed, and the action in the
// audit log — in one transaction.
import { randomUUID } from 'node:crypto';
import { lockCancellationOrder, markCounterOrderHandedBack } from '../../db/event-changes.ts';
import { findOrder, lockOrder, updateOrderState } from '../../db/orders.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { listPayments } from '../../db/payments.ts';
import { insertRefund } from '../../db/refunds.ts';
import { listTickets } from '../../db/tickets.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatMoney } from '../../domain/format.ts';
import type { CounterHandBack, Order } from '../../contract/index.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { orderJob, OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import { viewOf, type OrderDeps } from '../orders/deps.ts';
import type { Principal } from '../ports.ts';
import { eventForStaff } from './event-cancellation.ts';

const METHOD_WORDS = { cash: 'in cash', card_terminal: 'on the card terminal' } as const;

export class CounterHandBacks {
  constructor(private readonly deps: OrderDeps) {}

  async handBack(
    orderId: string,
    request: CounterHandBack,
    principal: Principal | undefined,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    const { db, clock } = this.deps;
    const found = await findOrder(db, orderId);
    if (!found) throw new DomainError('not_found', 'No such order.');
    const { event, staff } = await eventForStaff(db, found.event_id, principal, 'boxoffice:sell');
    return db.transaction(async (tx) => {
      const now = clock.now();
      const waiting = await lockCancellationOrder(tx, orderId);
      if (!waiting || waiting.state !== 'counter') {
        throw new DomainError(
          'order_state_conflict',
          waiting?.state === 'refunded'
            ? 'The money of this order has been given back already.'
            : 'This order has no money waiting at the box office: only orders of a cancelled event paid at a counter do.',
        );
      }
      const order = (await lockOrder(tx, orderId))!;
      const payment = (await listPayments(tx, [orderId])).find((p) => p.state === 'captured')!;
      if (payment.method !== request.method) {
        throw new DomainError(
          'validation_failed',
          `This order was paid ${payment.method === 'cash' ? 'in cash' : 'by card at the counter'}: give it back the same way.`,
          { field: 'method' },
        );
      }
      // What the cancellation left to the counter (refund fees kept by earlier refunds stay kept).
      const amount = waiting.amount ?? order.total_amount - order.refunded_amount - order.credit_out_amount;
      const refundId = randomUUID();
      const tickets = await listTickets(tx, [orderId]);
      await insertRefund(tx, {
        id: refundId,
        order_id: orderId,
        payment_id: payment.id,
        amount,
        currency: order.currency,
        ticket_ids: tickets.map((t) => t.id),
        reason: `event cancelled: handed back ${METHOD_WORDS[request.method]}`,
        requested_by: staff.sub,
        state: 'succeeded',
        provider_refund_id: request.method === 'card_terminal' ? request.terminalReference : null,
        created_at: now,
      });
      await updateOrderState(tx, orderId, { state: order.state, now, refundedAmount: order.refunded_amount + amount });
      await markCounterOrderHandedBack(tx, orderId, { refundId, now });
      await insertOutboxJobs(tx, [orderJob(OUTBOX_TOPICS.refundEmail, orderId)], now);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'order.hand_back',
          objectType: 'order',
          objectId: orderId,
          venueId: event.venue_id,
          summary: `Handed back ${formatMoney({ amount, currency: order.currency })} ${METHOD_WORDS[request.method]} for order ${order.code} of cancelled ${event.name}`,
          before: { refundedAmount: order.refunded_amount },
          after: { refundedAmount: order.refunded_amount + amount },
        },
        now,
      );
      const view = await viewOf(this.deps, tx, { ...order, refunded_amount: order.refunded_amount + amount });
      await idempotency.complete(tx, view);
      return view;
    });
  }
}
