import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededRandom as seeded } from '../../../support/main/seeded-random.ts';
import { backOffMs, DEFAULT_BACK_OFF, retryAfterMs, withBackOff } from '../../../../cloud/domain/retry/back-off.ts';

describe('backOffMs', () => {
  it('doubles from the base without a Retry-After, and adds at most the spread', () => {
    expect(backOffMs(1, null, () => 0)).toBe(1000);
    expect(backOffMs(2, null, () => 0)).toBe(2000);
    expect(backOffMs(4, null, () => 0)).toBe(8000);
    expect(backOffMs(4, null, () => 0.999999)).toBe(12000);
  });

  it('never waits less than Retry-After, even on the first attempt', () => {
    expect(backOffMs(1, 8000, () => 0)).toBe(8000);
    expect(backOffMs(1, 8000, () => 0.5)).toBe(10000);
  });

  it('takes the exponential wait when it is longer than Retry-After', () => {
    expect(backOffMs(5, 2000, () => 0)).toBe(16000);
  });

  it('caps the exponential part, but honours a longer Retry-After', () => {
    const rule = { baseMs: 1000, capMs: 10_000, spread: 0.5 };
    expect(backOffMs(20, null, () => 0.9, rule)).toBe(10_000);
    expect(backOffMs(1, 60_000, () => 0.9, rule)).toBe(60_000);
  });

  it('spreads a crowd told the same Retry-After (seeded)', () => {
    const random = seeded(42);
    const waits = Array.from({ length: 1000 }, () => backOffMs(1, 8000, random));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(8000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(12000);
    // Spread out, not bunched: each second of the four between 8 s and 12 s gets about a quarter of the crowd.
    const perSecond = [0, 0, 0, 0];
    for (const wait of waits) perSecond[Math.min(3, Math.floor((wait - 8000) / 1000))]!++;
    for (const count of perSecond) expect(count).toBeGreaterThan(200);
    const again = seeded(42);
    expect(Array.from({ length: 1000 }, () => backOffMs(1, 8000, again))).toEqual(waits);
  });

  it('is always within [max(Retry-After, exp), max(cap, Retry-After)] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: null }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, retryAfter, r) => {
          const wait = backOffMs(attempt, retryAfter, () => r);
          const exponential = Math.min(DEFAULT_BACK_OFF.capMs, 1000 * 2 ** (attempt - 1));
          expect(wait).toBeGreaterThanOrEqual(retryAfter ?? 0);
          expect(wait).toBeLessThanOrEqual(Math.max(DEFAULT_BACK_OFF.capMs, retryAfter ?? 0));
          expect(wait).toBeGreaterThanOrEqual(Math.min(exponential, DEFAULT_BACK_OFF.capMs));
        },
      ),
    );
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  it('reads delay-seconds', () => {
    expect(retryAfterMs('8', now)).toBe(8000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP date, and a past one as no wait', () => {
    expect(retryAfterMs('Mon, 07 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 07 Dec 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('is null when absent or not understood', () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('-3', now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('1.5', now)).toBeNull();
  });
});

describe('withBackOff', () => {
  const retryable = (retryAfterMs: number | null) => Object.assign(new Error('busy'), { retryAfterMs });
  const retryAfterOf = (error: unknown) => (error as { retryAfterMs?: number | null }).retryAfterMs;

  it('waits as the rule says between tries, then answers', async () => {
    const answers = [retryable(2000), retryable(null), 'done'];
    const waits: number[] = [];
    const value = await withBackOff(
      async () => {
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return next;
      },
      retryAfterOf,
      { maxRetries: 3, maxWaitMs: 60_000, sleep: async (ms) => void waits.push(ms), random: () => 0 },
    );
    expect(value).toBe('done');
    expect(waits).toEqual([2000, 2000]);
  });

  it('gives up after maxRetries, on an error not to retry, or when told to wait longer than maxWaitMs', async () => {
    const sleep = async () => undefined;
    let tries = 0;
    const always = () => {
      tries++;
      return Promise.reject(retryable(null));
    };
    await expect(withBackOff(always, retryAfterOf, { maxRetries: 2, maxWaitMs: 60_000, sleep })).rejects.toThrow();
    expect(tries).toBe(3);
    tries = 0;
    const final = () => {
      tries++;
      return Promise.reject(new Error('seats_unavailable'));
    };
    await expect(withBackOff(final, retryAfterOf, { maxRetries: 2, maxWaitMs: 60_000, sleep })).rejects.toThrow();
    expect(tries).toBe(1);
    tries = 0;
    const longWait = () => {
      tries++;
      return Promise.reject(retryable(30_000));
    };
    await expect(withBackOff(longWait, retryAfterOf, { maxRetries: 2, maxWaitMs: 10_000, sleep })).rejects.toThrow();
    expect(tries).toBe(1);
  });
});
