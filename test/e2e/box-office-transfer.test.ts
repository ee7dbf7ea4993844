// transfer (issue 19): the box office passes a ticket on, in Chromium with the bridge bound to a real main-process
// core and a real local cloud: the clerk sells two seats for cash, finds the order, picks one ticket, names the
// person it is for and sends it; the cloud holds a pending transfer from the counter for that email.
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
import { startTestCloud } from '../support/local-cloud.ts';

describe.skipIf(!chromiumPath())('the box office passes a ticket on', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let venueId = '';
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-counter-transfer-'));
  const devices: TestDevice[] = [];
  const clerk = { email: 'clerk@transfer.example', password: 'box-office-pass-1' };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const { admin, identity } = cloud.services;
    const venue = await admin.createVenue({ name: 'Playhouse', city: 'Leeds', timezone: 'Europe/London' });
    venueId = venue.id;
    const seatmap = await admin.importSeatMap(venueId, smallHall(4, 10));
    await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Gift Show', amount: 5000 });
    await identity.createStaff({ ...clerk, name: 'Pat Clerk', role: 'clerk', venueId });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await browser?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sells two seats, then sends one of them to a friend from the order detail', async () => {
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

    await page.getByRole('button', { name: /Gift Show/ }).click();
    await page.getByRole('combobox', { name: 'Tickets', exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Hold best 2 seats' }).click();
    await page.getByRole('textbox', { name: "Buyer's name" }).fill('Gift Buyer');
    await page.getByRole('textbox', { name: 'Cash received' }).fill('100');
    await page.getByRole('button', { name: 'Take cash' }).click();
    await page.getByRole('heading', { name: /Sold: order TB-/ }).waitFor();

    await page.getByRole('button', { name: 'Orders', exact: true }).click();
    await page.getByRole('textbox', { name: 'Name, email or order code' }).fill('Gift Buyer');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: /Gift Buyer/ }).click();
    await page.getByRole('heading', { name: /Order TB-/ }).waitFor();
    await page.getByRole('checkbox').first().check();
    await page.getByRole('group', { name: 'Pass on to someone' }).waitFor();
    await page.getByRole('textbox', { name: "Recipient's name" }).fill('A Friend');
    await page.getByRole('textbox', { name: "Recipient's email" }).fill('friend@example.com');
    await page.getByRole('button', { name: 'Send 1 ticket' }).click();
    await page.getByRole('status').filter({ hasText: 'We emailed friend@example.com' }).waitFor();

    const rows = await cloud.services.db.query<{ state: string; channel: string; count: number }>(
      `SELECT state, channel, cardinality(ticket_ids) AS count FROM ticket_transfers WHERE recipient_email = $1`,
      ['friend@example.com'],
    );
    expect(rows.rows).toEqual([{ state: 'pending', channel: 'boxoffice', count: 1 }]);
  });
});
