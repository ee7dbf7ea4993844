// Live deltas in the shop (issue 20), in Chromium against a real local cloud: a stadium event of over 20,000 seats is
// watched through delta documents, not a WebSocket (the page polls the head and opens no live socket), and a seat
// another buyer holds turns held on the open map. A small event keeps the WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { generateStadium } from '../../cloud/domain/seatmap/generator.ts';
import { LIVE_DELTAS_MIN_SEATS } from '../../renderer/client/ticketing-client.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { statusOf } from '../support/seat-map.ts';
import { createOnSaleEvent } from '../support/world.ts';

const HELD = 1;

describe.skipIf(!chromiumPath())('a large event watched through live delta documents', () => {
  let world: ShopWorld;
  let browser: Browser;
  let stadiumEventId: string;
  let stadiumSeatIds: string[];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    world = await startShop({ name: 'Small Hall Show' });
    const admin = world.cloud.services.admin;
    const venue = await admin.createVenue({ name: 'Delta Stadium', city: 'Leeds', timezone: 'Europe/London' });
    const stadium = generateStadium({ seatScale: 0.33, gaCapacity: 100 });
    expect(stadium.seats.length).toBeGreaterThanOrEqual(LIVE_DELTAS_MIN_SEATS);
    const map = await admin.importSeatMap(venue.id, stadium);
    stadiumEventId = await createOnSaleEvent(
      world.cloud.services,
      map.id,
      stadium.sections.map((s) => s.id),
      { name: 'Stadium Night' },
    );
    stadiumSeatIds = stadium.seats.map((s) => s.id);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await world?.cloud.close();
  });

  it("shows another buyer's hold through the deltas, with no live socket", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const headRead = page.waitForRequest((request) => request.url().endsWith(`/v1/events/${stadiumEventId}/live/head`));
    await page.goto(`${world.cloud.url}/events/${stadiumEventId}`);
    await page.locator('canvas.seatmap').waitFor({ timeout: 60_000 });
    await headRead;

    const seatId = stadiumSeatIds[1234]!;
    expect(await statusOf(page, seatId)).not.toBe(HELD);
    const documentRead = page.waitForRequest((request) => request.url().includes(`/${stadiumEventId}/live/deltas/`));
    await world.cloud.services.holds.create(stadiumEventId, { seatIds: [seatId] });
    await documentRead;
    await expect.poll(() => statusOf(page, seatId), { timeout: 10_000 }).toBe(HELD);
    expect(sockets).toEqual([]);
    expect(world.cloud.live.subscriberCount(stadiumEventId)).toBe(0);
  });

  it('keeps the WebSocket for a small event', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();
    await expect.poll(() => world.cloud.live.subscriberCount(world.eventId)).toBe(1);
  });
});
