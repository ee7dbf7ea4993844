// The seats' flags as every door shows them: the canvas draws a mark of its own for a wheelchair space (a square), a
// companion seat (a dot) and a restricted view (a stroke) in the shop's palette too, and the words name them.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SeatMapImport } from '../../../../cloud/contract/index.ts';
import { buildModel } from '../../../../renderer/seatmap/model.ts';
import { DEFAULT_PALETTE } from '../../../../renderer/seatmap/palette.ts';
import { drawSeatsIn, type Canvas2D } from '../../../../renderer/seatmap/seat-drawing.ts';
import { flagsIn, flagWords, seatSummary } from '../../../../renderer/seatmap/seat-flags.ts';
import { SeatGrid } from '../../../../renderer/seatmap/spatial-index.ts';
import { activateLocale } from '../../../../renderer/i18n/index.ts';

const seat = (number: number, flags: Partial<SeatMapImport['seats'][number]> = {}) => ({
  id: `A-1-${number}`,
  sectionId: 'A',
  row: '1',
  number: String(number),
  x: number * 10,
  y: 10,
  ...flags,
});

const map: SeatMapImport = {
  name: 'Flags',
  width: 100,
  height: 20,
  stage: {
    label: 'Stage',
    polygon: [
      [0, 0],
      [100, 0],
      [100, 2],
    ],
  },
  sections: [
    {
      id: 'A',
      name: 'A',
      kind: 'seated',
      polygon: [
        [0, 0],
        [100, 0],
        [100, 20],
      ],
    },
  ],
  seats: [seat(1), seat(2, { wheelchair: true }), seat(3, { companion: true }), seat(4, { restrictedView: true })],
};

/** A 2D context that records the shapes it is asked for, per seat position. */
function recordingContext() {
  const shapes: string[] = [];
  const at = (kind: string, x: number) => shapes.push(`${kind}@${Math.round(x / 10)}`);
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: '',
    textBaseline: '',
    beginPath() {},
    fill() {},
    stroke() {},
    moveTo() {},
    arc: (x: number, _y: number, r: number) => at(r < 2 ? 'dot' : 'seat', x),
    rect: (x: number, _y: number, w: number) => at(w < 6 ? 'square' : 'seat-square', x + w / 2),
    lineTo: (x: number) => at('stroke', x - 2.94),
    fillText() {},
  };
  return { ctx: ctx as unknown as Canvas2D, shapes };
}

describe('seat flags', () => {
  beforeAll(() => activateLocale('en', ['seatmap']));

  it('draws a distinct mark on each flagged seat in the shop palette, none on a plain seat', () => {
    const model = buildModel(map);
    const grid = new SeatGrid(model.x, model.y, map.width, map.height, 40);
    const { ctx, shapes } = recordingContext();
    drawSeatsIn(ctx, model, grid, DEFAULT_PALETTE, { minX: 0, minY: 0, maxX: 100, maxY: 20 }, 4);
    const marks = shapes.filter((shape) => !shape.startsWith('seat'));
    expect(marks).toContain('square@2');
    expect(marks).toContain('dot@3');
    expect(marks).toContain('stroke@4');
    expect(marks.some((mark) => mark.endsWith('@1'))).toBe(false);
  });

  it('names the flags in labels, summaries and the legend', () => {
    expect(flagWords({ wheelchair: true, aisle: true })).toEqual(['wheelchair space', 'aisle']);
    expect(seatSummary({ row: 'C', number: '4', restrictedView: true, aisle: true })).toBe(
      'row C seat 4, restricted view',
    );
    expect(seatSummary({ row: 'C', number: '5' })).toBe('row C seat 5');
    expect(flagsIn(map.seats)).toEqual(['wheelchair', 'companion', 'restrictedView']);
    expect(flagsIn([seat(1)])).toEqual([]);
  });

  it('names them in the language shown (German), read when asked, not when the module was loaded', async () => {
    await activateLocale('de', ['seatmap']);
    try {
      expect(flagWords({ wheelchair: true, aisle: true })).toEqual(['Rollstuhlplatz', 'Gang']);
      expect(seatSummary({ row: 'C', number: '4', restrictedView: true, aisle: true })).toBe(
        'Reihe C Platz 4, eingeschränkte Sicht',
      );
    } finally {
      await activateLocale('en', ['seatmap']);
    }
  });
});
