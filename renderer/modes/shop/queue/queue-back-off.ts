// How long the waiting room waits before it asks again after a call failed (a state poll, an admission request, a
// join): the shared back-off rule (cloud/domain/retry: never sooner than the Retry-After, upward jitter), on waits fit
// for a page that waits anyway. A busy edge or API says how long: WAF's per-IP rate rules answer 429 with
// Retry-After: 60 (cloud/infra/edge-security.ts), which the HTTP client does not wait out itself (it gives up on waits
// over 15 s), so it comes here. The cap sits above those 60 s so that a crowd told the same time still spreads out
// over half as long again; a Retry-After longer than five minutes is taken as five, so a waiting page never stalls.
import { backOffMs, type BackOffRule } from '../../../../cloud/domain/retry/back-off.ts';
import { ApiError } from '../../../client/ticketing-client.ts';

export const QUEUE_BACK_OFF: BackOffRule = { baseMs: 3000, capMs: 90_000, spread: 0.5 };
export const LONGEST_RETRY_AFTER_MS = 5 * 60_000;

/** A busy edge or API (429, 503) or a lost connection (0): worth trying the same call again by itself. */
export function isBusy(failure: unknown): failure is ApiError {
  return failure instanceof ApiError && (failure.status === 0 || failure.status === 429 || failure.status === 503);
}

/** The wait after `failures` failed tries in a row, the last one `failure`: at least its Retry-After if busy. */
export function queueWaitMs(failure: unknown, failures: number, random: () => number = Math.random): number {
  const seconds = isBusy(failure) ? failure.body.retryAfterSeconds : undefined;
  const retryAfter = seconds === undefined ? null : Math.min(seconds * 1000, LONGEST_RETRY_AFTER_MS);
  return backOffMs(failures, retryAfter, random, QUEUE_BACK_OFF);
}
