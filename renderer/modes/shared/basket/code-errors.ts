// Which refusals of the cloud are about the promo code: they are shown beside the code field, not as a page error.
import { CODE_ERROR_CODES } from '../../../../cloud/contract/index.ts';
import { ApiError } from '../../../client/ticketing-client.ts';

const CODE_ERRORS = new Set<string>(CODE_ERROR_CODES);

/** The message to show beside the code field when this error is about the code; null otherwise. */
export function promoCodeError(error: unknown): string | null {
  return error instanceof ApiError && CODE_ERRORS.has(error.code) ? error.detail : null;
}
