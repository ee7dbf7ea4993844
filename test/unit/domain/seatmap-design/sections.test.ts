import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeatMapImport, SeatedSectionSpec, type SeatedSectionInput } from '../../../../cloud/contract/index.ts';
import { emptyDesign } from '../../../../cloud/domain/seatmap/design/document.ts';
import { addSeatedSection, addStandingArea, placeStage } from '../../../../cloud/domain/seatmap/design/sections.ts';
import { checkDesign } from '../../../../cloud/domain/seatmap/design/checks.ts';

const spec = (input: Partial<SeatedSectionInput>) =>
  SeatedSectionSpec.parse({ id: 'STALLS', name: 'Stalls', origin: [500, 200], rows: 3, seatsPerRow: 10, ...input });

/** Ray casting: whether the point lies inside the polygon. */
function inside([x, y]: [number, number], polygon: [number, number][]): boolean {
  let within = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) within = !within;
  }
  return within;
}

describe('adding a section of straight rows', () => {
  it('lays out rows of seats with their labels, an aisle gap and aisle seats marked', () => {
    const { map, change } = addSeatedSection(emptyDesign('Hall'), spec({ aislesAfter: [5], aisleWidth: 2 }));
    expect(change).toEqual({ kind: 'append', sections: 1, seats: 30 });
    expect(map.seats.map((s) => s.row)).toEqual([
      ...Array(10).fill('A'),
      ...Array(10).fill('B'),
      ...Array(10).fill('C'),
    ]);
    const rowA = map.seats.slice(0, 10);
    expect(rowA.map((s) => s.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(rowA[1]!.x - rowA[0]!.x).toBeCloseTo(10);
    expect(rowA[5]!.x - rowA[4]!.x).toBeCloseTo(30); // the seat pitch and two pitches of aisle
    expect(rowA.filter((s) => s.aisle).map((s) => s.number)).toEqual(['1', '5', '6', '10']);
    expect(map.seats[10]!.y - map.seats[0]!.y).toBeCloseTo(14);
    expect(map.seats[0]!.id).toBe('STALLS-A-1');
  });

  it('numbers right to left and rotates the block', () => {
    const { map } = addSeatedSection(
      emptyDesign('Hall'),
      spec({ rows: 1, seatsPerRow: 3, rotation: 90, seatNumbering: { direction: 'right-to-left' } }),
    );
    expect(map.seats.map((s) => s.number)).toEqual(['3', '2', '1']);
    // A quarter turn clockwise: the row runs down the map.
    expect(map.seats.map((s) => s.x)).toEqual([500, 500, 500]);
    expect(map.seats[2]!.y - map.seats[0]!.y).toBeCloseTo(20);
  });

  it('refuses a section code already used, naming the field', () => {
    const { map } = addSeatedSection(emptyDesign('Hall'), spec({}));
    expect(() => addSeatedSection(map, spec({}))).toThrow(expect.objectContaining({ field: 'id' }));
  });
});

describe('adding a section of curved rows', () => {
  it('puts every seat of a row at the row radius from the centre, facing it', () => {
    const { map } = addSeatedSection(
      emptyDesign('Arena', 2000, 2000),
      spec({ origin: [1000, 100], curveRadius: 300, rows: 4, seatsPerRow: 20 }),
    );
    map.seats.forEach((seat, index) => {
      const row = Math.floor(index / 20);
      expect(Math.hypot(seat.x - 1000, seat.y - 100)).toBeCloseTo(300 + row * 14, 0);
      expect(seat.y).toBeGreaterThan(100); // below the stage's centre: facing it
    });
    const middle = map.seats.slice(0, 20);
    // The row bends: its middle seats are nearer the centre's level than its ends are.
    expect(middle[0]!.y).toBeLessThan(middle[10]!.y);
  });

  it('keeps every seat inside its outline and the map free of problems, whatever the shape (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          rows: fc.integer({ min: 1, max: 12 }),
          seatsPerRow: fc.integer({ min: 1, max: 40 }),
          seatsAddedPerRow: fc.integer({ min: -2, max: 3 }),
          rotation: fc.integer({ min: -180, max: 180 }),
          curveRadius: fc.option(fc.integer({ min: 150, max: 600 }), { nil: undefined }),
          aislesAfter: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 3 }),
          seatPitch: fc.integer({ min: 6, max: 14 }),
        }),
        (shape) => {
          const { map } = addSeatedSection(emptyDesign('Arena', 4000, 4000), spec({ ...shape, origin: [2000, 2000] }));
          const polygon = map.sections[0]!.polygon as [number, number][];
          for (const seat of map.seats) expect(inside([seat.x, seat.y], polygon)).toBe(true);
          expect(checkDesign(map).problems).toEqual([]);
          expect(SeatMapImport.safeParse(map).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('standing areas and the stage', () => {
  it('adds a standing area with its capacity and moves the stage', () => {
    let map = emptyDesign('Club');
    map = addStandingArea(map, {
      id: 'FLOOR',
      name: 'Floor',
      x: 100,
      y: 100,
      width: 300,
      height: 200,
      capacity: 450,
    }).map;
    map = placeStage(map, { label: 'Main stage', x: 150, y: 10, width: 200, height: 50 }).map;
    expect(map.sections).toEqual([
      expect.objectContaining({
        id: 'FLOOR',
        kind: 'ga',
        capacity: 450,
        polygon: [
          [100, 100],
          [400, 100],
          [400, 300],
          [100, 300],
        ],
      }),
    ]);
    expect(map.stage).toEqual({
      label: 'Main stage',
      polygon: [
        [150, 10],
        [350, 10],
        [350, 60],
        [150, 60],
      ],
    });
    expect(checkDesign(map).problems).toEqual([]);
  });
});

describe('the map size', () => {
  it('resizes the map, and seats or a stage past its edge are problems', async () => {
    const { resizeMap } = await import('../../../../cloud/domain/seatmap/design/document.ts');
    const { map } = addSeatedSection(emptyDesign('Hall', 1000, 800), spec({ origin: [980, 780], rows: 3 }));
    expect(checkDesign(map).problems.map((p) => p.rule)).toContain('outside_map');
    const bigger = resizeMap(map, 1200, 900).map;
    expect(checkDesign(bigger).problems).toEqual([]);
    const smaller = resizeMap(bigger, 300, 300).map;
    expect(checkDesign(smaller).problems.map((p) => p.message)).toContain('The stage reaches outside the map.');
    expect(() => resizeMap(map, 0, 10)).toThrow(expect.objectContaining({ field: 'width' }));
  });
});
