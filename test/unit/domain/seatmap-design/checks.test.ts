import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SeatMapImport } from '../../../../cloud/contract/index.ts';
import { checkDesign, overlappingPairs } from '../../../../cloud/domain/seatmap/design/checks.ts';
import { findSeatMapProblems } from '../../../../cloud/domain/seatmap/validate.ts';
import { generateStadium } from '../../../../cloud/domain/seatmap/generator.ts';
import { smallHall } from '../../../support/world.ts';

const rulesOf = (map: SeatMapImport) => checkDesign(map).problems.map((p) => p.rule);

describe('checking a design', () => {
  it('finds nothing wrong with the 60,000-seat stadium, quickly', () => {
    const stadium = generateStadium();
    const started = performance.now();
    expect(checkDesign(stadium).problems).toEqual([]);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('names the seats that overlap, lie off the map, and the sections without seats', () => {
    const map = smallHall(2, 4);
    map.seats.push({ ...map.seats[0]!, id: 'MAIN-A-1b', number: '99', x: map.seats[0]!.x + 1 });
    map.seats.push({ ...map.seats[1]!, id: 'MAIN-A-off', number: '100', x: 1_000 });
    map.sections.push({
      id: 'EMPTY',
      name: 'Empty block',
      kind: 'seated',
      polygon: [
        [0, 0],
        [10, 0],
        [10, 10],
      ],
    });
    const { problems } = checkDesign(map);
    expect(problems).toContainEqual(
      expect.objectContaining({ rule: 'overlapping_seats', seatIds: ['MAIN-A-1', 'MAIN-A-1b'] }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ rule: 'outside_map', seatIds: ['MAIN-A-off'] }));
    expect(problems).toContainEqual(expect.objectContaining({ rule: 'empty_section', sectionIds: ['EMPTY'] }));
  });

  it('finds the same overlapping pairs on its grid as comparing every pair would (property)', () => {
    const point = fc.record({ x: fc.integer({ min: 0, max: 200 }), y: fc.integer({ min: 0, max: 200 }) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 120 }), fc.integer({ min: 1, max: 12 }), (points, distance) => {
        const map = {
          ...smallHall(1, 1),
          seats: points.map((p, i) => ({ id: `S${i}`, sectionId: 'MAIN', row: 'A', number: String(i), ...p })),
        };
        const expected: string[] = [];
        for (let b = 0; b < points.length; b++)
          for (let a = 0; a < b; a++)
            if ((points[a]!.x - points[b]!.x) ** 2 + (points[a]!.y - points[b]!.y) ** 2 < distance ** 2)
              expected.push(`${a}/${b}`);
        const found = overlappingPairs(map, distance).map(([a, b]) => `${Math.min(a, b)}/${Math.max(a, b)}`);
        expect(found.sort()).toEqual(expected.sort());
      }),
      { numRuns: 200 },
    );
  });

  it('refuses whatever the server would refuse, so a design it passes can be saved (property)', () => {
    const base = smallHall(2, 3);
    const edits = fc.array(
      fc.oneof(
        fc.constant((m: SeatMapImport) => m.seats.push({ ...m.seats[0]! })),
        fc.constant((m: SeatMapImport) => m.seats.push({ ...m.seats[1]!, id: 'OTHER' })),
        fc.constant((m: SeatMapImport) =>
          m.seats.push({ id: 'GHOST', sectionId: 'NOPE', row: 'A', number: '1', x: 5, y: 5 }),
        ),
        fc.constant((m: SeatMapImport) => m.sections.push({ ...m.sections[0]! })),
        fc.constant((m: SeatMapImport) =>
          m.sections.push({
            id: 'LAWN',
            name: 'Lawn',
            kind: 'ga',
            polygon: [
              [0, 0],
              [1, 0],
              [1, 1],
            ],
          }),
        ),
        fc.constant((m: SeatMapImport) => (m.tiers = [{ key: 'a', name: 'A' }])),
        fc.constant((m: SeatMapImport) => (m.seats[2] = { ...m.seats[2]!, tier: 'b' })),
        fc.constant((m: SeatMapImport) => (m.sections[0] = { ...m.sections[0]!, capacity: 5 })),
      ),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(edits, (changes) => {
        const map = structuredClone(base);
        for (const change of changes) change(map);
        if (findSeatMapProblems(map).length > 0) expect(rulesOf(map).length).toBeGreaterThan(0);
      }),
    );
  });
});
