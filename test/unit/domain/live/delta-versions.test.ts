// The live delta documents' version rules (issue 20): what a client fetches on reading a head, and what a reader's
// version means against the kept window.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIVE_DELTA_KEPT_SECONDS } from '../../../../cloud/contract/index.ts';
import { LIVE_DELTAS_MIN_SEATS, usesLiveDeltas } from '../../../../cloud/domain/live/delta-audience.ts';
import {
  advanceWindow,
  catchUp,
  deltaLookup,
  type DeltaWindow,
  LIVE_DELTA_MAX_FETCH,
  LIVE_DELTA_WINDOW_SECONDS,
  mayWriteDelta,
  secondOf,
} from '../../../../cloud/domain/live/delta-versions.ts';

describe('catching up with a head', () => {
  it('fetches exactly the versions after the one held, up to the head, in order', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: LIVE_DELTA_MAX_FETCH }), (known, ahead) => {
        const plan = catchUp(known, { version: known + ahead, oldest: known + 1 });
        expect(plan).toEqual({ kind: 'fetch', versions: Array.from({ length: ahead }, (_, i) => known + 1 + i) });
      }),
    );
  });

  it('does nothing at the head, or on an older (cached) head than one already read', () => {
    expect(catchUp(50, { version: 50, oldest: 1 })).toEqual({ kind: 'current' });
    expect(catchUp(50, { version: 48, oldest: 1 })).toEqual({ kind: 'current' });
  });

  it('re-reads the snapshot when the next version left the window or the head is too far ahead', () => {
    expect(catchUp(10, { version: 20, oldest: 12 })).toEqual({ kind: 'reread' });
    expect(catchUp(10, { version: 20, oldest: 11 })).toMatchObject({ kind: 'fetch' });
    expect(catchUp(10, { version: 10 + LIVE_DELTA_MAX_FETCH + 1, oldest: 1 })).toEqual({ kind: 'reread' });
  });
});

describe('a version against the kept window', () => {
  it('is kept inside [oldest, head], gone below it and not made yet above it', () => {
    expect(deltaLookup(5, 10, 5)).toBe('kept');
    expect(deltaLookup(10, 10, 5)).toBe('kept');
    expect(deltaLookup(4, 10, 5)).toBe('gone');
    expect(deltaLookup(11, 10, 5)).toBe('not_yet');
  });
});

describe('one document per event per second', () => {
  it('writes in a later second only', () => {
    const at = new Date('2026-12-07T10:00:00.400Z');
    const base = secondOf(at) - 5;
    expect(mayWriteDelta(base, null, at)).toBe(true);
    expect(mayWriteDelta(base + 1, secondOf(at), new Date('2026-12-07T10:00:00.999Z'))).toBe(false);
    expect(mayWriteDelta(base + 1, secondOf(at), new Date('2026-12-07T10:00:01.000Z'))).toBe(true);
  });

  it("never writes a version past the clock second (not in the writer's start second)", () => {
    const at = new Date('2026-12-07T10:00:00.400Z');
    expect(mayWriteDelta(secondOf(at), null, at)).toBe(false);
    expect(mayWriteDelta(secondOf(at), null, new Date('2026-12-07T10:00:01.000Z'))).toBe(true);
  });
});

describe('which events are watched through documents', () => {
  it('large events and queued ones; small unqueued events keep the WebSocket', () => {
    expect(usesLiveDeltas(LIVE_DELTAS_MIN_SEATS)).toBe(true);
    expect(usesLiveDeltas(LIVE_DELTAS_MIN_SEATS - 1, false)).toBe(false);
    expect(usesLiveDeltas(50, true)).toBe(true);
  });
});

describe("a shared store's kept window (two checkpoints)", () => {
  // A chain of documents: each one some seconds after the one before (often busy, sometimes idle for hours).
  const gaps = fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 200_000 })), {
    minLength: 1,
    maxLength: 400,
  });

  it('names an oldest version whose document is still kept, and never one a window behind the newest', () => {
    fc.assert(
      fc.property(gaps, (steps) => {
        let window: DeltaWindow | null = null;
        const written: { version: number; second: number }[] = [];
        let second = 1_800_000_000;
        steps.forEach((gap, index) => {
          second += gap;
          const version = index + 1;
          written.push({ version, second });
          window = advanceWindow(window, version, second);
          expect(window.oldest).toBeLessThanOrEqual(version);
          // Honest: the oldest's document was written less than the kept time ago (the lifecycle keeps it).
          expect(written[window.oldest - 1]!.second).toBe(window.oldestSecond);
          expect(second - window.oldestSecond).toBeLessThan(LIVE_DELTA_KEPT_SECONDS);
          // Useful: a client that read anything in the last window can still catch up from it.
          for (const earlier of written) {
            if (second - earlier.second <= LIVE_DELTA_WINDOW_SECONDS) {
              expect(earlier.version).toBeGreaterThanOrEqual(window.oldest);
            }
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the oldest at most two windows behind while the event is busy', () => {
    let window: DeltaWindow | null = null;
    for (let second = 1; second <= 5_000; second++) {
      window = advanceWindow(window, second, second);
      expect(second - window.oldestSecond).toBeLessThan(2 * LIVE_DELTA_WINDOW_SECONDS);
    }
  });
});
