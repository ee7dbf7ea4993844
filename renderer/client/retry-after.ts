// What the HTTP client reads of a busy answer before any retry module is loaded: a 429's or 503's Retry-After, and
// the options a call carries (its body and headers, and the fetch it goes through), which the retry repeats as they
// were.
import { apiHeaderKeys } from '../../cloud/contract/shop-routes.ts';
import { ApiError } from './ticketing-client.ts';

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Sends through this fetch instead of the browser's: AWS WAF's integration, once a challenge was passed. */
  fetch?: typeof fetch;
}

/** A 429's or 503's Retry-After in seconds, as our API sends it (delay-seconds; cloud/http/problem.ts). The HTTP-date
 * form is left to the back-off's own doubling: parsing it here would weigh on every first load. */
export function retryAfterSecondsOf(response: Response): { retryAfterSeconds?: number } {
  const header = response.headers.get('retry-after');
  if ((response.status !== 429 && response.status !== 503) || !header || !/^\d+$/.test(header)) return {};
  return { retryAfterSeconds: Number(header) };
}

/** Whether the back-off may try a failed call again: a read, or a write with an Idempotency-Key (a repeat gets the
 * first answer), that met a busy API or a lost connection. A hold has no key: never repeated here. */
export function retriesWhenBusy(method: string, options: CallOptions, failure: unknown): boolean {
  const repeatable = method === 'GET' || options.headers?.[apiHeaderKeys.idempotencyKey] !== undefined;
  const busy =
    failure instanceof ApiError && (failure.status === 0 || failure.status === 429 || failure.status === 503);
  return repeatable && busy;
}
