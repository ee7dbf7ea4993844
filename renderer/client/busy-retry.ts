// The shop client's waiting out of a busy API, loaded only when a repeatable call (a read, or a write with an
// Idempotency-Key) was refused with 429 or 503 or lost its connection: the shared back-off (cloud/domain/retry:
// never sooner than Retry-After, with jitter), a few times, each wait short. Kept out of the first load.
import { withBackOff } from '../../cloud/domain/retry/back-off.ts';
import { ApiError } from './ticketing-client.ts';

/** A buyer waits out a busy shop by itself this many times, as long as each wait is short. */
const SHOP_RETRY = { maxRetries: 3, maxWaitMs: 15_000 };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A busy API (429, 503) or a lost connection (status 0) may be asked again: its Retry-After in ms (null: none). */
export function busyRetryAfter(error: unknown): number | null | undefined {
  if (!(error instanceof ApiError) || ![0, 429, 503].includes(error.status)) return undefined;
  const seconds = error.body.retryAfterSeconds;
  return seconds === undefined ? null : seconds * 1000;
}

/** `again` after the back-off that `failure` (the first try's) calls for, and again while the API stays busy. */
export function retryBusy<T>(again: () => Promise<T>, failure: unknown): Promise<T> {
  let first = true;
  const attempt = () => {
    if (!first) return again();
    first = false;
    return Promise.reject(failure);
  };
  return withBackOff(attempt, busyRetryAfter, { ...SHOP_RETRY, sleep });
}
