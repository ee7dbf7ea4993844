// What the seat map tells a buyer without a browser: each row's label stands outside the row at both ends (never over
// a seat, along a slanted row too), the overview colours a section by the tier most of its seats have and fades it as
// it sells out, and the palette comes from the design tokens with the buyer's seats and aisle marks of their own.
import { describe, expect, it } from 'vitest';
import type { SeatMapImport } from '../../../../cloud/contract/index.ts';
import { buildModel, setTiers } from '../../../../renderer/seatmap/model.ts';
import { DEFAULT_PALETTE, overviewAlpha, paletteFromTokens } from '../../../../renderer/seatmap/palette.ts';
import { drawSeatsIn, seatRadius, type Canvas2D } from '../../../../renderer/seatmap/seat-drawing.ts';
import { drawSectionLabels, sectionFacts } from '../../../../renderer/seatmap/sections-drawing.ts';
import { Viewport } from '../../../../renderer/seatmap/viewport.ts';
import { SeatGrid } from '../../../../renderer/seatmap/spatial-index.ts';

const square: [number, number][] = [
  [0, 0],
  [200, 0],
  [200, 100],
  [0, 100],
];

/** Two rows of five seats: A level, B slanted (each seat 10 units right and 5 down of the one before). */
const map: Pick<SeatMapImport, 'width' | 'height' | 'stage' | 'sections' | 'seats'> = {
  width: 200,
  height: 100,
  stage: { label: 'Stage', polygon: square },
  sections: [
    { id: 'L', name: 'Left', kind: 'seated', polygon: square },
    { id: 'R', name: 'Right', kind: 'seated', polygon: square },
  ],
  seats: [
    ...[1, 2, 3, 4, 5].map((n) => ({ id: `A${n}`, sectionId: 'L', row: 'A', number: `${n}`, x: 40 + n * 10, y: 20 })),
    ...[1, 2, 3, 4, 5].map((n) => ({
      id: `B${n}`,
      sectionId: 'R',
      row: 'B',
      number: `${n}`,
      x: 40 + n * 10,
      y: 40 + n * 5,
    })),
  ],
};

function textRecorder() {
  const texts: { text: string; x: number; y: number }[] = [];
  const noop = () => {};
  const ctx = new Proxy(
    {
      fillText: (text: string, x: number, y: number) => texts.push({ text, x, y }),
      measureText: (text: string) => ({ width: text.length * 7 }),
    },
    { get: (target, key) => (key in target ? target[key as 'fillText'] : noop), set: () => true },
  );
  return { ctx: ctx as unknown as Canvas2D, texts };
}

describe('what the seat map shows', () => {
  it("labels each row outside the row at both ends, along the row's direction", () => {
    const model = buildModel(map);
    const grid = new SeatGrid(model.x, model.y, 200, 100, 60);
    const { ctx, texts } = textRecorder();
    // 4 device pixels per unit: seats 40 px apart, row labels legible.
    drawSeatsIn(ctx, model, grid, DEFAULT_PALETTE, { minX: 0, minY: 0, maxX: 200, maxY: 100 }, 4);
    const rowA = texts.filter((t) => t.text === 'A');
    const rowB = texts.filter((t) => t.text === 'B');
    expect(rowA).toHaveLength(2);
    expect(rowB).toHaveLength(2);
    const r = seatRadius(model);
    // Beyond the first and the last seat, clear of their dots.
    expect(Math.min(...rowA.map((t) => t.x))).toBeLessThan(50 - r * 2);
    expect(Math.max(...rowA.map((t) => t.x))).toBeGreaterThan(90 + r * 2);
    for (const label of [...rowA, ...rowB]) {
      for (let seat = 0; seat < model.seatCount; seat++) {
        expect(Math.hypot(label.x - model.x[seat]!, label.y - model.y[seat]!)).toBeGreaterThan(r * 2);
      }
    }
    // The slanted row's labels continue its slope (up-left of seat 1, down-right of seat 5).
    const [before, after] = [...rowB].sort((a, b) => a.x - b.x);
    expect(before!.y).toBeLessThan(45);
    expect(after!.y).toBeGreaterThan(65);
  });

  it('writes no row labels while the seats are too small to read them', () => {
    const model = buildModel(map);
    const grid = new SeatGrid(model.x, model.y, 200, 100, 60);
    const { ctx, texts } = textRecorder();
    drawSeatsIn(ctx, model, grid, DEFAULT_PALETTE, { minX: 0, minY: 0, maxX: 200, maxY: 100 }, 1);
    expect(texts).toEqual([]);
  });

  it('names the sections at the overview and at mid zoom, not once rows carry their own labels', () => {
    const model = buildModel(map);
    const facts = sectionFacts(model);
    const viewport = new Viewport(800, 400, 200, 100);
    const labelsAt = (seatPx: number) => {
      viewport.state = { scale: seatPx / model.seatSpacing, x: 0, y: 0 };
      const { ctx, texts } = textRecorder();
      drawSectionLabels(ctx, model, DEFAULT_PALETTE, facts, viewport, 1);
      return texts.map((t) => t.text);
    };
    expect(labelsAt(4)).toEqual(['Left', 'Right']); // the whole house
    expect(labelsAt(10)).toEqual(['Left', 'Right']); // seats drawn one by one, rows not yet labelled
    expect(labelsAt(20)).toEqual([]); // rows labelled
  });

  it("colours a section by its seats' main tier, and fades it as it sells out", () => {
    const model = buildModel(map);
    setTiers(model, [0, 0, 0, 0, 1, 1, 1, 1, 1, 0]);
    const facts = sectionFacts(model);
    expect([...facts.tier]).toEqual([0, 1]);
    expect(overviewAlpha(0)).toBeLessThan(overviewAlpha(0.05));
    expect(overviewAlpha(0.05)).toBeLessThan(overviewAlpha(1));
    expect(overviewAlpha(1)).toBe(1);
  });

  it('takes its colours from the design tokens, with fallbacks for any token missing', () => {
    const tokens: Record<string, string> = {
      '--seat-mine': ' #6a1b9a',
      '--seat-mine-mark': '#ffffff',
      '--seat-aisle-mark': 'rgb(0 0 0 / 18%)',
      '--seat-held': '#b0b0b0',
      '--map-background': '#18181a',
    };
    const palette = paletteFromTokens({ getPropertyValue: (name: string) => tokens[name] ?? '' }, ['#ff0000']);
    expect(palette.mine).toBe('#6a1b9a');
    expect(palette.aisle).toBe('rgb(0 0 0 / 18%)');
    expect(palette.background).toBe('#18181a');
    expect(palette.tiers).toEqual(['#ff0000']);
    expect(palette.sold).toBe(DEFAULT_PALETTE.sold);
    expect(palette.mine).not.toBe(palette.aisle);
  });
});
