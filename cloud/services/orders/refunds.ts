// Refunds and cancellations of orders (clerk of the venue, or admin): chosen tickets or the whole order, seats and
// places back on sale, tickets refunded or voided, money back the way it came — through the provider for web
// payments (inline, with an outbox job that retries), recorded for cash and card-terminal refunds made at the counter.
import { releaseOrderRedemptions } from '../../db/codes/uses.ts';
import { randomUUID } from 'node:crypto';
import { endHold } from '../../db/inventory/holds.ts';
import { returnSoldSeats } from '../../db/inventory/seats.ts';
import { returnSoldGaPlaces } from '../../db/inventory/standing.ts';
import { findOrder, lockOrder, updateOrderState } from '../../db/orders.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { listPayments, updatePayment } from '../../db/payments.ts';
import { insertRefund } from '../../db/refunds.ts';
import { listTickets, refundTickets } from '../../db/tickets.ts';
import { DomainError } from '../../domain/errors.ts';
import { hasValidTickets, refundEvent, transition } from '../../domain/orders/order-state.ts';
import type { CancelOrder, CreateRefund, Order } from '../../contract/index.ts';
import type { Principal } from '../ports.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import type { GaChange } from '../inventory/live-changes.ts';
import { isWebPayment } from '../payments/payment-gateway.ts';
import { assertCanRefund } from '../access/order-access.ts';
import { orderJob, OUTBOX_TOPICS, refundJob } from '../jobs/outbox-topics.ts';
import { publish, viewOf, type OrderDeps } from './deps.ts';
import { executeRefund, tryRefundNow } from './provider-refunds.ts';

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

  /** Sends a pending refund to the provider: the outbox's payment refund job. */
  executeRefund(refundId: string): Promise<void> {
    return executeRefund(this.deps, refundId);
  }

  private async giveBack(
    orderId: string,
    request: { ticketIds?: string[]; reason: string; terminalReference?: string; cancel: boolean },
    principal: Principal | undefined,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    const { db, clock } = this.deps;
    const found = await findOrder(db, orderId);
    if (!found) throw new DomainError('not_found', 'No such order.');
    assertCanRefund(found, principal);
    const requestedBy = principal!.sub;
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
      const valid = (await listTickets(tx, [orderId])).filter((t) => t.status === 'valid');
      const chosen = request.ticketIds ?? valid.map((t) => t.id);
      const notValid = chosen.filter((id) => !valid.some((t) => t.id === id));
      if (notValid.length > 0) {
        throw new DomainError('validation_failed', `Not valid tickets of this order: ${notValid.join(', ')}.`, {
          field: 'ticketIds',
        });
      }
      const payment = (await listPayments(tx, [orderId])).find((p) => p.state === 'captured')!;
      if (payment.method === 'card_terminal' && !request.terminalReference) {
        throw new DomainError('validation_failed', 'Refund it on the card terminal first and give its reference.', {
          field: 'terminalReference',
        });
      }
      const refundId = randomUUID();
      const refunded = await refundTickets(tx, orderId, chosen, refundId, request.cancel ? 'void' : 'refunded');
      const amount = refunded.reduce((sum, t) => sum + t.price_amount, 0);
      const seats = await returnSoldSeats(
        tx,
        order.event_id,
        orderId,
        refunded.flatMap((t) => (t.seat_no === null ? [] : [t.seat_no])),
      );
      const ga: GaChange[] = [];
      const gaCounts = new Map<string, number>();
      for (const t of refunded)
        if (t.ga_section_id) gaCounts.set(t.ga_section_id, (gaCounts.get(t.ga_section_id) ?? 0) + 1);
      for (const [sectionId, quantity] of gaCounts) {
        ga.push({ section_id: sectionId, ...(await returnSoldGaPlaces(tx, order.event_id, sectionId, quantity)) });
      }
      const viaProvider = isWebPayment(payment.method);
      if (amount > 0) {
        await insertRefund(tx, {
          id: refundId,
          order_id: orderId,
          payment_id: payment.id,
          amount,
          currency: order.currency,
          ticket_ids: refunded.map((t) => t.id),
          reason: request.reason,
          requested_by: requestedBy,
          // Cash is handed back and card-terminal refunds are made at the counter; web payments go to the provider.
          state: viaProvider ? 'pending' : 'succeeded',
          provider_refund_id: payment.method === 'card_terminal' ? request.terminalReference! : null,
          created_at: now,
        });
        if (viaProvider) await insertOutboxJobs(tx, [refundJob(refundId, orderId)], now);
      }
      // The buyer hears of it by email (fulfilment), in the same transaction as the refund.
      await insertOutboxJobs(
        tx,
        [orderJob(request.cancel ? OUTBOX_TOPICS.cancellationEmail : OUTBOX_TOPICS.refundEmail, orderId)],
        now,
      );
      const state = transition(
        order.state,
        request.cancel ? 'cancelled_by_staff' : refundEvent(valid.length - refunded.length),
      );
      // A cancelled order gives its codes' uses back (a refund leaves them counted: the code was used).
      if (request.cancel) await releaseOrderRedemptions(tx, orderId, now);
      const refundedAmount = order.refunded_amount + amount;
      await updateOrderState(tx, orderId, {
        state,
        now,
        refundedAmount,
        ...(request.cancel ? { cancelReason: request.reason } : {}),
      });
      const after = {
        ...order,
        state,
        refunded_amount: refundedAmount,
        cancel_reason: request.cancel ? request.reason : order.cancel_reason,
      };
      await idempotency.complete(tx, await viewOf(this.deps, tx, after));
      return { refundId: amount > 0 && viaProvider ? refundId : null, seats, ga };
    });
    await publish(this.deps, found.event_id, outcome.seats, outcome.ga);
    if (outcome.refundId) await tryRefundNow(this.deps, outcome.refundId);
    return viewOf(this.deps, db, (await findOrder(db, orderId))!);
  }
}
