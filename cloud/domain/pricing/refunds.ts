// Refunds of tickets: under the event's refund policy when the buyer asks, or in full when it is the organizer's
// doing (the event is cancelled). A refund gives back what is left of each part (refund-parts.ts), so no sequence of
// refunds ever gives back more than was paid; the refund of an order's last ticket brings the order and delivery fees
// back with it when the policy says so (always, for the organizer's refunds).
import type { PriceBreakdown, RefundBreakdown, RefundPolicy, RefundedPart } from '../../contract/index.ts';
import { accepted, rejected, type Checked, type PricingError } from './errors.ts';
import { NOTHING, remainingParts } from './refund-parts.ts';
import { percentOf } from './rounding.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RefundRequest {
  breakdown: PriceBreakdown;
  /** The ticket lines to give back. */
  lineIds: readonly string[];
  policy: RefundPolicy;
  eventStartsAt: Date;
  now: Date;
  /** 'buyer': under the policy (deadline, refund fee, fees by its rule); 'organizer': the organizer's doing
   * (cancelled event, a seat that cannot be used): everything that is left, no fee, no deadline. */
  cause: 'buyer' | 'organizer';
  /** The order's earlier refunds. */
  previous?: readonly RefundBreakdown[];
}

/** The last moment a buyer may ask for a refund (exclusive): N × 24 h before the start; null if never. */
export function refundDeadline(eventStartsAt: Date, policy: Pick<RefundPolicy, 'refundableUntilDaysBefore'>) {
  const days = policy.refundableUntilDaysBefore;
  return days === null ? null : new Date(eventStartsAt.getTime() - days * DAY_MS);
}

/**
 * What goes back when these tickets are returned, part by part. Errors: `refund_not_allowed` (the policy allows no
 * buyer refunds), `refund_window_closed` (past the deadline), `refund_line_unknown`, `already_refunded` (the ticket
 * was given back before) — each line error names its line.
 */
export function refundAmounts(request: RefundRequest): Checked<RefundBreakdown> {
  const { breakdown, policy, cause } = request;
  if (cause === 'buyer') {
    const deadline = refundDeadline(request.eventStartsAt, policy);
    if (!deadline) return rejected([{ code: 'refund_not_allowed', detail: 'This event does not offer refunds.' }]);
    if (request.now >= deadline) {
      return rejected([{ code: 'refund_window_closed', detail: `Refunds closed at ${deadline.toISOString()}.` }]);
    }
  }
  const parts = remainingParts(breakdown, request.previous);
  const wanted = new Set(request.lineIds);
  const errors: PricingError[] = [];
  for (const lineId of wanted) {
    const line = parts.tickets.find((t) => t.lineId === lineId);
    if (!line) errors.push({ code: 'refund_line_unknown', detail: 'The order has no such ticket.', lineId });
    else if (line.returned) errors.push({ code: 'already_refunded', detail: 'This ticket was refunded.', lineId });
  }
  if (errors.length) return rejected(errors);

  const byOrganizer = cause === 'organizer';
  const tickets = parts.tickets
    .filter((line) => wanted.has(line.lineId))
    .map((line) => {
      const serviceFee = byOrganizer || policy.refundServiceFees ? line.serviceFee : NOTHING;
      const fee = byOrganizer || !policy.refundFee ? 0 : feeOn(policy.refundFee, line.ticket.credited);
      return {
        lineId: line.lineId,
        returned: true,
        ticket: line.ticket,
        serviceFee,
        refundFee: Math.min(fee, line.ticket.credited + serviceFee.credited),
      };
    });
  const lastTickets = parts.tickets.every((line) => line.returned || wanted.has(line.lineId));
  const orderFee = lastTickets && (byOrganizer || policy.refundOrderFee) ? parts.orderFee : NOTHING;
  const deliveryFee = lastTickets && (byOrganizer || policy.refundDeliveryFee) ? parts.deliveryFee : NOTHING;
  return accepted(refundOf(breakdown.currency, tickets, orderFee, deliveryFee));
}

/** The refund of everything not yet credited (the event is cancelled): every ticket not yet returned, and what is
 * left of every part — also the service fees a buyer's earlier refund kept. With no earlier refunds, exactly the
 * order's total; after them, the order's total minus what they credited (refund fees they kept stay kept). */
export function cancellationRefund(
  breakdown: PriceBreakdown,
  previous: readonly RefundBreakdown[] = [],
): RefundBreakdown {
  const parts = remainingParts(breakdown, previous);
  const tickets = parts.tickets
    .filter((line) => !line.returned || line.ticket.credited + line.serviceFee.credited > 0)
    .map((line) => ({
      lineId: line.lineId,
      returned: true,
      ticket: line.ticket,
      serviceFee: line.serviceFee,
      refundFee: 0,
    }));
  return refundOf(breakdown.currency, tickets, parts.orderFee, parts.deliveryFee);
}

/** A refund's totals from its parts. */
export function refundOf(
  currency: string,
  tickets: RefundBreakdown['tickets'],
  orderFee: RefundedPart,
  deliveryFee: RefundedPart,
): RefundBreakdown {
  const parts = [...tickets.flatMap((t) => [t.ticket, t.serviceFee]), orderFee, deliveryFee];
  const refundFee = tickets.reduce((sum, t) => sum + t.refundFee, 0);
  return {
    currency,
    tickets,
    orderFee,
    deliveryFee,
    refundFee,
    tax: parts.reduce((sum, part) => sum + part.tax, 0),
    total: parts.reduce((sum, part) => sum + part.credited, 0) - refundFee,
  };
}

function feeOn(rule: NonNullable<RefundPolicy['refundFee']>, ticketPaid: number): number {
  return rule.kind === 'fixed' ? rule.amount : percentOf(ticketPaid, rule.basisPoints);
}
