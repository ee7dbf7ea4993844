// A seat map that informs, read back from real Chromium: the buyer's seats and aisle seats look unlike each other and
// unlike a free seat (pixels sampled), the overview shows tier colours and fades a sold-out section, the zoom buttons
// work and the zoom stops at a useful seat size, a seat's tooltip shows on hover and on a long press, the wheel
// scrolls the page unless the map has focus or Ctrl is held, the camera comes back after navigating away and Back,
// the controls sit in the inline-end corner in a right-to-left page, and the whole is axe-clean.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Plugin } from 'esbuild';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAxeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser } from '../support/browser.ts';

const ORIGIN = 'http://seatmap.test';

/** The `…json?lingui` catalogs compiled as the web build's Lingui plugin compiles them. */
const lingui: Plugin = {
  name: 'lingui-catalogs',
  setup(bundler) {
    bundler.onResolve({ filter: /\?lingui$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\?lingui$/, '')),
      namespace: 'lingui',
    }));
    bundler.onLoad({ filter: /.*/, namespace: 'lingui' }, (args) => {
      const source = JSON.parse(readFileSync(args.path, 'utf8')) as Record<string, string>;
      const messages = Object.fromEntries(Object.entries(source).map(([id, text]) => [id, compileMessage(text)]));
      return { contents: `export const messages = ${JSON.stringify(messages)};`, loader: 'js' };
    });
  },
};

type Rgb = [number, number, number];
interface MapTest {
  engine(): { renderer: { selected: Set<number> } };
}
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const hex = (value: string): Rgb => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)) as Rgb;

describe.skipIf(!chromiumPath())('a seat map that informs, in Chromium', () => {
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [new URL('./seatmap-informs.page.tsx', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      jsx: 'automatic',
      outdir: '/tmp/seatmap-informs',
      write: false,
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [lingui],
      logLevel: 'error',
    });
    const js = bundle.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
    const css = bundle.outputFiles.find((file) => file.path.endsWith('.css'))!.text;
    html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Seat map</title><style>${css}
      body { margin: 0; } .spacer { block-size: 200px; } .tail { block-size: 1500px; }
      canvas.seatmap { display: block; inline-size: 100%; block-size: 480px; }</style></head>
      <body><div class="spacer"></div><div id="map"></div><div class="tail"></div>
      <script type="module">${js}</script></body></html>`;
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  async function open(
    options: { touch?: boolean; width?: number } = {},
  ): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({
      viewport: options.touch ? { width: 360, height: 740 } : { width: options.width ?? 1024, height: 768 },
      ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
      bypassCSP: true,
    });
    await context.route(`${ORIGIN}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: new URL(route.request().url()).pathname === '/' ? html : '<!doctype html><title>Elsewhere</title>',
      }),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => 'mapTest' in window);
    return { page, context };
  }
  const call = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;
  const scale = (page: Page) => call<number>(page, 'mapTest.engine().viewport.state.scale');

  it('draws the buyer’s seat in its own larger fill with a check, an aisle seat with a faint mark, both unlike a free seat', async () => {
    const { page, context } = await open();
    const seat = await call<number>(page, `mapTest.plainSeat('ORCH-C')`);
    const free = seat + 1;
    // The aisle seat ending the same row.
    const aisle = await call<number>(
      page,
      `(() => { const s = mapTest.seats; let i = ${seat}; while (!s[i].aisle) i--; return i; })()`,
    );
    await call(page, `mapTest.mount({ selected: [${seat}] })`);
    await page.waitForFunction(
      () => (window as unknown as { mapTest: MapTest }).mapTest.engine().renderer.selected.size === 1,
    );
    await call(
      page,
      `(() => { const e = mapTest.engine(); e.restoreView({ centreX: e.model.x[${seat}], centreY: e.model.y[${seat}], scale: 30 / e.model.seatSpacing }); mapTest.render(); })()`,
    );
    const mine = hex('#6a1b9a');
    const centre = (s: number) => call<Rgb>(page, `mapTest.sample(${s}, 0, 0, 2)`);
    const ring = (s: number) => call<Rgb>(page, `mapTest.sample(${s}, 0, -1.12)`);
    const beyond = (s: number) => call<Rgb>(page, `mapTest.sample(${s}, 0, -1.27)`);
    // The buyer's seat: its own fill, whatever the tier, unlike a free seat and an aisle seat.
    expect(distance(await centre(seat), await centre(free))).toBeGreaterThan(80);
    expect(distance(await centre(seat), await centre(aisle))).toBeGreaterThan(80);
    expect(distance(await ring(seat), await ring(aisle))).toBeGreaterThan(80);
    // Drawn larger: past a seat's edge it is still the buyer's colour; a free seat there shows the floor.
    expect(distance(await beyond(seat), mine)).toBeLessThan(40);
    expect(distance(await beyond(free), mine)).toBeGreaterThan(100);
    // Its mark: a check in the mark colour (the corner of the check, below and left of the centre); a free seat has
    // its tier's fill there.
    const check = (s: number) => call<Rgb>(page, `mapTest.sample(${s}, -0.16, 0.47, 1)`);
    expect(distance(await check(seat), hex('#ffffff'))).toBeLessThan(60);
    expect(distance(await check(free), hex('#ffffff'))).toBeGreaterThan(100);
    // The aisle mark is there, and subtle: visible against the floor round a free seat, far from the selection.
    const aisleRing = await ring(aisle);
    const floor = await ring(free);
    expect(distance(aisleRing, floor)).toBeGreaterThan(12);
    expect(distance(aisleRing, floor)).toBeLessThan(120);
    await context.close();
  });

  it('colours the overview by tier and fades a sold-out section', async () => {
    const { page, context } = await open();
    await call(page, 'mapTest.mount()');
    // Out to where seats are too small to draw one by one (a stadium's overview on this screen).
    await call(page, 'mapTest.engine().viewport.minScale = 0.01; mapTest.engine().zoomBy(0.25); mapTest.render()');
    expect(await call<boolean>(page, 'mapTest.engine().renderer.seatLevel()')).toBe(false);
    const stalls = await call<Rgb>(page, `mapTest.sectionSample('ORCH-C')`);
    const circle = await call<Rgb>(page, `mapTest.sectionSample('MEZZ')`);
    // Two tiers, two colours (red and blue, at the same strength).
    expect(distance(stalls, circle)).toBeGreaterThan(100);
    expect(stalls[0]).toBeGreaterThan(stalls[2]);
    expect(circle[2]).toBeGreaterThan(circle[0]);
    const background = hex('#fafaf7');
    // The mezzanine sells out: its section fades towards the background.
    await call(
      page,
      `(() => { const e = mapTest.engine(); const s = e.model.sections.findIndex((x) => x.id === 'MEZZ'); const changes = []; for (let i = 0; i < e.model.seatCount; i++) if (e.model.section[i] === s) changes.push({ seat: i, status: 2 }); e.applyChanges(changes); mapTest.render(); })()`,
    );
    const soldOut = await call<Rgb>(page, `mapTest.sectionSample('MEZZ')`);
    expect(distance(soldOut, background)).toBeLessThan(distance(circle, background) / 2);
    await context.close();
  });

  it('zooms with named buttons, stops at a useful seat size, and fits the whole map again', async () => {
    const { page, context } = await open();
    await call(page, 'mapTest.mount()');
    const fitted = await scale(page);
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    await zoomIn.click();
    expect(await scale(page)).toBeCloseTo(fitted * 1.5, 5);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    expect(await scale(page)).toBeCloseTo(fitted, 5);
    // From the keyboard: Tab from the map reaches the buttons; Enter presses them.
    await page.locator('canvas.seatmap').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Zoom in');
    for (let press = 0; press < 20; press++) await page.keyboard.press('Enter');
    // The cap: neighbouring seats at most 48 CSS pixels apart, never one seat filling the screen.
    const seatPx = await call<number>(
      page,
      'mapTest.engine().model.seatSpacing * mapTest.engine().viewport.state.scale',
    );
    expect(seatPx).toBeLessThanOrEqual(48.001);
    expect(seatPx).toBeGreaterThan(40);
    await page.getByRole('button', { name: 'Show the whole map' }).click();
    expect(await scale(page)).toBeCloseTo(fitted, 5);
    await context.close();
  });

  it('shows a seat’s tooltip on hover: section, row, seat, price and view notes', async () => {
    const { page, context } = await open();
    await call(page, 'mapTest.mount()');
    const restricted = await call<number>(
      page,
      `mapTest.seats.findIndex((s) => s.restrictedView && !s.wheelchair && !s.companion)`,
    );
    const seat = await call<{ section: string; row: string; number: string }>(
      page,
      `(() => { const s = mapTest.seats[${restricted}]; const e = mapTest.engine(); e.restoreView({ centreX: e.model.x[${restricted}], centreY: e.model.y[${restricted}], scale: 24 / e.model.seatSpacing }); mapTest.render(); return { section: e.model.sections[e.model.section[${restricted}]].name, row: s.row, number: s.number }; })()`,
    );
    const box = (await page.locator('canvas.seatmap').boundingBox())!;
    const at = await call<{ x: number; y: number }>(page, `mapTest.engine().screenOf(${restricted})`);
    await page.mouse.move(box.x + at.x + 20, box.y + at.y + 20);
    await page.mouse.move(box.x + at.x, box.y + at.y, { steps: 3 });
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    const text = await tooltip.textContent();
    expect(text).toContain(`${seat.section} · Row ${seat.row} · Seat ${seat.number}`);
    expect(text).toContain('€49.00');
    expect(text).toContain('restricted view');
    // Tied to the map for assistive technology while shown; gone when the mouse leaves the map.
    expect(await page.locator('canvas.seatmap').getAttribute('aria-describedby')).toBe(
      await tooltip.getAttribute('id'),
    );
    await page.mouse.move(box.x - 10 > 0 ? box.x - 10 : box.x + box.width / 2, box.y - 100);
    await expect.poll(() => tooltip.count()).toBe(0);
    await context.close();
  });

  it('shows the tooltip on a long press on a phone without choosing the seat; a tap chooses it', async () => {
    const { page, context } = await open({ touch: true });
    await call(page, 'mapTest.mount()');
    const seat = await call<number>(page, `mapTest.plainSeat('ORCH-C')`);
    await call(
      page,
      `(() => { const e = mapTest.engine(); e.restoreView({ centreX: e.model.x[${seat}], centreY: e.model.y[${seat}], scale: 30 / e.model.seatSpacing }); mapTest.render(); })()`,
    );
    await page.locator('canvas.seatmap').scrollIntoViewIfNeeded();
    const box = (await page.locator('canvas.seatmap').boundingBox())!;
    const at = await call<{ x: number; y: number }>(page, `mapTest.engine().screenOf(${seat})`);
    const cdp = await context.newCDPSession(page);
    const point = { x: box.x + at.x, y: box.y + at.y, id: 1 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
    await page.getByRole('tooltip').waitFor();
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    expect(await page.getByRole('tooltip').textContent()).toContain('Orchestra Centre');
    expect(await call<number[]>(page, 'mapTest.activated()')).toEqual([]);
    await page.locator('canvas.seatmap').tap({ position: at });
    await expect.poll(() => call<number[]>(page, 'mapTest.activated()')).toEqual([seat]);
    await expect.poll(() => page.getByRole('tooltip').count()).toBe(0);
    await context.close();
  });

  it('lets the wheel scroll the page over an unfocused map (with a hint); Ctrl or focus makes it zoom', async () => {
    const { page, context } = await open();
    await call(page, 'mapTest.mount()');
    const fitted = await scale(page);
    const box = (await page.locator('canvas.seatmap').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 120);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(await scale(page)).toBe(fitted);
    await page.getByText('Use Ctrl + scroll to zoom').waitFor();
    // Ctrl held: the map zooms and the page stays.
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -240);
    await page.keyboard.up('Control');
    await expect.poll(() => scale(page)).toBeGreaterThan(fitted * 1.2);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    // Focused (clicked or tabbed to): the wheel zooms.
    const zoomed = await scale(page);
    await page.locator('canvas.seatmap').focus();
    await page.mouse.wheel(0, -240);
    await expect.poll(() => scale(page)).toBeGreaterThan(zoomed * 1.2);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await context.close();
  });

  it('keeps the camera after navigating away and Back, and centres on seats when asked', async () => {
    const { page, context } = await open();
    await call(page, `mapTest.mount({ viewKey: 'event-1' })`);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await call(page, 'mapTest.engine().panBy(-120, 40)');
    const before = await call<{ centreX: number; centreY: number; scale: number }>(
      page,
      'mapTest.engine().savedView()',
    );
    await page.goto(`${ORIGIN}/elsewhere`);
    await page.goBack();
    await page.waitForFunction(() => 'mapTest' in window);
    await call(page, `mapTest.mount({ viewKey: 'event-1' })`);
    const after = await call<typeof before>(page, 'mapTest.engine().savedView()');
    expect(after.scale).toBeCloseTo(before.scale, 5);
    expect(after.centreX).toBeCloseTo(before.centreX, 1);
    expect(after.centreY).toBeCloseTo(before.centreY, 1);
    // Another event's map starts from the whole house.
    await call(page, `mapTest.mount({ viewKey: 'event-2' })`);
    expect(await scale(page)).toBeLessThan(before.scale);
    // Asked to show the seats still held: they are on screen, drawn one by one.
    const held = await call<number[]>(page, `[mapTest.plainSeat('BALC'), mapTest.plainSeat('BALC') + 1]`);
    await call(page, `mapTest.mount({ viewKey: 'event-1', focusSeats: ${JSON.stringify(held)} })`);
    expect(await call<boolean>(page, 'mapTest.engine().renderer.seatLevel()')).toBe(true);
    for (const seat of held) {
      const at = await call<{ x: number; y: number }>(page, `mapTest.engine().screenOf(${seat})`);
      const box = (await page.locator('canvas.seatmap').boundingBox())!;
      expect(at.x).toBeGreaterThan(0);
      expect(at.x).toBeLessThan(box.width);
      expect(at.y).toBeGreaterThan(0);
      expect(at.y).toBeLessThan(box.height);
    }
    await context.close();
  });

  it('puts the controls in the inline-end corner: right in English, left in Arabic (right to left)', async () => {
    const { page, context } = await open();
    for (const [locale, side] of [
      ['en', 'right'],
      ['ar', 'left'],
    ] as const) {
      await call(page, `mapTest.mount({ locale: '${locale}' })`);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      const map = (await page.locator('canvas.seatmap').boundingBox())!;
      const controls = (await page.locator('.seatmap-controls').boundingBox())!;
      const middle = controls.x + controls.width / 2;
      if (side === 'right') expect(middle).toBeGreaterThan(map.x + map.width * 0.85);
      else expect(middle).toBeLessThan(map.x + map.width * 0.15);
      expect(controls.y - map.y).toBeLessThan(map.height * 0.2);
    }
    // The Arabic names of the buttons.
    expect(await page.getByRole('button', { name: 'تكبير', exact: true }).count()).toBe(1);
    await context.close();
  });

  for (const viewport of [{ touch: true }, { width: 768 }, { width: 1440 }, { width: 3840 }]) {
    it(`is axe-clean with the tooltip shown (${viewport.touch ? '360 touch' : viewport.width})`, async () => {
      const { page, context } = await open(viewport);
      await call(page, 'mapTest.mount({ selected: [mapTest.plainSeat("ORCH-C")] })');
      await page.locator('canvas.seatmap').focus();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tooltip').waitFor();
      await expectAxeClean(page, `seat map ${JSON.stringify(viewport)}`);
      await context.close();
    });
  }
});
