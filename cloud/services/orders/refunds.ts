// Refunds and cancellations of orders, the box office's and the back office's alike (boxoffice:sell or orders:manage
// at the order's venue: access/order-access.ts; the back office's routes also ask orders:manage first): chosen tickets or the whole order, seats and
// places back on sale, tickets refunded or voided, money back the way it came — through the provider for web
// payments (inline, with an outbox job that retries), recorded for cash and card-terminal refunds made at the counter.
// Orders priced with a breakdown give back by part (refund-parts.ts): a refund of chosen tickets follows the event's
// refund policy's fee rules but not its deadline, and keeps its refund fee unless the clerk waives it
// (`waiveRefundFee`); a cancellation of the whole order gives back everything that is left. A ticket passed on by
// transfer is refunded here, at the order that paid for it, priced as its own line: the ticket holding its place now
// (followed along the transfers) is stopped in the same transaction (passed-on-return.ts).
import { releaseOrderRedemptions } from '../../db/codes/uses.ts';
import { endHold } from '../../db/inventory/holds.ts';
import { findOrder, lockOrder, updateOrderState } from '../../db/orders.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { listPayments, updatePayment } from '../../db/payments.ts';
import { listTickets } from '../../db/tickets.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatMoney } from '../../domain/format.ts';
import { hasValidTickets, transition } from '../../domain/orders/order-state.ts';
import type { CancelOrder, CreateRefund, Order, RefundQuote, RefundQuoteRequest } from '../../contract/index.ts';
import type { Principal } from '../ports.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { assertCanRefund } from '../access/order-access.ts';
import { assertNotReceivedByTransfer, assertNothingPassedOn, choosePassedOn } from '../transfers/transfer-refunds.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { orderJob, OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import { publish, viewOf, type OrderDeps } from './deps.ts';
import { executeRefund, tryRefundNow } from './provider-refunds.ts';
import { chooseTickets, priceRefund } from './refund-parts.ts';
import { returnPassedOn } from './passed-on-return.ts';
import { returnTickets } from './ticket-return.ts';

export class OrderRefunds {
  constructor(private readonly deps: OrderDeps) {}

  /** Refunds chosen tickets (all valid ones when none are named): seats back on sale, money back the way it came. */
  async refund(
    orderId: string,
    request: CreateRefund,
    principal: Principal | undefined,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    return this.giveBack(orderId, { ...request, cancel: false }, principal, idempotency);
  }

  /** Cancels the whole order: a pending one simply ends; a paid one is refunded in full and its tickets voided. */
  async cancel(
    orderId: string,
    request: CancelOrder,
    principal: Principal | undefined,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    return this.giveBack(orderId, { ...request, cancel: true }, principal, idempotency);
  }

  /** What a refund of these tickets (or the cancellation of the whole order) would give back now, by the same rules
   * as the refund itself; nothing changes. */
  async quote(orderId: string, request: RefundQuoteRequest, principal: Principal | undefined): Promise<RefundQuote> {
    const { db } = this.deps;
    const order = await findOrder(db, orderId);
    if (!order) throw new DomainError('not_found', 'No such order.');
    assertCanRefund(order, principal);
    await assertNotReceivedByTransfer(db, order, request.cancel ? undefined : request.ticketIds);
    if (!hasValidTickets(order.state)) {
      throw new DomainError(
        'order_state_conflict',
        `This order is ${order.state.replace('_', ' ')}; nothing to refund.`,
      );
    }
    const tickets = await listTickets(db, [orderId]);
    if (request.cancel) assertNothingPassedOn(tickets);
    const { ownIds, passedOn } = await choosePassedOn(db, tickets, request.cancel ? undefined : request.ticketIds);
    const { chosen } = chooseTickets(tickets, ownIds);
    const refund = await priceRefund(
      db,
      order,
      tickets,
      [...chosen, ...passedOn.map((p) => p.original)],
      request.cancel ? { kind: 'cancel' } : { kind: 'staff', waiveRefundFee: request.waiveRefundFee ?? false },
    );
    return { amount: { amount: refund.amount, currency: order.currency }, breakdown: refund.breakdown };
  }

  /** Sends a pending refund to the provider: the outbox's payment refund job. */
  executeRefund(refundId: string): Promise<void> {
    return executeRefund(this.deps, refundId);
  }

  private async giveBack(
    orderId: string,
    request: {
      ticketIds?: string[];
      reason: string;
      terminalReference?: string;
      waiveRefundFee?: boolean;
      cancel: boolean;
    },
    principal: Principal | undefined,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    const { db, clock } = this.deps;
    const found = await findOrder(db, orderId);
    if (!found) throw new DomainError('not_found', 'No such order.');
    assertCanRefund(found, principal);
    // A recipient's order holds no payment; its money is refunded from the original order.
    await assertNotReceivedByTransfer(db, found, request.cancel ? undefined : request.ticketIds);
    const staff = principal!;
    const requestedBy = staff.sub;
    const outcome = await db.transaction(async (tx) => {
      const now = clock.now();
      const order = (await lockOrder(tx, orderId))!;
      if (request.cancel && order.state === 'pending_payment') {
        const payments = await listPayments(tx, [orderId]);
        if (payments.some((p) => p.state === 'completing')) {
          throw new DomainError(
            'order_state_conflict',
            'A payment of this order is being completed; try again shortly.',
            {
              retryable: true,
            },
          );
        }
        for (const payment of payments.filter((p) => p.state === 'open')) {
          await updatePayment(tx, payment.id, { state: 'failed', failure_reason: 'cancelled', now });
        }
        await updateOrderState(tx, orderId, {
          state: transition(order.state, 'cancelled_by_staff'),
          now,
          cancelReason: request.reason,
        });
        await releaseOrderRedemptions(tx, orderId, now);
        const freed = await endHold(tx, { id: order.hold_id, event_id: order.event_id }, now);
        await insertOutboxJobs(tx, [orderJob(OUTBOX_TOPICS.cancellationEmail, orderId)], now);
        await recordStaffAction(
          tx,
          staff,
          {
            action: 'order.cancel',
            objectType: 'order',
            objectId: orderId,
            venueId: order.venue_id,
            summary: `Cancelled unpaid order ${order.code}: ${request.reason}`,
            before: { state: order.state },
            after: { state: 'cancelled', cancelReason: request.reason },
          },
          now,
        );
        await idempotency.complete(
          tx,
          await viewOf(this.deps, tx, { ...order, state: 'cancelled', cancel_reason: request.reason }),
        );
        return { refundId: null, seats: freed.seats, ga: freed.ga ? [freed.ga] : [] };
      }
      if (!hasValidTickets(order.state)) {
        throw new DomainError(
          'order_state_conflict',
          `This order is ${order.state.replace('_', ' ')}; nothing to refund.`,
        );
      }
      const tickets = await listTickets(tx, [orderId]);
      if (request.cancel) assertNothingPassedOn(tickets);
      // Passed-on tickets are followed to the tickets holding their places now, which this refund stops.
      const { ownIds, passedOn } = await choosePassedOn(tx, tickets, request.ticketIds);
      const { valid, chosen: chosenRows } = chooseTickets(tickets, ownIds);
      const payment = (await listPayments(tx, [orderId])).find((p) => p.state === 'captured')!;
      if (payment.method === 'card_terminal' && !request.terminalReference) {
        throw new DomainError('validation_failed', 'Refund it on the card terminal first and give its reference.', {
          field: 'terminalReference',
        });
      }
      const refund = await priceRefund(
        tx,
        order,
        tickets,
        [...chosenRows, ...passedOn.map((p) => p.original)],
        request.cancel ? { kind: 'cancel' } : { kind: 'staff', waiveRefundFee: request.waiveRefundFee ?? false },
      );
      const returned = await returnTickets(tx, {
        order,
        payment,
        valid,
        chosen: chosenRows,
        refund,
        reason: request.reason,
        requestedBy,
        ...(request.terminalReference ? { terminalReference: request.terminalReference } : {}),
        cancel: request.cancel,
        passedOnIds: passedOn.map((p) => p.original.id),
        now,
      });
      const holders = passedOn.length
        ? await returnPassedOn(tx, {
            payer: order,
            passedOn,
            refundId: returned.refundId,
            reason: request.reason,
            staff,
            now,
          })
        : { seats: [], ga: [] };
      const after = returned.order;
      const count = chosenRows.length + passedOn.length;
      await recordStaffAction(
        tx,
        staff,
        {
          action: request.cancel ? 'order.cancel' : 'order.refund',
          objectType: 'order',
          objectId: orderId,
          venueId: order.venue_id,
          summary: `${request.cancel ? 'Cancelled order' : `Refunded ${count} ticket${count === 1 ? '' : 's'}${passedOn.length ? ` (${passedOn.length} passed on)` : ''} of order`} ${order.code}, ${formatMoney({ amount: refund.amount, currency: order.currency })} back: ${request.reason}`,
          before: { state: order.state, refunded: order.refunded_amount },
          after: {
            state: after.state,
            refunded: after.refunded_amount,
            ticketIds: [...chosenRows, ...passedOn.map((p) => p.original)].map((t) => t.id),
            ...(passedOn.length ? { holderTicketIds: passedOn.map((p) => p.current.id) } : {}),
          },
        },
        now,
      );
      await idempotency.complete(tx, await viewOf(this.deps, tx, after));
      return {
        refundId: returned.providerRefundId,
        seats: [...returned.seats, ...holders.seats],
        ga: [...returned.ga, ...holders.ga],
      };
    });
    await publish(this.deps, found.event_id, outcome.seats, outcome.ga);
    if (outcome.refundId) await tryRefundNow(this.deps, outcome.refundId);
    return viewOf(this.deps, db, (await findOrder(db, orderId))!);
  }
}
