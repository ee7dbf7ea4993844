// A presale code in the web shop, end to end in real Chromium: the circle is sold only with the fan club's code.
// Without it a circle seat is refused with the cloud's words; a wrong code is told beside the code field; the right
// one (typed in any case) shows the circle's prices, holds the seats with the code, and the checkout prices them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

const ADMIN = { sub: 'e2e-admin', groups: ['admin'] };

describe.skipIf(!chromiumPath())('web shop: a presale code unlocks a hidden tier', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop({ name: 'Fan Club Night' });
    const { settings, codes } = world.cloud.services.commerce;
    const list = await settings.priceList(ADMIN, world.eventId);
    const event = await world.cloud.services.catalog.getEvent(world.eventId);
    const circleId = event.tiers.find((tier) => tier.name === 'Circle')!.id;
    await settings.setPriceList(ADMIN, world.eventId, {
      ticketTypes: list.ticketTypes,
      entries: list.entries,
      hiddenTierIds: [circleId],
    });
    await codes.createPresale(ADMIN, {
      eventId: world.eventId,
      name: 'Fan club',
      unlocksTierIds: [circleId],
      validFrom: null,
      validUntil: null,
      issue: { kind: 'shared', code: 'Fans-2027' },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('refuses circle seats without the code, tells a wrong code beside its field, and sells them with the right one', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${world.cloud.url}/events/${world.eventId}`);
    const chooseCircleSeat = async () => {
      await page.getByRole('button', { name: 'List', exact: true }).click();
      await page.getByRole('button', { name: 'Mezzanine' }).click();
      await page.getByRole('button', { name: /^Mezzanine, row A, seat 3,/ }).click();
      await page.getByRole('button', { name: /Hold this seat/ }).click();
    };

    await chooseCircleSeat();
    await page.getByText('These tickets are sold only with a presale code.').waitFor();

    const field = page.getByRole('textbox', { name: 'Presale code' });
    await field.fill('NOT-A-FAN');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const error = page.locator('.presale-code [role="alert"]');
    await error.waitFor();
    expect(await field.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));

    await field.fill('fans-2027');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByText('Presale code FANS-2027 applied').waitFor();
    expect(await error.count()).toBe(0);
    await chooseCircleSeat();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    // The circle's price, known only with the code, is on the checkout's breakdown.
    await page.getByRole('rowheader', { name: 'Total', exact: true }).first().waitFor();
    expect(await page.locator('table.price-breakdown').textContent()).toContain('€49.00');
    const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('tb.hold')!) as { presaleCode: string });
    expect(stored.presaleCode).toBe('FANS-2027');
    expect(errors).toEqual([]);
    await page.close();
  });
});
