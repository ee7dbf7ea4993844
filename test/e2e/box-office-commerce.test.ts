// The box office sells a concession with VAT and prints it, in Chromium with the bridge bound to a real main-process
// core and a real local cloud: the event sells adult and concession tickets (a concession card shown at the door),
// the venue charges 20 % VAT on top of prices and fees. The clerk picks the concession for the seat, sees the
// breakdown with the VAT line and the total before taking cash (a code the cloud does not know is refused beside its
// field), gets the change from that total, and the sale prints; the order in the cloud is a concession with the VAT
// in its breakdown, and the shift report gives the VAT line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PriceBreakdown } from '../../cloud/contract/index.ts';
import type { Principal } from '../../cloud/services/ports.ts';
import { chromiumPath, launchBrowser } from '../support/browser.ts';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';
import { buildDevice, type TestDevice } from '../support/main/device.ts';
import { bindBridge } from '../support/bridge-page.ts';
import { readPdf } from '../support/pdf-reader.ts';
import { startTestCloud } from '../support/local-cloud.ts';

describe.skipIf(!chromiumPath())('the box office sells a concession with VAT', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let venueId = '';
  let eventId = '';
  const concessionId = randomUUID();
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-counter-commerce-'));
  const devices: TestDevice[] = [];
  const clerk = { email: 'clerk@playhouse.example', password: 'box-office-pass-1' };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const { admin, identity, commerce } = cloud.services;
    const venue = await admin.createVenue({ name: 'Playhouse', city: 'Leeds', timezone: 'Europe/London' });
    venueId = venue.id;
    const seatmap = await admin.importSeatMap(venueId, smallHall(4, 10));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], {
      name: 'Comedy Night',
      amount: 5000,
    });
    const staff: Principal = { sub: 'admin-1', groups: ['admin'] };
    const list = await commerce.settings.priceList(staff, eventId);
    await commerce.settings.setPriceList(staff, eventId, {
      ticketTypes: [
        { ...list.ticketTypes[0]!, kind: 'adult', requiresCheck: null, accompaniedBy: null },
        {
          id: concessionId,
          kind: 'concession',
          name: 'Concession',
          maxPerOrder: null,
          requiresCheck: 'Show concession card',
          accompaniedBy: null,
        },
      ],
      entries: list.entries.flatMap((entry) => [entry, { ...entry, ticketTypeId: concessionId, amount: 3000 }]),
      hiddenTierIds: [],
    });
    await commerce.settings.setFees(staff, eventId, {
      currency: 'EUR',
      serviceFee: { kind: 'fixed', amount: 150 },
      orderFee: null,
      deliveryFees: [],
    });
    await commerce.settings.setVenueTax(staff, venueId, {
      label: 'VAT',
      ratePpm: 200_000,
      mode: 'exclusive',
      feesTaxable: true,
    });
    await identity.createStaff({ ...clerk, name: 'Pat Clerk', role: 'clerk', venueId });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await browser?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('picks the concession, shows the VAT before taking cash, prints, and the cloud keeps the breakdown', async () => {
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

    // One seat of the event, best available.
    await page.getByRole('button', { name: /Comedy Night/ }).click();
    await page.getByRole('combobox', { name: 'Tickets', exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Hold best seat' }).click();

    // Adult by default (50.00 + 1.50 fee + 20 % VAT), then a concession with its door check.
    const types = page.getByRole('group', { name: 'Ticket types' });
    const seatType = types.getByRole('combobox');
    expect(await seatType.locator('option:checked').textContent()).toBe('Adult · €50.00');
    await page.getByRole('button', { name: 'Pay €61.80 by card' }).waitFor();
    await seatType.selectOption({ label: 'Concession · €30.00' });
    await types.getByText('Check at the door: Show concession card').waitFor();

    // The breakdown before paying: 30.00 + 1.50 service fee, VAT 20 % of both (6.30), 37.80 in all.
    // The order summary: the event, then the seat as a concession, the fees, the VAT and the total.
    const summary = page.getByRole('region', { name: 'To pay' });
    await page.getByRole('button', { name: 'Pay €37.80 by card' }).waitFor();
    expect(await summary.locator('.summary-event').textContent()).toBe('Comedy Night');
    expect(await summary.getByRole('listitem').filter({ hasText: '· Concession' }).textContent()).toContain('€30.00');
    expect(await summary.locator('.summary-totals div').filter({ hasText: 'VAT' }).textContent()).toContain('€6.30');
    expect(await summary.locator('.summary-total').textContent()).toContain('€37.80');

    // A code the cloud does not know is refused beside its field, and the sale stays priced without it.
    await page.getByRole('textbox', { name: 'Promo code' }).fill('NO-SUCH-CODE');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.promo-code').getByRole('alert').waitFor();
    expect(await page.getByRole('textbox', { name: 'Promo code' }).getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Pay €37.80 by card' }).waitFor();

    // Cash: what is due and the change are from the quoted total.
    expect(await page.locator('.amount-due').textContent()).toBe('Due €37.80');
    await page.getByRole('textbox', { name: "Buyer's name" }).fill('Concession Buyer');
    await page.getByRole('textbox', { name: 'Cash received' }).fill('37');
    await page.getByText('Short by €0.80').waitFor();
    await page.getByRole('textbox', { name: 'Cash received' }).fill('40');
    await page.getByText('Change: €2.20').waitFor();
    await page.getByRole('button', { name: 'Take cash' }).click();
    await page.getByRole('heading', { name: /Sold: order TB-/ }).waitFor();
    expect(await page.locator('.change').textContent()).toBe('Give €2.20 change.');

    // Printed: the ticket and the receipt, with the total paid.
    const prints = device.prints();
    expect(prints.map((p) => p.file.match(/-(tickets|receipt)-/)![1]).sort()).toEqual(['receipt', 'tickets']);
    const receipt = await readPdf(prints.find((p) => p.file.includes('-receipt-'))!.bytes);
    expect(receipt.text).toContain('Concession Buyer');
    expect(receipt.text).toMatch(/Total[\s\S]*€37\.80/);
    expect(receipt.text).toContain('Cash €37.80, tendered €40.00, change €2.20');
    const ticket = await readPdf(prints.find((p) => p.file.includes('-tickets-'))!.bytes);
    // The receipt's breakdown names the type and gives the VAT line; the ticket says its type and the door check.
    const drawn = receipt.pages[0]!.lines;
    const amountOf = (label: string | RegExp) => drawn[drawn.findIndex((line) => line.match(label)) + 1];
    expect(amountOf(/· Concession$/)).toBe('€30.00');
    expect(amountOf('VAT 20 %')).toBe('€6.30');
    expect(amountOf('Total')).toBe('€37.80');
    expect(ticket.pages[0]!.lines).toContain('Door check: Show concession card');
    expect(ticket.pages[0]!.lines.some((line) => line.startsWith('Concession ·'))).toBe(true);

    // The cloud's order: a concession, priced with the VAT on top.
    const stored = await cloud.services.db.query<{ price_breakdown: unknown; ticket_type_id: string }>(
      `SELECT o.price_breakdown, t.ticket_type_id FROM orders o JOIN tickets t ON t.order_id = o.id
       WHERE o.buyer_name = 'Concession Buyer'`,
    );
    expect(stored.rows.map((row) => row.ticket_type_id)).toEqual([concessionId]);
    const priced = PriceBreakdown.parse(stored.rows[0]!.price_breakdown);
    expect(priced.tax).toEqual({ label: 'VAT', ratePpm: 200_000, mode: 'exclusive' });
    expect(priced.tickets.map((line) => [line.ticketTypeId, line.price, line.priceTax, line.serviceFeeTax])).toEqual([
      [concessionId, 3000, 600, 30],
    ]);
    expect(priced.totals).toEqual({ subtotal: 3000, discount: 0, fees: 150, tax: 630, total: 3780 });

    // The shift's takings line by line: the concession's price, its fee and the VAT added, adding up to the cash.
    await page.getByRole('button', { name: 'Shift', exact: true }).click();
    await page.getByRole('button', { name: 'Show report' }).click();
    const takings = page.getByRole('table', { name: 'Takings in EUR' });
    await takings.waitFor();
    expect(await takings.getByRole('row', { name: /^Ticket sales/ }).textContent()).toContain('€30.00');
    expect(await takings.getByRole('row', { name: 'Service fees' }).textContent()).toContain('€1.50');
    expect(await takings.getByRole('row', { name: 'VAT 20 % (added)' }).textContent()).toContain('€6.30');
    expect(await takings.getByRole('row', { name: 'Takings' }).textContent()).toContain('€37.80');
  });
});
