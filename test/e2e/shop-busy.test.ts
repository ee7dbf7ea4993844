// A busy on-sale in the web shop, in real Chromium: a hold answered 429 with Retry-After shows a countdown ("Trying
// again in 2 s…") with a button to try now, and tries again by itself no sooner than the Retry-After, going on to
// checkout; the buyer never has to press "Try again". A hold answered 503 (which may come after the hold was made) is
// shown as a refusal and not tried again by itself. Reads (the events list) answered 503 are repeated by the client
// without a word to the buyer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { clickSeat } from '../support/seat-map.ts';
import { expectAxeClean } from '../support/axe.ts';

const busy = (status: number, retryAfter: string) => ({
  status,
  contentType: 'application/problem+json',
  headers: { 'retry-after': retryAfter },
  body: JSON.stringify({
    type: `https://ticketboss.dev/problems/${status === 429 ? 'rate_limited' : 'overloaded'}`,
    title: 'Busy',
    status,
    detail: 'Too many requests; try again shortly.',
    retryable: true,
  }),
});

describe.skipIf(!chromiumPath())('web shop: a busy on-sale', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop({ name: 'Big Night' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  async function chooseTwoSeats(page: Page, first: number): Promise<void> {
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();
    for (const seat of [world.seatIds[first]!, world.seatIds[first + 1]!]) await clickSeat(page, seat);
  }

  /** The page's hold requests answer `refusal` (the first only, or `every` one); when each came, in order. */
  async function refuseHolds(page: Page, refusal: ReturnType<typeof busy>, every = false): Promise<number[]> {
    const requests: number[] = [];
    await page.route(
      (url) => url.pathname.endsWith('/holds'),
      (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        requests.push(Date.now());
        return every || requests.length === 1 ? route.fulfill(refusal) : route.fallback();
      },
    );
    return requests;
  }

  it('a hold answered 429 counts down and succeeds by itself, no sooner than Retry-After', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await chooseTwoSeats(page, 500);
    const holdRequests = await refuseHolds(page, busy(429, '2'));
    await page.getByRole('button', { name: 'Hold these 2 seats and check out' }).click();
    await page.getByText(/^Trying again in [23] s…$/).waitFor();
    await page.getByRole('status').getByText('Many people are buying right now.').waitFor();
    expect(await page.getByRole('button', { name: 'Try now' }).isVisible()).toBe(true);
    // No refusal with a manual "Try again" while it counts down.
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('heading', { name: 'Checkout' }).waitFor({ timeout: 10_000 });
    expect(holdRequests).toHaveLength(2);
    expect(holdRequests[1]! - holdRequests[0]!).toBeGreaterThanOrEqual(2000);
    await page.close();
  });

  it('"Try now" tries at once instead of waiting out a long Retry-After; the countdown is axe-clean', async () => {
    // axe is injected as a script: past the shop's CSP for this test only.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', bypassCSP: true });
    await chooseTwoSeats(page, 520);
    const holds = await refuseHolds(page, busy(429, '60'));
    await page.getByRole('button', { name: 'Hold these 2 seats and check out' }).click();
    await page.getByText(/^Trying again in (60|[6-8]\d) s…$/).waitFor();
    await expectAxeClean(page, 'the hold countdown');
    await page.getByRole('button', { name: 'Try now' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor({ timeout: 5_000 });
    expect(holds).toHaveLength(2);
    await page.close();
  });

  it('a hold answered 503 is not tried again by itself (it may have been made): the refusal shows', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await chooseTwoSeats(page, 540);
    const holds = await refuseHolds(page, busy(503, '1'), true);
    await page.getByRole('button', { name: 'Hold these 2 seats and check out' }).click();
    // The refusal is on screen at once (no countdown), and the buyer's own button is the way on.
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByText(/^Trying again in/).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Try now' }).count()).toBe(0);
    expect(holds).toHaveLength(1);
    await page.close();
  });

  it('the events list answered 503 once is read again by itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    let reads = 0;
    await page.route(
      (url) => url.pathname === '/v1/events',
      (route) => {
        reads++;
        return reads === 1 ? route.fulfill(busy(503, '1')) : route.fallback();
      },
    );
    await page.goto(`${world.cloud.url}/`);
    await page.getByText('Big Night').first().waitFor();
    expect(reads).toBe(2);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });
});
