// Money in the venue's currency on the box office's screens, in Chromium with the bridge bound to a real main-process
// core and a real local cloud: at a venue whose events sell in pounds and in yen the clerk types an opening float in
// each (a yen amount with decimals is refused, not rounded), the report and its print count the drawer per currency,
// an allotment of the yen event sells in yen; and the shop's price filter reads "up to 100" in each event's currency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPath, launchBrowser } from '../support/browser.ts';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';
import { buildDevice, type TestDevice } from '../support/main/device.ts';
import { bindBridge } from '../support/bridge-page.ts';
import { readPdf } from '../support/pdf-reader.ts';
import { startTestCloud } from '../support/local-cloud.ts';

describe.skipIf(!chromiumPath())('the box office in its venue’s currencies', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let venueId: string;
  const events: Record<string, string> = {};
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-currency-screens-'));
  const devices: TestDevice[] = [];
  const clerk = { email: 'clerk@tokyo.example', password: 'box-office-pass-1' };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Tokyo Hall', city: 'Tokyo', timezone: 'Asia/Tokyo' });
    venueId = venue.id;
    const seatmap = await cloud.services.admin.importSeatMap(venueId, smallHall(4, 10));
    for (const [currency, amount] of [
      ['GBP', 4500],
      ['JPY', 5000],
    ] as const) {
      events[currency] = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], {
        name: `Concert in ${currency}`,
        currency,
        amount,
      });
    }
    await cloud.services.identity.createStaff({ ...clerk, name: 'Kei Clerk', role: 'clerk', venueId });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await browser?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes an opening float per currency and counts the drawer per currency, on screen and printed', async () => {
    const device = buildDevice(mkdtempSync(join(dir, 'counter-')), cloud.url, { syncIntervalMs: 250 });
    devices.push(device);
    const { code } = await cloud.services.identity.createPairingCode(
      { venueId, kind: 'boxoffice', name: 'Counter 1' },
      'admin-1',
    );
    await device.device.register(code);
    await device.device.signInStaff(clerk.email, clerk.password);
    device.device.startSync();
    const allotment = await device.handle('allotment:create', { eventId: events.JPY!, seatIds: ['MAIN-A-1'] });
    if (!allotment.ok) throw new Error(allotment.problem.detail);
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await bindBridge(page, device.handle);
    await page.goto(cloud.url + '/');
    // The shift begins when the counter's screen does.
    await page.getByRole('button', { name: 'Shift', exact: true }).waitFor();
    // A cash sale of the yen event at the counter (through the bridge): ¥5,000 in the drawer.
    const held = await device.handle('holds:create', { eventId: events.JPY!, request: { seatIds: ['MAIN-B-1'] } });
    if (!held.ok) throw new Error(held.problem.detail);
    const hold = held.value as { id: string; token: string };
    const sale = await device.handle('sale:cash', {
      holdId: hold.id,
      holdToken: hold.token,
      buyer: { name: 'Counter Buyer' },
      delivery: 'print',
      tendered: { amount: 5000, currency: 'JPY' },
      idempotencyKey: crypto.randomUUID(),
    });
    if (!sale.ok) throw new Error(sale.problem.detail);

    // The shift: one float a currency ("1.5" yen is a typo, not ¥2), and the cash expected per currency.
    await page.getByRole('button', { name: 'Shift', exact: true }).click();
    const float = (currency: string) => page.getByRole('textbox', { name: `Opening float (${currency})`, exact: true });
    await float('GBP').fill('100');
    await float('JPY').fill('1.5');
    await page.getByText('Not an amount in JPY.').waitFor();
    expect(await page.getByRole('button', { name: 'Show report' }).isDisabled()).toBe(true);
    await float('JPY').fill('100');
    await page.getByRole('button', { name: 'Show report' }).click();
    await expect.poll(() => page.locator('.cash-expected').textContent()).toBe('£100.00, ¥5,100');
    expect(await page.locator('.opening-float').textContent()).toBe('£100.00, ¥100');
    await page.getByRole('button', { name: 'Print report' }).click();
    await page.getByText('Report printed.').waitFor();
    const printed = await readPdf(device.prints().find((p) => p.file.includes('-shift_report-'))!.bytes);
    // Printed documents are in British English, where the yen is written JP¥.
    expect(printed.text).toContain('Opening float: £100.00, JP¥100');
    expect(printed.text).toContain('Cash expected in the drawer: £100.00, JP¥5,100');
    expect(printed.text).not.toContain('€');

    // The yen event's allotment sells in yen.
    await page.getByRole('button', { name: 'Allotment', exact: true }).click();
    await page.getByRole('checkbox', { name: 'MAIN-A-1 · ¥5,000' }).check();
    await page.getByRole('textbox', { name: "Buyer's name" }).fill('Yen Buyer');
    await page.getByRole('textbox', { name: 'Cash received' }).fill('6000');
    await page.getByRole('button', { name: 'Sell 1 for ¥5,000 cash' }).click();
    await page.getByText(/Sold \(OFF-[0-9A-F]{8}\)\. Give ¥1,000 change\./).waitFor();
  });

  it('filters the shop’s events by a price in each event’s own currency', async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(cloud.url + '/');
    await page.getByRole('link', { name: /Concert in JPY/ }).waitFor();
    await page.getByRole('spinbutton', { name: 'Tickets up to' }).fill('100');
    // £45 is up to 100 pounds; ¥5,000 is not up to 100 yen.
    await expect.poll(() => page.getByRole('link', { name: /Concert in JPY/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /Concert in GBP/ }).count()).toBe(1);
  });
});
