import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeatMapImport } from '../../../cloud/contract/index.ts';
import { findSeatMapProblems, describeSeatMapProblem } from '../../../cloud/domain/seatmap/validate.ts';
import { generateStadium, generateTheatre } from '../../../cloud/domain/seatmap/generator.ts';
import { packStatuses, unpackStatuses } from '../../../cloud/domain/inventory/availability-pack.ts';
import { smallHall } from '../../support/world.ts';

describe('seat-map validation', () => {
  it('accepts a clean map', () => {
    expect(findSeatMapProblems(smallHall())).toEqual([]);
  });

  it('names duplicate ids, duplicate labels and unknown sections', () => {
    const map = smallHall(2, 3);
    map.seats.push({ ...map.seats[0]!, x: 999 }); // same id and same label
    map.seats.push({ ...map.seats[1]!, id: 'OTHER-1' }); // same label, new id
    map.seats.push({ id: 'GHOST-1', sectionId: 'NOPE', row: 'A', number: '1', x: 1, y: 1 });
    map.seats.push({ id: 'PIT-1', sectionId: 'PIT', row: 'A', number: '1', x: 1, y: 1 });
    const problems = findSeatMapProblems(map).map(describeSeatMapProblem);
    expect(problems).toContain('seat id MAIN-A-1 is used twice');
    expect(problems).toContain('MAIN row A seat 1 (MAIN-A-1) is labelled twice');
    expect(problems).toContain('MAIN row A seat 2 (OTHER-1) is labelled twice');
    expect(problems).toContain('seat GHOST-1 in NOPE: no such section');
    expect(problems).toContain('seat PIT-1 in PIT: a general admission section has no seats');
  });

  it('rejects a GA section without capacity and a duplicated section id', () => {
    const map = smallHall(1, 2);
    map.sections.push({
      id: 'LAWN',
      name: 'Lawn',
      kind: 'ga',
      polygon: [
        [0, 0],
        [1, 0],
        [1, 1],
      ],
    });
    map.sections.push({ ...map.sections[0]! });
    const rules = findSeatMapProblems(map).map((p) => p.rule);
    expect(rules).toEqual(expect.arrayContaining(['ga_capacity_missing', 'duplicate_section_id']));
  });
});

describe('seat-map generator', () => {
  it('builds a ~2,500-seat theatre with curved orchestra, mezzanine, balcony, boxes and wheelchair spaces', () => {
    const map = generateTheatre();
    expect(SeatMapImport.safeParse(map).success).toBe(true);
    expect(findSeatMapProblems(map)).toEqual([]);
    expect(map.seats.length).toBeGreaterThan(2_300);
    expect(map.seats.length).toBeLessThan(2_900);
    const levels = new Set(map.sections.map((s) => s.level));
    expect(levels).toEqual(new Set(['Orchestra', 'Mezzanine', 'Balcony', 'Boxes']));
    expect(map.seats.filter((s) => s.wheelchair).length).toBeGreaterThanOrEqual(4);
    expect(map.seats.filter((s) => s.companion).length).toBeGreaterThanOrEqual(2);
    expect(map.seats.some((s) => s.restrictedView)).toBe(true);
    // Curved rows: the y of row A in the centre block varies along the row.
    const rowA = map.seats.filter((s) => s.sectionId === 'ORCH-C' && s.row === 'A');
    expect(new Set(rowA.map((s) => s.y)).size).toBeGreaterThan(1);
  });

  it('builds a stadium of at least 60,000 seats in 100+ sections with a standing floor', () => {
    const map = generateStadium();
    expect(findSeatMapProblems(map)).toEqual([]);
    expect(map.seats.length).toBeGreaterThanOrEqual(60_000);
    expect(map.sections.filter((s) => s.kind === 'seated').length).toBeGreaterThanOrEqual(100);
    expect(map.sections.find((s) => s.kind === 'ga')?.capacity).toBeGreaterThan(0);
    expect(generateStadium({ seatScale: 1.6 }).seats.length).toBeGreaterThanOrEqual(100_000);
  });
});

describe('packed availability', () => {
  it('round-trips any statuses at 2 bits a seat', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 300 }), (codes) => {
        const packed = packStatuses(codes);
        expect(packed.length).toBe(Math.ceil(codes.length / 4));
        expect([...unpackStatuses(packed, codes.length)]).toEqual(codes);
      }),
    );
  });
});
