// The box office at speed, in Chromium with the bridge bound to a real main-process core and a real local cloud: a
// whole sale by keyboard only (a digit, Enter, the buyer's name, Esc, X for exact cash) ends in a paid order; quick
// tender for £47.50 offers exact, £50 and £60 (the £10 step is £50 again, and skipped) and shows the change large;
// a disabled "Take cash" says why, tied by aria-describedby; the header stays on one line at every width; German and
// Arabic (right to left) throughout; each screen axe-clean.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from '../support/browser.ts';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';
import { buildDevice, type TestDevice } from '../support/main/device.ts';
import { bindBridge } from '../support/bridge-page.ts';
import { expectAxeClean } from '../support/axe.ts';
import { writeScreenshot } from '../support/screens.ts';
import { startTestCloud } from '../support/local-cloud.ts';
import { quickTenders } from '../../renderer/modes/boxoffice/tabs/quick-tender.ts';

describe.skipIf(!chromiumPath())('the box office at speed', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let device: TestDevice;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-counter-speed-'));
  const clerk = { email: 'clerk@speed.example', password: 'box-office-pass-1' };
  const clerkName = 'Maximiliane Alexandra Montgomery-Fitzwilliam';

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const { admin, identity } = cloud.services;
    const venue = await admin.createVenue({ name: 'Quick Hall', city: 'York', timezone: 'Europe/London' });
    const seatmap = await admin.importSeatMap(venue.id, smallHall(4, 10));
    await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], {
      name: 'Speed Show',
      currency: 'GBP',
      amount: 4750,
    });
    await identity.createStaff({ ...clerk, name: clerkName, role: 'clerk', venueId: venue.id });
    device = buildDevice(mkdtempSync(join(dir, 'counter-')), cloud.url, { syncIntervalMs: 250 });
    const { code } = await identity.createPairingCode(
      { venueId: venue.id, kind: 'boxoffice', name: 'Counter 1 at the north entrance of Quick Hall' },
      'admin-1',
    );
    await device.device.register(code);
    await device.device.signInStaff(clerk.email, clerk.password);
    device.device.startSync();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    device?.close();
    await browser?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function counter(width: number, locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await bindBridge(page, device.handle);
    await page.goto(cloud.url + '/');
    return page;
  }

  /** The event, then best available for one seat, to the payment screen. */
  async function toPayment(page: Page, holdName: RegExp) {
    await page.getByRole('button', { name: /Speed Show/ }).click();
    await page.getByRole('button', { name: holdName }).waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.locator('.cash-tender').waitFor();
  }

  it('sells by keyboard only: a digit for the quantity, Enter holds, the name, Esc, X takes exact cash', async () => {
    const page = await counter(1440);
    const event = page.getByRole('button', { name: /Speed Show/ });
    // The first screen of the file waits for the device app's chunks on a busy machine.
    await event.waitFor({ timeout: 90_000 });
    await event.focus();
    await page.keyboard.press('Enter');
    const hold = page.getByRole('button', { name: 'Hold best 2 seats' });
    await hold.waitFor();
    expect(await hold.getAttribute('aria-keyshortcuts')).toBe('Enter');
    // Best available comes before the map.
    const [bestTop, mapTop] = await Promise.all(
      ['.quick-sell', 'canvas.seatmap'].map((selector) =>
        page.locator(selector).evaluate((el) => el.getBoundingClientRect().top),
      ),
    );
    expect(bestTop).toBeLessThan(mapTop!);
    await page.getByText('number of tickets').waitFor();
    await expectAxeClean(page, 'sell, best available');
    await writeScreenshot(page, 'boxoffice-sell-1440');

    await page.keyboard.press('3');
    await page.getByRole('button', { name: 'Hold best 3 seats' }).waitFor();
    await page.keyboard.press('Enter');
    // The buyer's name has the focus; a letter typed there is the name's, not a shortcut.
    const name = page.getByRole('textbox', { name: "Buyer's name" });
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Kim Xu');
    expect(await name.inputValue()).toBe('Kim Xu');
    await page.getByRole('button', { name: 'Exact £142.50' }).waitFor();
    for (const [button, key] of [
      ['Exact £142.50', 'X'],
      ['Pay £142.50 by card', 'K'],
      ['Cancel sale', 'Escape'],
    ] as const) {
      expect(await page.getByRole('button', { name: button }).getAttribute('aria-keyshortcuts')).toBe(key);
    }
    expect(await page.getByRole('textbox', { name: 'Cash received' }).getAttribute('aria-keyshortcuts')).toBe('C');
    // The key hints are small marks beside their words, never a bar across the field (as C once was).
    for (const hint of await page.locator('.cash-tender .key-hint').all()) {
      expect((await hint.boundingBox())!.width, (await hint.textContent()) ?? '').toBeLessThan(48);
    }
    await expectAxeClean(page, 'counter payment');
    await writeScreenshot(page, 'boxoffice-pay-1440');
    await page.keyboard.press('Escape');
    await page.keyboard.press('x');
    await page.getByRole('heading', { name: /Sold: order TB-/ }).waitFor();

    const stored = await cloud.services.db.query<{ state: string; tickets: number }>(
      `SELECT o.state, (SELECT count(*)::int FROM tickets t WHERE t.order_id = o.id) AS tickets
       FROM orders o WHERE o.buyer_name = 'Kim Xu'`,
    );
    expect(stored.rows).toEqual([{ state: 'paid', tickets: 3 }]);
    // Enter starts the next sale of the same event.
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Hold best 2 seats' }).waitFor();
  });

  it('offers quick tender for £47.50 (exact, £50, £60) beside the order summary and shows the change large', async () => {
    expect(quickTenders(4750, 'GBP')).toEqual([4750, 5000, 6000]);
    expect(quickTenders(5000, 'GBP')).toEqual([5000, 6000]);
    expect(quickTenders(1234, 'JPY')).toEqual([1234, 1235, 1240, 1250]);
    const page = await counter(1024);
    await toPayment(page, /Hold best/);
    // The order summary beside the tender: the event, its venue, the seat and its price.
    const summary = page.getByRole('region', { name: 'To pay' });
    expect(await summary.locator('.summary-event').textContent()).toBe('Speed Show');
    expect(await summary.textContent()).toContain('Quick Hall');
    await expect
      .poll(() => summary.getByRole('listitem').allTextContents())
      .toEqual([expect.stringMatching(/^Main · Row [A-D] · Seat \d+ · All · £47\.50$/)]);
    const quick = page.getByRole('group', { name: 'Quick tender' }).getByRole('button');
    await expect.poll(() => quick.allTextContents()).toEqual(['Exact £47.50 X', '£50.00', '£60.00']);
    await page.getByRole('textbox', { name: "Buyer's name" }).fill('Quick Buyer');
    await page.getByRole('button', { name: '£60.00', exact: true }).click();
    expect(await page.getByRole('textbox', { name: 'Cash received' }).inputValue()).toBe('60.00');
    const change = page.locator('.change-due');
    expect(await change.textContent()).toBe('Change: £12.50');
    const [changeSize, bodySize] = await Promise.all([
      change.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
      page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)),
    ]);
    expect(changeSize).toBeGreaterThanOrEqual(bodySize * 1.8);
    await writeScreenshot(page, 'boxoffice-pay-change-1024');
    await page.getByRole('button', { name: 'Take cash' }).click();
    await page.getByRole('heading', { name: /Sold: order TB-/ }).waitFor();
    expect(await page.locator('.change').textContent()).toBe('Give £12.50 change.');
  });

  it('says why "Take cash" is disabled, tied to it by aria-describedby', async () => {
    const page = await counter(1440);
    await toPayment(page, /Hold best/);
    const take = page.getByRole('button', { name: 'Take cash' });
    const reason = async () => {
      const id = await take.getAttribute('aria-describedby');
      return id ? page.locator(`[id="${id}"]`).textContent() : null;
    };
    expect(await take.getAttribute('aria-disabled')).toBe('true');
    await expect.poll(reason).toBe("Enter the buyer's name");
    await writeScreenshot(page, 'boxoffice-pay-disabled-1440');
    await page.getByRole('textbox', { name: "Buyer's name" }).fill('Reason Buyer');
    await expect.poll(reason).toBe('Enter the amount received');
    await page.getByRole('textbox', { name: 'Cash received' }).fill('40');
    await expect.poll(reason).toBe('Less than the amount due');
    await page.getByText('Short by £7.50').waitFor();
    await page.getByRole('textbox', { name: 'Cash received' }).fill('50');
    await expect.poll(() => take.getAttribute('aria-disabled')).toBeNull();
    expect(await take.getAttribute('aria-describedby')).toBeNull();
    // Esc leaves the field, Esc again cancels the sale and releases its seat.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Hold best/ }).waitFor();
  });

  it('keeps the header on one line at 768, 1024, 1440 and 3840, truncating names with a tooltip', async () => {
    for (const [width, locale] of [
      [768, 'en-GB'],
      [768, 'de-DE'],
      [1024, 'en-GB'],
      [1440, 'ar'],
      [3840, 'en-GB'],
    ] as const) {
      const page = await counter(width, locale);
      const header = page.locator('.boxoffice-header');
      await header.waitFor();
      const layout = await header.evaluate((el) => {
        const items = [...el.children].map((child) => child.getBoundingClientRect());
        const tops = items.map((box) => Math.round(box.top + box.height / 2));
        return {
          rows: new Set(tops.map((middle) => Math.round(middle / 8))).size,
          spread: Math.max(...tops) - Math.min(...tops),
          overflow: el.scrollWidth - el.clientWidth,
          tabs: el.querySelectorAll('nav button .kit-button__label').length,
          // A tab's words on more than one line (measured on the words: the button itself is a 44 px target).
          tabsWrap: [...el.querySelectorAll('nav button .kit-button__label')].some(
            (words) => words.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(words).lineHeight),
          ),
        };
      });
      expect(layout.spread, `${width} ${locale}`).toBeLessThanOrEqual(4);
      expect(layout.overflow, `${width} ${locale}`).toBeLessThanOrEqual(0);
      expect(layout.tabs).toBe(5);
      expect(layout.tabsWrap, `${width} ${locale}`).toBe(false);
      expect(await header.locator('.clerk').getAttribute('title')).toBe(clerkName);
      await page.context().close();
    }
  });

  it('speaks German and Arabic (right to left), axe-clean, the change to give in German too', async () => {
    const german = await counter(1024, 'de-DE');
    await german.getByRole('button', { name: 'Verkauf', exact: true }).waitFor();
    await toPayment(german, /Beste 2 Plätze halten/);
    await german.getByRole('heading', { name: 'Tastenkürzel' }).or(german.getByText('Tastenkürzel')).first().waitFor();
    const take = german.getByRole('button', { name: 'Bar kassieren' });
    expect(await take.getAttribute('aria-disabled')).toBe('true');
    await german.getByText('Namen des Käufers eingeben').first().waitFor();
    await writeScreenshot(german, 'boxoffice-pay-1024-de');
    // The change to give is the main process's notice (a code and the amount), worded in German here.
    await german.getByRole('textbox', { name: 'Name des Käufers' }).fill('Käuferin');
    await german.getByRole('button', { name: /^60,00\s£$/ }).click();
    await german.getByRole('button', { name: 'Bar kassieren' }).click();
    await german.getByRole('heading', { name: /Verkauft: Bestellung TB-/ }).waitFor();
    expect(await german.locator('.change').textContent()).toMatch(/^Geben Sie 12,50\s£ Wechselgeld heraus\.$/);

    const arabic = await counter(1024, 'ar');
    await arabic.getByRole('button', { name: 'بيع', exact: true }).waitFor();
    expect(await arabic.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await toPayment(arabic, /احجز أفضل/);
    await arabic.getByRole('button', { name: 'استلام النقد' }).waitFor();
    // Right to left: the tender column sits left of the details.
    const [details, tender] = await Promise.all(
      ['.pay-details', '.pay-tender'].map((s) => arabic.locator(s).evaluate((el) => el.getBoundingClientRect().left)),
    );
    expect(tender!).toBeLessThan(details!);
    await expectAxeClean(arabic, 'counter payment in Arabic');
    await writeScreenshot(arabic, 'boxoffice-pay-1024-ar');
    await arabic.getByRole('button', { name: 'إلغاء البيع' }).click();
  });
});
