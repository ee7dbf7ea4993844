// The dashboard and the reports filtered by venue, in real Chromium against the local cloud: a venue manager of two
// venues (of three) sees both venues' figures together, or one venue's when choosing it; the venue lists offer only
// their two venues; a manager of one venue gets no filter. The reports show a venue's sales by tier with refunded and
// void tickets apart, and its box-office shifts in the table the box office draws too. Axe-clean at 768 and 1920.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAxeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { smallHall } from '../support/world.ts';

interface Answer {
  id: string;
  token: string;
  accessToken: string;
  state: string;
  payments: { redirectUrl: string }[];
}

describe.skipIf(!chromiumPath())('the back office filtered by venue in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;
  const venues = { b: '', c: '' };
  const events = { b: '', c: '' };
  const tokens = { manager: '', single: '' };

  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(world.cloud.url + path, {
      method,
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };

  /** A buyer's web purchase through the API, as the shop makes it. */
  async function buyOnTheWeb(eventId: string, seatIds: string[]): Promise<void> {
    const hold = await call('POST', `/v1/events/${eventId}/holds`, { seatIds });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const order = await call(
      'POST',
      '/v1/orders',
      {
        holdId: hold.body.id,
        buyer: { email: 'web@example.com', name: 'Web Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: `${world.cloud.url}/back` },
      },
      { 'x-hold-token': hold.body.token },
    );
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    await world.cloud.sandbox.decide(order.body.payments[0]!.redirectUrl.split('/').at(-1)!, 'approve');
    const paid = await call('POST', `/v1/orders/${order.body.id}/payments/complete`, undefined, {
      'x-order-token': order.body.accessToken,
    });
    expect(paid.body.state).toBe('paid');
  }

  /** A clerk's cash sale at a venue's counter. */
  async function sellAtTheCounter(eventId: string, venueId: string, seatIds: string[]): Promise<void> {
    const clerk = await world.cloud.issuer.issue({ sub: 'clerk-bea', groups: ['clerk'], venueId });
    const auth = { authorization: `Bearer ${clerk}` };
    const hold = await call('POST', `/v1/events/${eventId}/holds`, { seatIds }, auth);
    const order = await call(
      'POST',
      '/v1/orders',
      {
        holdId: hold.body.id,
        buyer: { email: 'counter@example.com', name: 'At The Counter' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      auth,
    );
    expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
  }

  async function venueWithEvent(name: string, eventName: string) {
    const { admin } = world.cloud.services;
    const venue = await admin.createVenue({ name, city: 'Lisbon', timezone: 'Europe/Lisbon' });
    const map = await admin.importSeatMap(venue.id, smallHall(2, 5, 10));
    const now = Date.now();
    const { id } = await admin.createEvent({
      name: eventName,
      description: '',
      seatmapId: map.id,
      startsAt: new Date(now + 10 * 86_400_000).toISOString(),
      onSaleFrom: new Date(now - 3_600_000).toISOString(),
      onSaleUntil: new Date(now + 9 * 86_400_000).toISOString(),
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: [{ name: 'All', price: { amount: 3000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
    });
    await admin.setEventStatus(id, 'on_sale');
    return { venueId: venue.id, eventId: id };
  }

  async function adminPage(token: string, venueIds: string[], width = 1280): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
    const session = {
      accessToken: token,
      expiresAt: Date.now() + 3_600_000,
      principal: { sub: 'manager-two', email: 'two@example.com', groups: ['venue_manager'], venueIds },
    };
    await page.addInitScript((value) => sessionStorage.setItem('tb.admin.session', value), JSON.stringify(session));
    return page;
  }

  beforeAll(async () => {
    world = await startShop();
    browser = await launchBrowser();
    ({ venueId: venues.b, eventId: events.b } = await venueWithEvent('Hall B', 'Lisbon Night'));
    ({ venueId: venues.c, eventId: events.c } = await venueWithEvent('Hall C', 'Porto Night'));
    const issue = world.cloud.issuer.issue.bind(world.cloud.issuer);
    tokens.manager = await issue({
      sub: 'manager-two',
      email: 'two@example.com',
      groups: ['venue_manager'],
      venueIds: [world.venueId, venues.b],
    });
    tokens.single = await issue({ sub: 'manager-one', groups: ['venue_manager'], venueId: venues.b });
    await buyOnTheWeb(world.eventId, [world.seatIds[0]!, world.seatIds[1]!]);
    await buyOnTheWeb(events.b, ['MAIN-A-1']);
    await sellAtTheCounter(events.b, venues.b, ['MAIN-A-2']);
    // Another venue's sale the manager must never see.
    await buyOnTheWeb(events.c, ['MAIN-A-1', 'MAIN-A-2', 'MAIN-A-3']);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it("shows both venues' figures together, or one venue's when chosen, and never a third's", async () => {
    const page = await adminPage(tokens.manager, [world.venueId, venues.b]);
    await page.goto(`${world.cloud.url}/admin/dashboard`);
    const venue = page.getByRole('combobox', { name: 'Venue' });
    await venue.waitFor();
    expect(await venue.locator('option').allTextContents()).toEqual(['All your venues', 'Grand Theatre', 'Hall B']);
    const tickets = page.getByTestId('today-tickets');
    await tickets.filter({ hasText: /^4$/ }).waitFor();
    expect(await page.getByTestId('sell-through-row').count()).toBe(2);

    await venue.selectOption({ label: 'Hall B' });
    await tickets.filter({ hasText: /^2$/ }).waitFor();
    expect(await page.getByTestId('today-revenue').textContent()).toBe('€60.00');
    expect(await page.getByTestId('sell-through-row').allTextContents()).toEqual([
      expect.stringContaining('Lisbon Night'),
    ]);
    await venue.selectOption({ label: 'Grand Theatre' });
    await tickets.filter({ hasText: /^2$/ }).waitFor();
    expect(await page.getByTestId('sell-through-row').allTextContents()).toEqual([
      expect.stringContaining('Swan Lake'),
    ]);
    await venue.selectOption({ label: 'All your venues' });
    await tickets.filter({ hasText: /^4$/ }).waitFor();
    await page.close();

    // A manager of one venue has nothing to choose between.
    const single = await adminPage(tokens.single, [venues.b]);
    await single.goto(`${world.cloud.url}/admin/dashboard`);
    await single.getByTestId('today-tickets').filter({ hasText: /^2$/ }).waitFor();
    expect(await single.getByRole('combobox', { name: 'Venue' }).count()).toBe(0);
    await single.close();
  });

  it("reports on either venue, a venue's sales by tier and its box-office shifts", async () => {
    const page = await adminPage(tokens.manager, [world.venueId, venues.b]);
    await page.goto(`${world.cloud.url}/admin/reports`);
    const venue = page.getByRole('combobox', { name: 'Venue' });
    await venue.waitFor();
    expect(await venue.locator('option').allTextContents()).toEqual(['Grand Theatre', 'Hall B']);
    await venue.selectOption({ label: 'Hall B' });
    expect(await page.getByRole('combobox', { name: 'Event' }).locator('option').allTextContents()).toEqual([
      'All events',
      expect.stringMatching(/^Lisbon Night/),
    ]);
    await page.getByRole('combobox', { name: 'Group by' }).selectOption('tier');
    await page.getByRole('button', { name: 'Show report' }).click();
    const sales = page.getByRole('table', { name: /^Sales by tier/ });
    await sales.waitFor();
    for (const header of ['Refunded tickets', 'Void tickets', 'Exchanged', 'Net']) {
      expect(await sales.getByRole('columnheader', { name: header }).count(), header).toBe(1);
    }
    const row = sales.getByRole('row', { name: /Lisbon Night: All/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'Lisbon Night: All',
      '2',
      '2',
      '0',
      '0',
      '€60.00',
      '€0.00',
      '€0.00',
      '€60.00',
    ]);

    await page.getByRole('combobox', { name: 'Report' }).selectOption('shifts');
    await page.getByRole('button', { name: 'Show report' }).click();
    const shifts = page.getByRole('table', { name: /^Box-office shifts per seller and day/ });
    await shifts.waitFor();
    const cash = shifts.getByRole('row', { name: /Cash/ });
    expect(await cash.count()).toBe(1);
    expect(await cash.textContent()).toContain('clerk-bea');
    expect(await cash.textContent()).toContain('€30.00');
    await page.close();
  });

  it('is axe-clean with the venue filter and the wider sales table at 768 and 1920 wide', async () => {
    for (const width of [768, 1920]) {
      const page = await adminPage(tokens.manager, [world.venueId, venues.b], width);
      await page.goto(`${world.cloud.url}/admin/dashboard`);
      await page.getByRole('combobox', { name: 'Venue' }).waitFor();
      await page.getByTestId('today-tickets').waitFor();
      await expectAxeClean(page, `dashboard ${width}`);
      await page.goto(`${world.cloud.url}/admin/reports`);
      await page.getByRole('combobox', { name: 'Group by' }).selectOption('tier');
      await page.getByRole('button', { name: 'Show report' }).click();
      await page.getByRole('table', { name: /^Sales by tier/ }).waitFor();
      await expectAxeClean(page, `reports ${width}`);
      await page.close();
    }
  });
});
