// A venue's brand in the back office, in real Chromium against the local cloud: the brand colour (one white text
// cannot be read on refused beside its field), the street address, a PNG logo uploaded from the file input and
// previewed (and removed; a file that is not the image it says refused beside the field), and an event's doors time
// after its start refused beside Doors. Axe-clean at 768 and 1440.
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAxeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

describe.skipIf(!chromiumPath())('a venue’s brand in the back office in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;
  let token = '';

  async function adminPage(width = 1440): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true });
    const session = {
      accessToken: token,
      expiresAt: Date.now() + 3_600_000,
      principal: { sub: 'owner-ada', email: 'ada@example.com', groups: ['admin'], venueIds: [] },
    };
    await page.addInitScript((value) => sessionStorage.setItem('tb.admin.session', value), JSON.stringify(session));
    return page;
  }

  const red = () => {
    const png = new PNG({ width: 40, height: 20 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 30, 30, 255], i);
    return PNG.sync.write(png);
  };

  beforeAll(async () => {
    world = await startShop();
    browser = await launchBrowser();
    token = await world.cloud.issuer.issue({ sub: 'owner-ada', email: 'ada@example.com', groups: ['admin'] });
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('refuses a low-contrast colour beside its field, saves colour and address, uploads, previews and removes a logo', async () => {
    const page = await adminPage();
    await page.goto(`${world.cloud.url}/admin/venues/${world.venueId}`);
    const colour = page.getByLabel('Brand colour (optional)');
    await colour.fill('#ffff00');
    await page.getByLabel('Street address (optional)').fill('Opernring 2, 1010 Wien');
    await page.getByRole('button', { name: 'Save venue' }).click();
    // The API's refusal beside the field, tied to it, and focus on it.
    await expect.poll(() => colour.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await colour.getAttribute('aria-describedby'))!.split(' ').at(-1)!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/contrast|4\.5/i);
    expect(await colour.evaluate((el) => el === document.activeElement)).toBe(true);

    await colour.fill('#1a4d8f');
    await page.getByRole('button', { name: 'Save venue' }).click();
    await page.getByText('Saved.').waitFor();
    const venue = await world.cloud.services.catalog.detail(world.eventId);
    expect(venue.venue.brandColor).toBe('#1a4d8f');
    expect(venue.venue.address).toBe('Opernring 2, 1010 Wien');

    // A file that says PNG but is not one: refused beside the field.
    const logo = page.getByLabel('Logo (optional)');
    await logo.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a png at all') });
    await expect.poll(() => logo.getAttribute('aria-invalid')).toBe('true');
    const logoErrorId = (await logo.getAttribute('aria-describedby'))!.split(' ').at(-1)!;
    expect(await page.locator(`[id="${logoErrorId}"]`).textContent()).toContain('not the PNG it says');

    // A real PNG: uploaded, previewed from the API's logo address.
    await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: red() });
    const preview = page.getByRole('img', { name: 'Logo of Grand Theatre' });
    await preview.waitFor();
    expect(await preview.getAttribute('src')).toMatch(new RegExp(`/v1/venues/${world.venueId}/logo\\?v=`));
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);
    expect(await logo.getAttribute('aria-invalid')).toBe('false');
    await page.getByText('Logo uploaded.').waitFor();
    for (const width of [768, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAxeClean(page, `venue brand ${width}`);
    }

    await page.getByRole('button', { name: 'Remove logo' }).click();
    await page.getByText('Logo removed.').waitFor();
    expect(await preview.count()).toBe(0);
    expect((await world.cloud.services.catalog.detail(world.eventId)).venue.logoUrl).toBeNull();
    await page.close();
  });

  it('shows the server’s “doors after the start” refusal beside Doors', async () => {
    const page = await adminPage(768);
    await page.goto(`${world.cloud.url}/admin/events/${world.eventId}`);
    const starts = page.getByLabel('Starts', { exact: true });
    await starts.waitFor();
    const startsAt = await starts.inputValue();
    // An hour after the start, on the same clock as the Starts field.
    const [day, time] = startsAt.split('T') as [string, string];
    const hour = (Number(time.slice(0, 2)) + 1) % 24;
    const doorsValue = hour === 0 ? startsAt : `${day}T${String(hour).padStart(2, '0')}${time.slice(2)}`;
    const doors = page.getByLabel('Doors open (optional)');
    await doors.fill(doorsValue === startsAt ? `${day}T23:59` : doorsValue);
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => doors.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await doors.getAttribute('aria-describedby'))!.split(' ').at(-1)!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain('the doors open before the event starts');
    expect(await page.locator('.admin-form-error').count()).toBe(0);
    await expectAxeClean(page, 'event doors error 768');
    await page.close();
  });
});
