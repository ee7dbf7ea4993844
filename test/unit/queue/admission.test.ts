// How far admission reaches: nobody before the opening; at the opening the arrivals so far are frozen; a fixed rate
// advances with time and banks nothing in a lull; the drain rule admits about free ÷ seats-per-buyer beyond those
// served and stops when sold out; and the places given make one line: a permutation of the early arrivals, then the
// later ones in arrival order (no place twice, none skipped).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admittedBy,
  BUYERS_TO_MEASURE,
  firstBatch,
  initialProgress,
  MAX_SEATS_PER_BUYER,
  nextQueueState,
  placeOf,
  SEATS_PER_BUYER,
  seatsPerBuyer,
  secondsUntilAdmission,
  type QueueRules,
} from '../../../cloud/domain/queue/admission.ts';
import type { PermutationKey } from '../../../cloud/domain/queue/permutation.ts';

const OPENS = new Date('2030-01-10T10:00:00Z');
const at = (seconds: number) => new Date(OPENS.getTime() + seconds * 1000);
const rated = (perMinute: number): QueueRules => ({ opensAt: OPENS, admissionPerMinute: perMinute, tokenMinutes: 10 });
const drained: QueueRules = { opensAt: OPENS, admissionPerMinute: null, tokenMinutes: 10 };

describe('nextQueueState', () => {
  it('admits nobody before the opening and freezes the arrivals when it opens', () => {
    const before = nextQueueState(rated(60), initialProgress(at(-100)), { now: at(-10), joined: 500, free: 100 });
    expect(before.admittedThrough).toBe(0);
    expect(before.arrivedBeforeOpening).toBeNull();
    const opened = nextQueueState(rated(60), before, { now: at(0), joined: 520, free: 100 });
    expect(opened.arrivedBeforeOpening).toBe(520);
    expect(opened.admittedThrough).toBe(firstBatch(60));
    const later = nextQueueState(rated(60), opened, { now: at(5), joined: 900, free: 100 });
    expect(later.arrivedBeforeOpening).toBe(520);
  });

  it('advances a fixed rate with time, carrying fractions, and never past the arrivals', () => {
    let state = nextQueueState(rated(30), initialProgress(at(-1)), { now: at(0), joined: 1000, free: 100 });
    const start = state.admittedThrough;
    for (let second = 1; second <= 60; second++) {
      state = nextQueueState(rated(30), state, { now: at(second), joined: 1000, free: 100 });
    }
    expect(state.admittedThrough - start).toBe(30);
    const opened = nextQueueState(rated(600), initialProgress(at(-1)), { now: at(0), joined: 40, free: 100 });
    const few = nextQueueState(rated(600), opened, { now: at(60), joined: 40, free: 100 });
    expect(few.admittedThrough).toBe(40);
  });

  it('banks nothing in a lull: a crowd after it is admitted at the rate, not at once', () => {
    let state = nextQueueState(rated(60), initialProgress(at(-1)), { now: at(0), joined: 5, free: 1000 });
    state = nextQueueState(rated(60), state, { now: at(600), joined: 5, free: 1000 });
    expect(state.admittedThrough).toBe(5);
    state = nextQueueState(rated(60), state, { now: at(601), joined: 5000, free: 1000 });
    expect(state.admittedThrough).toBeLessThanOrEqual(5 + 1);
  });

  it('drains: about free ÷ seats-per-buyer beyond those served, more as seats sell, none once sold out', () => {
    let state = nextQueueState(drained, initialProgress(at(-1)), { now: at(0), joined: 10_000, free: 1000 });
    expect(state.admittedThrough).toBe(1000 / SEATS_PER_BUYER);
    state = nextQueueState(drained, state, { now: at(30), joined: 10_000, free: 600 });
    expect(state.admittedThrough).toBe(400 / SEATS_PER_BUYER + 600 / SEATS_PER_BUYER);
    const soldOut = nextQueueState(drained, state, { now: at(60), joined: 10_000, free: 0 });
    expect(soldOut.soldOut).toBe(true);
    expect(soldOut.admittedThrough).toBe(state.admittedThrough);
  });

  it('frees the places of buyers whose admission lapsed a token ago, so walking away does not stall the sale', () => {
    let state = nextQueueState(drained, initialProgress(at(-1)), { now: at(0), joined: 10_000, free: 100 });
    const first = 100 / SEATS_PER_BUYER;
    expect(state.admittedThrough).toBe(first);
    // Nobody buys. Within a token's lifetime (ten minutes) nobody more is let in: those admitted may still buy.
    for (let minute = 1; minute <= 9; minute++) {
      state = nextQueueState(drained, state, { now: at(minute * 60), joined: 10_000, free: 100 });
    }
    expect(state.admittedThrough).toBe(first);
    // Once the first admissions are a token old they lapsed: as many new buyers are let in, and so on.
    for (let minute = 10; minute <= 30; minute++) {
      state = nextQueueState(drained, state, { now: at(minute * 60), joined: 10_000, free: 100 });
    }
    expect(state.admittedThrough).toBeGreaterThanOrEqual(3 * first);
    expect(state.admittedThrough).toBeLessThanOrEqual(4 * first);
  });

  it('drains: the admitted beyond those done (served, or admitted a token ago) are the seats left ÷ seats-per-buyer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 900 }), sold: fc.nat(40) }), { maxLength: 40 }),
        (steps) => {
          const rules: QueueRules = { ...drained, tokenMinutes: 5 };
          let free = 1000;
          let state = nextQueueState(rules, initialProgress(at(-1)), { now: at(0), joined: 100_000, free });
          let seconds = 0;
          for (const step of steps) {
            seconds += step.dt;
            free = Math.max(0, free - step.sold);
            const before = state;
            state = nextQueueState(rules, state, { now: at(seconds), joined: 100_000, free });
            const served = Math.floor((1000 - free) / SEATS_PER_BUYER);
            const done = Math.max(served, admittedBy(before.checkpoints, at(seconds).getTime() - 5 * 60_000));
            expect(state.admittedThrough).toBeLessThanOrEqual(
              Math.max(before.admittedThrough, done + Math.ceil(1000 / SEATS_PER_BUYER)),
            );
            if (free > 0) {
              expect(state.admittedThrough).toBe(
                Math.max(before.admittedThrough, Math.min(100_000, done + Math.ceil(free / SEATS_PER_BUYER))),
              );
            }
          }
        },
      ),
    );
  });

  it('stays open when the opening is moved later after it happened', () => {
    const opened = nextQueueState(rated(60), initialProgress(at(-1)), { now: at(0), joined: 50, free: 100 });
    const moved = { ...rated(60), opensAt: at(3600) };
    const later = nextQueueState(moved, opened, { now: at(10), joined: 60, free: 100 });
    expect(later.arrivedBeforeOpening).toBe(50);
    expect(later.admittedThrough).toBeGreaterThanOrEqual(opened.admittedThrough);
  });

  it('never goes back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 90 }), joined: fc.nat(5000), free: fc.nat(3000) }), {
          maxLength: 40,
        }),
        fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
        (steps, perMinute) => {
          const rules: QueueRules = { opensAt: OPENS, admissionPerMinute: perMinute, tokenMinutes: 5 };
          let state = initialProgress(at(-30));
          let seconds = -30;
          for (const step of steps) {
            seconds += step.dt;
            const next = nextQueueState(rules, state, { now: at(seconds), joined: step.joined, free: step.free });
            expect(next.admittedThrough).toBeGreaterThanOrEqual(state.admittedThrough);
            expect(next.admittedThrough).toBeLessThanOrEqual(next.joined);
            state = next;
          }
        },
      ),
    );
  });
});

describe('the drain rule measures seats per buyer', () => {
  it('keeps the prior until enough admitted buyers were seen, then takes their average, within bounds', () => {
    expect(seatsPerBuyer(undefined)).toBe(SEATS_PER_BUYER);
    expect(seatsPerBuyer({ buyers: BUYERS_TO_MEASURE - 1, seats: 4 * (BUYERS_TO_MEASURE - 1) })).toBe(SEATS_PER_BUYER);
    expect(seatsPerBuyer({ buyers: BUYERS_TO_MEASURE, seats: 3 * BUYERS_TO_MEASURE })).toBe(3);
    expect(seatsPerBuyer({ buyers: 40, seats: 50 })).toBe(1.25);
    expect(seatsPerBuyer({ buyers: 40, seats: 4000 })).toBe(MAX_SEATS_PER_BUYER);
  });

  it('sells out to buyers who take one seat each, where the prior of two would stop at half the seats', () => {
    // Every admitted buyer takes one seat, then the state advances; with the measure all 1000 seats sell.
    const sellToSingles = (measured: boolean) => {
      let free = 1000;
      let sold = 0;
      let state = nextQueueState(drained, initialProgress(at(-1)), { now: at(0), joined: 100_000, free });
      for (let step = 1; step <= 20; step++) {
        const buying = Math.min(free, state.admittedThrough - sold);
        sold += buying;
        free -= buying;
        const baskets = measured ? { baskets: { buyers: sold, seats: sold } } : {};
        state = nextQueueState(drained, state, { now: at(step * 5), joined: 100_000, free, ...baskets });
      }
      return sold;
    };
    expect(sellToSingles(true)).toBe(1000);
    expect(sellToSingles(false)).toBe(1000 / SEATS_PER_BUYER);
  });

  it('lets nobody more in while buyers of four seats use up what the prior over-admitted', () => {
    const opened = nextQueueState(drained, initialProgress(at(-1)), { now: at(0), joined: 100_000, free: 1000 });
    const fours = nextQueueState(drained, opened, {
      now: at(30),
      joined: 100_000,
      free: 200,
      baskets: { buyers: 200, seats: 800 },
    });
    expect(fours.admittedThrough).toBe(opened.admittedThrough);
  });

  it('follows a change in basket size: the estimate moves toward the new size as its buyers come', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: BUYERS_TO_MEASURE, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (before, after, firstBuyers, arrivals) => {
          let baskets = { buyers: firstBuyers, seats: firstBuyers * before };
          let estimate = seatsPerBuyer(baskets);
          for (const buyers of arrivals) {
            baskets = { buyers: baskets.buyers + buyers, seats: baskets.seats + buyers * after };
            const next = seatsPerBuyer(baskets);
            // Never away from the new size, never past it.
            expect(Math.abs(next - after)).toBeLessThanOrEqual(Math.abs(estimate - after) + 1e-9);
            if (after !== before) expect(next).not.toBe(estimate);
            estimate = next;
          }
        },
      ),
    );
  });

  it('never goes back and never admits fewer than the floor, whatever the baskets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dt: fc.integer({ min: 0, max: 120 }),
            sold: fc.nat(60),
            joined: fc.nat(400),
            buyers: fc.nat(30),
            seatsEach: fc.integer({ min: 1, max: 100 }),
          }),
          { maxLength: 40 },
        ),
        (steps) => {
          const total = 2000;
          let free = total;
          let joined = 0;
          let baskets = { buyers: 0, seats: 0 };
          let state = nextQueueState(drained, initialProgress(at(-1)), { now: at(0), joined, free });
          let seconds = 0;
          for (const step of steps) {
            seconds += step.dt;
            joined += step.joined;
            free = Math.max(0, free - step.sold);
            baskets = { buyers: baskets.buyers + step.buyers, seats: baskets.seats + step.buyers * step.seatsEach };
            const next = nextQueueState(drained, state, { now: at(seconds), joined, free, baskets });
            expect(next.admittedThrough).toBeGreaterThanOrEqual(state.admittedThrough);
            expect(next.admittedThrough).toBeLessThanOrEqual(Math.max(state.admittedThrough, joined));
            if (free > 0) {
              const floor = Math.floor((total - free) / MAX_SEATS_PER_BUYER) + Math.ceil(free / MAX_SEATS_PER_BUYER);
              expect(next.admittedThrough).toBeGreaterThanOrEqual(Math.min(joined, floor));
            }
            state = next;
          }
        },
      ),
    );
  });
});

describe('placeOf: the order of admission', () => {
  const key: PermutationKey = [0x1234, 0xbeef, 0xcafe, 0x5eed];

  it('is a permutation of the early arrivals, then the later ones in arrival order: no place twice, none skipped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (early, late) => {
        const places = Array.from({ length: early + late }, (_, i) => placeOf(i + 1, early, key)!);
        expect(new Set(places).size).toBe(early + late);
        expect(places.every((place) => place >= 1 && place <= early + late)).toBe(true);
        // Early arrivals share the first `early` places among them; later ones follow in the order they came.
        expect(places.slice(0, early).every((place) => place <= early)).toBe(true);
        const later = places.slice(early);
        expect(later.every((place, i) => place === early + i + 1)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('is unknown before the opening', () => {
    expect(placeOf(3, null, key)).toBeNull();
  });
});

describe('secondsUntilAdmission', () => {
  it('says the opening before it, and the place reached at the recent rate after it', () => {
    const state = { opensAt: OPENS, admittedThrough: 100, admittingPerMinute: 60 };
    expect(secondsUntilAdmission(null, state, at(-42))).toBe(42);
    expect(secondsUntilAdmission(160, state, at(10))).toBe(60);
    expect(secondsUntilAdmission(90, state, at(10))).toBe(1);
    expect(secondsUntilAdmission(100_000, state, at(10))).toBe(300);
    expect(secondsUntilAdmission(160, { ...state, admittingPerMinute: null }, at(10))).toBe(30);
  });
});
