// The box office exchanges a ticket for a dearer date, in Chromium with the bridge bound to a real main-process core
// and a real local cloud: the clerk sells a seat of the early show for cash, finds the order, picks its ticket and
// exchanges it for a seat of the late show at the same venue. The screen shows the credit (what the ticket was paid),
// the new total and the difference; the clerk takes cash for it and gives change; the new order's tickets and receipt
// print (the receipt names the exchange credit), the old order says where its ticket went, and the old seat is on
// sale again.
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

describe.skipIf(!chromiumPath())('the box office exchanges a ticket for another date', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let venueId = '';
  let earlyId = '';
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-counter-exchange-'));
  const devices: TestDevice[] = [];
  const clerk = { email: 'clerk@playhouse.example', password: 'box-office-pass-1' };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const { admin, identity } = cloud.services;
    const venue = await admin.createVenue({ name: 'Playhouse', city: 'Leeds', timezone: 'Europe/London' });
    venueId = venue.id;
    const seatmap = await admin.importSeatMap(venueId, smallHall(4, 10));
    earlyId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], {
      name: 'Early Show',
      amount: 5000,
    });
    await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Late Show', amount: 8000 });
    await identity.createStaff({ ...clerk, name: 'Pat Clerk', role: 'clerk', venueId });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await browser?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sells a seat, exchanges it for a dearer date taking the difference in cash, and prints the new order', async () => {
    const device = buildDevice(mkdtempSync(join(dir, 'counter-')), cloud.url, { syncIntervalMs: 250 });
    devices.push(device);
    const { code } = await cloud.services.identity.createPairingCode(
      { venueId, kind: 'boxoffice', name: 'Counter 1' },
      'admin-1',
    );
    await device.device.register(code);
    await device.device.signInStaff(clerk.email, clerk.password);
    device.device.startSync();
    const page = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await bindBridge(page, device.handle);
    await page.goto(cloud.url + '/');

    // A seat of the early show, for cash.
    await page.getByRole('button', { name: /Early Show/ }).click();
    await page.getByRole('combobox', { name: 'Tickets', exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Hold best seat' }).click();
    await page.getByRole('textbox', { name: "Buyer's name" }).fill('Swap Buyer');
    await page.getByRole('textbox', { name: 'Cash received' }).fill('50');
    await page.getByRole('button', { name: 'Take cash' }).click();
    await page.getByRole('heading', { name: /Sold: order TB-/ }).waitFor();
    const sold = await cloud.services.db.query<{ id: string; seat_id: string }>(
      `SELECT o.id, t.seat_id FROM orders o JOIN tickets t ON t.order_id = o.id WHERE o.buyer_name = 'Swap Buyer'`,
    );
    const oldSeat = sold.rows[0]!.seat_id;

    // Find it, pick the ticket, exchange it for a seat of the late show.
    await page.getByRole('button', { name: 'Orders', exact: true }).click();
    await page.getByRole('textbox', { name: 'Name, email or order code' }).fill('Swap Buyer');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: /Swap Buyer/ }).click();
    await page.getByRole('heading', { name: /Order TB-/ }).waitFor();
    await page.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Exchange 1 ticket' }).click();
    await page.getByRole('heading', { name: 'Exchange to which event?' }).waitFor();
    await page.getByRole('button', { name: /Late Show/ }).click();
    await page.getByRole('combobox', { name: 'Tickets', exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Find seats together' }).click();

    // The money: 50.00 credit, 80.00 new, 30.00 to pay.
    await page.getByTestId('exchange-difference').waitFor();
    expect(await page.getByTestId('exchange-credit').textContent()).toBe('€50.00');
    expect(await page.getByTestId('exchange-new-total').textContent()).toBe('€80.00');
    expect(await page.getByTestId('exchange-difference').textContent()).toBe('€30.00');
    await page.getByText('To pay', { exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Cash received' }).fill('40');
    await page.getByText('Change: €10.00').waitFor();
    await page.getByRole('button', { name: 'Take cash and exchange' }).click();
    const done = page.getByText(/Exchanged to order TB-\S+\. Give €10\.00 change\. Printed 2 documents\./);
    await done.waitFor();
    const newCode = /order (TB-\S+)\./.exec((await done.textContent())!)![1]!;
    await page.getByText(`Tickets exchanged to order ${newCode}.`).waitFor();
    expect(await page.locator('.order-state').textContent()).toBe('refunded');

    // The new order's tickets and receipt printed; the receipt names the credit and the cash.
    const prints = device.prints().filter((p) => p.file.includes(newCode));
    expect(prints.map((p) => p.file.match(/-(tickets|receipt)-/)![1]).sort()).toEqual(['receipt', 'tickets']);
    const receipt = await readPdf(prints.find((p) => p.file.includes('-receipt-'))!.bytes);
    expect(receipt.text).toContain('Swap Buyer');
    expect(receipt.text).toContain('Exchange credit €50.00');
    expect(receipt.text).toMatch(/Cash €30\.00, tendered €40\.00, change €10\.00/);

    // The old seat is on sale again.
    const seat = await cloud.services.db.query<{ status: string }>(
      `SELECT status FROM event_seats WHERE event_id = $1 AND seat_id = $2`,
      [earlyId, oldSeat],
    );
    expect(seat.rows[0]!.status).toBe('available');
  });
});
