// The waitlist's rules over what is free: sold out means nothing of the event (or tier) can be held; the place an
// entry is offered is always free, of its tier, exactly its quantity; and nothing is offered to two entries of one
// pass (takePlace), whatever is free and whoever waits.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSeatLayout } from '../../../cloud/domain/seatmap/layout.ts';
import {
  countFreePlaces,
  isSoldOut,
  placeFor,
  takePlace,
  type WaitlistInventory,
} from '../../../cloud/domain/inventory/waitlist-fit.ts';
import type { SeatMapImport } from '../../../cloud/contract/index.ts';

const ROWS = 3;
const PER_ROW = 6;
const seats: SeatMapImport['seats'] = [];
for (let r = 0; r < ROWS; r++) {
  for (let n = 0; n < PER_ROW; n++) {
    const row = String.fromCharCode(65 + r);
    seats.push({ id: `${row}${n + 1}`, sectionId: 'S', row, number: String(n + 1), x: n * 10, y: 100 + r * 10 });
  }
}
const layout = buildSeatLayout({
  seats,
  stage: {
    label: 'Stage',
    polygon: [
      [20, 0],
      [30, 0],
      [30, 10],
      [20, 10],
    ],
  },
});
/** Row A is tier 0, the other rows tier 1; one standing section of tier 1. */
const tierOf = Int16Array.from(seats.map((_, i) => (i < PER_ROW ? 0 : 1)));

const inventoryOf = (free: boolean[], gaRemaining: number): WaitlistInventory => ({
  free: Uint8Array.from(free.map((f) => (f ? 1 : 0))),
  tierOf,
  tierRank: [0, 1],
  ga: [{ sectionId: 'PIT', tierIndex: 1, remaining: gaRemaining }],
});

const arbitraryInventory = fc
  .tuple(
    fc.array(fc.boolean(), { minLength: ROWS * PER_ROW, maxLength: ROWS * PER_ROW }),
    fc.integer({ min: 0, max: 5 }),
  )
  .map(([free, ga]) => inventoryOf(free, ga));
const arbitraryLine = fc.array(
  fc.record({
    quantity: fc.integer({ min: 1, max: 4 }),
    tierIndex: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
  }),
  { maxLength: 12 },
);

describe('waitlist fit', () => {
  it('is sold out exactly when nothing of the event, or of the tier, is free', () => {
    const none = inventoryOf(new Array(ROWS * PER_ROW).fill(false), 0);
    expect(isSoldOut(none)).toBe(true);
    none.free[2] = 1; // a seat in row A (tier 0)
    expect([isSoldOut(none), isSoldOut(none, 0), isSoldOut(none, 1)]).toEqual([false, false, true]);
    const standing = inventoryOf(new Array(ROWS * PER_ROW).fill(false), 3);
    expect([isSoldOut(standing, 0), isSoldOut(standing, 1)]).toEqual([true, false]);
    expect([countFreePlaces(none), countFreePlaces(standing)]).toEqual([1, 3]);
  });

  it('offers each entry free places of its tier, its whole quantity, never one place to two entries', () => {
    fc.assert(
      fc.property(arbitraryInventory, arbitraryLine, (inventory, line) => {
        const startFree = Uint8Array.from(inventory.free);
        const startGa = inventory.ga[0]!.remaining;
        const given = new Set<number>();
        let gaGiven = 0;
        for (const entry of line) {
          const place = placeFor(layout, inventory, entry);
          if (!place) continue;
          if ('seatNos' in place) {
            expect(place.seatNos).toHaveLength(entry.quantity);
            for (const seatNo of place.seatNos) {
              expect(startFree[seatNo]).toBe(1);
              expect(given.has(seatNo)).toBe(false);
              if (entry.tierIndex !== undefined) expect(tierOf[seatNo]).toBe(entry.tierIndex);
              given.add(seatNo);
            }
          } else {
            expect(place.quantity).toBe(entry.quantity);
            expect(entry.tierIndex === undefined || entry.tierIndex === 1).toBe(true);
            gaGiven += place.quantity;
          }
          takePlace(inventory, place);
        }
        expect(gaGiven).toBeLessThanOrEqual(startGa);
      }),
    );
  });

  it('skips an entry that does not fit and offers the next that does', () => {
    const free = new Array(ROWS * PER_ROW).fill(false);
    free[PER_ROW + 2] = true; // one seat in row B (tier 1)
    const inventory = inventoryOf(free, 0);
    expect(placeFor(layout, inventory, { quantity: 2 })).toBeNull();
    expect(placeFor(layout, inventory, { quantity: 1, tierIndex: 0 })).toBeNull();
    expect(placeFor(layout, inventory, { quantity: 1 })).toEqual({ seatNos: [PER_ROW + 2] });
  });
});
