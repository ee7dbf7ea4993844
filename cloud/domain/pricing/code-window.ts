// Whether a promo or presale code may be used for an event at a moment: the part of a code's check that does not
// depend on what it is for. Its window is [validFrom, validUntil): open ends are open.
import type { PricingError } from './errors.ts';

export interface CodeValidity {
  eventId: string;
  validFrom: string | null;
  validUntil: string | null;
}

/** The error a found-or-not code earns for this event at `now` (`code_unknown`, `code_other_event`,
 * `code_not_yet_valid`, `code_expired`), or null if it may be used. */
export function codeValidityError(
  code: CodeValidity | null | undefined,
  eventId: string,
  now: Date,
): PricingError | null {
  if (!code) return { code: 'code_unknown', detail: 'There is no such code.' };
  if (code.eventId !== eventId) return { code: 'code_other_event', detail: 'This code is for another event.' };
  if (code.validFrom !== null && now.getTime() < Date.parse(code.validFrom)) {
    return { code: 'code_not_yet_valid', detail: `This code can be used from ${code.validFrom}.` };
  }
  if (code.validUntil !== null && now.getTime() >= Date.parse(code.validUntil)) {
    return { code: 'code_expired', detail: `This code expired at ${code.validUntil}.` };
  }
  return null;
}
