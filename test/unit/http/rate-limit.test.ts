// The rate limiter's sliding window: a burst at the end of one minute still counts just after the minute turns, and
// the allowance comes back as the old requests slide out of the window.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RateLimiter } from '../../../cloud/http/rate-limit.ts';

describe('rate limiter', () => {
  const rule = { limit: 10, windowSeconds: 60 };

  it('does not let a burst straddling a window boundary double the limit', () => {
    let now = 59_000;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 10; i++) limiter.take('k', rule);
    expect(() => limiter.take('k', rule)).toThrowError(expect.objectContaining({ code: 'rate_limited' }));
    now = 61_000; // the next minute has begun; the burst is 2 s old
    expect(() => limiter.take('k', rule)).toThrowError(expect.objectContaining({ code: 'rate_limited' }));
    now = 110_000; // most of the burst has slid out of the window
    for (let i = 0; i < 8; i++) limiter.take('k', rule);
    expect(() => limiter.take('k', rule)).toThrow();
    now = 181_000; // a quiet minute later: the full allowance
    for (let i = 0; i < 10; i++) limiter.take('k', rule);
  });

  it('keeps callers apart and says when to come back', () => {
    const limiter = new RateLimiter(() => 30_000);
    for (let i = 0; i < 10; i++) limiter.take('a', rule);
    limiter.take('b', rule);
    try {
      limiter.take('a', rule);
      throw new Error('not limited');
    } catch (error) {
      // The window ends in 30 s, but its ten requests still weigh on the next one until 6 s into it.
      expect((error as { extras: { retryAfterSeconds: number } }).extras.retryAfterSeconds).toBe(36);
    }
  });

  it('lets a caller in when Retry-After says, not later and not refused again (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 200 }),
        (limit, windowSeconds, gaps) => {
          let now = 1_000_000;
          const limiter = new RateLimiter(() => now);
          const limitRule = { limit, windowSeconds };
          for (const gap of gaps) {
            now += gap;
            let retryAfterSeconds: number | null = null;
            try {
              limiter.take('k', limitRule);
            } catch (error) {
              retryAfterSeconds = (error as { extras: { retryAfterSeconds: number } }).extras.retryAfterSeconds;
            }
            if (retryAfterSeconds === null) continue;
            expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
            // Coming back when told, the request is let in (the old end-of-window answer was refused again).
            now += retryAfterSeconds * 1000;
            limiter.take('k', limitRule);
          }
        },
      ),
    );
  });
});
