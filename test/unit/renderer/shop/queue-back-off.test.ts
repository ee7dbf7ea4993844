// How long the waiting room waits after a failed poll, admission request or join: never sooner than a busy answer's
// Retry-After (WAF's rate rules say 60 s), with upward jitter so a crowd told the same does not come back in step,
// longer with each failure in a row without one, and never stalled for more than a few minutes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../renderer/client/ticketing-client.ts';
import {
  LONGEST_RETRY_AFTER_MS,
  QUEUE_BACK_OFF,
  isBusy,
  queueWaitMs,
} from '../../../../renderer/modes/shop/queue/queue-back-off.ts';

const busy = (status: number, retryAfterSeconds?: number) =>
  new ApiError(status, 'rate_limited', 'Busy.', retryAfterSeconds === undefined ? {} : { retryAfterSeconds });

describe('the waiting room’s back-off', () => {
  it("waits out WAF's Retry-After: 60 and up to half as long again, never less", () => {
    expect(queueWaitMs(busy(429, 60), 1, () => 0)).toBe(60_000);
    expect(queueWaitMs(busy(429, 60), 1, () => 0.999)).toBeGreaterThan(89_000);
    expect(queueWaitMs(busy(429, 60), 1, () => 0.999)).toBeLessThanOrEqual(90_000);
  });

  it('never comes back sooner than a Retry-After (up to five minutes), whatever the failure count and the dice', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 429, 503),
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (status, seconds, failures, dice) => {
          const wait = queueWaitMs(busy(status, seconds), failures, () => dice);
          const floor = Math.min(seconds * 1000, LONGEST_RETRY_AFTER_MS);
          expect(wait).toBeGreaterThanOrEqual(floor);
          expect(wait).toBeLessThanOrEqual(Math.max(floor, QUEUE_BACK_OFF.capMs));
        },
      ),
    );
  });

  it('without a Retry-After starts near 3 s (as the polls did) and doubles to a cap', () => {
    const lost = new ApiError(0, 'network', '');
    expect([1, 2, 3, 4, 5, 6, 7].map((failures) => queueWaitMs(lost, failures, () => 0))).toEqual([
      3000, 6000, 12_000, 24_000, 48_000, 90_000, 90_000,
    ]);
  });

  it('takes only a busy answer’s Retry-After (a 409 not_admitted_yet or a 500 backs off on its own)', () => {
    expect(isBusy(busy(429))).toBe(true);
    expect(isBusy(busy(503))).toBe(true);
    expect(isBusy(new ApiError(0, 'network', ''))).toBe(true);
    expect(isBusy(busy(409, 60))).toBe(false);
    expect(isBusy(new Error('worker failed'))).toBe(false);
    expect(queueWaitMs(busy(500, 60), 1, () => 0)).toBe(3000);
  });
});
