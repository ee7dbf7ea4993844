// The kiosk and the box office in Chromium, with the bridge bound (exposeBinding) to a real main-process core and a
// real local cloud, reached through a proxy the test can cut. Kiosk: a purchase by touch with the card-terminal
// simulator (a decline first), targets of at least 48 px, the display toggles, the idle warning and reset that gives
// the seats back, sales paused offline (with the reason beside the button) and resumed by themselves, and a child
// ticket charged at the cloud's quote (kiosk.test.ts has the attract screen, languages, tiers and the countdown).
// Box office: a clerk signs in, sells for cash with change, refunds one ticket, sees the shift's totals and prints
// them; then sells from the allotment while the network is cut, and watches the sale sync when it is back.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { buildDevice, type TestDevice } from '../support/main/device.ts';
import { startNetProxy, type NetProxy } from '../support/net-proxy.ts';
import { bindBridge } from '../support/bridge-page.ts';
import { clickSeat } from '../support/seat-map.ts';
import { readPdf } from '../support/pdf-reader.ts';
import { verifyTicketCode } from '../../cloud/domain/tickets/ticket-code.ts';

describe.skipIf(!chromiumPath())('kiosk and box-office screens over the bridge', () => {
  let world: ShopWorld;
  let browser: Browser;
  let proxy: NetProxy;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-screens-'));
  const devices: TestDevice[] = [];
  const contexts: BrowserContext[] = [];
  const clerk = { email: 'clerk@theatre.example', password: 'box-office-pass-1' };

  beforeAll(async () => {
    world = await startShop({ name: 'Kiosk Concert' });
    proxy = await startNetProxy(world.cloud.url);
    browser = await launchBrowser();
    await world.cloud.services.identity.createStaff({
      ...clerk,
      name: 'Bo Office',
      role: 'clerk',
      venueId: world.venueId,
    });
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await browser?.close();
    await proxy?.close();
    await world?.cloud.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A paired machine of this kind and a page showing its screens. */
  const openMachine = async (kind: 'kiosk' | 'boxoffice', touch: boolean) => {
    const device = buildDevice(mkdtempSync(join(dir, `${kind}-`)), proxy.url, { syncIntervalMs: 250 });
    devices.push(device);
    const { code } = await world.cloud.services.identity.createPairingCode(
      { venueId: world.venueId, kind, name: kind === 'kiosk' ? 'Foyer kiosk' : 'Counter 1' },
      'admin-1',
    );
    await device.device.register(code);
    device.device.startSync();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      hasTouch: touch,
      isMobile: false,
    });
    contexts.push(context);
    const page = await context.newPage();
    await bindBridge(page, device.handle);
    return { device, page };
  };

  const activeHolds = async () =>
    Number(
      (await world.cloud.services.db.query<{ n: string }>(`SELECT count(*) AS n FROM holds WHERE state = 'active'`))
        .rows[0]!.n,
    );

  /** Every visible button, input and select is at least 48 × 48 CSS pixels (touch targets). */
  const smallTargets = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, a')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ el, box }) => box.width > 0 && box.height > 0 && !el.closest('.visually-hidden'))
        .filter(({ box }) => box.width < 48 || box.height < 48)
        .map(({ el, box }) => `${el.tagName} "${(el.textContent ?? '').trim()}" ${box.width}x${box.height}`),
    );

  it('sells at the kiosk by touch: a declined card, then paid; tickets printed with verifying QR codes', async () => {
    const { device, page } = await openMachine('kiosk', true);
    await page.goto(world.cloud.url + '/');
    await page.getByRole('button', { name: 'Touch to buy' }).tap();
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('button', { name: /Kiosk Concert/ }).tap();
    await page.getByRole('button', { name: 'Find seats together' }).waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('button', { name: 'Find seats together' }).tap();
    await page.getByRole('button', { name: 'Pay €178.00 by card' }).waitFor();
    expect(await smallTargets(page)).toEqual([]);

    // Display toggles for the buyer.
    await page.getByRole('button', { name: 'Larger text' }).tap();
    await page.getByRole('button', { name: 'High contrast' }).tap();
    const look = () =>
      page.locator('.kiosk').evaluate((el) => {
        const style = getComputedStyle(el);
        return { size: style.fontSize, background: style.backgroundColor };
      });
    expect(await look()).toEqual({ size: '28px', background: 'rgb(0, 0, 0)' });

    await page.getByRole('textbox', { name: 'Name on the tickets' }).fill('Tap Buyer');
    device.terminal.next('decline');
    await page.getByRole('button', { name: 'Pay €178.00 by card' }).tap();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Card declined by the issuer');
    await page.getByRole('button', { name: 'Pay €178.00 by card' }).tap();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    const code = (await page.locator('.kiosk-done strong').textContent())!;
    expect(code).toMatch(/^TB-/);
    expect(await page.locator('.kiosk-done').textContent()).toContain('Take your 2 tickets and your receipt below.');

    const tickets = device.prints().find((p) => p.file.includes('-tickets-'))!;
    const pdf = await readPdf(tickets.bytes);
    expect(pdf.pages).toHaveLength(2);
    for (const page of pdf.pages) {
      expect(page.lines).toContain(`Order ${code}`);
      expect(verifyTicketCode(world.cloud.services.ticketPublicKey, page.qr!)?.eventId).toBe(world.eventId);
    }
    // Done: the next buyer starts from the attract screen with the display as it was.
    await page.getByRole('button', { name: 'Done' }).tap();
    await page.getByRole('button', { name: 'Touch to buy' }).waitFor();
    expect(await look()).not.toEqual({ size: '28px', background: 'rgb(0, 0, 0)' });
  });

  it('warns after 60 s without a touch and starts over at 90 s, giving the seats back', async () => {
    const { page } = await openMachine('kiosk', true);
    await page.clock.install();
    await page.goto(world.cloud.url + '/');
    await page.getByRole('button', { name: 'Touch to buy' }).tap();
    await page.getByRole('button', { name: /Kiosk Concert/ }).tap();
    const before = await activeHolds();
    await page.getByRole('button', { name: 'Find seats together' }).tap();
    await page.getByRole('textbox', { name: 'Name on the tickets' }).fill('Walked Away');
    expect(await activeHolds()).toBe(before + 1);

    await page.clock.runFor(59_000);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.clock.runFor(2_000);
    await page.getByRole('alertdialog', { name: 'Are you still there?' }).waitFor();
    await page.clock.runFor(30_000);
    await page.getByRole('button', { name: 'Touch to buy' }).waitFor();
    await expect.poll(activeHolds).toBe(before);
    // Nothing of the last buyer is left on the next screen.
    await page.getByRole('button', { name: 'Touch to buy' }).tap();
    await page.getByRole('button', { name: /Kiosk Concert/ }).tap();
    expect(await page.getByText('Walked Away').count()).toBe(0);
  });

  it('pauses kiosk sales while offline, showing the cached event, and resumes by itself', async () => {
    const { page } = await openMachine('kiosk', true);
    await page.goto(world.cloud.url + '/');
    await page.getByRole('button', { name: 'Touch to buy' }).tap();
    await page.getByRole('button', { name: /Kiosk Concert/ }).tap();
    await page.getByRole('button', { name: 'Pick seats on the map' }).tap();
    await page.locator('canvas.seatmap').waitFor();
    await page.getByRole('button', { name: 'Start over' }).tap();

    proxy.cut();
    try {
      await page.getByRole('status', { name: /Connection: Offline/ }).waitFor();
      await page.getByRole('button', { name: 'Touch to buy' }).tap();
      await page.getByRole('button', { name: /Kiosk Concert/ }).tap();
      await page.getByText(/Sales are paused: this kiosk has lost its connection/).waitFor();
      expect(await page.getByRole('button', { name: 'Find seats together' }).isDisabled()).toBe(true);
      await page.getByText('Paused while this kiosk is offline').waitFor();
      await page.getByRole('button', { name: 'Pick seats on the map' }).tap();
      await page.locator('canvas.seatmap').waitFor();
      await page.getByText(/Sales are paused: this kiosk has lost its connection/).waitFor();
    } finally {
      proxy.restore();
    }
    await page.getByRole('status', { name: /Connection: Online/ }).waitFor();
    await expect.poll(() => page.getByText(/Sales are paused/).count()).toBe(0);
    await page.getByRole('button', { name: 'Back to prices' }).tap();
    expect(await page.getByRole('button', { name: 'Find seats together' }).isDisabled()).toBe(false);
  });

  it('sells a child ticket at the kiosk: the type on the order, the terminal asked for the quoted total', async () => {
    const admin = { sub: 'e2e-admin', groups: ['admin'] };
    const { settings } = world.cloud.services.commerce;
    const list = await settings.priceList(admin, world.eventId);
    const adult = list.ticketTypes.find((type) => type.kind === 'adult')!;
    const childId = randomUUID();
    await settings.setPriceList(admin, world.eventId, {
      ticketTypes: [
        { ...adult, kind: 'adult' },
        { id: childId, kind: 'child', name: 'Child', maxPerOrder: 4, requiresCheck: 'Under 14', accompaniedBy: null },
      ],
      // Every tier keeps its adult price; a child costs about half.
      entries: list.entries.flatMap((entry) => [
        entry,
        { ...entry, ticketTypeId: childId, amount: Math.round(entry.amount / 2) },
      ]),
      hiddenTierIds: [],
    });
    const { device, page } = await openMachine('kiosk', true);
    await page.goto(world.cloud.url + '/');
    await page.getByRole('button', { name: 'Touch to buy' }).tap();
    await page.getByRole('button', { name: /Kiosk Concert/ }).tap();
    await page.getByRole('button', { name: 'Find seats together' }).tap();
    // Two stalls seats, adult at first: the quote's total is the hold's.
    await page.getByRole('button', { name: 'Pay €178.00 by card' }).waitFor();
    const second = page.getByRole('combobox').nth(1);
    expect(await second.locator('option').allTextContents()).toEqual(['Adult · €89.00', 'Child · €44.50']);
    await second.selectOption({ label: 'Child · €44.50' });
    await page.getByText('Check at the door: Under 14').waitFor();
    await page.getByRole('button', { name: 'Pay €133.50 by card' }).waitFor();
    // The order summary beside the form says the same total, and which seat is the child's.
    expect(await page.locator('.order-summary .summary-total strong').textContent()).toBe('€133.50');
    expect(await page.locator('.order-summary .summary-lines').textContent()).toContain('Child');
    expect(await smallTargets(page)).toEqual([]);
    await page.getByRole('textbox', { name: 'Name on the tickets' }).fill('Small Visitor');
    await page.getByRole('button', { name: 'Pay €133.50 by card' }).tap();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    expect(device.terminal.authorized.at(-1)!.amount).toEqual({ amount: 13_350, currency: 'EUR' });
    const code = (await page.locator('.kiosk-done strong').textContent())!;
    const tickets = await world.cloud.services.db.query<{ ticket_type_id: string; ticket_type_name: string }>(
      `SELECT t.ticket_type_id, t.ticket_type_name FROM tickets t JOIN orders o ON o.id = t.order_id
       WHERE o.code = $1 ORDER BY t.ticket_type_name`,
      [code],
    );
    expect(tickets.rows).toEqual([
      { ticket_type_id: adult.id, ticket_type_name: 'Adult' },
      { ticket_type_id: childId, ticket_type_name: 'Child' },
    ]);
  });

  it('runs the counter: cash sale with change, a one-ticket refund, shift totals printed, offline allotment sale', async () => {
    const { device, page } = await openMachine('boxoffice', false);
    await page.goto(world.cloud.url + '/');
    await page.getByRole('heading', { name: 'Box office sign-in' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill(clerk.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(clerk.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Bo Office').waitFor();

    // Sell two seats for cash.
    await page.getByRole('button', { name: /Kiosk Concert/ }).click();
    await page.getByRole('button', { name: /^Hold best 2 seats/ }).click();
    await page.getByRole('textbox', { name: "Buyer's name" }).fill('Cash Customer');
    await page.getByRole('textbox', { name: 'Cash received' }).fill('150');
    await page.getByText('Short by €28.00').waitFor();
    await page.getByRole('textbox', { name: 'Cash received' }).fill('200');
    await page.getByText('Change: €22.00').waitFor();
    await page.getByRole('button', { name: 'Take cash' }).click();
    await page.getByRole('heading', { name: /Sold: order TB-/ }).waitFor();
    expect(await page.locator('.change').textContent()).toBe('Give €22.00 change.');

    // Find it and refund one ticket.
    await page.getByRole('button', { name: 'Orders', exact: true }).click();
    await page.getByRole('textbox', { name: 'Name, email or order code' }).fill('Cash Customer');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: /Cash Customer/ }).click();
    await page.getByRole('heading', { name: /Order TB-/ }).waitFor();
    await page.getByRole('checkbox').first().check();
    await page.getByRole('textbox', { name: 'Reason' }).fill('One cannot come');
    await page.getByRole('button', { name: 'Refund 1 ticket' }).click();
    await page.getByText('Hand back €89.00 in cash.').waitFor();
    expect(await page.locator('.order-state').textContent()).toBe('partially refunded');

    // The shift: 178 taken, 89 handed back.
    await page.getByRole('button', { name: 'Shift', exact: true }).click();
    await page.getByRole('button', { name: 'Show report' }).click();
    expect(await page.locator('.cash-expected').textContent()).toBe('€89.00');
    await page.getByRole('button', { name: 'Print report' }).click();
    await page.getByText('Report printed.').waitFor();
    const report = await readPdf(device.prints().find((p) => p.file.includes('-shift_report-'))!.bytes);
    expect(report.text).toContain('Cash expected in the drawer: €89.00');
    expect(report.text).toContain('Seller: Bo Office');

    // Reserve two seats for the counter, then sell one of them with the network cut.
    await page.getByRole('button', { name: 'Allotment', exact: true }).click();
    await page.getByRole('button', { name: /Kiosk Concert/ }).click();
    await page.locator('canvas.seatmap').waitFor();
    for (const seatId of [world.seatIds[300]!, world.seatIds[301]!]) await clickSeat(page, seatId);
    await page.getByRole('button', { name: 'Reserve these 2 seats for this counter' }).click();
    await page.getByText('2 of 2 seats left').waitFor();

    proxy.cut();
    try {
      await page.getByRole('status', { name: /Connection: Offline/ }).waitFor();
      await page.getByRole('checkbox', { name: new RegExp(world.seatIds[300]!) }).check();
      await page.getByRole('textbox', { name: "Buyer's name" }).fill('Offline Buyer');
      await page.getByRole('textbox', { name: 'Cash received' }).fill('100');
      await page.getByRole('button', { name: 'Sell 1 for €89.00 cash' }).click();
      await page.getByText(/Sold \(OFF-[0-9A-F]{8}\)\. Give €11\.00 change\./).waitFor();
      await page.getByRole('status', { name: 'Connection: Offline · 1 waiting to sync' }).waitFor();
      await page.getByText('1 of 2 seats left').waitFor();
    } finally {
      proxy.restore();
    }
    await page.getByRole('status', { name: 'Connection: Online' }).waitFor({ timeout: 15_000 });
    const landed = await world.cloud.services.db.query<{ state: string; buyer_name: string }>(
      `SELECT state, buyer_name FROM orders WHERE buyer_name = 'Offline Buyer'`,
    );
    expect(landed.rows).toEqual([{ state: 'paid', buyer_name: 'Offline Buyer' }]);

    // While the counter is cut off again, the allotment is ended in the cloud; the next offline sale is refused for
    // good when it syncs, and the clerk sees it with the reason.
    proxy.cut();
    try {
      await page.getByRole('status', { name: /Connection: Offline/ }).waitFor();
      const [allotment] = device.allotments.list();
      // Ended by its owner, the counter machine (e.g. from another session of it).
      const owner = await world.cloud.services.db.query<{ owner_sub: string }>(
        'SELECT owner_sub FROM holds WHERE id = $1',
        [allotment!.allotmentId],
      );
      await world.cloud.services.holds.release(allotment!.allotmentId, {
        principal: { sub: owner.rows[0]!.owner_sub, groups: ['boxoffice'], venueId: world.venueId },
      });
      await page.getByRole('checkbox', { name: new RegExp(world.seatIds[301]!) }).check();
      await page.getByRole('textbox', { name: "Buyer's name" }).fill('Too Late');
      await page.getByRole('textbox', { name: 'Cash received' }).fill('89');
      await page.getByRole('button', { name: 'Sell 1 for €89.00 cash' }).click();
      await page.getByText(/Sold \(OFF-/).waitFor();
    } finally {
      proxy.restore();
    }
    const refused = page.getByRole('alert').filter({ hasText: 'Sales the cloud refused' });
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.textContent()).toMatch(/allotment|hold/i);
    expect((await world.cloud.services.db.query(`SELECT 1 FROM orders WHERE buyer_name = 'Too Late'`)).rows).toEqual(
      [],
    );
  });

  it('checks tickets at the door as a USB scanner types them (code, then Enter)', async () => {
    const { device, page } = await openMachine('boxoffice', false);
    await device.device.signInStaff(clerk.email, clerk.password);
    const held = await device.handle('holds:create', {
      eventId: world.eventId,
      request: { seatIds: [world.seatIds[500]!] },
    });
    if (!held.ok) throw new Error(held.problem.detail);
    const { id: holdId, token } = held.value as { id: string; token: string };
    const sale = await device.handle('sale:cash', {
      holdId,
      holdToken: token,
      buyer: { name: 'Door Guest' },
      delivery: 'print',
      tendered: { amount: 8900, currency: 'EUR' },
      idempotencyKey: crypto.randomUUID(),
    });
    if (!sale.ok) throw new Error(sale.problem.detail);
    const code = (sale.value as { order: { tickets: { code: string }[] } }).order.tickets[0]!.code;

    await page.goto(world.cloud.url + '/');
    await page.getByRole('button', { name: 'Door', exact: true }).click();
    const field = page.getByRole('textbox', { name: 'Ticket code' });
    const verdict = page.locator('.door-verdict');
    // A keyboard-wedge scanner types the code quickly and presses Enter.
    await field.pressSequentially(code, { delay: 0 });
    await field.press('Enter');
    await expect.poll(() => verdict.locator('.door-word').textContent()).toBe('Admit');
    await field.pressSequentially(code, { delay: 0 });
    await field.press('Enter');
    await expect.poll(() => verdict.locator('.door-word').textContent()).toBe('Already used');
    expect(await verdict.textContent()).toContain('gate Gate 1');
    await field.pressSequentially('not-a-ticket', { delay: 0 });
    await field.press('Enter');
    await expect.poll(() => verdict.locator('.door-word').textContent()).toBe('Refused');
    expect(await page.locator('.door-history li').count()).toBe(2);
  });
});
