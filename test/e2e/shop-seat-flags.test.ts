// What the designer painted, seen by a buyer in Chromium: the public seat map carries the wheelchair, companion and
// restricted-view flags; the shop's legend names each with its mark; a flagged seat says so in its label, tooltip
// and the choice's summary; and a restricted-view seat held for checkout is told in the basket before payment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { SeatMap } from '../../cloud/contract/index.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

describe.skipIf(!chromiumPath())('seat flags in the shop', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('shows wheelchair spaces and restricted views in the legend, the seat, its summary and the basket', async () => {
    const event = (await (await fetch(`${world.cloud.url}/v1/events/${world.eventId}`)).json()) as {
      seatmapId: string;
    };
    const map = (await (await fetch(`${world.cloud.url}/v1/seatmaps/${event.seatmapId}`)).json()) as SeatMap;
    const restricted = map.seats.find((seat) => seat.restrictedView && !seat.wheelchair)!;
    expect(restricted, 'the public seat map carries restrictedView').toBeDefined();
    expect(map.seats.some((seat) => seat.wheelchair)).toBe(true);
    const section = map.sections.find((s) => s.id === restricted.sectionId)!;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();

    // The legend names the flags this map has, each beside its mark.
    const legend = page.getByRole('list', { name: 'Prices and seats' });
    await expect.poll(() => legend.getByRole('listitem').allTextContents()).toContain('Wheelchair space');
    expect(await legend.getByRole('listitem').allTextContents()).toContain('Restricted view');
    expect(await legend.locator('.flag-restrictedView').count()).toBe(1);

    // In the list, the restricted seat's label and tooltip say so, and so does the summary of the choice.
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.getByRole('button', { name: section.name, exact: true }).click();
    const seatButton = page
      .getByRole('list', { name: `Row ${restricted.row}`, exact: true })
      .getByRole('button', { name: new RegExp(`row ${restricted.row}, seat ${restricted.number},.*restricted view`) });
    expect(await seatButton.getAttribute('title')).toContain('restricted view');
    await seatButton.click();
    await expect
      .poll(() => page.locator('.selection-lines').textContent())
      .toContain(`${section.name} · Row ${restricted.row} · Seat ${restricted.number} · `);
    expect(await page.locator('.selection-lines li').first().textContent()).toMatch(/, restricted view/);

    // Held for checkout: the basket says the view is restricted before the buyer pays.
    await page.getByRole('button', { name: 'Hold this seat and check out' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    const notes = page.getByRole('list', { name: 'About your seats' });
    await expect
      .poll(() => notes.textContent())
      .toContain(
        `Row ${restricted.row} · Seat ${restricted.number}: restricted view. Part of the stage may be hidden from this seat.`,
      );
    expect(errors).toEqual([]);
    await page.close();
  });
});
