// The on-sale waiting room in the web shop, end to end in real Chromium against the local cloud (issue 20): a queued
// event shows the waiting room instead of the map (in German and in Arabic, right to left, at phone width too), with
// the buyer's place and the people ahead; a reload keeps the
// same place; when the test moves the clock on, admission reaches the buyer, who goes on to the map and buys; and an
// admission that ran out sends them back to the waiting room with their place, then on again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { solveChallenge } from '../../cloud/domain/queue/pow.ts';
import { expectAxeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

const ADMIN = { sub: 'e2e-admin', groups: ['admin'] };

describe.skipIf(!chromiumPath())('web shop: the waiting room of a queued event', () => {
  let world: ShopWorld;
  let browser: Browser;
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset) };

  beforeAll(async () => {
    world = await startShop({ name: 'Stadium Night', clock });
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
    // Three buyers are in line first, so ours has people ahead.
    for (const session of ['someone-else-aaaaaaa1', 'someone-else-aaaaaaa2', 'someone-else-aaaaaaa3']) {
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

  const keptPass = (page: Page) =>
    page.evaluate(
      (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as { ticket: string; place: number } | null,
      `tb.queue.${world.eventId}`,
    );

  it('speaks German (formal) and Arabic (right to left) at phone width, axe-clean', async () => {
    for (const [locale, title, place] of [
      ['de-DE', 'Warteraum', /^Ihr Platz in der Warteschlange: [^.]+$/],
      ['ar', 'غرفة الانتظار', /^مكانك في الطابور: [^.]+$/],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale, bypassCSP: true });
      await page.goto(`${world.cloud.url}/events/${world.eventId}`);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByText(place).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      await expectAxeClean(page, `waiting room ${locale}`);
      await page.close();
    }
  });

  it('keeps the place over a reload, admits the buyer to the map to buy, and takes them back when it runs out', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-GB', bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.getByRole('heading', { name: 'Waiting room', level: 1 }).waitFor();
    await page.getByText(/^Your place in line: \d+$/).waitFor();
    const first = (await keptPass(page))!;
    // Behind the three who joined first (and the two of the test above).
    expect(first.place).toBe(6);
    await page.getByText(`Your place in line: ${first.place}`, { exact: true }).waitFor();
    const { admittedThrough } = await world.cloud.services.queue.room.state(world.eventId);
    const ahead = first.place - admittedThrough - 1;
    await page.getByText(`${ahead} ${ahead === 1 ? 'person' : 'people'} ahead of you`, { exact: true }).waitFor();
    await page.getByRole('progressbar', { name: 'Progress in line' }).waitFor();
    await expectAxeClean(page, 'waiting room 390');
    expect(await page.locator('canvas.seatmap').count()).toBe(0);

    await page.reload();
    await page.getByText(`Your place in line: ${first.place}`, { exact: true }).waitFor();
    expect((await keptPass(page))!.ticket).toBe(first.ticket);

    // Ten minutes on at one a minute: the line reaches place 6, and the page moves on by itself.
    offset += 10 * 60_000;
    await page.locator('canvas.seatmap').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.getByRole('button', { name: 'Mezzanine' }).click();
    await page.getByRole('button', { name: /^Mezzanine, row A, seat 3,/ }).click();
    await page.getByRole('button', { name: /Hold this seat/ }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill('ada@example.com');
    await page.getByRole('textbox', { name: 'Full name' }).fill('Ada Lovelace');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });

    // Back on the event after the admission's two minutes: the hold is refused, the buyer is back in the waiting
    // room with the same place (its admission answer held back until the test has seen that), then on to the map.
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();
    offset += 3 * 60_000;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/queue/admission', async (route) => {
      await released;
      await route.continue();
    });
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.getByRole('button', { name: 'Mezzanine' }).click();
    await page.getByRole('button', { name: /^Mezzanine, row A, seat 4,/ }).click();
    await page.getByRole('button', { name: /Hold this seat/ }).click();
    await page.getByRole('heading', { name: 'Waiting room', level: 1 }).waitFor();
    await page.getByText('Your time to choose seats ran out.', { exact: false }).waitFor();
    await page.getByText(`Your place in line: ${first.place}`, { exact: true }).waitFor();
    expect((await keptPass(page))!.ticket).toBe(first.ticket);
    release();
    await page.locator('canvas.seatmap').waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
