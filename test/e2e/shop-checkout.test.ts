// The buyer's way from held seats to paying, in real Chromium against one local cloud: the order summary (event,
// date in the venue's zone, venue, each place with tier and price, fees and total), the hold banner on every page
// (count and time, Release after asking, More time at the one-minute warning), server field errors under their
// field with the focus there, details kept across the payment page's Back and a decline, an expired hold chosen
// again (all seats still free, or some gone), the layout at phone and desktop widths, axe, German and Arabic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreatedHold, SeatMap } from '../../cloud/contract/index.ts';
import { formatDateTime } from '../../cloud/domain/format.ts';
import { chromiumPath, createTheatreEvent, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { expectAxeClean } from '../support/axe.ts';

const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true } as const;
const DESKTOP = { viewport: { width: 1440, height: 900 } } as const;

describe.skipIf(!chromiumPath())('checkout, order summary and hold banner in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;
  let next = 100;
  /** Seats no other case has used (each case holds its own). */
  const freshSeats = (count: number) => world.seatIds.slice(next, (next += count));
  let sectionNames: Map<string, string>;
  /** A held seat as the summary names it: its section by the name the seat map gives it (not its code). */
  const placeOf = (seat: { sectionId: string; row: string; number: string }) =>
    `${sectionNames.get(seat.sectionId)} · Row ${seat.row} · Seat ${seat.number}`;

  beforeAll(async () => {
    world = await startShop({ name: 'Checkout Gala' });
    browser = await launchBrowser();
    const { seatmapId } = await world.cloud.services.catalog.getEvent(world.eventId);
    const map = (await (await fetch(`${world.cloud.url}/v1/seatmaps/${seatmapId}`)).json()) as SeatMap;
    sectionNames = new Map(map.sections.map((section) => [section.id, section.name]));
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  /** Another event on the same map with its own (short) hold time. */
  async function eventWithHoldTime(holdTtlSeconds: number, name: string): Promise<string> {
    const { admin, catalog } = world.cloud.services;
    const { seatmapId } = await catalog.getEvent(world.eventId);
    return createTheatreEvent(admin, { seatmapId, name, description: 'Short holds', holdTtlSeconds });
  }

  /** Holds seats through the API and gives the hold to this tab, as the event page does after "Hold". */
  async function holdInTab(page: Page, seatIds: string[], eventId = world.eventId): Promise<CreatedHold> {
    const hold = await world.cloud.services.holds.create(eventId, { seatIds });
    await page.goto(world.cloud.url + '/');
    await page.evaluate((stored) => sessionStorage.setItem('tb.hold', JSON.stringify(stored)), { hold, eventId });
    return hold;
  }

  async function newPage(options: object, locale?: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true, ...options });
    if (locale) await context.addInitScript((l) => localStorage.setItem('ticketboss.locale', l), locale);
    return { context, page: await context.newPage() };
  }

  /** Whether the seats can be held again right now (the API says they are free); holds and releases them. */
  async function seatsFree(seatIds: string[], eventId = world.eventId): Promise<boolean> {
    const { holds } = world.cloud.services;
    try {
      const probe = await holds.create(eventId, { seatIds });
      await holds.release(probe.id, { token: probe.token });
      return true;
    } catch {
      return false;
    }
  }

  it('shows the order summary beside the form at 1440: event, date in the venue zone, venue, lines, fees, total', async () => {
    const { context, page } = await newPage(DESKTOP);
    const hold = await holdInTab(page, freshSeats(2));
    await page.goto(world.cloud.url + '/checkout');
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    const summary = page.locator('.order-summary');
    await summary.getByText('Total').waitFor();
    const event = await world.cloud.services.catalog.getEvent(world.eventId);
    await expect.poll(() => summary.innerText()).toContain(world.eventName);
    const text = await summary.innerText();
    expect(text).toContain(formatDateTime(event.startsAt, 'Europe/Vienna', 'en-US'));
    expect(text).toContain('Grand Theatre, Vienna');
    const lines = await summary.locator('.summary-lines li').allTextContents();
    expect(lines).toEqual(hold.seats.map((seat) => `${placeOf(seat)} · Stalls · €89.00`));
    expect(lines.join()).not.toContain(hold.seats[0]!.sectionId);
    expect(text).toMatch(/Total\s+€178\.00/);
    // Two columns, the summary on the right and sticky while the form scrolls.
    const aside = (await page.locator('.checkout-aside').boundingBox())!;
    const main = (await page.locator('.checkout-main').boundingBox())!;
    expect(aside.x).toBeGreaterThan(main.x + main.width - 1);
    expect(await page.locator('.checkout-aside').evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    await page.getByRole('button', { name: /^Pay / }).scrollIntoViewIfNeeded();
    const afterScroll = (await summary.boundingBox())!;
    expect(afterScroll.y).toBeGreaterThanOrEqual(0);
    expect(afterScroll.y).toBeLessThan(900);
    await expectAxeClean(page, 'checkout at 1440');
    await context.close();
  });

  it('shows one column at 360 with the summary folded at the top, and is axe-clean at 360, 768 and 3840', async () => {
    const { context, page } = await newPage(PHONE);
    await holdInTab(page, freshSeats(1));
    await page.goto(world.cloud.url + '/checkout');
    const toggle = page.getByRole('button', { name: /Show order summary/ });
    await toggle.waitFor();
    expect(await page.locator('.order-summary').isVisible()).toBe(false);
    await toggle.tap();
    await page.locator('.order-summary').waitFor();
    const summary = (await page.locator('.order-summary').boundingBox())!;
    const email = (await page.getByRole('textbox', { name: 'Email' }).boundingBox())!;
    expect(summary.y).toBeLessThan(email.y);
    expect(Math.abs(summary.x - email.x)).toBeLessThan(40);
    await expectAxeClean(page, 'checkout at 360');
    for (const width of [768, 3840]) {
      await page.setViewportSize({ width, height: 1000 });
      await expectAxeClean(page, `checkout at ${width}`);
    }
    await context.close();
  });

  it('shows the hold banner on the events list and the event page; Release asks, then frees the seats', async () => {
    const { context, page } = await newPage(DESKTOP);
    const seats = freshSeats(2);
    await holdInTab(page, seats);
    await page.goto(world.cloud.url + '/');
    const banner = page.getByRole('complementary', { name: 'Your held seats' });
    await banner.getByText('2 seats held').waitFor();
    expect(await banner.getByRole('timer').innerText()).toMatch(/^(10:00|9:\d\d) left$/);
    await page.getByRole('link', { name: world.eventName }).first().click();
    await page.waitForURL(/\/events\//);
    await banner.getByText('2 seats held').waitFor();
    expect(await banner.getByRole('timer').getAttribute('aria-live')).toBe('off');
    await banner.getByRole('button', { name: 'Release' }).click();
    await banner.getByText('Release your 2 seats? They go back on sale for everyone.').waitFor();
    await banner.getByRole('button', { name: 'Yes, release' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await seatsFree(seats)).toBe(true);
    await context.close();
  });

  it('offers More time at the one-minute warning and says the new time', async () => {
    const eventId = await eventWithHoldTime(62, 'More Time Night');
    const { context, page } = await newPage(DESKTOP);
    const hold = await holdInTab(page, freshSeats(1), eventId);
    await page.goto(world.cloud.url + '/');
    const banner = page.getByRole('complementary', { name: 'Your held seats' });
    await banner.getByText('1 seat held').waitFor();
    await banner.getByRole('button', { name: 'More time' }).click({ timeout: 10_000 });
    // The confirmation is a toast (it goes by itself); the banner's countdown shows the new time.
    await page
      .getByRole('status')
      .filter({ has: page.locator('.kit-toast') })
      .getByText(/^Done: your seats are now held for 1:0\d\.$/)
      .waitFor();
    await banner.getByRole('button', { name: 'More time' }).waitFor({ state: 'detached' });
    const after = await world.cloud.services.holds.get(hold.id, { token: hold.token });
    expect(after.extended).toBe(true);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.parse(hold.expiresAt));
    await context.close();
  });

  it('puts a server field error under its field in plain words, with the focus there', async () => {
    const { context, page } = await newPage(PHONE);
    await holdInTab(page, freshSeats(1));
    await page.goto(world.cloud.url + '/checkout');
    await page.getByRole('textbox', { name: 'Email' }).fill('ada@example');
    await page.getByRole('textbox', { name: 'Full name' }).fill('Ada Lovelace');
    await page.getByRole('button', { name: /^Pay / }).tap();
    const email = page.getByRole('textbox', { name: 'Email' });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!;
    const message = await page.locator(`#${describedBy.split(' ').pop()}`).innerText();
    expect(message).toContain('Enter an email address in the form name@example.com');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('email');
    expect(await page.content()).not.toContain('not an email address');
    await context.close();
  });

  it('keeps what the buyer typed after the payment page’s Back and after a decline', async () => {
    const { context, page } = await newPage(DESKTOP);
    await holdInTab(page, freshSeats(1));
    await page.goto(world.cloud.url + '/checkout');
    await page.getByRole('textbox', { name: 'Email' }).fill('grace@example.com');
    await page.getByRole('textbox', { name: 'Full name' }).fill('Grace Hopper');
    await page.getByRole('textbox', { name: 'Phone (optional)' }).fill('+44 20 7946 0000');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    const values = () =>
      Promise.all(
        ['Email', 'Full name', 'Phone (optional)'].map((name) => page.getByRole('textbox', { name }).inputValue()),
      );
    await expect.poll(values).toEqual(['grace@example.com', 'Grace Hopper', '+44 20 7946 0000']);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByRole('heading', { name: 'The payment did not go through' }).waitFor();
    await page.locator('.order-summary').getByText(world.eventName).waitFor();
    await page.getByRole('button', { name: 'Try paying again' }).waitFor();
    await page.getByRole('complementary', { name: 'Your held seats' }).getByRole('link', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await expect.poll(values).toEqual(['grace@example.com', 'Grace Hopper', '+44 20 7946 0000']);
    await context.close();
  });

  it('after the hold expires, "Choose seats again" holds the same seats and comes back with the details', async () => {
    const eventId = await eventWithHoldTime(15, 'Expiry Night');
    const { context, page } = await newPage(DESKTOP);
    const seats = freshSeats(2);
    await holdInTab(page, seats, eventId);
    await page.goto(world.cloud.url + '/checkout');
    await page.getByRole('textbox', { name: 'Email' }).fill('alan@example.com');
    await page.getByRole('heading', { name: 'Your hold has expired' }).waitFor({ timeout: 20_000 });
    await page.locator('.order-summary').getByText('Expiry Night').waitFor();
    await expect.poll(() => seatsFree(seats, eventId), { timeout: 5000 }).toBe(true);
    await page.getByRole('button', { name: 'Choose seats again' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Email' }).inputValue()).toBe('alan@example.com');
    expect(await seatsFree(seats, eventId)).toBe(false);
    await context.close();
  });

  it('after the hold expires with a seat taken meanwhile, says which and returns to the map with the rest', async () => {
    const eventId = await eventWithHoldTime(5, 'Gone Night');
    const { context, page } = await newPage(DESKTOP);
    const [taken, kept] = freshSeats(2) as [string, string];
    const hold = await holdInTab(page, [taken, kept], eventId);
    await page.goto(world.cloud.url + '/checkout');
    await page.getByRole('heading', { name: 'Your hold has expired' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => seatsFree([taken], eventId), { timeout: 5000 }).toBe(true);
    await world.cloud.services.holds.create(eventId, { seatIds: [taken] });
    await page.getByRole('button', { name: 'Choose seats again' }).click();
    await page.getByText('This seat was taken meanwhile:').waitFor();
    const seat = hold.seats.find((s) => s.seatId === taken)!;
    await page.getByText(placeOf(seat)).first().waitFor();
    const back = page.getByRole('link', { name: 'Back to the map with your other seat chosen' });
    expect(await back.getAttribute('href')).toBe(`/events/${eventId}?select=${encodeURIComponent(kept)}`);
    await back.click();
    // The event page chooses the other seat (the selection panel lists it) and drops `select` from the address.
    const keptSeat = hold.seats.find((s) => s.seatId === kept)!;
    await expect
      .poll(() => page.locator('.selection-lines li').allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringContaining(` · Row ${keptSeat.row} · Seat ${keptSeat.number} · `)]);
    await page.getByRole('button', { name: 'Hold this seat and check out' }).waitFor();
    await expect.poll(() => page.url()).toBe(`${world.cloud.url}/events/${eventId}`);
    // Chosen on the map too, and in view.
    const onMap = await page.locator('canvas.seatmap').evaluate((canvas, id) => {
      type Engine = {
        model: { indexById: Map<string, number>; x: Float32Array; y: Float32Array };
        renderer: { selected: Set<number> };
        viewport: { width: number; height: number; toScreen(x: number, y: number): [number, number] };
      };
      const engine = (canvas as unknown as { seatMapEngine: Engine }).seatMapEngine;
      const seat = engine.model.indexById.get(id)!;
      const [x, y] = engine.viewport.toScreen(engine.model.x[seat]!, engine.model.y[seat]!);
      const inView = x >= 0 && y >= 0 && x <= engine.viewport.width && y <= engine.viewport.height;
      return { chosen: engine.renderer.selected.has(seat), inView };
    }, kept);
    expect(onMap).toEqual({ chosen: true, inView: true });
    await context.close();
  });

  it('in German, a restricted-view seat is told in German before paying, and its aisle is not', async () => {
    const { seatmapId } = await world.cloud.services.catalog.getEvent(world.eventId);
    const map = (await (await fetch(`${world.cloud.url}/v1/seatmaps/${seatmapId}`)).json()) as SeatMap;
    // A restricted-view seat no other case uses, on an aisle if the map has one.
    const candidates = map.seats.filter(
      (seat) =>
        seat.restrictedView && !seat.wheelchair && !seat.companion && !world.seatIds.slice(100, 200).includes(seat.id),
    );
    const seat = candidates.find((s) => s.aisle) ?? candidates[0]!;
    const { context, page } = await newPage(DESKTOP, 'de');
    await holdInTab(page, [seat.id]);
    await page.goto(world.cloud.url + '/checkout');
    await page.getByRole('heading', { name: 'Kasse' }).waitFor();
    const notes = page.getByRole('list', { name: 'Hinweise zu Ihren Plätzen' });
    await expect
      .poll(() => notes.textContent())
      .toContain('eingeschränkte Sicht. Von diesem Platz ist ein Teil der Bühne möglicherweise nicht zu sehen.');
    const text = (await notes.textContent())!;
    expect(text).not.toContain('Gang');
    expect(text).not.toContain('seatmap.');
    await context.close();
  });

  it("speaks German and Arabic (right to left), axe-clean, and orders in the buyer's language", async () => {
    for (const [locale, heading, held] of [
      ['de', 'Kasse', '1 Platz reserviert'],
      ['ar', 'إتمام الشراء', 'مقعد واحد محجوز'],
    ] as const) {
      const { context, page } = await newPage(DESKTOP, locale);
      await holdInTab(page, freshSeats(1));
      await page.goto(world.cloud.url + '/checkout');
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.locator('.hold-banner').getByText(held).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      await page.locator('.order-summary .summary-total').waitFor();
      await expectAxeClean(page, `checkout in ${locale}`);
      if (locale === 'de') {
        // The order is made in the buyer's language (its emails and documents follow it).
        await page.getByRole('textbox', { name: 'E-Mail' }).fill('kurt@example.com');
        await page.getByRole('textbox', { name: 'Vollständiger Name' }).fill('Kurt Gödel');
        await page.getByRole('button', { name: / bezahlen$/ }).click();
        await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
        const orderId = await page.evaluate(() =>
          Object.keys(localStorage)
            .find((key) => key.startsWith('tb.order.'))!
            .slice('tb.order.'.length),
        );
        expect((await world.cloud.services.orders.queries.viewForJobs(orderId)).locale).toBe('de');
      }
      await context.close();
    }
  });
});
