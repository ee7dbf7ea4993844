// Gives a whole order back when the organizer changed the event: every valid ticket void, and what is left of the
// order's total after earlier refunds (the organizer's fault, so fees and all) recorded as one refund that goes to
// the payment provider afterwards (executeRefund); cash and card-terminal payments are given back at the box office.
// Used by a cancellation's per-order job and by a buyer's refund request after a postponement.
import { randomUUID } from 'node:crypto';
import { releaseOrderRedemptions } from '../../db/codes/uses.ts';
import { returnSoldSeats } from '../../db/inventory/seats.ts';
import { returnSoldGaPlaces } from '../../db/inventory/standing.ts';
import { updateOrderState, type OrderRow } from '../../db/orders.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { listPayments } from '../../db/payments.ts';
import type { Queryable } from '../../db/port.ts';
import { insertRefund } from '../../db/refunds.ts';
import { listTickets, refundTickets } from '../../db/tickets.ts';
import { transition } from '../../domain/orders/order-state.ts';
import type { GaChange } from '../inventory/live-changes.ts';
import type { SeatChangeRow } from '../../db/inventory/seats.ts';
import { passUpdateJobs } from '../jobs/outbox-topics.ts';
import { isWebPayment } from '../payments/payment-gateway.ts';
import { priceRefund } from '../orders/refund-parts.ts';

export interface WholeRefund {
  /** The refund recorded (null when nothing was left to give back). */
  refundId: string | null;
  amount: number;
  /** The refund goes to the payment provider; otherwise it is handed back at the counter. */
  viaProvider: boolean;
  seats: SeatChangeRow[];
  ga: GaChange[];
}

/**
 * Inside the caller's transaction, on a locked paid (or partly refunded) order: voids its valid tickets, records the
 * refund of what is left and cancels the order. `returnSeats`: put them back on sale (a postponed event goes on).
 */
export async function refundWholeOrder(
  tx: Queryable,
  order: OrderRow,
  change: { reason: string; requestedBy: string; now: Date; returnSeats: boolean },
): Promise<WholeRefund> {
  const { now } = change;
  const refundId = randomUUID();
  const valid = (await listTickets(tx, [order.id])).filter((t) => t.status === 'valid');
  const voided = await refundTickets(
    tx,
    order.id,
    valid.map((t) => t.id),
    refundId,
    'void',
  );
  const seats: SeatChangeRow[] = [];
  const ga: GaChange[] = [];
  if (change.returnSeats) {
    seats.push(
      ...(await returnSoldSeats(
        tx,
        order.event_id,
        order.id,
        voided.flatMap((t) => (t.seat_no === null ? [] : [t.seat_no])),
      )),
    );
    const gaCounts = new Map<string, number>();
    for (const t of voided)
      if (t.ga_section_id) gaCounts.set(t.ga_section_id, (gaCounts.get(t.ga_section_id) ?? 0) + 1);
    for (const [sectionId, quantity] of gaCounts)
      ga.push({ section_id: sectionId, ...(await returnSoldGaPlaces(tx, order.event_id, sectionId, quantity)) });
  }
  await insertOutboxJobs(tx, passUpdateJobs(voided.map((t) => t.id)), now); // passes: voided
  // A transferred ticket's order (paid by 'transfer') has no payment: nothing of it goes back (the sender's order
  // holds the money and is refunded in full).
  const payment = (await listPayments(tx, [order.id])).find((p) => p.state === 'captured');
  // What is left, part by part from the order's breakdown (refund fees kept by earlier buyer refunds stay kept).
  const refund = await priceRefund(tx, order, valid, voided, { kind: 'cancel' });
  const amount = refund.amount;
  const viaProvider = payment !== undefined && isWebPayment(payment.method);
  // Cash and card-terminal money is handed back at the box office, which records that refund there.
  if (amount > 0 && viaProvider) {
    await insertRefund(tx, {
      id: refundId,
      order_id: order.id,
      payment_id: payment!.id,
      amount,
      currency: order.currency,
      ticket_ids: voided.map((t) => t.id),
      reason: change.reason,
      requested_by: change.requestedBy,
      state: 'pending',
      provider_refund_id: null,
      created_at: now,
      breakdown: refund.breakdown,
    });
  }
  await updateOrderState(tx, order.id, {
    state: transition(order.state, 'cancelled_by_staff'),
    now,
    cancelReason: change.reason,
    ...(viaProvider ? { refundedAmount: order.refunded_amount + amount } : {}),
  });
  // A code used on the order counts as used no longer: the organizer undid the sale, not the buyer.
  await releaseOrderRedemptions(tx, order.id, now);
  return { refundId: amount > 0 && viaProvider ? refundId : null, amount, viaProvider, seats, ga };
}
