// The cloud's field errors (problem+json `errors[].field`, e.g. "buyer.email" or "delivery.address.postalCode") as
// the checkout form's fields and sentences from the catalog: zod's terse words ("not an email address") are never
// shown; each field has its own plain sentence.
import { ApiError } from '../../../client/ticketing-client.ts';
import { i18n } from '../../../i18n/index.ts';
import type { FieldErrors } from './BuyerFields.tsx';

/** The form's fields in the order they appear, so focus goes to the first one that is wrong. */
export const FIELD_ORDER = ['email', 'name', 'phone', 'line1', 'line2', 'city', 'postalCode', 'country'] as const;

const FIELD_OF: Record<string, (typeof FIELD_ORDER)[number]> = {
  'buyer.email': 'email',
  'buyer.name': 'name',
  'buyer.phone': 'phone',
  'delivery.address.name': 'name',
  'delivery.address.line1': 'line1',
  'delivery.address.line2': 'line2',
  'delivery.address.city': 'city',
  'delivery.address.postalCode': 'postalCode',
  'delivery.address.country': 'country',
};

/** The refused fields of a failure, with their sentences; empty when it is not about a field of this form. */
export function fieldErrorsOf(failure: unknown): FieldErrors {
  if (!(failure instanceof ApiError) || !failure.body.errors) return {};
  const errors: FieldErrors = {};
  for (const { field } of failure.body.errors) {
    const name = FIELD_OF[field.replace(/^\//, '').replaceAll('/', '.')];
    if (name && !errors[name]) errors[name] = i18n._(`checkout.fieldError.${name}`);
  }
  return errors;
}

export const firstInvalid = (errors: FieldErrors) => FIELD_ORDER.find((name) => errors[name]);
