// The renderer over the Electron bridge, in Chromium: window.ticketboss is bound with Playwright's exposeBinding to a
// real main-process core (device cache, cloud client, live relay) and a real local cloud — what preload/index.ts and
// main/ipc.ts do inside Electron. The page makes no API request of its own: everything goes through the bridge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { openCache } from '../../main/cache/database.ts';
import { HttpCache } from '../../main/cache/http-cache.ts';
import { CatalogFetcher } from '../../main/sync/catalog-fetcher.ts';
import { CloudClient } from '../../main/sync/cloud-client.ts';
import { LiveRelay } from '../../main/sync/live-relay.ts';
import { createChannels } from '../../main/bridge/channels.ts';
import { createBridgeHandler } from '../../main/bridge/handler.ts';
import type { LivePush } from '../../preload/bridge.ts';
import { bindBridge } from '../support/bridge-page.ts';
import { clickSeat, statusOf } from '../support/seat-map.ts';

describe.skipIf(!chromiumPath())('renderer over the bridge to a real main-process core', () => {
  let world: ShopWorld;
  let browser: Browser;
  let relay: LiveRelay;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-renderer-'));
  let page: Page;
  const apiRequests: string[] = [];

  beforeAll(async () => {
    world = await startShop({ name: 'Bridge Ballet' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let push: (message: LivePush) => void = () => {};
    relay = new LiveRelay(world.cloud.url.replace(/^http/, 'ws') + '/v1/live', (message: LivePush) => push(message));
    const cache = new HttpCache(openCache(join(dir, 'device.db')));
    const handle = createBridgeHandler(
      createChannels(new CloudClient(world.cloud.url), new CatalogFetcher(world.cloud.url, cache), relay),
    );
    push = await bindBridge(page, handle);
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/v1/')) apiRequests.push(request.url());
    });
  });
  afterAll(async () => {
    relay?.close();
    await browser?.close();
    await world?.cloud.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('buys through the bridge, sees live changes relayed by main, and never calls the API itself', async () => {
    await page.goto(world.cloud.url + '/');
    await page.getByRole('link', { name: 'Bridge Ballet' }).click();
    await page.locator('canvas.seatmap').waitFor();
    // Another door takes a seat: main's live relay brings it to the map.
    await expect.poll(() => world.cloud.live.subscriberCount(world.eventId)).toBe(1);
    await world.cloud.services.holds.create(world.eventId, { seatIds: [world.seatIds[10]!] });
    await expect.poll(() => statusOf(page, world.seatIds[10]!), { timeout: 2000 }).toBe(1);

    for (const seatId of [world.seatIds[400]!, world.seatIds[401]!]) await clickSeat(page, seatId);
    await page.getByRole('button', { name: /Hold these 2 seats/ }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill('bridge@example.com');
    await page.getByRole('textbox', { name: 'Full name' }).fill('Bri Dge');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.tickets li').count()).toBe(2);
    // The order page has loaded what it shows (its summary needs the event), and what it loads lazily has had time to
    // ask: a shared machine offers no passing on of tickets (whose calls would go around the bridge).
    await page.getByRole('heading', { name: 'Your order' }).waitFor();
    await page.waitForTimeout(750);
    expect(await page.locator('#transfer-heading').count()).toBe(0);
    expect(apiRequests).toEqual([]);
  });
});
