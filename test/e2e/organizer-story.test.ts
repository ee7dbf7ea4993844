// Issue 17's acceptance story in real Chromium against the local cloud (seeded with the demo accounts): the demo owner,
// as a new organizer, works only through the back office's screens — creates a venue, draws its seat map in the
// designer and saves it, creates an event with two tiers on that map and publishes it, blocks two house seats by
// painting them; a buyer then buys a seat in the shop with the sandbox payment; the open dashboard shows the sale
// within 2 s of the payment's completion, the attendees export holds it, and the audit log lists every step.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Papa from 'papaparse';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { toZonedInput } from '../../renderer/modes/admin/events/form-values.ts';
import { DASHBOARD_REFRESH_MS } from '../../renderer/modes/admin/dashboard/use-polling.ts';
import { chromiumPath, launchBrowser } from '../support/browser.ts';
import { seatPoint, statusOf, type SeatMapHandle } from '../support/seat-map.ts';
import { startTestCloud } from '../support/local-cloud.ts';

const ZONE = 'Europe/Vienna';
const DAY = 86_400_000;
const STEP = { timeout: 30_000 };
const VENUE = 'Story Hall';
const EVENT = 'Story Night';
const BUYER = { email: 'story-buyer@example.com', name: 'Bea Buyer' };

/** Every seat id on the page's canvas, in the map's order. */
const seatIdsOn = (page: Page) =>
  page
    .locator('canvas.seatmap')
    .evaluate((canvas) => [...(canvas as unknown as SeatMapHandle).seatMapEngine.model.indexById.keys()]);

/** Zooms the canvas in around `seat` with the wheel until `seat` and `next` are well apart. */
async function zoomOn(page: Page, seat: string, next: string): Promise<void> {
  const box = (await page.locator('canvas.seatmap').boundingBox())!;
  const near = await seatPoint(page, seat);
  // The shop's map zooms with the wheel once it has focus (unfocused, the wheel scrolls the page).
  await page.locator('canvas.seatmap').focus();
  await page.mouse.move(box.x + near.x, box.y + near.y);
  await page.mouse.wheel(0, -600);
  await expect
    .poll(async () => Math.abs((await seatPoint(page, next)).x - (await seatPoint(page, seat)).x), STEP)
    .toBeGreaterThan(12);
}

describe.skipIf(!chromiumPath())("an organizer's first season in the back office, in Chromium", () => {
  let cloud: LocalCloud;
  let browser: Browser;

  beforeAll(async () => {
    // A copy of the run's migrated PGlite, closed with the cloud.
    cloud = await startTestCloud({ port: 0, seed: true, sweepIntervalMs: 500 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });

  it(
    'designs a venue, publishes a two-tier event, blocks house seats; a shop sale shows on the dashboard within 2 s, in the export and the audit log',
    { timeout: 300_000 },
    async () => {
      const owner = cloud.seeded!.credentials.staff.find((member) => member.role === 'admin')!;
      const page = await browser.newPage({
        viewport: { width: 1280, height: 1000 },
        bypassCSP: true,
        locale: 'en-GB',
        acceptDownloads: true,
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`admin: ${error.message}`));

      // Sign in as the demo owner.
      await page.goto(`${cloud.url}/admin/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(owner.email);
      await page.getByLabel('Password', { exact: true }).fill(owner.password);
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.getByRole('navigation').getByRole('link', { name: 'Venues' }).waitFor(STEP);

      // (1) A new venue in the Venues screen, then its seat map in the designer.
      await page.getByRole('navigation').getByRole('link', { name: 'Venues' }).click();
      await page.getByRole('heading', { name: 'Venues', level: 1 }).waitFor(STEP);
      await page.getByRole('link', { name: 'New venue' }).click();
      await page.getByRole('heading', { name: 'New venue', level: 1 }).waitFor(STEP);
      await page.getByLabel('Name', { exact: true }).fill(VENUE);
      await page.getByLabel('City', { exact: true }).fill('Graz');
      await page.getByLabel('Time zone', { exact: true }).fill(ZONE);
      await page.getByRole('button', { name: 'Create venue' }).click();
      await page.getByRole('heading', { name: VENUE, level: 1 }).waitFor(STEP);
      const venueId = new URL(page.url()).pathname.split('/').at(-1)!;
      expect(venueId).toMatch(/^[0-9a-f-]{36}$/);
      await page.getByText('No seat map yet').waitFor(STEP);

      await page.getByRole('link', { name: 'Open in the seat-map designer' }).click();
      await page.getByRole('heading', { name: 'Seat-map designer' }).waitFor(STEP);
      expect(new URL(page.url()).pathname).toBe(`/admin/designer/${venueId}`);
      const status = page.locator('.designer-message');
      const section = page.getByRole('form', { name: 'Add a section of rows' });
      await section.getByLabel('Section code').fill('STALLS');
      await section.getByLabel('Name').fill('Stalls');
      await section.getByLabel('Rows', { exact: true }).first().fill('5');
      await section.getByLabel('Seats per row').fill('12');
      await section.getByLabel('Origin x').fill('500');
      await section.getByLabel('Origin y').fill('150');
      await section.getByRole('button', { name: 'Add section' }).click();
      await expect.poll(() => status.textContent(), STEP).toBe('Added Stalls: 60 seats.');
      await section.getByLabel('Section code').fill('CIRCLE');
      await section.getByLabel('Name').fill('Circle');
      await section.getByLabel('Rows', { exact: true }).first().fill('4');
      await section.getByLabel('Seats per row').fill('30');
      await section.getByRole('combobox', { name: 'Rows' }).selectOption('curved');
      await section.getByLabel('Radius of the first row').fill('300');
      await section.getByLabel('Origin y').fill('50');
      await section.getByRole('button', { name: 'Add section' }).click();
      await expect.poll(() => status.textContent(), STEP).toBe('Added Circle: 120 seats.');
      await page.getByRole('button', { name: 'Stage and size' }).click();
      const stage = page.getByRole('form', { name: 'Place the stage' });
      await stage.getByLabel('Stage label').fill('Stage');
      await stage.getByLabel('Stage width').fill('300');
      await stage.getByRole('button', { name: 'Place stage' }).click();
      await expect.poll(() => status.textContent(), STEP).toBe('Placed the stage.');
      await page.getByLabel('Seat map name').fill(VENUE);
      await page.getByRole('button', { name: 'Save as new version' }).click();
      await expect
        .poll(() => status.textContent(), STEP)
        .toMatch(/^Saved Story Hall as version 1 \(seat map [0-9a-f-]{36}\)\.$/);

      // (2) An event with two tiers on that map, created and published in the Events screen.
      await page.getByRole('navigation').getByRole('link', { name: 'Events' }).click();
      await page.getByRole('heading', { name: 'Events', level: 1 }).waitFor(STEP);
      await page.getByRole('link', { name: 'New event' }).click();
      await page.getByRole('heading', { name: 'New event', level: 1 }).waitFor(STEP);
      await page.getByLabel('Venue', { exact: true }).selectOption({ label: VENUE });
      await page.getByLabel('Tier 2 name', { exact: true }).waitFor(STEP);
      const now = Date.now();
      await page.getByLabel('Name', { exact: true }).fill(EVENT);
      await page.getByLabel('Description', { exact: true }).fill('An evening in the new hall');
      await page.getByLabel('Starts', { exact: true }).fill(toZonedInput(new Date(now + 10 * DAY).toISOString(), ZONE));
      await page
        .getByLabel('On sale from', { exact: true })
        .fill(toZonedInput(new Date(now - DAY).toISOString(), ZONE));
      await page
        .getByLabel('On sale until', { exact: true })
        .fill(toZonedInput(new Date(now + 9 * DAY).toISOString(), ZONE));
      await page.getByLabel('Tier 1 name', { exact: true }).fill('Stalls');
      await page.getByLabel('Tier 1 price (EUR)', { exact: true }).fill('40');
      await page.getByLabel('Tier 2 name', { exact: true }).fill('Circle');
      await page.getByLabel('Tier 2 price (EUR)', { exact: true }).fill('25');
      await page.getByRole('button', { name: 'Create draft' }).click();
      await page.getByRole('heading', { name: EVENT, level: 1 }).waitFor(STEP);
      const tiers = page.getByRole('table', { name: `Tiers of ${EVENT}` });
      expect(await tiers.getByRole('rowheader').allTextContents()).toEqual(['Stalls', 'Circle']);
      const eventId = new URL(page.url()).pathname.split('/').at(-1)!;
      await page.getByRole('button', { name: 'Publish' }).click();
      const dialog = page.getByRole('dialog', { name: new RegExp(`Publish: ${EVENT}`) });
      await dialog.waitFor(STEP);
      await dialog.getByRole('button', { name: 'Publish' }).click();
      await page.getByRole('button', { name: 'Pause sales' }).waitFor(STEP);

      // (3) Two house seats blocked by painting them in Seat management.
      await page.goto(`${cloud.url}/admin/seats/${eventId}`);
      const canvas = page.locator('canvas.seatmap');
      await canvas.waitFor(STEP);
      const seatIds = await seatIdsOn(page);
      expect(seatIds).toHaveLength(180);
      const [first, second] = ['STALLS-A-1', 'STALLS-A-2'];
      expect(seatIds).toContain(first);
      expect(seatIds).toContain(second);
      await page.getByLabel(/Paint seats/).uncheck();
      await zoomOn(page, first, second);
      await page.getByLabel(/Paint seats/).check();
      const box = (await canvas.boundingBox())!;
      const a = await seatPoint(page, first);
      const b = await seatPoint(page, second);
      const margin = Math.abs(b.x - a.x) / 3;
      await page.mouse.move(box.x + Math.min(a.x, b.x) - margin, box.y + Math.min(a.y, b.y) - margin);
      await page.mouse.down();
      await page.mouse.move(box.x + Math.max(a.x, b.x) + margin, box.y + Math.max(a.y, b.y) + margin, { steps: 8 });
      await page.mouse.up();
      await expect.poll(() => page.getByTestId('selected-count').textContent(), STEP).toBe('2 seats selected.');
      await page.getByLabel('Kind').first().selectOption('house');
      await page.getByLabel('Note').first().fill('House seats for the director');
      await page.getByRole('button', { name: 'Block 2 seats' }).click();
      await page.getByText('House seats: 2 seats.').waitFor(STEP);
      await expect.poll(() => statusOf(page, first), STEP).toBe(3);
      await expect.poll(() => statusOf(page, second), STEP).toBe(3);

      // The dashboard is open, showing nothing sold yet for the event.
      await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor(STEP);
      const sold = page.getByTestId('sell-through-row').filter({ hasText: EVENT }).getByTestId('sell-through-sold');
      await sold.filter({ hasText: /^0 of / }).waitFor(STEP);
      // Each dashboard read's start and end (the page reads once a second, so a sale waits at most a second plus the
      // read that brings it).
      const reads: { start: number; end: number }[] = [];
      page.on('request', (request) => {
        if (!/\/admin\/dashboard$/.test(new URL(request.url()).pathname)) return;
        const read = { start: Date.now(), end: Number.POSITIVE_INFINITY };
        reads.push(read);
        request.response().then(
          (response) => response?.finished().then(() => (read.end = Date.now())),
          () => undefined,
        );
      });

      // (4) A buyer buys a seat in the shop, paying in the sandbox.
      const shop = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      shop.on('pageerror', (error) => errors.push(`shop: ${error.message}`));
      let completedAt = 0;
      shop.on('response', (response) => {
        if (/\/payments\/complete$/.test(new URL(response.url()).pathname) && response.ok() && !completedAt)
          completedAt = Date.now();
      });
      await shop.goto(`${cloud.url}/`);
      await shop.getByRole('link', { name: EVENT }).click();
      await shop.locator('canvas.seatmap').waitFor(STEP);
      // The blocked seats are not for sale in the shop.
      expect(await statusOf(shop, first)).toBe(3);
      expect(await statusOf(shop, second)).toBe(3);
      const bought = 'STALLS-C-6';
      await zoomOn(shop, bought, 'STALLS-C-7');
      await shop.locator('canvas.seatmap').click({ position: await seatPoint(shop, bought) });
      await shop.getByRole('button', { name: 'Hold this seat and check out' }).click();
      await shop.getByRole('heading', { name: 'Checkout' }).waitFor(STEP);
      await shop.getByRole('textbox', { name: 'Email' }).fill(BUYER.email);
      await shop.getByRole('textbox', { name: 'Full name' }).fill(BUYER.name);
      await shop.getByRole('button', { name: /^Pay / }).click();
      await shop.getByRole('heading', { name: 'Sandbox payment' }).waitFor(STEP);
      await shop.getByRole('button', { name: 'Approve', exact: true }).click();

      // (5) The open dashboard shows the sale within 2 s of its completion: from the earlier of the moment the
      // order was marked paid (its paid_at) and the moment the shop got the completion's answer.
      await expect.poll(() => completedAt, STEP).toBeGreaterThan(0);
      await sold.filter({ hasText: /^1 of / }).waitFor({ timeout: 5_000 });
      const shownAt = Date.now();
      await shop.getByRole('heading', { name: /Thank you/ }).waitFor(STEP);
      const code = (await shop.locator('.order-code').textContent())!;
      expect(code).toMatch(/^TB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const paid = await cloud.services.db.query<{ state: string; paid_at: Date }>(
        'SELECT state, paid_at FROM orders WHERE code = $1',
        [code],
      );
      expect(paid.rows[0]!.state).toBe('paid');
      const completed = Math.min(completedAt, new Date(paid.rows[0]!.paid_at).getTime());
      const shownAfter = shownAt - completed;
      // Within 2 s; on a machine so loaded that the read which brought the sale took longer than a second, within
      // the one-second interval plus that read (what the polling promises), plus a quarter second to paint.
      const slowestRead = Math.max(0, ...reads.filter((r) => r.end >= completed).map((r) => r.end - r.start));
      const bound = Math.max(2000, DASHBOARD_REFRESH_MS + slowestRead + 250);
      expect(shownAfter, `the dashboard showed the sale ${shownAfter} ms after it completed`).toBeLessThanOrEqual(
        bound,
      );
      expect(await shop.locator('.tickets li').count()).toBe(1);
      await shop.close();

      // (6) The attendees export from Reports holds the sale.
      await page.getByRole('navigation').getByRole('link', { name: 'Reports', exact: true }).click();
      await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor(STEP);
      // The owner has the demo venue too: the reports are of one venue at a time, chosen first.
      await page.getByRole('combobox', { name: 'Venue' }).selectOption({ label: VENUE });
      await page.getByRole('combobox', { name: 'Event' }).selectOption(eventId);
      await page.getByRole('combobox', { name: 'What' }).selectOption('attendees');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      await page.getByRole('progressbar', { name: 'Exported 1 row of attendees (CSV).' }).waitFor(STEP);
      const [download] = await Promise.all([
        page.waitForEvent('download', STEP),
        page.getByRole('link', { name: /^Download attendees-.*\.csv$/ }).click(),
      ]);
      const rows = Papa.parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8'), {
        header: true,
        skipEmptyLines: true,
      }).data;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        Name: BUYER.name,
        Email: BUYER.email,
        Order: code,
        Event: EVENT,
        Row: 'C',
        Seat: '6',
        Tier: 'Stalls',
      });

      // (7) The audit log in Operations lists each step, by the owner.
      await page.getByRole('navigation').getByRole('link', { name: 'Operations' }).click();
      const log = page.getByRole('table', { name: 'Every action, newest first' });
      await log.waitFor(STEP);
      const steps: [string, RegExp][] = [
        ['venue.create', new RegExp(`Created venue ${VENUE}`)],
        ['seatmap.store', new RegExp(`Stored seat map ${VENUE} version 1 \\(180 seats\\)`)],
        ['event.create', new RegExp(EVENT)],
        ['event.publish', new RegExp(EVENT)],
        ['seat.block', new RegExp(`2 seats of ${EVENT}: .*${first}.*${second}.*House seats for the director`)],
        ['export.create', new RegExp(`Exported attendees of .*${EVENT}.* as CSV`)],
      ];
      for (const [action, summary] of steps) {
        const row = log.getByRole('row').filter({ has: page.locator('code', { hasText: new RegExp(`^${action}$`) }) });
        await row.first().waitFor(STEP);
        const text = (await row.first().textContent()) ?? '';
        expect(text, action).toMatch(summary);
        expect(text, action).toContain(owner.email);
      }
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
