// Which refusals of the cloud are about the promo code: they are shown beside the code field, not as a page error.
import { ApiError } from '../../../client/ticketing-client.ts';

const CODE_ERRORS = new Set([
  'code_unknown',
  'code_expired',
  'code_not_yet_valid',
  'code_other_event',
  'code_not_applicable',
  'code_used_up',
]);

/** The message to show beside the code field when this error is about the code; null otherwise. */
export function promoCodeError(error: unknown): string | null {
  return error instanceof ApiError && CODE_ERRORS.has(error.code) ? error.detail : null;
}
