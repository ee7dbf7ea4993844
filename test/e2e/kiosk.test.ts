// The kiosk as a product, in Chromium with the bridge bound to a real main-process core and a real local cloud: the
// attract screen's slideshow of upcoming events (every 6 s, held still for reduced motion), the language buttons
// (German, Arabic right to left) and the way back to the machine's language after the idle reset; the buying screen
// with the quantity stepper and tier tiles before the map; the pay step's order summary and hold countdown with its
// last-minute warning; at a portrait 1080 × 1920, a landscape 1920 × 1080 and a 768 px screen, axe-clean; the venue's
// logo in the header, handed over the bridge as a data: URL (an app:// page cannot fetch the API's logo address), and
// the attract screen in the venue's brand colour.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { buildDevice, type TestDevice } from '../support/main/device.ts';
import { bindBridge } from '../support/bridge-page.ts';
import { expectAxeClean } from '../support/axe.ts';
import { writeScreenshot } from '../support/screens.ts';
import { formatDateTime } from '../../cloud/domain/format.ts';
import { PNG } from 'pngjs';

const SCREENS = [
  { name: 'portrait 1080×1920', width: 1080, height: 1920 },
  { name: 'landscape 1920×1080', width: 1920, height: 1080 },
  { name: 'tablet 768×1024', width: 768, height: 1024 },
];

describe.skipIf(!chromiumPath())('the kiosk: attract screen, languages, tiers first, the pay step', () => {
  let world: ShopWorld;
  let browser: Browser;
  let later: { name: string; startsAt: string };
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-kiosk-'));
  const devices: TestDevice[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    world = await startShop({ name: 'Kiosk Gala' });
    browser = await launchBrowser();
    // A second event, later: the slideshow shows the soonest first.
    const { admin, db } = world.cloud.services;
    const seatmapId = (
      await db.query<{ seatmap_id: string }>('SELECT seatmap_id FROM events WHERE id = $1', [world.eventId])
    ).rows[0]!.seatmap_id;
    const now = Date.now();
    later = { name: 'Late Recital', startsAt: new Date(now + 14 * 86_400_000).toISOString() };
    const { id } = await admin.createEvent({
      ...later,
      description: '',
      seatmapId,
      onSaleFrom: new Date(now - 3_600_000).toISOString(),
      onSaleUntil: new Date(now + 13 * 86_400_000).toISOString(),
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: [
        {
          name: 'Everywhere',
          price: { amount: 2500, currency: 'EUR' },
          sectionIds: ['ORCH-L', 'ORCH-C', 'ORCH-R', 'BOX-L1', 'BOX-L2', 'BOX-R1', 'BOX-R2', 'MEZZ', 'BALC'],
          seatIds: [],
        },
      ],
    });
    await admin.setEventStatus(id, 'on_sale');
  });
  // Each case's machines and pages go when it ends: their sync loops and clocks would slow the next case.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    for (const device of devices.splice(0)) device.close();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A paired kiosk and a touch page of the given size showing it, its clock under the test's control. */
  const openKiosk = async (
    viewport = { width: 1920, height: 1080 },
    options: { reducedMotion?: 'reduce' | 'no-preference'; clock?: boolean; onRequest?: (url: string) => void } = {},
  ) => {
    const device = buildDevice(mkdtempSync(join(dir, 'kiosk-')), world.cloud.url, { syncIntervalMs: 250 });
    devices.push(device);
    const { code } = await world.cloud.services.identity.createPairingCode(
      { venueId: world.venueId, kind: 'kiosk', name: 'Foyer kiosk' },
      'admin-1',
    );
    await device.device.register(code);
    device.device.startSync();
    const context = await browser.newContext({
      viewport,
      hasTouch: true,
      bypassCSP: true,
      reducedMotion: options.reducedMotion ?? 'no-preference',
    });
    contexts.push(context);
    const page = await context.newPage();
    if (options.onRequest) page.on('request', (request) => options.onRequest!(request.url()));
    await bindBridge(page, device.handle);
    // The seat map draws on animation frames, which a fake clock holds back.
    if (options.clock !== false) await page.clock.install();
    await page.goto(world.cloud.url + '/');
    await page.getByRole('button', { name: 'Touch to buy' }).waitFor();
    return page;
  };

  const showcase = (page: Page) => page.locator('.attract-showcase');
  const oneSpace = (text: string | null) => (text ?? '').replace(/\s+/gu, ' ');

  it('rotates the upcoming events every 6 s: name, date in the venue zone, "from" price; still for reduced motion', async () => {
    const page = await openKiosk();
    await expect.poll(() => showcase(page).locator('h2').textContent()).toBe('Kiosk Gala');
    const first = await showcase(page).textContent();
    expect(first).toContain('from €49.00');
    expect(first).toContain('1 of 2');
    expect(await page.getByRole('region', { name: 'Coming up' }).count()).toBe(1);
    await page.clock.runFor(6_100);
    await expect.poll(() => showcase(page).locator('h2').textContent()).toBe('Late Recital');
    // The date as the venue's clock shows it (Vienna), not the machine's.
    const locale = await page.evaluate(() => navigator.language);
    expect(oneSpace(await showcase(page).locator('time').textContent())).toBe(
      oneSpace(formatDateTime(later.startsAt, 'Europe/Vienna', locale)),
    );
    expect(await showcase(page).textContent()).toContain('from €25.00');
    await page.clock.runFor(6_000);
    await expect.poll(() => showcase(page).locator('h2').textContent()).toBe('Kiosk Gala');
    // "Touch to buy" fills the screen's height.
    const touch = await page.getByRole('button', { name: 'Touch to buy' }).boundingBox();
    expect(touch!.height).toBeGreaterThan(1080 * 0.8);
    await expectAxeClean(page, 'attract screen');
    await writeScreenshot(page, 'kiosk-attract-1920x1080');

    const still = await openKiosk(undefined, { reducedMotion: 'reduce' });
    await expect.poll(() => showcase(still).locator('h2').textContent()).toBe('Kiosk Gala');
    await still.clock.runFor(13_000);
    expect(await showcase(still).locator('h2').textContent()).toBe('Kiosk Gala');
  });

  it('switches the words to German and Arabic (right to left), and back to the machine default after the idle reset', async () => {
    const page = await openKiosk();
    const html = () => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
    expect(await html()).toEqual(['en', 'ltr']);
    await page.getByRole('button', { name: 'Deutsch' }).tap();
    await page.getByRole('button', { name: 'Zum Kaufen berühren' }).waitFor();
    expect(await html()).toEqual(['de', 'ltr']);
    expect(await showcase(page).textContent()).toMatch(/ab 49,00\s€/);
    await page.getByRole('button', { name: 'Größere Schrift' }).waitFor();

    await page.getByRole('button', { name: 'العربية' }).tap();
    await page.getByRole('button', { name: 'المس للشراء' }).waitFor();
    expect(await html()).toEqual(['ar', 'rtl']);
    await expectAxeClean(page, 'attract screen in Arabic');
    await writeScreenshot(page, 'kiosk-attract-1920x1080-ar');
    // Mirrored: the language buttons, at the right in English, sit at the left in Arabic.
    const group = (await page.getByRole('group', { name: 'اللغة' }).boundingBox())!;
    const button = (await page.getByRole('button', { name: 'English' }).boundingBox())!;
    expect(button.x).toBeLessThan(group.x + group.width / 2);

    await page.getByRole('button', { name: 'المس للشراء' }).tap();
    await page.getByRole('heading', { name: 'البرنامج' }).waitFor();
    await page.getByRole('button', { name: /Kiosk Gala/ }).tap();
    await page.getByRole('button', { name: 'ابحث عن مقاعد متجاورة' }).waitFor();
    await expectAxeClean(page, 'buying screen in Arabic');
    await writeScreenshot(page, 'kiosk-buy-1920x1080-ar');
    // Walked away: the warning in Arabic, then the attract screen in the machine's language.
    await page.clock.runFor(61_000);
    await page.getByRole('alertdialog', { name: 'هل ما زلت هنا؟' }).waitFor();
    await page.clock.runFor(30_000);
    await page.getByRole('button', { name: 'Touch to buy' }).waitFor();
    await expect.poll(html).toEqual(['en', 'ltr']);
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

    // A language left on the attract screen also goes back by itself.
    await page.getByRole('button', { name: 'Deutsch' }).tap();
    await page.getByRole('button', { name: 'Zum Kaufen berühren' }).waitFor();
    await page.clock.runFor(91_000);
    await page.getByRole('button', { name: 'Touch to buy' }).waitFor();
    expect(await html()).toEqual(['en', 'ltr']);
  });

  for (const screen of SCREENS) {
    it(`shows the stepper and tier tiles before the map, then the summary and countdown (${screen.name})`, async () => {
      const page = await openKiosk({ width: screen.width, height: screen.height });
      await page.getByRole('button', { name: 'Touch to buy' }).tap();
      await page.getByRole('button', { name: /Kiosk Gala/ }).tap();
      const quantity = page.getByRole('group', { name: 'Tickets' });
      await quantity.waitFor();
      // Tiers first; the map only when asked for.
      expect(await page.locator('canvas.seatmap').count()).toBe(0);
      const tiles = page.locator('.tier-tile');
      expect(await tiles.allTextContents()).toEqual([
        expect.stringContaining('Best seats there are'),
        expect.stringMatching(/^Stalls€89\.00[\d,]+ left$/),
        expect.stringMatching(/^Circle€49\.00[\d,]+ left$/),
      ]);
      expect(await page.getByRole('button', { name: /^Best seats there are/ }).getAttribute('aria-pressed')).toBe(
        'true',
      );
      // Touch-sized: the stepper's buttons and every tile at least 56 px.
      for (const target of [
        page.getByRole('button', { name: 'More: Tickets' }),
        page.getByRole('button', { name: 'Fewer: Tickets' }),
        tiles.first(),
      ])
        expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(56);
      const order = await page.evaluate(() => {
        const at = (selector: string) => document.querySelector(selector)!.getBoundingClientRect().top;
        return [at('.kiosk-stepper'), at('.tier-tiles'), at('.kiosk-buy-actions')];
      });
      expect(order).toEqual([...order].sort((a, b) => a - b));
      await expectAxeClean(page, `buying screen, ${screen.name}`);
      await writeScreenshot(page, `kiosk-buy-${screen.width}x${screen.height}`);

      await page.getByRole('button', { name: 'More: Tickets' }).tap();
      await expect.poll(() => quantity.locator('output').textContent()).toBe('3');
      await page.getByRole('button', { name: /^Circle/ }).tap();
      await page.getByRole('button', { name: 'Find seats together' }).tap();

      await page.getByRole('button', { name: 'Pay €147.00 by card' }).waitFor();
      const summary = page.locator('.order-summary');
      expect(await summary.textContent()).toContain('Kiosk Gala');
      expect(await summary.locator('.summary-lines li').allTextContents()).toEqual([
        // The section as the map names it (Circle is the Mezzanine and the Balcony), never its code.
        expect.stringMatching(/^(Mezzanine|Balcony) · Row \S+ · Seat \S+ · Circle · €49\.00$/),
        expect.stringMatching(/· Circle · €49\.00$/),
        expect.stringMatching(/· Circle · €49\.00$/),
      ]);
      const timer = page.getByRole('timer');
      expect(await timer.textContent()).toMatch(/^Your seats are held for (10:00|9:5\d)$/);
      // Both in the first screenful, whatever the screen's shape.
      for (const part of [summary, timer]) expect((await part.boundingBox())!.y).toBeLessThan(screen.height);
      await expectAxeClean(page, `pay step, ${screen.name}`);
      await writeScreenshot(page, `kiosk-pay-${screen.width}x${screen.height}`);

      // The last minute: a clear warning; at zero, paying says why it cannot.
      const expiresAt = Date.parse(
        (
          await world.cloud.services.db.query<{ expires_at: Date }>(
            `SELECT expires_at FROM holds WHERE state = 'active' ORDER BY created_at DESC LIMIT 1`,
          )
        ).rows[0]!.expires_at.toISOString(),
      );
      await page.clock.setSystemTime(expiresAt - 50_000);
      await page.clock.runFor(1_000);
      await page.getByRole('alert').filter({ hasText: 'Less than a minute left' }).waitFor();
      expect(await timer.textContent()).toMatch(/^Your seats are held for 0:(4\d|50)$/);
      if (screen.width === 1920) {
        await page.clock.setSystemTime(expiresAt + 1_000);
        await page.clock.runFor(1_000);
        await page.getByText('Your seats are no longer held').waitFor();
        expect(await page.getByRole('button', { name: 'Pay €147.00 by card' }).isDisabled()).toBe(true);
      }
      await page.getByRole('button', { name: 'Start over' }).tap();
      await page.getByRole('button', { name: 'Touch to buy' }).waitFor();
    });
  }

  it('shows the venue logo on the attract screen as a data: URL from the bridge, never fetched by the page, in the venue colour', async () => {
    const image = new PNG({ width: 40, height: 20 });
    for (let i = 0; i < image.data.length; i += 4) image.data.set([20, 120, 60, 255], i);
    const admin = { sub: 'admin-1', groups: ['admin'] };
    const { logos, venues } = world.cloud.services.backOffice;
    await logos.set(admin, world.venueId, { bytes: PNG.sync.write(image), contentType: 'image/png' });
    await venues.update(admin, world.venueId, { brandColor: '#1a4d8f' });
    try {
      const pageRequests: string[] = [];
      const page = await openKiosk(undefined, { clock: false, onRequest: (url) => pageRequests.push(url) });
      const logo = page.locator('.kiosk-header img.kit-logo');
      await logo.waitFor();
      expect(await logo.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect(await logo.getAttribute('alt')).toMatch(/\S logo$/);
      await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);
      // The attract screen shows it: the header above "Touch to buy".
      await page.getByRole('button', { name: 'Touch to buy' }).waitFor();
      expect(pageRequests.filter((url) => url.includes('/logo'))).toEqual([]);
      // The attract screen and its "Touch to buy" in the venue's colour, with the ink that reads on it.
      const touch = page.getByRole('button', { name: 'Touch to buy' });
      await expect
        .poll(() => touch.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]))
        .toEqual(['rgb(26, 77, 143)', 'rgb(255, 255, 255)']);
    } finally {
      await logos.set(admin, world.venueId, null);
      await venues.update(admin, world.venueId, { brandColor: null });
    }
  });

  it('offers the seat map second: "Pick seats on the map", and back to the prices', async () => {
    const page = await openKiosk(undefined, { clock: false });
    await page.getByRole('button', { name: 'Touch to buy' }).tap();
    await page.getByRole('button', { name: /Kiosk Gala/ }).tap();
    await page.getByRole('button', { name: 'Pick seats on the map' }).tap();
    await page.locator('canvas.seatmap').waitFor();
    await expectAxeClean(page, 'seat map at the kiosk');
    await writeScreenshot(page, 'kiosk-map-1920x1080');
    await page.getByRole('button', { name: 'Back to prices' }).tap();
    await page.getByRole('group', { name: 'Tickets' }).waitFor();
  });
});
