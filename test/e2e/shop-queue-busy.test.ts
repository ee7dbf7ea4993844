// The waiting room of a queued event on a busy on-sale, end to end in real Chromium against the local cloud (issue 20):
// its calls meet a busy edge and AWS WAF's challenge as the rest of the shop does. A state poll answered as WAF's rate
// rule answers (429, Retry-After: 60) keeps the place on screen and asks again no sooner than the minute (the page's
// clock is moved on for that); a join refused as busy says so, counts down and joins by itself no sooner than its
// Retry-After, with the same solved challenge (a replay gets the same arrival), and "Try now" joins at once; a join
// held back by WAF's challenge is passed with the integration script (or, without one, by a reload) and joins. And,
// with nothing in the way, the people ahead and the estimate change by themselves as admission advances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { solveChallenge } from '../../cloud/domain/queue/pow.ts';
import { expectAxeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

const ADMIN = { sub: 'e2e-admin', groups: ['admin'] };
/** The people in line before the test's buyers: enough that real time (one a minute) never reaches a buyer here. */
const AHEAD = 12;

/** WAF's rate-based rules' answer, and the API's own (cloud/infra/edge-security.ts, cloud/http/problem.ts). */
const busy = (retryAfter: string) => ({
  status: 429,
  contentType: 'application/problem+json',
  headers: { 'retry-after': retryAfter },
  body: JSON.stringify({
    type: 'https://ticketboss.dev/problems/rate_limited',
    title: 'Too many requests',
    status: 429,
    detail: 'Too many requests; try again shortly.',
  }),
});

const STAND_IN = `window.AwsWafIntegration = {
  getToken: async () => { document.cookie = 'aws-waf-token=stand-in; path=/'; return 'stand-in'; },
  hasToken: () => document.cookie.includes('aws-waf-token='),
  fetch: (input, init = {}) =>
    fetch(input, { ...init, headers: { ...(init.headers || {}), 'x-aws-waf-token': 'stand-in' } }),
};`;

describe.skipIf(!chromiumPath())('web shop: the waiting room on a busy on-sale', () => {
  let world: ShopWorld;
  let browser: Browser;
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset) };

  beforeAll(async () => {
    world = await startShop({ name: 'Crowded Night', clock });
    const { queue } = world.cloud.services;
    await queue.settings.set(
      world.eventId,
      {
        enabled: true,
        opensAt: new Date(clock.now().getTime() - 1000).toISOString(),
        admissionPerMinute: 1,
        onePlacePer: 'session',
        challengeBits: 4,
        tokenMinutes: 2,
      },
      ADMIN,
    );
    for (let n = 1; n <= AHEAD; n++) {
      const session = `someone-in-line-${String(n).padStart(6, '0')}`;
      const { challenge, bits } = await queue.room.challenge(world.eventId);
      const nonce = (await solveChallenge(challenge, session, bits))!;
      await queue.room.join(world.eventId, { session, challenge, nonce }, undefined);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  /** A new buyer's page (its own storage), the page errors it meets collected. */
  async function buyer(options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-GB', ...options });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  }

  const open = (page: Page) => page.goto(`${world.cloud.url}/events/${world.eventId}`);
  const placeShown = (page: Page) => page.getByText(/^Your place in line: \d+$/).waitFor({ timeout: 15_000 });
  const keptPass = (page: Page) =>
    page.evaluate(
      (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { ticket?: string; place?: number } | null,
      `tb.queue.${world.eventId}`,
    );

  /** The page's joins (POST …/queue/join): `answer` decides each one's fate (undefined: on to the API). */
  async function watchJoins(
    page: Page,
    answer: (n: number, token: string | null) => Parameters<Route['fulfill']>[0] | undefined,
  ) {
    const joins: { at: number; body: string; token: string | null }[] = [];
    await page.route('**/queue/join', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fallback();
      const headers = await request.allHeaders();
      const token = headers['x-aws-waf-token'] ?? /aws-waf-token=([^;]+)/.exec(headers.cookie ?? '')?.[1] ?? null;
      joins.push({ at: Date.now(), body: request.postData() ?? '', token });
      const refusal = answer(joins.length, token);
      return refusal ? route.fulfill(refusal) : route.fallback();
    });
    return joins;
  }

  it('a state poll answered 429 with Retry-After: 60 keeps the place and asks again only after the minute', async () => {
    const { page, errors } = await buyer();
    await page.clock.install(); // the page's time runs on by itself; the test may move it on
    await open(page);
    await placeShown(page);
    const place = (await keptPass(page))!.place!;
    const polls: number[] = [];
    await page.route('**/queue/state', (route) => {
      polls.push(Date.now());
      return polls.length === 1 ? route.fulfill(busy('60')) : route.fallback();
    });
    await expect.poll(() => polls.length, { timeout: 10_000 }).toBe(1);
    await page.getByText('We could not reach the waiting room just now.', { exact: false }).waitFor();
    await page.getByText(`Your place in line: ${place}`, { exact: true }).waitFor();
    // Before, a failed poll was asked again after 3 to 5 s whatever the answer said.
    await page.waitForTimeout(8_000);
    expect(polls).toHaveLength(1);
    await page.clock.fastForward('00:45');
    await page.waitForTimeout(500);
    expect(polls).toHaveLength(1); // about 54 s since the refusal
    // At most half as long again (jitter): 90 s after the refusal the poll has come.
    await page.clock.fastForward('00:40');
    await expect.poll(() => polls.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => page.getByText('We could not reach the waiting room just now.', { exact: false }).count())
      .toBe(0);
    await page.getByText(`Your place in line: ${place}`, { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a join refused 429 says it is busy, counts down, and joins by itself no sooner than Retry-After', async () => {
    const { page, errors } = await buyer();
    const joins = await watchJoins(page, (n) => (n === 1 ? busy('3') : undefined));
    await open(page);
    await page.getByRole('status').getByText('Many people are joining right now.', { exact: false }).waitFor();
    await page.getByText(/^Trying again in [2-5] s…$/).waitFor();
    expect(await page.getByRole('button', { name: 'Try now' }).isVisible()).toBe(true);
    // No refusal with a manual "Try again" while it counts down.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByText('We could not let you into the waiting room.').count()).toBe(0);
    await placeShown(page);
    expect(joins).toHaveLength(2);
    expect(joins[1]!.at - joins[0]!.at).toBeGreaterThanOrEqual(3000);
    // The same solved challenge again: had the first reached the API, the replay would get the same arrival.
    expect(joins[1]!.body).toBe(joins[0]!.body);
    expect((await keptPass(page))!.ticket).toBeTruthy();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('"Try now" joins at once instead of waiting out WAF\'s minute; the countdown is axe-clean', async () => {
    const { page, errors } = await buyer({ bypassCSP: true }); // axe is injected as a script
    const joins = await watchJoins(page, (n) => (n === 1 ? busy('60') : undefined));
    await open(page);
    await page.getByText(/^Trying again in (60|[6-8]\d|90) s…$/).waitFor();
    await expectAxeClean(page, 'the waiting room counting down to joining');
    await page.getByRole('button', { name: 'Try now' }).click();
    await placeShown(page);
    expect(joins).toHaveLength(2);
    expect(joins[1]!.at - joins[0]!.at).toBeLessThan(30_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("passes WAF's challenge of the join with the integration script, and joins once", async () => {
    const { page, errors } = await buyer();
    const scripts: string[] = [];
    await page.route('**/waf-integration.json', (route) =>
      route.fulfill({ json: { integrationUrl: `${world.cloud.url}/waf-stand-in/` } }),
    );
    await page.route('**/waf-stand-in/challenge.js', (route) => {
      scripts.push(route.request().url());
      return route.fulfill({ contentType: 'application/javascript', body: STAND_IN });
    });
    const joins = await watchJoins(page, (n, token) =>
      n === 1 && !token
        ? {
            status: 202,
            contentType: 'text/html',
            headers: { 'x-amzn-waf-action': 'challenge' },
            body: '<!doctype html><title>Checking your browser</title><script src="challenge.js"></script>',
          }
        : undefined,
    );
    await open(page);
    await placeShown(page);
    expect(joins.map((join) => join.token)).toEqual([null, 'stand-in']);
    expect(scripts).toEqual([`${world.cloud.url}/waf-stand-in/challenge.js`]);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect((await keptPass(page))!.ticket).toBeTruthy();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("without an integration script, a join met by WAF's challenge page reloads the page, which joins", async () => {
    const { page, errors } = await buyer();
    await page.route('**/waf-integration.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    let loads = 0;
    page.on('load', () => loads++);
    // WAF's interstitial page alone (no header): not a ticket, and not a failed join either.
    const joins = await watchJoins(page, (n) =>
      n === 1 ? { status: 202, contentType: 'text/html', body: '<!doctype html><title>Checking…</title>' } : undefined,
    );
    await open(page);
    await expect.poll(() => loads, { timeout: 15_000 }).toBe(2);
    await placeShown(page);
    expect(joins).toHaveLength(2);
    expect(await page.getByText('We could not let you into the waiting room.').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the people ahead and the estimate change by themselves as admission advances', async () => {
    const { page, errors } = await buyer();
    await open(page);
    await placeShown(page);
    const place = (await keptPass(page))!.place!;
    const shown = () =>
      page.locator('.waiting-room-standing').evaluate((standing) => {
        const text = [...standing.querySelectorAll('p')].map((line) => line.textContent).join('\n');
        return {
          ahead: Number(/^(\d+) (?:person|people) ahead of you$/m.exec(text)?.[1] ?? NaN),
          minutes: Number(/^About (\d+) minutes?$/m.exec(text)?.[1] ?? NaN),
          progress: standing.querySelector('progress')!.value,
        };
      });
    await expect.poll(async () => (await shown()).ahead).toBeGreaterThan(3);
    const before = await shown();
    // One admitted a minute: the estimate is the people ahead in minutes.
    expect(before.minutes).toBe(before.ahead);
    // Two minutes on at the server: two more admitted, and the same page says so without a reload.
    offset += 2 * 60_000;
    await expect.poll(async () => (await shown()).ahead, { timeout: 15_000 }).toBeLessThanOrEqual(before.ahead - 2);
    const after = await shown();
    expect(after.minutes).toBe(after.ahead);
    expect(after.minutes).toBeLessThan(before.minutes);
    expect(after.progress).toBeGreaterThan(before.progress);
    await page.getByText(`Your place in line: ${place}`, { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
