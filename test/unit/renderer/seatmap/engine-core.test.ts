// The seat-map engine's pure parts, without a browser: the model and its live counts, the spatial index (against a
// brute-force scan), the camera, and keyboard movement between seats.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateStadium, generateTheatre } from '../../../../cloud/domain/seatmap/generator.ts';
import { STATUS, applySnapshot, buildModel, setStatus } from '../../../../renderer/seatmap/model.ts';
import { SeatGrid } from '../../../../renderer/seatmap/spatial-index.ts';
import { Viewport } from '../../../../renderer/seatmap/viewport.ts';
import { SeatNavigator } from '../../../../renderer/seatmap/navigation.ts';

const theatre = generateTheatre('Test Theatre');
const model = buildModel(theatre);

describe('seat-map model', () => {
  it('holds every seat in typed arrays, in seat-map order, with flags and a typical spacing', () => {
    expect(model.seatCount).toBe(theatre.seats.length);
    const wheelchair = theatre.seats.findIndex((s) => s.wheelchair);
    expect(model.flags[wheelchair]! & 1).toBe(1);
    expect(model.ids[10]).toBe(theatre.seats[10]!.id);
    expect(model.seatSpacing).toBeGreaterThan(5);
    expect(model.seatSpacing).toBeLessThan(30);
  });

  it('keeps free-seat counts per section in step with status changes', () => {
    const m = buildModel(theatre);
    const codes = new Uint8Array(m.seatCount);
    codes[0] = STATUS.sold;
    codes[1] = STATUS.held;
    applySnapshot(m, codes);
    const section = m.section[0]!;
    expect(m.sectionFree[section]).toBe(m.sectionSeats[section]! - 2);
    expect(setStatus(m, 0, STATUS.available)).toBe(true);
    expect(setStatus(m, 0, STATUS.available)).toBe(false);
    expect(setStatus(m, 2, STATUS.held)).toBe(true);
    expect(m.sectionFree[section]).toBe(m.sectionSeats[section]! - 2);
  });
});

describe('spatial index', () => {
  const grid = new SeatGrid(model.x, model.y, theatre.width, theatre.height, model.seatSpacing * 6);

  it('finds exactly the seats a brute-force scan finds in any rectangle', () => {
    fc.assert(
      fc.property(
        fc.float({ min: 0, max: Math.fround(theatre.width), noNaN: true }),
        fc.float({ min: 0, max: Math.fround(theatre.height), noNaN: true }),
        fc.float({ min: 1, max: 400, noNaN: true }),
        fc.float({ min: 1, max: 400, noNaN: true }),
        (x, y, w, h) => {
          const found = new Set<number>();
          grid.forEachInRect(x, y, x + w, y + h, (seat) => {
            if (model.x[seat]! >= x && model.x[seat]! <= x + w && model.y[seat]! >= y && model.y[seat]! <= y + h)
              found.add(seat);
          });
          const expected = new Set<number>();
          for (let i = 0; i < model.seatCount; i++) {
            if (model.x[i]! >= x && model.x[i]! <= x + w && model.y[i]! >= y && model.y[i]! <= y + h) expected.add(i);
          }
          expect(found).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hit-tests the nearest seat within reach, and nothing out of reach', () => {
    for (const seat of [0, 100, 1000, model.seatCount - 1]) {
      expect(grid.nearest(model.x[seat]! + 0.5, model.y[seat]! - 0.5, model.seatSpacing / 2)).toBe(seat);
    }
    expect(grid.nearest(-500, -500, 10)).toBe(-1);
  });

  it('indexes a 100,000-seat stadium', () => {
    const stadium = generateStadium({ seatScale: 1.6 });
    const big = buildModel(stadium);
    expect(big.seatCount).toBeGreaterThanOrEqual(100_000);
    const bigGrid = new SeatGrid(big.x, big.y, stadium.width, stadium.height, big.seatSpacing * 6);
    const seat = 54_321;
    expect(bigGrid.nearest(big.x[seat]!, big.y[seat]!, big.seatSpacing / 3)).toBe(seat);
  });
});

describe('viewport', () => {
  it('zooms about the pointer: the map point under it stays under it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 600 }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (sx, sy, factor) => {
          const view = new Viewport(800, 600, 1000, 1000);
          view.fit();
          view.zoomAt(400, 300, 4);
          const before = view.toMap(sx, sy);
          view.zoomAt(sx, sy, factor);
          const after = view.toMap(sx, sy);
          expect(after[0]).toBeCloseTo(before[0], 6);
          expect(after[1]).toBeCloseTo(before[1], 6);
        },
      ),
    );
  });

  it('fits the map, never zooms out far beyond that, and cannot be flung off screen', () => {
    const view = new Viewport(400, 800, 2000, 1000);
    view.fit();
    const fitted = view.state.scale;
    expect(fitted).toBeCloseTo((400 / 2000) * 0.95);
    view.zoomAt(0, 0, 0.001);
    expect(view.state.scale).toBeCloseTo(fitted * 0.8);
    view.panBy(1e6, 1e6);
    const visible = view.visible();
    expect(visible.maxX).toBeGreaterThan(0);
    expect(visible.maxY).toBeGreaterThan(0);
  });
});

describe('keyboard navigation', () => {
  const nav = new SeatNavigator(model);

  it('moves along a row, stops at its ends, and jumps to the nearest seat of the next row', () => {
    const start = 0;
    const right = nav.move(start, 'right');
    expect(model.rows[right]).toBe(model.rows[start]);
    expect(right).toBe(1);
    expect(nav.move(start, 'left')).toBe(start);
    const end = nav.move(start, 'end');
    expect(nav.move(end, 'right')).toBe(end);
    const down = nav.move(right, 'down');
    expect(model.section[down]).toBe(model.section[right]);
    expect(model.rows[down]).not.toBe(model.rows[right]);
    expect(nav.move(down, 'up')).not.toBe(down);
  });

  it('reaches every seat of the house from the first one with keys alone', () => {
    const reached = new Set<number>([0]);
    const queue = [0];
    while (queue.length > 0) {
      const seat = queue.pop()!;
      for (const move of ['left', 'right', 'up', 'down', 'nextSection', 'previousSection'] as const) {
        const next = nav.move(seat, move);
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    expect(reached.size).toBe(model.seatCount);
  });
});
