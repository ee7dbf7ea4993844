// AWS WAF's silent challenge in the web shop, in real Chromium. The edge answers an on-sale POST without a valid
// token 202 with `x-amzn-waf-action: challenge` (here a page route stands in for it, the first time). With the web
// ACL's integration URL deployed (/waf-integration.json) the shop loads its challenge.js (a stand-in served here, as
// AWS's cannot be fetched: it sets the aws-waf-token cookie and sends the token header, as AWS's does), gets a token and
// sends the hold once more: the buyer reaches checkout and the API made one hold. Without one, a challenged order
// reloads the page (WAF's interstitial gives a page load its token) and the buyer finds the hold and what they typed
// still there, and pays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { clickSeat } from '../support/seat-map.ts';

const STAND_IN = `window.AwsWafIntegration = {
  getToken: async () => { document.cookie = 'aws-waf-token=stand-in; path=/'; return 'stand-in'; },
  hasToken: () => document.cookie.includes('aws-waf-token='),
  fetch: (input, init = {}) =>
    fetch(input, { ...init, headers: { ...(init.headers || {}), 'x-aws-waf-token': 'stand-in' } }),
};`;

const challenge = {
  status: 202,
  contentType: 'text/html',
  headers: { 'x-amzn-waf-action': 'challenge' },
  body: '<!doctype html><title>Checking your browser</title><script src="challenge.js"></script>',
};

describe.skipIf(!chromiumPath())('web shop: AWS WAF`s challenge on the on-sale`s POSTs', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop({ name: 'Challenged Night' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  /** The edge's challenge on `path`'s POSTs: the first one without a token is challenged; what reached the API. */
  async function challengeFirst(page: Page, path: (pathname: string) => boolean) {
    const seen = { challenged: 0, keys: [] as (string | undefined)[], passed: [] as { token: string | null }[] };
    await page.route(
      (url) => path(url.pathname),
      async (route: Route) => {
        const request = route.request();
        if (request.method() !== 'POST') return route.fallback();
        const headers = await request.allHeaders();
        const token = headers['x-aws-waf-token'] ?? /aws-waf-token=([^;]+)/.exec(headers.cookie ?? '')?.[1] ?? null;
        seen.keys.push(headers['idempotency-key']);
        if (!token && seen.challenged === 0) {
          seen.challenged++;
          return route.fulfill(challenge);
        }
        seen.passed.push({ token });
        return route.fallback();
      },
    );
    return seen;
  }

  async function chooseTwoSeats(page: Page, first: number): Promise<void> {
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();
    for (const seat of [world.seatIds[first]!, world.seatIds[first + 1]!]) await clickSeat(page, seat);
  }

  it('passes it with the integration script and makes the hold once', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    const scripts: string[] = [];
    await page.route('**/waf-integration.json', (route) =>
      route.fulfill({ json: { integrationUrl: `${world.cloud.url}/waf-stand-in/` } }),
    );
    await page.route('**/waf-stand-in/challenge.js', (route) => {
      scripts.push(route.request().url());
      return route.fulfill({ contentType: 'application/javascript', body: STAND_IN });
    });
    await chooseTwoSeats(page, 600);
    const holds = await challengeFirst(page, (pathname) => pathname.endsWith('/holds'));
    await page.getByRole('button', { name: 'Hold these 2 seats and check out' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor({ timeout: 10_000 });
    expect(holds.challenged).toBe(1);
    expect(holds.passed).toEqual([{ token: 'stand-in' }]);
    expect(scripts).toEqual([`${world.cloud.url}/waf-stand-in/challenge.js`]);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('without one, reloads the page on a challenged order: the hold and the details are kept, and it pays', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    await page.route('**/waf-integration.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await chooseTwoSeats(page, 620);
    await page.getByRole('button', { name: 'Hold these 2 seats and check out' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor({ timeout: 10_000 });
    const orders = await challengeFirst(page, (pathname) => pathname === '/v1/orders');
    await page.getByRole('textbox', { name: 'Email' }).fill('grace@example.com');
    await page.getByRole('textbox', { name: 'Full name' }).fill('Grace Hopper');
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: /^Pay / }).click();
    await reloaded;
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    const values = () =>
      Promise.all(['Email', 'Full name'].map((name) => page.getByRole('textbox', { name }).inputValue()));
    await expect.poll(values).toEqual(['grace@example.com', 'Grace Hopper']);
    expect(orders.passed).toHaveLength(0);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor({ timeout: 10_000 });
    expect(orders.challenged).toBe(1);
    expect(orders.passed).toHaveLength(1);
    // The order sent after the reload is the same request: its Idempotency-Key was kept.
    expect(orders.keys).toHaveLength(2);
    expect(orders.keys[1]).toBe(orders.keys[0]);
    expect(orders.keys[0]).toBeTruthy();
    await page.close();
  });
});
