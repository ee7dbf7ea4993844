// The shop's event page, phone first, in real Chromium: on a 360×740 touch screen the map starts near the top and fills
// most of it, with the quantity and best available above it and the legend one sideways-scrolling row of chips; a
// standing area's places left are one number in the legend and the standing list, live; best available shows the
// seats it found as the buyer's, centred; going Back from checkout shows the held seats as the buyer's with "Continue
// to checkout"; no layout from 360 to 3840 px scrolls sideways, in English, German or Arabic (right to left), and each
// is axe-clean. A branded venue's event page wears its colour and logo, and the events list goes back to TicketBoss's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { generateStadium } from '../../cloud/domain/seatmap/generator.ts';
import { expectAxeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { clickSeat, statusOf, type SeatMapHandle } from '../support/seat-map.ts';
import { createOnSaleEvent } from '../support/world.ts';

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };

interface Engine {
  seatMapEngine: SeatMapHandle['seatMapEngine'] & {
    renderer: { selected: Set<number> };
    viewport: { width: number; height: number };
  };
}

/** The selected seats' ids as the map draws them, and whether each is on screen. */
async function mapSelection(page: Page): Promise<{ ids: string[]; onScreen: boolean[] }> {
  return page.locator('canvas.seatmap').evaluate((canvas) => {
    const engine = (canvas as unknown as Engine).seatMapEngine;
    const idOf = new Map([...engine.model.indexById].map(([id, index]) => [index, id]));
    const seats = [...engine.renderer.selected];
    return {
      ids: seats.map((seat) => idOf.get(seat)!),
      onScreen: seats.map((seat) => {
        const [x, y] = engine.viewport.toScreen(engine.model.x[seat]!, engine.model.y[seat]!);
        return x >= 0 && y >= 0 && x <= engine.viewport.width && y <= engine.viewport.height;
      }),
    };
  });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.skipIf(!chromiumPath())('web shop: the event page', () => {
  let world: ShopWorld;
  let browser: Browser;
  let stadiumEventId: string;

  beforeAll(async () => {
    world = await startShop({ name: 'Swan Lake' });
    // A stadium with a standing floor (its own tier), to show standing places beside seats.
    const admin = world.cloud.services.admin;
    const venue = await admin.createVenue({ name: 'City Stadium', city: 'Berlin', timezone: 'Europe/Berlin' });
    const stadium = generateStadium({ seatScale: 0.15, gaCapacity: 500 });
    const map = await admin.importSeatMap(venue.id, stadium);
    const ring = (prefix: string) => stadium.sections.filter((s) => s.id.startsWith(prefix)).map((s) => s.id);
    const now = Date.now();
    const price = (amount: number) => ({ amount, currency: 'EUR' });
    const { id } = await admin.createEvent({
      name: 'Summer Concert',
      description: 'Live',
      seatmapId: map.id,
      startsAt: new Date(now + 9 * 86_400_000).toISOString(),
      onSaleFrom: new Date(now - 3_600_000).toISOString(),
      onSaleUntil: new Date(now + 8 * 86_400_000).toISOString(),
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: [
        { name: 'Lower Tier', price: price(9500), sectionIds: ring('1'), seatIds: [] },
        { name: 'Middle Tier', price: price(6500), sectionIds: ring('2'), seatIds: [] },
        { name: 'Upper Tier', price: price(4500), sectionIds: ring('3'), seatIds: [] },
        { name: 'Standing Floor', price: price(5500), sectionIds: ['FLOOR'], seatIds: [] },
      ],
    });
    await admin.setEventStatus(id, 'on_sale');
    stadiumEventId = id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('on a 360×740 phone: map near the top and most of the screen, best available above it, legend one scrolling row', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-GB', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${world.cloud.url}/events/${stadiumEventId}`);
    const canvas = page.locator('canvas.seatmap');
    await canvas.waitFor();
    const map = (await canvas.boundingBox())!;
    expect(map.y, 'the map starts within the first 200 px').toBeLessThanOrEqual(200);
    expect(map.height, 'the map is at least 60 % of the screen tall').toBeGreaterThanOrEqual(0.6 * 740);

    // Quantity and best available come before the map.
    const quantity = (await page.getByRole('combobox', { name: 'Tickets', exact: true }).boundingBox())!;
    const find = (await page.getByRole('button', { name: 'Find seats together' }).boundingBox())!;
    expect(quantity.y + quantity.height).toBeLessThanOrEqual(map.y);
    expect(find.y + find.height).toBeLessThanOrEqual(map.y);
    // The header names the event, its date in the venue's zone and the venue.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Summer Concert');
    expect(await page.locator('.chooser-meta').textContent()).toContain('City Stadium, Berlin');
    expect(await page.locator('.chooser-meta time').textContent()).toMatch(/CES?T/);

    // The legend: one row of chips (same top), wider than the screen, so it scrolls sideways.
    const legend = page.getByRole('list', { name: 'Prices and seats' });
    const layout = await legend.evaluate((list) => ({
      scrollWidth: list.scrollWidth,
      clientWidth: list.clientWidth,
      tops: [...list.children].map((chip) => (chip as HTMLElement).offsetTop),
    }));
    expect(layout.scrollWidth).toBeGreaterThan(layout.clientWidth);
    expect(new Set(layout.tops).size, 'the chips do not wrap').toBe(1);
    expect(await legend.getByRole('listitem').first().textContent()).toMatch(/Lower Tier\s*€95\.00\s*[\d,]+ left/);

    // Nothing chosen yet: the button is there, disabled, and says why.
    const action = page.locator('.selection-action button');
    expect(await action.getAttribute('aria-disabled')).toBe('true');
    const reasonId = await action.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${reasonId}"]`).textContent()).toBe('Choose at least one seat first.');
    await expectAxeClean(page, 'event page 360');
    await context.close();
  });

  it("wears the venue's brand: its colour on the page's accents, its logo by the event's name; the list drops it", async () => {
    const { admin, backOffice } = world.cloud.services;
    const venue = await admin.createVenue({
      name: 'Harbour Hall',
      city: 'Hamburg',
      timezone: 'Europe/Berlin',
      brandColor: '#1a4d8f',
    });
    const logo = new PNG({ width: 32, height: 16 });
    for (let i = 0; i < logo.data.length; i += 4) logo.data.set([26, 77, 143, 255], i);
    await backOffice.logos.set({ sub: 'admin-1', groups: ['admin'] }, venue.id, {
      bytes: PNG.sync.write(logo),
      contentType: 'image/png',
    });
    const stadium = generateStadium({ seatScale: 0.02, gaCapacity: 50 });
    const map = await admin.importSeatMap(venue.id, stadium);
    const sections = stadium.sections.map((section) => section.id);
    const id = await createOnSaleEvent(world.cloud.services, map.id, sections, { name: 'Harbour Lights' });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', bypassCSP: true });
    const brand = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim());
    await page.goto(`${world.cloud.url}/`);
    const card = page.getByRole('link', { name: /Harbour Lights/ }).first();
    await card.waitFor();
    const ticketBoss = await brand();
    expect(ticketBoss).not.toBe('#1a4d8f');
    await card.click();
    await page.waitForURL(`${world.cloud.url}/events/${id}`);
    await page.locator('canvas.seatmap').waitFor();
    await expect.poll(brand).toBe('#1a4d8f');
    // The primary action is painted in the venue's colour, its words in the ink that reads on it (white here).
    const find = page.getByRole('button', { name: 'Find seats together' });
    expect(await find.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual([
      'rgb(26, 77, 143)',
      'rgb(255, 255, 255)',
    ]);
    // The logo beside the event's name, from the API's logo address, loaded.
    const image = page.locator('.chooser-head img.kit-logo');
    expect(await image.getAttribute('src')).toContain(`/v1/venues/${venue.id}/logo`);
    expect(await image.getAttribute('alt')).toBe('Harbour Hall logo');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(32);
    await expectAxeClean(page, 'branded event page');

    // Back on the events list (every venue's), the page is TicketBoss's again.
    await page.goBack();
    await card.waitFor();
    await expect.poll(brand).toBe(ticketBoss);
    await page.close();
  });

  it('shows one number for a standing area, in the legend and the standing list, and keeps it live', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    // The page watches the event live once its socket has sent the subscription: the change below comes after that.
    const subscribed = page
      .waitForEvent('websocket')
      .then((socket) => socket.waitForEvent('framesent', (frame) => String(frame.payload).includes('subscribe')));
    await page.goto(`${world.cloud.url}/events/${stadiumEventId}`);
    await page.locator('canvas.seatmap').waitFor();
    await subscribed;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const chip = page.getByRole('list', { name: 'Prices and seats' }).getByRole('listitem').filter({
      hasText: 'Standing Floor',
    });
    const standing = page.locator('.chooser-standing li').filter({ hasText: 'Standing Floor' });
    expect(await chip.textContent()).toContain('500 left');
    expect(await standing.locator('.standing-left').textContent()).toBe('Standing Floor: 500 places left');

    // Someone else holds three places: both say 497 without a reload.
    const response = await fetch(`${world.cloud.url}/v1/events/${stadiumEventId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ga: { sectionId: 'FLOOR', quantity: 3 } }),
    });
    expect(response.status).toBe(201);
    // The live view's push reaches the page within seconds, not within the poll's default second.
    await expect.poll(() => chip.textContent(), { timeout: 10_000 }).toContain('497 left');
    expect(await standing.locator('.standing-left').textContent()).toBe('Standing Floor: 497 places left');
    await page.close();
  });

  it('best available selects the seats it found as the buyer’s, centred on the map, then continues to checkout', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();
    await page.getByRole('combobox', { name: 'Tickets', exact: true }).selectOption('3');
    await page.getByRole('button', { name: 'Find seats together' }).click();
    await page.getByRole('button', { name: 'Continue to checkout' }).waitFor();
    expect(await page.locator('.selection-lines li').count()).toBe(3);
    expect(await page.locator('.selection-lines li').first().textContent()).toMatch(
      /^.+ · Row \w+ · Seat \w+ · (Stalls|Circle) · €\d+\.00/,
    );
    const { ids, onScreen } = await mapSelection(page);
    expect(ids).toHaveLength(3);
    expect(onScreen).toEqual([true, true, true]);
    // Shown as the buyer's (available to them), not as someone else's grey held seats.
    for (const id of ids) expect(await statusOf(page, id)).toBe(0);
    const stored = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('tb.hold')!) as { hold: { seats: { seatId: string }[] } },
    );
    expect(stored.hold.seats.map((seat) => seat.seatId).sort()).toEqual([...ids].sort());
    await page.getByRole('button', { name: 'Continue to checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.close();
  });

  it('going Back from checkout shows the held seats as the buyer’s, centred, with Continue to checkout', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();
    const seats = [world.seatIds[420]!, world.seatIds[421]!];
    for (const seat of seats) await clickSeat(page, seat);
    await page.getByRole('button', { name: 'Hold these 2 seats and check out' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();

    await page.goBack();
    await page.getByRole('button', { name: 'Continue to checkout' }).waitFor();
    expect(await page.locator('.selection-held').count()).toBe(1);
    expect(await page.locator('.selection-lines li').count()).toBe(2);
    const { ids, onScreen } = await mapSelection(page);
    expect([...ids].sort()).toEqual([...seats].sort());
    expect(onScreen).toEqual([true, true]);
    for (const id of seats) expect(await statusOf(page, id)).toBe(0);

    // Continue goes on with the same hold (no new one).
    const before = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('tb.hold')!) as { hold: { id: string } },
    );
    await page.getByRole('button', { name: 'Continue to checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    const after = await page.evaluate(() => JSON.parse(sessionStorage.getItem('tb.hold')!) as { hold: { id: string } });
    expect(after.hold.id).toBe(before.hold.id);
    await page.close();
  });

  it('after Release in the hold banner the seats are no longer the buyer’s, and show as taken when another holds them', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();
    const seats = [world.seatIds[430]!, world.seatIds[431]!];
    for (const seat of seats) await clickSeat(page, seat);
    await page.getByRole('button', { name: 'Hold these 2 seats and check out' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.goBack();
    await page.getByRole('button', { name: 'Continue to checkout' }).waitFor();

    const banner = page.getByRole('complementary', { name: 'Your held seats' });
    await banner.getByRole('button', { name: 'Release' }).click();
    await banner.getByRole('button', { name: 'Yes, release' }).click();
    await banner.waitFor({ state: 'detached' });
    // No longer held: no "Continue to checkout", no note that the choice is held.
    await page.getByRole('button', { name: 'Hold these 2 seats and check out' }).waitFor();
    expect(await page.getByRole('button', { name: 'Continue to checkout' }).count()).toBe(0);
    expect(await page.locator('.selection-held').count()).toBe(0);

    // Another buyer holds them: they show as taken (held), and leave the choice.
    await world.cloud.services.holds.create(world.eventId, { seatIds: seats });
    for (const id of seats) await expect.poll(() => statusOf(page, id)).toBe(1);
    await expect.poll(() => page.locator('.selection-lines li').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Continue to checkout' }).count()).toBe(0);
    await page.close();
  });

  it('changing seats keeps the hold when the new choice fails, or says the earlier seats were given back', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();
    const [a, b, c] = [world.seatIds[440]!, world.seatIds[441]!, world.seatIds[442]!];
    for (const seat of [a, b]) await clickSeat(page, seat);
    await page.getByRole('button', { name: 'Hold these 2 seats and check out' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.goBack();
    await page.getByRole('button', { name: 'Continue to checkout' }).waitFor();
    const storedId = () =>
      page.evaluate(
        () => (JSON.parse(sessionStorage.getItem('tb.hold') ?? 'null') as { hold: { id: string } } | null)?.hold.id,
      );
    const before = await storedId();

    // Every new hold fails from now on (as if the seats went, or the network dropped).
    await page.route(
      (url) => url.pathname.endsWith('/holds'),
      (route) =>
        route.request().method() === 'POST'
          ? route.fulfill({
              status: 409,
              contentType: 'application/problem+json',
              body: JSON.stringify({
                type: 'https://ticketboss.dev/problems/conflict',
                title: 'Conflict',
                status: 409,
              }),
            })
          : route.fallback(),
    );
    const banner = page.getByRole('complementary', { name: 'Your held seats' });
    // Other seats only: the new hold is tried first, so the failure keeps the two held seats.
    for (const seat of [a, b, c]) await clickSeat(page, seat);
    await page.getByRole('button', { name: 'Hold this seat and check out' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await storedId()).toBe(before);
    await banner.getByText('2 seats held').waitFor();
    expect(await page.getByText(/earlier seats? (was|were) given back/).count()).toBe(0);

    // The held seats and one more: the earlier ones must be given back first; the failure says they are gone.
    for (const seat of [a, b]) await clickSeat(page, seat);
    await page.getByRole('button', { name: 'Hold these 3 seats and check out' }).click();
    await page
      .getByRole('alert')
      .getByText('Your 2 earlier seats were given back to try this choice: they are no longer held for you.')
      .waitFor();
    expect(await storedId()).toBeUndefined();
    await banner.waitFor({ state: 'detached' });
    await page.close();
  });

  it('lays out at 768, 1440 and 3840 without sideways scrolling, the panel beside the map on desktop, axe-clean', async () => {
    for (const viewport of [
      { width: 768, height: 1024 },
      { width: 1440, height: 900 },
      { width: 3840, height: 2160 },
    ]) {
      const page = await browser.newPage({ viewport, locale: 'en-GB', bypassCSP: true });
      await page.goto(`${world.cloud.url}/events/${stadiumEventId}`);
      const canvas = page.locator('canvas.seatmap');
      await canvas.waitFor();
      expect(await overflow(page), `${viewport.width}`).toBeLessThanOrEqual(0);
      const map = (await canvas.boundingBox())!;
      const panel = (await page.locator('.chooser-panel').boundingBox())!;
      if (viewport.width >= 1440) {
        expect(panel.x, `${viewport.width}: panel beside the map`).toBeGreaterThanOrEqual(map.x + map.width);
        expect(panel.y).toBeLessThan(map.y + map.height);
      } else {
        expect(panel.y, `${viewport.width}: panel under the map`).toBeGreaterThanOrEqual(map.y + map.height);
      }
      await expectAxeClean(page, `event page ${viewport.width}`);
      await page.close();
    }
  });

  it('renders in German and in Arabic (right to left) without overflow, axe-clean', async () => {
    for (const { locale, button, lang, dir } of [
      { locale: 'de-DE', button: 'Beste Plätze finden', lang: 'de', dir: 'ltr' },
      { locale: 'ar', button: 'ابحث عن مقاعد متجاورة', lang: 'ar', dir: 'rtl' },
    ]) {
      for (const options of [PHONE, { viewport: { width: 1440, height: 900 } }]) {
        const context = await browser.newContext({ ...options, locale, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(`${world.cloud.url}/events/${stadiumEventId}`);
        await page.locator('canvas.seatmap').waitFor();
        await page.getByRole('button', { name: button }).waitFor();
        expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
          lang,
          dir,
        ]);
        const width = options.viewport!.width;
        expect(await overflow(page), `${locale} ${width}`).toBeLessThanOrEqual(0);
        if (width === 360) {
          const map = (await page.locator('canvas.seatmap').boundingBox())!;
          expect(map.y, `${locale}: map near the top`).toBeLessThanOrEqual(200);
        }
        await expectAxeClean(page, `event page ${locale} ${width}`);
        await context.close();
      }
    }
  });
});
