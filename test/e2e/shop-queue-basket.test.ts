// One admission, one basket (issue 20), end to end in real Chromium against the local cloud: on a queued event the
// seats held with one admitted place count against the event's per-order limit together, so a buyer who changes their
// choice (the shop holds the new seats first, then gives the old ones back) would briefly count both. An admitted
// buyer who holds two seats and then chooses two others (four together, over the limit of three; two on their own,
// within it) ends with exactly the two new seats held, at checkout, the old ones free again. A choice over the limit on
// its own (the page still knows an older, higher limit) is refused with the reason beside it, and the seats held
// before stay held, on a queued event as on one without.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SEAT_STATUS_CODES } from '../../cloud/contract/index.ts';
import { unpackStatuses } from '../../cloud/domain/inventory/availability-pack.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

const ADMIN = { sub: 'e2e-admin', groups: ['admin'] };
const LIMIT = 3;

describe.skipIf(!chromiumPath())('web shop: one basket per admission on a queued event', () => {
  let world: ShopWorld;
  let browser: Browser;

  const queueSettings = (enabled: boolean) => ({
    enabled,
    opensAt: new Date(Date.now() - 60_000).toISOString(),
    admissionPerMinute: null, // everyone in line is let in at once: the test is about what an admission may hold
    onePlacePer: 'session' as const,
    challengeBits: 4,
    tokenMinutes: 10,
  });
  const setLimit = (perOrderLimit: number) =>
    world.cloud.services.backOffice.events.update(ADMIN, world.eventId, { perOrderLimit });

  beforeAll(async () => {
    world = await startShop({ name: 'Basket Night' });
    await setLimit(LIMIT);
    await world.cloud.services.queue.settings.set(world.eventId, queueSettings(true), ADMIN);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  /** Each seat's status as the public availability snapshot has it (the API, not the page). */
  async function statuses(seatIds: string[]): Promise<Record<string, string>> {
    const response = await fetch(`${world.cloud.url}/v1/events/${world.eventId}/availability`);
    const snapshot = (await response.json()) as { statuses: string; seatCount: number };
    const codes = unpackStatuses(Buffer.from(snapshot.statuses, 'base64'), snapshot.seatCount);
    return Object.fromEntries(seatIds.map((id) => [id, SEAT_STATUS_CODES[codes[world.seatIds.indexOf(id)]!]!]));
  }
  /** The seats of the tab's stored hold (what checkout will buy). */
  const heldSeats = (page: Page) =>
    page.evaluate(() => {
      const stored = JSON.parse(sessionStorage.getItem('tb.hold') ?? 'null') as {
        hold: { seats: { seatId: string }[] };
      } | null;
      return stored?.hold.seats.map((seat) => seat.seatId).sort() ?? [];
    });

  async function openMap(page: Page) {
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.getByRole('button', { name: 'Mezzanine', exact: true }).click();
  }
  /** Clicks Mezzanine seats by row and number (a click chooses an available seat, or drops a chosen one). */
  async function toggle(page: Page, seats: string[]) {
    for (const seat of seats) {
      const [row, number] = seat.split('');
      await page.getByRole('button', { name: new RegExp(`^Mezzanine, row ${row}, seat ${number},`) }).click();
    }
  }
  const ids = (seats: string[]) => seats.map((seat) => `MEZZ-${seat[0]}-${seat.slice(1)}`).sort();
  const holdButton = (page: Page) => page.getByRole('button', { name: /^Hold th/ });
  const checkout = (page: Page) => page.getByRole('heading', { name: 'Checkout' }).waitFor();

  async function newBuyer() {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  }

  it('an admitted buyer who swaps two held seats for two others ends with just the new two, at checkout', async () => {
    const { page, errors } = await newBuyer();
    await openMap(page);
    expect(await page.evaluate((key) => localStorage.getItem(key), `tb.queue.${world.eventId}`)).toBeTruthy();
    await toggle(page, ['A1', 'A2']);
    await holdButton(page).click();
    await checkout(page);
    expect(await heldSeats(page)).toEqual(ids(['A1', 'A2']));

    // Back on the map: the two held seats are shown as the buyer's; they drop them and choose two others. Held first,
    // the new two and the old two would make four for this admission, over its three.
    await openMap(page);
    await page.getByRole('button', { name: 'Continue to checkout' }).waitFor();
    await toggle(page, ['A1', 'A2', 'B1', 'B2']);
    await holdButton(page).click();
    await checkout(page);
    expect(await heldSeats(page)).toEqual(ids(['B1', 'B2']));
    expect(await statuses(ids(['A1', 'A2', 'B1', 'B2']))).toEqual({
      'MEZZ-A-1': 'available',
      'MEZZ-A-2': 'available',
      'MEZZ-B-1': 'held',
      'MEZZ-B-2': 'held',
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  async function overTheLimitKeepsTheHold(first: string, choice: string[]) {
    const { page, errors } = await newBuyer();
    try {
      await overTheLimitOn(page, first, choice);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }
  async function overTheLimitOn(page: Page, first: string, choice: string[]) {
    await openMap(page);
    await toggle(page, [first]);
    await holdButton(page).click();
    await checkout(page);
    await openMap(page);
    await page.getByRole('button', { name: 'Continue to checkout' }).waitFor();
    // The limit comes down while the page still shows the old one, so the buyer can choose three seats: over the new
    // limit on their own, whatever is held before.
    await setLimit(LIMIT - 1);
    try {
      await toggle(page, [first, ...choice]);
      await holdButton(page).click();
      await page.getByText(`At most ${LIMIT - 1} tickets per order for this event`, { exact: false }).waitFor();
    } finally {
      await setLimit(LIMIT);
    }
    expect(await page.getByRole('heading', { name: 'Checkout' }).count()).toBe(0);
    expect(await page.getByText('no longer held for you', { exact: false }).count()).toBe(0);
    expect(await heldSeats(page)).toEqual(ids([first]));
    expect(await statuses(ids([first, ...choice]))).toEqual(
      Object.fromEntries(ids([first, ...choice]).map((id) => [id, id === ids([first])[0] ? 'held' : 'available'])),
    );
  }

  // The shop gives the seats held before back only on the basket's own refusal (admission_basket_full), and only when
  // the choice fits what the place may still take with them given back (the refusal says how many): a choice over the
  // order limit on its own, or over what the place's bought seats leave, keeps them. The page's event (its limit) may
  // be up to 30 s old in the browser's cache, so only the refusal itself can say whether giving them back may help.
  it('a choice over the limit on its own is refused, and the seat held before stays held (queued event)', async () => {
    await overTheLimitKeepsTheHold('C1', ['D1', 'D2', 'D3']);
  });

  it('a choice over the limit on its own is refused, and the seat held before stays held (no queue)', async () => {
    await world.cloud.services.queue.settings.set(world.eventId, queueSettings(false), ADMIN);
    await overTheLimitKeepsTheHold('E1', ['F1', 'F2', 'F3']);
  });
});
