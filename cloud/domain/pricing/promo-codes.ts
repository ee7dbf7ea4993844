// Promo codes: whether a code may be used for an event now, and which ticket lines it takes money off. Counting uses
// (maxUses, maxUsesPerBuyer) is the database's job, where the count can be held to its limit under races.
import type { PromoCode } from '../../contract/index.ts';
import { codeValidityError } from './code-window.ts';
import { accepted, rejected, type Checked } from './errors.ts';

/** The parts of a promo code its rules read (a PromoCode view fits). */
export type PromoRule = Pick<PromoCode, 'eventId' | 'code' | 'discount' | 'scope' | 'validFrom' | 'validUntil'>;

/** A ticket line as far as a promo code cares. */
export interface PromoLine {
  lineId: string;
  tierId: string;
  ticketTypeId: string;
}

/** Whether a code's scope covers a line: its tier (if the code names tiers) and its type (if it names types). */
export function promoAppliesTo(promo: Pick<PromoRule, 'scope'>, line: Omit<PromoLine, 'lineId'>): boolean {
  const { tierIds, ticketTypeIds } = promo.scope;
  return (
    (tierIds === null || tierIds.includes(line.tierId)) &&
    (ticketTypeIds === null || ticketTypeIds.includes(line.ticketTypeId))
  );
}

/**
 * Checks a promo code looked up by its key (undefined or null: none was found) for an event's basket at `now`, and
 * gives the ids of the lines it applies to. Errors: `code_unknown`, `code_other_event`, `code_not_yet_valid`,
 * `code_expired`, `code_not_applicable` (no line of the basket is in its scope; also a fixed discount in another
 * currency than the order's).
 */
export function checkPromoCode(
  promo: PromoRule | null | undefined,
  order: { eventId: string; currency: string; lines: readonly PromoLine[] },
  now: Date,
): Checked<{ lineIds: string[] }> {
  const invalid = codeValidityError(promo, order.eventId, now);
  if (invalid || !promo) return rejected([invalid!]);
  if (promo.discount.kind === 'fixed' && promo.discount.currency !== order.currency) {
    return rejected([{ code: 'code_not_applicable', detail: `This code is for ${promo.discount.currency} orders.` }]);
  }
  const lineIds = order.lines.filter((line) => promoAppliesTo(promo, line)).map((line) => line.lineId);
  if (lineIds.length === 0) {
    return rejected([{ code: 'code_not_applicable', detail: 'This code does not apply to any ticket in the order.' }]);
  }
  return accepted({ lineIds });
}
