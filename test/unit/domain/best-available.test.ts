import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSeatLayout, type SeatLayout } from '../../../cloud/domain/seatmap/layout.ts';
import { findBestAvailable, strandsASeat } from '../../../cloud/domain/inventory/best-available.ts';
import { generateTheatre } from '../../../cloud/domain/seatmap/generator.ts';
import type { SeatMapImport } from '../../../cloud/contract/index.ts';

/** Rows of seats, row A nearest the stage; `gapAfter` puts an aisle after that seat number in every row. */
function hall(
  rows: number,
  seatsPerRow: number,
  options: { gapAfter?: number; flags?: (row: number, seat: number) => Partial<SeatMapImport['seats'][number]> } = {},
): SeatLayout {
  const seats: SeatMapImport['seats'] = [];
  for (let r = 0; r < rows; r++) {
    for (let n = 0; n < seatsPerRow; n++) {
      const gap = options.gapAfter !== undefined && n >= options.gapAfter ? 30 : 0;
      const row = String.fromCharCode(65 + r);
      seats.push({
        id: `${row}${n + 1}`,
        sectionId: 'S',
        row,
        number: String(n + 1),
        x: n * 10 + gap,
        y: 100 + r * 10,
        ...options.flags?.(r, n),
      });
    }
  }
  const centreX = ((seatsPerRow - 1) * 10 + (options.gapAfter !== undefined ? 30 : 0)) / 2;
  return buildSeatLayout({
    seats,
    stage: {
      label: 'Stage',
      polygon: [
        [centreX - 5, 0],
        [centreX + 5, 0],
        [centreX + 5, 10],
        [centreX - 5, 10],
      ],
    },
  });
}

const allFree = (layout: SeatLayout) => new Uint8Array(layout.seatCount).fill(1);
const oneTier = (layout: SeatLayout) => ({ tierOf: new Int16Array(layout.seatCount), tierRank: [0] });
const ids = (layout: SeatLayout, seats: number[] | null) => seats?.map((seat) => layout.seatIds[seat]);

describe('best available', () => {
  it('picks adjacent seats in the front row, centred on the stage', () => {
    const layout = hall(3, 10);
    expect(
      ids(layout, findBestAvailable(layout, { free: allFree(layout), ...oneTier(layout) }, { quantity: 2 })),
    ).toEqual(['A5', 'A6']);
  });

  it('takes the best tier first, even when a cheaper tier is nearer', () => {
    const layout = hall(3, 10);
    const tierOf = new Int16Array(layout.seatCount).fill(1);
    for (let seat = 20; seat < 30; seat++) tierOf[seat] = 0; // row C is the premium tier
    const seats = findBestAvailable(layout, { free: allFree(layout), tierOf, tierRank: [0, 1] }, { quantity: 3 });
    expect(ids(layout, seats)).toEqual(['C4', 'C5', 'C6']);
  });

  it('keeps to the requested tier', () => {
    const layout = hall(3, 10);
    const tierOf = new Int16Array(layout.seatCount);
    for (let seat = 10; seat < 20; seat++) tierOf[seat] = 1;
    const seats = findBestAvailable(
      layout,
      { free: allFree(layout), tierOf, tierRank: [0, 1] },
      { quantity: 2, tierIndex: 1 },
    );
    expect(ids(layout, seats)).toEqual(['B5', 'B6']);
  });

  it('does not strand a single seat when another choice exists', () => {
    const layout = hall(2, 4);
    const free = allFree(layout);
    free[0] = 0; // A1 sold: A2..A4 free. Two seats at A2-A3 would strand A4; A3-A4 would strand A2.
    const seats = findBestAvailable(layout, { free, ...oneTier(layout) }, { quantity: 2 });
    // Row B: B2-B3 would strand B1 and B4; B1-B2 and B3-B4 are equally near the stage, the first wins.
    expect(ids(layout, seats)).toEqual(['B1', 'B2']);
    expect(strandsASeat(layout, free, new Set(seats!))).toBe(false);
  });

  it('strands a seat only when nothing else is left', () => {
    const layout = hall(1, 3);
    const seats = findBestAvailable(layout, { free: allFree(layout), ...oneTier(layout) }, { quantity: 2 });
    expect(seats).toHaveLength(2);
  });

  it('never spans an aisle', () => {
    const layout = hall(1, 6, { gapAfter: 3 });
    const free = allFree(layout);
    free[0] = 0;
    free[5] = 0; // A2 A3 | A4 A5 free in two blocks of two
    expect(findBestAvailable(layout, { free, ...oneTier(layout) }, { quantity: 3 })).toBeNull();
    expect(findBestAvailable(layout, { free, ...oneTier(layout) }, { quantity: 2 })).toHaveLength(2);
  });

  it('returns null when no block is large enough', () => {
    const layout = hall(2, 5);
    const free = allFree(layout);
    for (const seat of [1, 3, 6, 8]) free[seat] = 0;
    expect(findBestAvailable(layout, { free, ...oneTier(layout) }, { quantity: 2 })).toBeNull();
  });

  it('gives wheelchair spaces only to accessible requests, with a companion seat beside them', () => {
    const layout = hall(2, 6, {
      flags: (row, seat) =>
        row === 1 && seat === 0 ? { wheelchair: true } : row === 1 && seat === 1 ? { companion: true } : {},
    });
    const accessible = findBestAvailable(
      layout,
      { free: allFree(layout), ...oneTier(layout) },
      { quantity: 2, accessible: true },
    );
    expect(ids(layout, accessible)).toEqual(['B1', 'B2']);
    const free = allFree(layout);
    for (let seat = 0; seat < 6; seat++) free[seat] = 0; // row A sold out
    const general = findBestAvailable(layout, { free, ...oneTier(layout) }, { quantity: 2 });
    expect(ids(layout, general)!.some((id) => id === 'B1' || id === 'B2')).toBe(false);
  });

  it('property: the block is free, adjacent, in one row, and strands no seat unless every block would', () => {
    const layout = hall(4, 9, { gapAfter: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: layout.seatCount, maxLength: layout.seatCount }),
        fc.integer({ min: 1, max: 5 }),
        (pattern, quantity) => {
          const free = Uint8Array.from(pattern, (isFree) => (isFree ? 1 : 0));
          const seats = findBestAvailable(layout, { free, ...oneTier(layout) }, { quantity });
          const blocks = allBlocks(layout, free, quantity);
          if (!seats) return blocks.length === 0;
          expect(seats).toHaveLength(quantity);
          expect(seats.every((seat) => free[seat] === 1)).toBe(true);
          const row = layout.rows.find((r) => r.seats.includes(seats[0]!))!;
          const positions = seats.map((seat) => row.seats.indexOf(seat));
          positions.forEach((position, i) => {
            expect(position).toBeGreaterThanOrEqual(0);
            if (i > 0) expect(position).toBe(positions[i - 1]! + 1);
            if (i > 0) expect(row.adjacentToPrevious[position]).toBe(true);
          });
          if (strandsASeat(layout, free, new Set(seats))) {
            expect(blocks.every((block) => strandsASeat(layout, free, new Set(block)))).toBe(true);
          }
          return true;
        },
      ),
      { numRuns: 400 },
    );
  });

  it('chooses within a 2,600-seat theatre with the centre of a front row first', () => {
    const map = generateTheatre();
    const layout = buildSeatLayout(map);
    const seats = findBestAvailable(layout, { free: allFree(layout), ...oneTier(layout) }, { quantity: 2 });
    expect(ids(layout, seats)).toEqual(['ORCH-C-A-3', 'ORCH-C-A-4']);
  });
});

/** Every block of `quantity` free adjacent seats, by brute force. */
function allBlocks(layout: SeatLayout, free: Uint8Array, quantity: number): number[][] {
  const blocks: number[][] = [];
  for (const row of layout.rows) {
    for (let start = 0; start + quantity <= row.seats.length; start++) {
      const block = row.seats.slice(start, start + quantity);
      const adjacent = block.every((_, i) => i === 0 || row.adjacentToPrevious[start + i]);
      if (adjacent && block.every((seat) => free[seat] === 1)) blocks.push(block);
    }
  }
  return blocks;
}
