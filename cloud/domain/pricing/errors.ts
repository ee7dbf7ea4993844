// The commerce rules' errors as values: a stable code from the contract (CommerceErrorCode), a sentence for people,
// and what it is about (a basket or refund line, a ticket type, a field), so the HTTP layer can answer problem+json
// naming the field and the UI can mark the line.
import type { CommerceErrorCode } from '../../contract/index.ts';

export interface PricingError {
  code: CommerceErrorCode;
  detail: string;
  /** The basket line (seat or place) or refund line the error is about. */
  lineId?: string;
  ticketTypeId?: string;
  tierId?: string;
}

/** A rule's answer: the value, or every error found (never an empty list). */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: PricingError[] };

export const accepted = <T>(value: T): Checked<T> => ({ ok: true, value });
export const rejected = <T>(errors: PricingError[]): Checked<T> => ({ ok: false, errors });
