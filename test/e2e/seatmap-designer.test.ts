// The seat-map designer in Chromium against the local cloud: an admin signs in, draws a small venue (a block of
// straight rows, a curved circle, a standing area, the stage), paints a tier, imports a CSV whose seat repeats a
// label, sees the duplicate listed and its seats ringed, deletes the stray seat, saves — and the saved version reads
// back through the API as drawn. axe finds nothing serious at 768, 1280 and 1920 wide.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const admin = { email: 'designer-admin@example.com', password: 'correct horse battery staple' };

interface EngineHandle {
  seatMapEngine: {
    renderer: { highlighted: Set<number>; selected: Set<number>; moveOffset: { dx: number; dy: number } | null };
    model: { seatCount: number; x: Float32Array; y: Float32Array };
    viewport: { toScreen(x: number, y: number): [number, number]; state: { scale: number } };
  };
}

/** What the designer's canvas shows of the first block (seats 0 and 9 on screen) and of a move in progress. */
const designerState = (page: Page) =>
  page.locator('canvas.seatmap').evaluate((canvas) => {
    const engine = (canvas as unknown as EngineHandle).seatMapEngine;
    const screen = (seat: number) => engine.viewport.toScreen(engine.model.x[seat]!, engine.model.y[seat]!);
    return {
      selected: engine.renderer.selected.size,
      moveDx: engine.renderer.moveOffset?.dx ?? 0,
      scale: engine.viewport.state.scale,
      x0: engine.model.x[0]!,
      first: screen(0),
      last: screen(9),
    };
  });

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(d: Document, o: object): Promise<{ violations: Violation[] }> } })
      .axe;
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe.skipIf(!chromiumPath())('seat-map designer in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;
  let venueId: string;

  beforeAll(async () => {
    world = await startShop();
    browser = await launchBrowser();
    const services = world.cloud.services;
    venueId = (await services.admin.createVenue({ name: 'Riverside Hall', city: 'Hamburg', timezone: 'Europe/Berlin' }))
      .id;
    await services.identity.createStaff({ ...admin, name: 'Ada Admin', role: 'admin' });
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('designs a small venue, fixes a duplicate label and saves it as a version the API reads back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${world.cloud.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    await page.goto(`${world.cloud.url}/admin/designer/${venueId}`);
    await page.getByRole('heading', { name: 'Seat-map designer' }).waitFor();
    const status = page.locator('.designer-message');

    // A block of straight rows in front, with an aisle.
    const section = page.getByRole('form', { name: 'Add a section of rows' });
    await section.getByLabel('Section code').fill('STALLS');
    await section.getByLabel('Name').fill('Stalls');
    await section.getByLabel('Rows', { exact: true }).first().fill('5');
    await section.getByLabel('Seats per row').fill('12');
    await section.getByLabel('Origin x').fill('500');
    await section.getByLabel('Origin y').fill('150');
    await section.getByLabel('Aisles after seat').fill('6');
    await section.getByRole('button', { name: 'Add section' }).click();
    await expect.poll(() => status.textContent()).toBe('Added Stalls: 60 seats.');

    // The same code again is refused beside its field.
    await section.getByLabel('Section code').fill('STALLS');
    await section.getByLabel('Name').fill('Again');
    await section.getByRole('button', { name: 'Add section' }).click();
    await section.getByText('There is already a section STALLS').waitFor();

    // A curved circle facing the stage.
    await section.getByLabel('Section code').fill('CIRCLE');
    await section.getByLabel('Name').fill('Circle');
    await section.getByLabel('Rows', { exact: true }).first().fill('4');
    await section.getByLabel('Seats per row').fill('30');
    await section.getByRole('combobox', { name: 'Rows' }).selectOption('curved');
    await section.getByLabel('Radius of the first row').fill('300');
    await section.getByLabel('Origin y').fill('50');
    await section.getByLabel('Aisles after seat').fill('');
    await section.getByRole('button', { name: 'Add section' }).click();
    await expect.poll(() => status.textContent()).toBe('Added Circle: 120 seats.');

    await page.getByRole('button', { name: 'Standing area' }).click();
    const standing = page.getByRole('form', { name: 'Add a standing area' });
    await standing.getByLabel('Area code').fill('BAR');
    await standing.getByLabel('Name').fill('Bar');
    await standing.getByLabel('Capacity').fill('80');
    await standing.getByRole('button', { name: 'Add standing area' }).click();
    await expect.poll(() => status.textContent()).toBe('Added standing area Bar for 80 people.');

    await page.getByRole('button', { name: 'Stage and size' }).click();
    const stage = page.getByRole('form', { name: 'Place the stage' });
    await stage.getByLabel('Stage label').fill('Main stage');
    await stage.getByLabel('Stage width').fill('300');
    await stage.getByRole('button', { name: 'Place stage' }).click();
    await expect.poll(() => status.textContent()).toBe('Placed the stage.');

    // A tier, painted on the stalls.
    await page.getByRole('button', { name: 'Tiers, flags, sections' }).click();
    await page.getByLabel('Tier key').fill('front');
    await page.getByLabel('Tier name').fill('Front');
    await page.getByRole('button', { name: 'Add tier' }).click();
    await page.getByRole('button', { name: 'Paint Stalls' }).click();
    await expect.poll(() => status.textContent()).toBe('Stalls painted.');

    // A CSV with a seat that repeats a label of the stalls.
    await page.getByRole('button', { name: 'Import / export' }).click();
    await page.getByLabel('Import seats (CSV) or a seat map (JSON)').setInputFiles({
      name: 'extra.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('section,row,seat,x,y\nSTALLS,A,1,900,700\n'),
    });
    await expect.poll(() => status.textContent()).toBe('Imported 1 seat(s) from extra.csv.');

    await page.getByRole('button', { name: 'Check the design' }).click();
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems.getByText('Stalls row A seat 1 is labelled 2 times.', { exact: true }).waitFor();
    const highlighted = () =>
      page
        .locator('canvas.seatmap')
        .evaluate((canvas) => (canvas as unknown as EngineHandle).seatMapEngine.renderer.highlighted.size);
    expect(await highlighted()).toBe(2);

    // Select the stray seat from the problem, delete it: the check runs again and finds nothing.
    await problems.getByRole('button', { name: 'Select STALLS-A-1~2' }).click();
    await page.getByRole('button', { name: 'Tiers, flags, sections' }).click();
    await page.getByRole('button', { name: 'Delete selected seats' }).click();
    await problems.getByText('No problems: the design can be saved.').waitFor();
    expect(await highlighted()).toBe(0);

    // The canvas is keyboard-usable: focus it, move to a seat, select it with Enter.
    await page.locator('canvas.seatmap').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByText(/^Selected 1: STALLS A-1/).waitFor();

    for (const width of [768, 1280, 1920]) {
      await page.setViewportSize({ width, height: 1000 });
      expect(await seriousAxeViolations(page), `designer at ${width}`).toEqual([]);
    }

    await page.getByLabel('Seat map name').fill('Riverside Hall');
    await page.getByRole('button', { name: 'Save as new version' }).click();
    await expect
      .poll(() => status.textContent(), { timeout: 10_000 })
      .toMatch(/^Saved Riverside Hall as version 1 \(seat map [0-9a-f-]{36}\)\.$/);
    const seatmapId = /seat map ([0-9a-f-]{36})/.exec((await status.textContent())!)![1]!;

    const saved = await (await fetch(`${world.cloud.url}/v1/seatmaps/${seatmapId}`)).json();
    expect(saved).toMatchObject({
      venueId,
      name: 'Riverside Hall',
      version: 1,
      stage: { label: 'Main stage' },
      tiers: [{ key: 'front', name: 'Front' }],
    });
    expect(saved.sections.map((s: { id: string; kind: string }) => [s.id, s.kind])).toEqual([
      ['STALLS', 'seated'],
      ['CIRCLE', 'seated'],
      ['BAR', 'ga'],
    ]);
    expect(saved.sections[0].tier).toBe('front');
    expect(saved.sections[2].capacity).toBe(80);
    expect(saved.seats).toHaveLength(180);
    expect(saved.seats.filter((s: { id: string }) => s.id === 'STALLS-A-1~2')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('moves a selected block by dragging and with the arrow keys, checks again, and undoes the move', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${world.cloud.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    await page.goto(`${world.cloud.url}/admin/designer/${venueId}`);
    await page.getByRole('heading', { name: 'Seat-map designer' }).waitFor();
    const status = page.locator('.designer-message');
    const section = page.getByRole('form', { name: 'Add a section of rows' });
    for (const [code, x] of [
      ['LEFT', '300'],
      ['RIGHT', '400'],
    ] as const) {
      await section.getByLabel('Section code').fill(code);
      await section.getByLabel('Name').fill(code);
      await section.getByLabel('Rows', { exact: true }).first().fill('2');
      await section.getByLabel('Seats per row').fill('5');
      await section.getByLabel('Origin x').fill(x);
      await section.getByLabel('Origin y').fill('300');
      await section.getByLabel('Aisles after seat').fill('');
      await section.getByRole('button', { name: 'Add section' }).click();
      await expect.poll(() => status.textContent()).toBe(`Added ${code}: 10 seats.`);
    }
    await page.getByRole('button', { name: 'Check the design' }).click();
    const problems = page.getByRole('region', { name: 'Problems' });
    await problems.getByText('No problems: the design can be saved.').waitFor();

    // Select LEFT's ten seats (the sections list), then take the move tool.
    await page.getByRole('button', { name: 'Tiers, flags, sections' }).click();
    await page.getByRole('button', { name: 'Select seats of LEFT' }).click();
    await expect.poll(async () => (await designerState(page)).selected).toBe(10);
    await page.getByLabel('Move selection').check();
    const canvas = page.locator('canvas.seatmap');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const startX = (await designerState(page)).x0;

    // Drag with the move tool: while dragging only the drawing moves; the drop moves the seats (one step).
    const {
      scale,
      first: [sx, sy],
    } = await designerState(page);
    await page.mouse.move(box.x + sx, box.y + sy);
    await page.mouse.down();
    await page.mouse.move(box.x + sx + 50 * scale, box.y + sy, { steps: 8 });
    const dragging = await designerState(page);
    expect(dragging.moveDx).toBeGreaterThan(40);
    expect(dragging.x0).toBe(startX);
    await page.mouse.up();
    await expect.poll(() => status.textContent()).toMatch(/^Moved 10 seat\(s\) by (49|50|51), 0\.$/);
    const dropped = (await designerState(page)).x0;
    expect(Math.abs(dropped - startX - 50)).toBeLessThanOrEqual(1);
    expect((await designerState(page)).selected).toBe(10);

    // The keyboard: Shift+arrow moves ten units a press, onto RIGHT — the check (shown) runs again and finds overlaps.
    await canvas.focus();
    for (let press = 0; press < 5; press++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => (await designerState(page)).x0).toBeCloseTo(dropped + 50, 0);
    await expect.poll(() => problems.getByText(/overlap\.$/).count()).toBeGreaterThan(0);
    // One key press is one undo step.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await designerState(page)).x0).toBeCloseTo(dropped + 40, 0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
