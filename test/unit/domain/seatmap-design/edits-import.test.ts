import { describe, expect, it } from 'vitest';
import { SeatedSectionSpec } from '../../../../cloud/contract/index.ts';
import { emptyDesign, type DesignMap } from '../../../../cloud/domain/seatmap/design/document.ts';
import { addSeatedSection } from '../../../../cloud/domain/seatmap/design/sections.ts';
import {
  defineTier,
  deleteSeats,
  deleteSection,
  moveSection,
  paintSectionTier,
  paintTier,
  rotateSection,
  setSeatFlag,
  tierOfSeat,
} from '../../../../cloud/domain/seatmap/design/edits.ts';
import { addCsvSeats, parseSeatCsv, parseSeatMapJson } from '../../../../cloud/domain/seatmap/design/import.ts';
import { checkDesign } from '../../../../cloud/domain/seatmap/design/checks.ts';
import { generateTheatre } from '../../../../cloud/domain/seatmap/generator.ts';

const twoBlocks = (): DesignMap => {
  const block = (id: string, x: number) =>
    SeatedSectionSpec.parse({ id, name: `Block ${id}`, origin: [x, 200], rows: 2, seatsPerRow: 4 });
  return addSeatedSection(addSeatedSection(emptyDesign('Hall'), block('L', 300)).map, block('R', 700)).map;
};

describe('editing sections', () => {
  it('moves a section with its seats and leaves the others and the input alone', () => {
    const map = twoBlocks();
    const before = structuredClone(map);
    const { map: moved, change } = moveSection(map, 'L', 15, -5);
    expect(change.kind).toBe('replace');
    expect(moved.seats[0]!.x).toBeCloseTo(map.seats[0]!.x + 15);
    expect(moved.seats[0]!.y).toBeCloseTo(map.seats[0]!.y - 5);
    expect(moved.sections[0]!.polygon[0]![0]).toBeCloseTo(map.sections[0]!.polygon[0]![0] + 15);
    expect(moved.seats[8]).toBe(map.seats[8]);
    expect(map).toEqual(before);
  });

  it('rotates a section about its centre (a full turn brings it back)', () => {
    const map = twoBlocks();
    const half = rotateSection(map, 'R', 180).map;
    expect(half.seats[8]!.x).toBeCloseTo(map.seats[15]!.x, 1);
    const full = rotateSection(half, 'R', 180).map;
    full.seats.forEach((seat, i) => expect(seat.x).toBeCloseTo(map.seats[i]!.x, 1));
  });

  it('deletes a section with its seats, and single seats', () => {
    const map = twoBlocks();
    expect(deleteSection(map, 'L').map.seats.map((s) => s.sectionId)).toEqual(Array(8).fill('R'));
    expect(deleteSeats(map, ['L-A-1', 'R-B-4']).map.seats).toHaveLength(14);
    expect(() => deleteSection(map, 'NOPE')).toThrow(expect.objectContaining({ field: 'section' }));
  });
});

describe('painting tiers and flags', () => {
  it('paints a tier on chosen seats, and a section tier as the default of its seats', () => {
    let map = defineTier(twoBlocks(), { key: 'premium', name: 'Premium', color: '#aa0000' }).map;
    map = defineTier(map, { key: 'standard', name: 'Standard' }).map;
    const painted = paintTier(map, [0, 1], 'premium');
    expect(painted.change).toEqual({ kind: 'seats', seatIndexes: [0, 1] });
    map = paintSectionTier(painted.map, 'L', 'standard').map;
    expect(tierOfSeat(map, map.seats[0]!)).toBe('premium');
    expect(tierOfSeat(map, map.seats[2]!)).toBe('standard');
    expect(tierOfSeat(map, map.seats[8]!)).toBeUndefined();
    expect(() => paintTier(map, [0], 'vip')).toThrow(expect.objectContaining({ field: 'tier' }));
    expect(paintTier(map, [0], null).map.seats[0]!.tier).toBeUndefined();
  });

  it('sets and clears wheelchair, companion and restricted-view flags', () => {
    const map = twoBlocks();
    const flagged = setSeatFlag(setSeatFlag(map, [3], 'wheelchair', true).map, [2], 'companion', true).map;
    expect(flagged.seats[3]).toMatchObject({ wheelchair: true });
    expect(flagged.seats[2]).toMatchObject({ companion: true });
    const cleared = setSeatFlag(flagged, [3], 'wheelchair', false).map;
    expect(cleared.seats[3]!.wheelchair).toBeUndefined();
    expect(setSeatFlag(map, [5], 'restrictedView', true).map.seats[5]!.restrictedView).toBe(true);
  });
});

describe('importing', () => {
  it('reads a CSV with a header, tiers and flags, into a new section drawn round its seats', () => {
    const csv =
      'section,row,seat,x,y,tier,flags\nBALC,A,1,100,500,upper,wheelchair\nBALC,A,2,110,500,upper,"companion;restricted"\nBALC,B,1,100,514,,\n';
    const { seats, problems } = parseSeatCsv(csv);
    expect(problems).toEqual([]);
    const { map } = addCsvSeats(twoBlocks(), seats);
    expect(map.sections.at(-1)).toMatchObject({ id: 'BALC', kind: 'seated' });
    expect(map.tiers).toEqual([{ key: 'upper', name: 'upper' }]);
    expect(map.seats.slice(-3)).toEqual([
      { id: 'BALC-A-1', sectionId: 'BALC', row: 'A', number: '1', x: 100, y: 500, tier: 'upper', wheelchair: true },
      {
        id: 'BALC-A-2',
        sectionId: 'BALC',
        row: 'A',
        number: '2',
        x: 110,
        y: 500,
        tier: 'upper',
        companion: true,
        restrictedView: true,
      },
      { id: 'BALC-B-1', sectionId: 'BALC', row: 'B', number: '1', x: 100, y: 514 },
    ]);
    expect(checkDesign(map).problems).toEqual([]);
  });

  it('names the line and column of every bad CSV row and keeps the good ones', () => {
    const { seats, problems } = parseSeatCsv('L,A,9,1,2\nL,,1,1,2\nL,A,2,east,2\nL,A,3,1,2,,sparkly\n');
    expect(seats).toHaveLength(1);
    expect(problems).toEqual([
      { line: 2, field: 'row', message: expect.any(String) },
      { line: 3, field: 'x', message: expect.any(String) },
      { line: 4, field: 'flags', message: expect.stringContaining('sparkly') },
    ]);
  });

  it('gives a repeated label its own seat id, so the duplicate is shown seat by seat', () => {
    const { seats } = parseSeatCsv('L,A,1,300,400\n');
    const { map } = addCsvSeats(twoBlocks(), seats);
    const duplicate = checkDesign(map).problems.find((p) => p.rule === 'duplicate_label')!;
    expect(duplicate.seatIds.sort()).toEqual(['L-A-1', 'L-A-1~2']);
    expect(duplicate.message).toBe('Block L row A seat 1 is labelled 2 times.');
  });

  it('reads a whole map as JSON, naming the path of a bad value', () => {
    const theatre = generateTheatre();
    expect(parseSeatMapJson(JSON.stringify(theatre)).map?.seats).toHaveLength(theatre.seats.length);
    const broken = { ...theatre, seats: [{ ...theatre.seats[0], x: 'left' }] };
    expect(parseSeatMapJson(JSON.stringify(broken)).problems).toEqual([
      { line: 0, field: 'seats.0.x', message: expect.any(String) },
    ]);
    expect(parseSeatMapJson('{').problems[0]!.message).toMatch(/^Not JSON/);
  });
});
