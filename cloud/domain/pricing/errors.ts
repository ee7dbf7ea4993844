// The commerce rules' errors as values: a stable code from the contract (CommerceErrorCode), a sentence for people,
// and what it is about (a basket or refund line, a ticket type, a field), so the HTTP layer can answer problem+json
// naming the field and the UI can mark the line.
import type { CommerceErrorCode } from '../../contract/index.ts';
import { DomainError } from '../errors.ts';

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

/**
 * The errors a rule found as one DomainError the HTTP layer answers as problem+json: the first error's code and
 * sentence, every error under `field` (a basket's errors under `lines.<lineId>`), and the lines named as seatIds.
 */
export function pricingFailure(errors: readonly PricingError[], field: string): DomainError {
  const first = errors[0]!;
  const fieldOf = (error: PricingError) => (error.lineId ? `${field}.${error.lineId}` : field);
  const lineIds = errors.flatMap((error) => (error.lineId ? [error.lineId] : []));
  return new DomainError(first.code, first.detail, {
    field: fieldOf(first),
    errors: errors.map((error) => ({ field: fieldOf(error), message: error.detail })),
    ...(lineIds.length ? { seatIds: [...new Set(lineIds)] } : {}),
  });
}
