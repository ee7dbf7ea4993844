// What the seat-map engine puts on the canvas, read back pixel by pixel in Chromium: sections in their tier's colour,
// as strong as they have seats free, when zoomed out, each seat in its tier's colour when zoomed in, a live change repainting exactly that
// seat (and not its neighbours), and sharp output at devicePixelRatio 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from '../support/browser.ts';

const PAGE_SOURCE = `
import { generateTheatre } from './cloud/domain/seatmap/generator.ts';
import { SeatMapEngine } from './renderer/seatmap/engine.ts';
const map = generateTheatre('Pixel Theatre');
function start(dpr) {
  document.body.replaceChildren();
  const canvas = document.createElement('canvas');
  canvas.style.cssText = 'width:800px;height:600px;display:block';
  document.body.append(canvas);
  const engine = new SeatMapEngine(canvas, map, { dpr });
  engine.renderer.palette = { ...engine.renderer.palette, tiers: ['#ff0000', '#0000ff'] };
  engine.setTiers(map.seats.map((s) => (s.sectionId === 'BALC' ? 1 : 0)));
  engine.setStatuses(new Uint8Array(map.seats.length));
  while (engine.renderNow().pendingTiles > 0);
  window.engine = engine;
  window.canvas = canvas;
}
function pixel(seat) {
  const e = window.engine;
  const [x, y] = e.viewport.toScreen(e.model.x[seat], e.model.y[seat]);
  const d = window.canvas.getContext('2d').getImageData(Math.round(x * e.renderer.dpr), Math.round(y * e.renderer.dpr), 1, 1).data;
  return [d[0], d[1], d[2]];
}
function render() { while (window.engine.renderNow().pendingTiles > 0); }
window.seatmapTest = { start, pixel, render, seatCount: map.seats.length, balcony: map.seats.findIndex((s) => s.sectionId === 'BALC' && !s.restrictedView && !s.wheelchair && !s.companion) };
`;

type Rgb = [number, number, number];
const near = (actual: Rgb, expected: Rgb) => actual.every((v, i) => Math.abs(v - expected[i]!) <= 40);

describe.skipIf(!chromiumPath())('seat-map rendering, read back from the canvas', () => {
  let browser: Browser;
  let page: Page;
  const call = <T>(expression: string) => page.evaluate(expression) as Promise<T>;

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: PAGE_SOURCE, resolveDir: new URL('../..', import.meta.url).pathname, loader: 'ts' },
      bundle: true,
      format: 'iife',
      write: false,
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.setContent('<!doctype html><body style="margin:0"></body>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });
  afterAll(async () => browser?.close());

  for (const dpr of [1, 2]) {
    it(`draws seats in their tier colour and repaints only a changed seat (devicePixelRatio ${dpr})`, async () => {
      await call(`seatmapTest.start(${dpr})`);
      const stalls = 100;
      const neighbour = 101;
      const balcony = await call<number>('seatmapTest.balcony');
      expect(near(await call<Rgb>(`seatmapTest.pixel(${stalls})`), [255, 0, 0])).toBe(true);
      expect(near(await call<Rgb>(`seatmapTest.pixel(${balcony})`), [0, 0, 255])).toBe(true);
      // A seat is sold: that seat turns grey at once, its neighbour keeps its colour.
      await call(`engine.applyChanges([{ seat: ${stalls}, status: 2 }]); seatmapTest.render()`);
      expect(near(await call<Rgb>(`seatmapTest.pixel(${stalls})`), [141, 141, 141])).toBe(true);
      expect(near(await call<Rgb>(`seatmapTest.pixel(${neighbour})`), [255, 0, 0])).toBe(true);
      // And back on sale.
      await call(`engine.applyChanges([{ seat: ${stalls}, status: 0 }]); seatmapTest.render()`);
      expect(near(await call<Rgb>(`seatmapTest.pixel(${stalls})`), [255, 0, 0])).toBe(true);
      // The canvas has device pixels: sharp at this ratio.
      expect(await call<number>('canvas.width')).toBe(800 * dpr);
    });
  }

  it('zoomed out, colours whole sections by tier, fainter as their seats sell', async () => {
    await call('seatmapTest.start(1)');
    // Zoom far out so that seats are below the level of detail.
    await call('engine.viewport.minScale = 0.01; engine.viewport.zoomAt(400, 300, 0.2); seatmapTest.render()');
    expect(await call<boolean>('engine.renderer.seatLevel()')).toBe(false);
    // A point inside the mezzanine: one of its front row's seats (clear of the label in its middle).
    const centre = `(() => { const e = engine; const s = e.model.sections.findIndex((x) => x.id === 'MEZZ'); let i = 0; while (e.model.section[i] !== s) i++; const [x, y] = e.viewport.toScreen(e.model.x[i + 3], e.model.y[i + 3]); const d = canvas.getContext('2d').getImageData(Math.round(x), Math.round(y), 1, 1).data; return [d[0], d[1], d[2]]; })()`;
    const free = await call<Rgb>(centre);
    expect(near(free, [255, 0, 0])).toBe(true); // plenty free: the mezzanine's tier colour (red), full strength
    await call(
      `engine.applyChanges(Array.from({ length: seatmapTest.seatCount }, (_, seat) => ({ seat, status: 2 }))); seatmapTest.render()`,
    );
    // Sold out: the same colour, faint over the background (#f7f7f5).
    expect(near(await call<Rgb>(centre), [248, 217, 216])).toBe(true);
  });
});
