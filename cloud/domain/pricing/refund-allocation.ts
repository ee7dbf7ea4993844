// A refund of an amount rather than of tickets (goodwill, a partial price difference): the amount is spread over
// what is left of every part of the order in proportion to it, by largest remainder (allocation.ts), so each part
// gives back at most what is left of it and the refunds of an order never add up to more than its total. Each part's
// share of tax is in proportion too; a part refunded to the last unit gives back the last of its tax.
import type { PriceBreakdown, RefundBreakdown, RefundedPart } from '../../contract/index.ts';
import { allocateWithinCaps } from './allocation.ts';
import { accepted, rejected, type Checked } from './errors.ts';
import { refundableTotal, remainingParts } from './refund-parts.ts';
import { refundOf } from './refunds.ts';
import { mulDivHalfUp } from './rounding.ts';

/** Spreads `amount` (minor units, > 0) over the order's parts; the tickets stay valid (`returned: false`). Error:
 * `refund_exceeds_remaining` when more is asked than is left to refund. */
export function allocateRefund(
  breakdown: PriceBreakdown,
  amount: number,
  previous: readonly RefundBreakdown[] = [],
): Checked<RefundBreakdown> {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error(`a refund of whole minor units > 0: ${amount}`);
  const parts = remainingParts(breakdown, previous);
  const left = refundableTotal(parts);
  if (amount > left) {
    return rejected([
      { code: 'refund_exceeds_remaining', detail: `At most ${left} minor units of this order can still be refunded.` },
    ]);
  }
  const flat = [...parts.tickets.flatMap((t) => [t.ticket, t.serviceFee]), parts.orderFee, parts.deliveryFee];
  const shares = allocateWithinCaps(
    amount,
    flat.map((part) => part.credited),
  ).map((share, i) => shareOf(flat[i]!, share));
  const tickets = parts.tickets
    .map((line, i) => ({
      lineId: line.lineId,
      returned: false,
      ticket: shares[2 * i]!,
      serviceFee: shares[2 * i + 1]!,
      refundFee: 0,
    }))
    .filter((line) => line.ticket.credited + line.serviceFee.credited > 0);
  return accepted(refundOf(breakdown.currency, tickets, shares.at(-2)!, shares.at(-1)!));
}

function shareOf(part: RefundedPart, credited: number): RefundedPart {
  if (credited === part.credited) return { credited, tax: part.tax };
  return { credited, tax: Math.min(part.tax, mulDivHalfUp(credited, part.tax, part.credited)) };
}
