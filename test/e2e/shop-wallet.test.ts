// The order page as a ticket wallet and the account's "My tickets", in real Chromium: orders bought through the
// sandbox payment over HTTP, then the buyer's view. Each ticket shows a QR that a scanner reads (a screenshot of it
// decoded with jsQR gives the ticket's signed code), the PDF download is the tickets PDF with the seats in words, the
// .ics download is a calendar event in UTC at the venue, the directions link searches the venue on OpenStreetMap, a
// refunded ticket says so and shows no QR, the account lists the tickets by event; axe-clean at 360 (touch) and
// 1440, in German and in Arabic (right to left).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { expectAxeClean } from '../support/axe.ts';
import { jsQR, readPdf } from '../support/pdf-reader.ts';

interface BoughtOrder {
  id: string;
  code: string;
  accessToken: string;
  tickets: { id: string; code: string; row: string; number: string }[];
}

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };

describe.skipIf(!chromiumPath())('web shop: the ticket wallet', () => {
  let world: ShopWorld;
  let browser: Browser;
  let buyerToken: string;
  let adminToken: string;
  let guestOrder: BoughtOrder;

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(world.cloud.url + path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: await response.json() };
  };

  /** Holds the seats and pays through the sandbox (as a guest, or signed in with `bearer`). */
  const buy = async (seatIds: string[], bearer?: string): Promise<BoughtOrder> => {
    const auth: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
    const hold = await api('POST', `/v1/events/${world.eventId}/holds`, { seatIds }, auth);
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const created = await api(
      'POST',
      '/v1/orders',
      {
        holdId: hold.body.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: `${world.cloud.url}/checkout/return` },
      },
      { ...auth, 'x-hold-token': hold.body.token ?? '', 'idempotency-key': randomUUID() },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await world.cloud.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
    const paid = await api('POST', `/v1/orders/${created.body.id}/payments/complete`, undefined, {
      'x-order-token': created.body.accessToken,
      'idempotency-key': randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    return { ...paid.body, accessToken: created.body.accessToken };
  };

  const open = async (options: BrowserContextOptions, path: string, session?: string): Promise<Page> => {
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, ...options });
    if (session) {
      const stored = JSON.stringify({
        accessToken: session,
        tokenType: 'Bearer',
        expiresIn: 3600,
        principal: { sub: 'wallet-buyer', email: 'ada@example.com', groups: [] },
      });
      await context.addInitScript((value) => localStorage.setItem('tb.session', value), stored);
    }
    const page = await context.newPage();
    await page.goto(world.cloud.url + path);
    return page;
  };
  const walletOf = (order: BoughtOrder) => `/orders/${order.id}?token=${encodeURIComponent(order.accessToken)}`;

  /** What a scanner reads off each QR on screen: a screenshot of the image, decoded with jsQR. */
  const scanQrs = async (page: Page): Promise<string[]> => {
    const images = page.locator('img.ticket-qr');
    const codes: string[] = [];
    for (let i = 0; i < (await images.count()); i++) {
      const png = PNG.sync.read(await images.nth(i).screenshot());
      codes.push(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? 'unreadable');
    }
    return codes;
  };

  beforeAll(async () => {
    world = await startShop({ name: 'Swan Lake' });
    // The venue's street address (for directions, the calendar and the cards) and the event's doors time.
    await world.cloud.services.db.query('UPDATE venues SET address = $1 WHERE id = $2', ['Opernring 2', world.venueId]);
    await world.cloud.services.db.query(
      "UPDATE events SET doors_at = starts_at - interval '45 minutes' WHERE id = $1",
      [world.eventId],
    );
    browser = await launchBrowser();
    buyerToken = await world.cloud.issuer.issue({ sub: 'wallet-buyer', email: 'ada@example.com', groups: [] });
    adminToken = await world.cloud.issuer.issue({ sub: 'wallet-admin', groups: ['admin'] });
    guestOrder = await buy([world.seatIds[300]!, world.seatIds[301]!]);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('desktop: a card a ticket whose QR scans to its code, the PDF, the calendar file and the directions', async () => {
    const page = await open(DESKTOP, walletOf(guestOrder));
    await page.getByRole('heading', { name: 'Thank you, your tickets are booked' }).waitFor();
    const cards = page.locator('.tickets > li.ticket-card');
    await expect.poll(() => page.locator('img.ticket-qr').count(), { timeout: 20_000 }).toBe(2);
    expect(await cards.count()).toBe(2);
    for (const ticket of guestOrder.tickets) {
      const card = cards.filter({ hasText: `Row ${ticket.row} · Seat ${ticket.number}` });
      expect(await card.count()).toBe(1);
      const text = (await card.textContent())!;
      expect(text).toContain('Valid');
      expect(text).toContain('Swan Lake');
      expect(text).toContain('Grand Theatre, Opernring 2, Vienna');
      expect(text).toContain('Ada Lovelace');
      expect(text).toContain('Doors open');
    }
    expect((await scanQrs(page)).sort()).toEqual(guestOrder.tickets.map((t) => t.code).sort());
    // The one order summary, as before paying: the event, the venue, a line a ticket with its place, and the total.
    const summary = page.locator('.order-summary');
    expect(await summary.locator('.summary-event').textContent()).toBe('Swan Lake');
    expect(await summary.textContent()).toContain('Grand Theatre, Vienna');
    // Each line names the section as the seat map does (seats 300 and 301 are in ORCH-L, "Orchestra Left"), and
    // leaves the default (adult) type unsaid, as checkout did.
    expect(await summary.locator('.summary-lines li').allTextContents()).toEqual(
      guestOrder.tickets.map(
        (ticket) => `Orchestra Left · Row ${ticket.row} · Seat ${ticket.number} · Stalls · €89.00`,
      ),
    );
    await summary.locator('.summary-total').waitFor();
    const qrBox = (await page.locator('img.ticket-qr').first().boundingBox())!;
    expect(qrBox.width).toBeGreaterThanOrEqual(200);
    await expectAxeClean(page, 'wallet 1440');

    // The PDF: what the email attaches, a page a ticket with its seat in words.
    const pdfButton = page.getByRole('button', { name: 'Download 2 tickets (PDF)' });
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), pdfButton.click()]);
    expect(pdfDownload.suggestedFilename()).toBe(`tickets-${guestOrder.code}.pdf`);
    const pdf = await readPdf(readFileSync((await pdfDownload.path())!));
    expect(pdf.pages).toHaveLength(2);
    for (const ticket of guestOrder.tickets) expect(pdf.text).toContain(`Seat ${ticket.number}`);

    // The calendar file: one event, starting in UTC, at the venue.
    const [icsDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Add to calendar (.ics)' }).click(),
    ]);
    const ics = readFileSync((await icsDownload.path())!, 'utf8').replace(/\r\n[ \t]/g, '');
    const event = (await api('GET', `/v1/events/${world.eventId}`)).body as { startsAt: string };
    const utc = event.startsAt.replace(/[-:]/g, '').replace(/\.\d+/, '');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toMatch(new RegExp(`^DTSTART:${utc}$`, 'm'));
    expect(ics).toMatch(/^SUMMARY:Swan Lake$/m);
    expect(ics).toMatch(/^LOCATION:Grand Theatre\\, Opernring 2\\, Vienna$/m);
    expect(ics).toContain('Europe/Vienna');
    expect(ics).toMatch(/^DESCRIPTION:.*Doors open /m);

    const directions = page.getByRole('link', { name: 'Directions to Grand Theatre' });
    expect(await directions.getAttribute('href')).toBe(
      'https://www.openstreetmap.org/search?query=Grand%20Theatre%2C%20Opernring%202%2C%20Vienna',
    );
    await page.context().close();
  });

  it('phone (360, touch): the cards fit, the QR stays scannable (dark mode too), axe-clean; print: a sheet a ticket', async () => {
    const dark = await open({ ...PHONE, colorScheme: 'dark' }, walletOf(guestOrder));
    await expect.poll(() => dark.locator('img.ticket-qr').count(), { timeout: 20_000 }).toBe(2);
    expect((await scanQrs(dark)).sort()).toEqual(guestOrder.tickets.map((t) => t.code).sort());
    await dark.context().close();
    const page = await open(PHONE, walletOf(guestOrder));
    await expect.poll(() => page.locator('img.ticket-qr').count(), { timeout: 20_000 }).toBe(2);
    const box = (await page.locator('img.ticket-qr').first().boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(200);
    expect((await scanQrs(page)).sort()).toEqual(guestOrder.tickets.map((t) => t.code).sort());
    await expectAxeClean(page, 'wallet 360');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      breakAfter: getComputedStyle(document.querySelector('.ticket-card')!).breakAfter,
      actionsShown: getComputedStyle(document.querySelector('.wallet-actions')!).display !== 'none',
    }));
    expect(printed).toEqual({ breakAfter: 'page', actionsShown: false });
    await page.context().close();
  });

  it('a refunded ticket says so and has no QR; the valid one keeps its QR; a used one says when it was admitted', async () => {
    const order = await buy([world.seatIds[310]!, world.seatIds[311]!, world.seatIds[312]!]);
    const [refunded, kept, used] = order.tickets;
    const door = await world.cloud.issuer.issue({ sub: randomUUID(), groups: ['boxoffice'], venueId: world.venueId });
    const scan = await api(
      'POST',
      '/v1/scans',
      { code: used!.code, gate: 'North' },
      { authorization: `Bearer ${door}` },
    );
    expect(scan.body.result).toBe('admitted');
    const refund = await api(
      'POST',
      `/v1/orders/${order.id}/refunds`,
      { ticketIds: [refunded!.id], reason: 'Cannot come' },
      { authorization: `Bearer ${adminToken}`, 'idempotency-key': randomUUID() },
    );
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    const page = await open(DESKTOP, walletOf(order));
    const card = (ticket: BoughtOrder['tickets'][number]) =>
      page.locator('li.ticket-card').filter({ hasText: `Seat ${ticket.number}` });
    await card(refunded!).getByText('Refunded', { exact: true }).waitFor();
    expect(await card(refunded!).getByText('This ticket no longer admits entry.').count()).toBe(1);
    expect(await card(refunded!).locator('img.ticket-qr').count()).toBe(0);
    await card(kept!).locator('img.ticket-qr').waitFor();
    // Used, with when the door admitted it (a time in the venue's zone), and its code still shown.
    await card(used!)
      .getByText(/^Used \S.*\d{1,2}:\d{2}/)
      .waitFor();
    await card(kept!).getByText('Valid', { exact: true }).waitFor();
    expect((await scanQrs(page)).sort()).toEqual([kept!.code, used!.code].sort());
    await page.getByRole('button', { name: 'Download 2 tickets (PDF)' }).waitFor();
    await page.context().close();
  });

  it('the account: "My tickets" lists every ticket by event with its state and opens the order’s wallet', async () => {
    const first = await buy([world.seatIds[320]!], buyerToken);
    const second = await buy([world.seatIds[321]!, world.seatIds[322]!], buyerToken);
    const page = await open(DESKTOP, '/me/orders', buyerToken);
    await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
    const group = page.getByRole('region', { name: 'Swan Lake' });
    await group.waitFor();
    expect(await group.locator('.account-tickets li').count()).toBe(3);
    expect(await group.locator('.account-tickets li').filter({ hasText: 'Valid' }).count()).toBe(3);
    await expectAxeClean(page, 'my tickets 1440');
    await page.getByRole('link', { name: `Order ${second.code}: open 2 tickets` }).click();
    await expect.poll(() => page.locator('img.ticket-qr').count(), { timeout: 20_000 }).toBe(2);
    expect(await page.locator('.order-code').textContent()).toBe(second.code);
    expect(first.code).not.toBe(second.code);
    await page.context().close();
  });

  it('in German and in Arabic (right to left): the wallet’s words, axe-clean at 360 and 1440', async () => {
    for (const [locale, heading, pdf] of [
      ['de-DE', 'Danke, Ihre Tickets sind gebucht', '2 Tickets herunterladen (PDF)'],
      ['ar', 'شكرًا لك، تم حجز تذاكرك', 'تنزيل التذكرتين (PDF)'],
    ] as const) {
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await open({ ...viewport, locale }, walletOf(guestOrder));
        await page.getByRole('heading', { name: heading }).waitFor();
        await page.getByRole('button', { name: pdf }).waitFor();
        await expect.poll(() => page.locator('img.ticket-qr').count(), { timeout: 20_000 }).toBe(2);
        expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
        await expectAxeClean(page, `wallet ${locale} ${viewport.viewport!.width}`);
        await page.context().close();
      }
    }
  });
});
