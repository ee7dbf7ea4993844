// What a refund of some of an order's tickets gives back, part by part, from the breakdown stored with the order
// (domain/pricing/refunds.ts): a buyer's request under the event's refund policy (its deadline, refund fee and fee
// rules), a clerk's refund by the same rules but at any time and with the refund fee waived if the clerk says so, and
// a clerk's cancellation of the whole order, which gives back everything that is left. Earlier refunds of the order
// (their stored breakdowns) are taken off first, so no sequence of refunds gives back more than was paid. Orders
// priced before breakdowns (or refunded before refunds kept theirs) give back the tickets' prices, as they always did.
import { findEventRow } from '../../db/events.ts';
import { loadRefundPolicy } from '../../db/commerce/event-settings.ts';
import type { OrderRow } from '../../db/orders.ts';
import type { Queryable } from '../../db/port.ts';
import { listRefunds } from '../../db/refunds.ts';
import type { TicketRow } from '../../db/tickets.ts';
import { DomainError } from '../../domain/errors.ts';
import { pricingFailure } from '../../domain/pricing/errors.ts';
import { cancellationRefund, refundAmounts, refundDeadline } from '../../domain/pricing/refunds.ts';
import { PriceBreakdown, RefundBreakdown, type RefundPolicy } from '../../contract/index.ts';
import { gaLineId } from '../commerce/pricing.ts';

export type RefundCause =
  /** The buyer asks: the event's policy, its deadline included. */
  | { kind: 'buyer'; now: Date }
  /** A clerk refunds chosen tickets: the policy's fee rules, no deadline; `waiveRefundFee` keeps no refund fee. */
  | { kind: 'staff'; waiveRefundFee: boolean }
  /** The whole order is cancelled (by a clerk, or the event is): everything that is left goes back, no refund fee;
   * without a breakdown, the order's total less what was refunded before. */
  | { kind: 'cancel' };

export interface PricedRefund {
  /** What goes back to the buyer, in minor units. */
  amount: number;
  /** Part by part; null for orders priced before breakdowns. */
  breakdown: RefundBreakdown | null;
}

/** The refund of `chosen` (valid tickets of the locked order), by the cause's rules. */
export async function priceRefund(
  tx: Queryable,
  order: OrderRow,
  tickets: readonly TicketRow[],
  chosen: readonly TicketRow[],
  cause: RefundCause,
): Promise<PricedRefund> {
  const earlier = await listRefunds(tx, [order.id]);
  const byPrices = order.price_breakdown === null || earlier.some((refund) => refund.breakdown == null);
  if (cause.kind === 'cancel') {
    if (byPrices) {
      // Credit that went to an exchange's new order is not the buyer's to get back.
      return { amount: order.total_amount - order.refunded_amount - order.credit_out_amount, breakdown: null };
    }
    const refund = cancellationRefund(
      PriceBreakdown.parse(order.price_breakdown),
      earlier.map((r) => RefundBreakdown.parse(r.breakdown)),
    );
    return { amount: refund.total, breakdown: refund };
  }
  const event = (await findEventRow(tx, order.event_id))!;
  const policy = (await loadRefundPolicy(tx, order.event_id))!;
  if (cause.kind === 'buyer') assertBuyerWindow(policy, event.starts_at, cause.now);
  if (byPrices) return { amount: chosen.reduce((sum, t) => sum + t.price_amount, 0), breakdown: null };
  const breakdown = PriceBreakdown.parse(order.price_breakdown);
  const previous = earlier.map((refund) => RefundBreakdown.parse(refund.breakdown));
  const lineOf = ticketLines(breakdown, tickets, previous);
  const lineIds = chosen.map((t) => lineOf.get(t.id)!);
  // A clerk is not bound by the buyer's deadline: the rules are asked as if it were still open.
  const checked =
    cause.kind === 'buyer'
      ? refundAmounts({
          breakdown,
          lineIds,
          policy,
          eventStartsAt: event.starts_at,
          now: cause.now,
          cause: 'buyer',
          previous,
        })
      : refundAmounts({
          breakdown,
          lineIds,
          policy: {
            ...policy,
            refundableUntilDaysBefore: 0,
            refundFee: cause.waiveRefundFee ? null : policy.refundFee,
          },
          eventStartsAt: new Date(8.64e15),
          now: new Date(0),
          cause: 'buyer',
          previous,
        });
  if (!checked.ok) throw pricingFailure(checked.errors, 'ticketIds');
  return { amount: checked.value.total, breakdown: checked.value };
}

/** The order's valid tickets and those of them named (all when none are); a ticket named that is not a valid ticket of
 * the order is refused, naming ticketIds. */
export function chooseTickets(
  tickets: readonly TicketRow[],
  ticketIds: readonly string[] | undefined,
): { valid: TicketRow[]; chosen: TicketRow[] } {
  const valid = tickets.filter((t) => t.status === 'valid');
  if (!ticketIds) return { valid, chosen: valid };
  const notValid = ticketIds.filter((id) => !valid.some((t) => t.id === id));
  if (notValid.length > 0) {
    throw new DomainError('validation_failed', `Not valid tickets of this order: ${notValid.join(', ')}.`, {
      field: 'ticketIds',
    });
  }
  return { valid, chosen: valid.filter((t) => ticketIds.includes(t.id)) };
}

/** Refused when the policy offers buyers no refunds, or its deadline (N × 24 h before the start) has passed; the
 * problem names the deadline. */
function assertBuyerWindow(policy: RefundPolicy, startsAt: Date, now: Date): void {
  const deadline = refundDeadline(startsAt, policy);
  if (!deadline) throw new DomainError('refund_not_allowed', 'This event does not offer refunds.');
  if (now >= deadline) {
    throw new DomainError('refund_window_closed', `Refunds could be asked for until ${deadline.toISOString()}.`, {
      deadline: deadline.toISOString(),
    });
  }
}

/**
 * Each ticket's line in the breakdown. A seat's line is its seat id. Standing places are not told apart by the
 * ticket, so a standing ticket takes a line of its section not yet given back, of its ticket type and price (lines
 * alike in those are alike in every part that is refunded, but for rounding of tax at most a unit).
 */
export function ticketLines(
  breakdown: PriceBreakdown,
  tickets: readonly TicketRow[],
  previous: readonly RefundBreakdown[],
): Map<string, string> {
  const returned = new Set(previous.flatMap((refund) => refund.tickets.filter((t) => t.returned).map((t) => t.lineId)));
  const lineOf = new Map<string, string>();
  const taken = new Set<string>();
  for (const ticket of tickets) {
    if (ticket.seat_id !== null) {
      lineOf.set(ticket.id, ticket.seat_id);
      continue;
    }
    // A passed-on ticket's line is still paid for by this order (its refund is made here).
    if (ticket.status !== 'valid' && ticket.status !== 'transferred') continue;
    const prefix = gaLineId(ticket.ga_section_id!, 0).slice(0, -1);
    const candidates = breakdown.tickets.filter(
      (line) => line.lineId.startsWith(prefix) && !returned.has(line.lineId) && !taken.has(line.lineId),
    );
    const line =
      candidates.find((l) => l.ticketTypeId === ticket.ticket_type_id && l.total === ticket.price_amount) ??
      candidates.find((l) => l.ticketTypeId === ticket.ticket_type_id) ??
      candidates[0];
    if (!line) throw new Error(`no line of the breakdown left for ticket ${ticket.id}`);
    taken.add(line.lineId);
    lineOf.set(ticket.id, line.lineId);
  }
  return lineOf;
}
