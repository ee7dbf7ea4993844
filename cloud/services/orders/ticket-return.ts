// Giving tickets back, inside the caller's transaction on a locked paid order: the tickets marked refunded (or void),
// their seats and standing places back on sale, the refund recorded with its breakdown (sent to the provider for web
// payments by an outbox job; cash and card-terminal money is handed back at the counter, so recorded as settled), the
// buyer's email written, and the order's state and refunded amount moved on. Staff refunds, cancellations and buyers'
// refund requests all end here.
import { randomUUID } from 'node:crypto';
import { releaseOrderRedemptions } from '../../db/codes/uses.ts';
import { returnSoldSeats, type SeatChangeRow } from '../../db/inventory/seats.ts';
import { returnSoldGaPlaces } from '../../db/inventory/standing.ts';
import { updateOrderState, type OrderRow } from '../../db/orders.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import type { PaymentRow } from '../../db/payments.ts';
import type { Queryable } from '../../db/port.ts';
import { insertRefund } from '../../db/refunds.ts';
import { refundTickets, type TicketRow } from '../../db/tickets.ts';
import { countPassedOnTickets, markPassedOnRefunded } from '../../db/transfers.ts';
import { DomainError } from '../../domain/errors.ts';
import { refundEvent, transition } from '../../domain/orders/order-state.ts';
import type { GaChange } from '../inventory/live-changes.ts';
import { isWebPayment } from '../payments/payment-gateway.ts';
import { orderJob, OUTBOX_TOPICS, passUpdateJobs, refundJob } from '../jobs/outbox-topics.ts';
import type { PricedRefund } from './refund-parts.ts';

export interface TicketReturn {
  order: OrderRow;
  payment: PaymentRow;
  /** The order's valid tickets, and those of them given back. */
  valid: readonly TicketRow[];
  chosen: readonly TicketRow[];
  refund: PricedRefund;
  reason: string;
  requestedBy: string;
  /** Card-terminal payments: the terminal's reference of the refund made at the counter. */
  terminalReference?: string;
  /** The whole order is cancelled (tickets void, codes' uses given back), rather than tickets refunded. */
  cancel: boolean;
  /** Passed-on tickets of the order (`transferred`) whose money goes back too: marked refunded here; the tickets
   * holding their places now are the caller's to stop (passed-on-return.ts). */
  passedOnIds?: readonly string[];
  now: Date;
}

export interface Returned {
  /** The refund's id (its row exists when money went back or it has a breakdown). */
  refundId: string;
  /** The refund to send to the provider now (null when none or settled at the counter). */
  providerRefundId: string | null;
  order: OrderRow;
  seats: SeatChangeRow[];
  ga: GaChange[];
}

/** The seats and standing places of tickets given back, on sale again. */
export async function backOnSale(
  tx: Queryable,
  order: Pick<OrderRow, 'id' | 'event_id'>,
  tickets: readonly TicketRow[],
): Promise<{ seats: SeatChangeRow[]; ga: GaChange[] }> {
  const seats = await returnSoldSeats(
    tx,
    order.event_id,
    order.id,
    tickets.flatMap((t) => (t.seat_no === null ? [] : [t.seat_no])),
  );
  const ga: GaChange[] = [];
  const gaCounts = new Map<string, number>();
  for (const t of tickets) if (t.ga_section_id) gaCounts.set(t.ga_section_id, (gaCounts.get(t.ga_section_id) ?? 0) + 1);
  for (const [sectionId, quantity] of gaCounts) {
    ga.push({ section_id: sectionId, ...(await returnSoldGaPlaces(tx, order.event_id, sectionId, quantity)) });
  }
  return { seats, ga };
}

export async function returnTickets(tx: Queryable, change: TicketReturn): Promise<Returned> {
  const { order, payment, now, refund } = change;
  const refundId = randomUUID();
  const refunded = await refundTickets(
    tx,
    order.id,
    change.chosen.map((t) => t.id),
    refundId,
    change.cancel ? 'void' : 'refunded',
  );
  const passedOnIds = change.passedOnIds?.length
    ? await markPassedOnRefunded(tx, order.id, [...change.passedOnIds], refundId)
    : [];
  if (passedOnIds.length !== (change.passedOnIds?.length ?? 0)) {
    throw new DomainError('order_state_conflict', 'A passed-on ticket was refunded meanwhile; look again.', {
      retryable: true,
    });
  }
  const { seats, ga } = await backOnSale(tx, order, refunded);
  // passes: their wallet passes are voided (Apple devices woken, Google's objects made inactive).
  await insertOutboxJobs(tx, passUpdateJobs(refunded.map((t) => t.id)), now);
  const viaProvider = isWebPayment(payment.method) && refund.amount > 0;
  // A refund part by part is kept even when nothing is paid back (the refund fee took it all): later refunds of the
  // order read which tickets it gave back. A refund of ticket prices alone is only kept when money goes back.
  if (refund.amount > 0 || refund.breakdown) {
    await insertRefund(tx, {
      id: refundId,
      order_id: order.id,
      payment_id: payment.id,
      amount: refund.amount,
      currency: order.currency,
      ticket_ids: [...refunded.map((t) => t.id), ...passedOnIds],
      reason: change.reason,
      requested_by: change.requestedBy,
      state: viaProvider ? 'pending' : 'succeeded',
      provider_refund_id: payment.method === 'card_terminal' ? (change.terminalReference ?? null) : null,
      created_at: now,
      breakdown: refund.breakdown,
    });
    if (viaProvider) await insertOutboxJobs(tx, [refundJob(refundId, order.id)], now);
  }
  // The buyer hears of it by email (fulfilment), in the same transaction as the refund.
  await insertOutboxJobs(
    tx,
    [orderJob(change.cancel ? OUTBOX_TOPICS.cancellationEmail : OUTBOX_TOPICS.refundEmail, order.id)],
    now,
  );
  // Tickets passed on and not refunded are still paid for by this order: it is not refunded in full while they last.
  const passedOnLeft = change.cancel ? 0 : await countPassedOnTickets(tx, order.id);
  const state = transition(
    order.state,
    change.cancel ? 'cancelled_by_staff' : refundEvent(change.valid.length - refunded.length + passedOnLeft),
  );
  // A cancelled order gives its codes' uses back (a refund leaves them counted: the code was used).
  if (change.cancel) await releaseOrderRedemptions(tx, order.id, now);
  const refundedAmount = order.refunded_amount + refund.amount;
  await updateOrderState(tx, order.id, {
    state,
    now,
    refundedAmount,
    ...(change.cancel ? { cancelReason: change.reason } : {}),
  });
  return {
    refundId,
    providerRefundId: viaProvider ? refundId : null,
    order: {
      ...order,
      state,
      refunded_amount: refundedAmount,
      cancel_reason: change.cancel ? change.reason : order.cancel_reason,
    },
    seats,
    ga,
  };
}
