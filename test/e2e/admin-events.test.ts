// The back office's events in real Chromium against the local cloud (seeded with the demo accounts): the demo owner
// creates an event with two tiers over the theatre's seat map (a price that is not one is told beside its field),
// publishes it after confirming, changes a price in its price list, and a buyer sees it in the shop at that price; the venue and events screens are axe-clean at 768
// and 1280 wide.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { toZonedInput } from '../../renderer/modes/admin/events/form-values.ts';
import { chromiumPath, launchBrowser } from '../support/browser.ts';
import { startTestCloud } from '../support/local-cloud.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ZONE = 'Europe/Vienna';
const DAY = 86_400_000;

async function axeClean(page: Page, screen: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            c: Document,
            o: object,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return (
      await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      })
    ).violations;
  });
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, screen).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen}: wider than the screen`).toBeLessThanOrEqual(0);
}

/** The message tied to an input by aria-describedby. */
const describedBy = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe.skipIf(!chromiumPath())('back-office events in Chromium', () => {
  let cloud: LocalCloud;
  let browser: Browser;

  beforeAll(async () => {
    // A copy of the run's migrated PGlite, closed with the cloud.
    cloud = await startTestCloud({ port: 0, seed: true, sweepIntervalMs: 500 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });

  it('creates an event with two tiers, publishes it, and the shop sells it', async () => {
    const admin = cloud.seeded!.credentials.staff.find((member) => member.role === 'admin')!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-GB' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${cloud.url}/admin/events/new`);
    await page.getByLabel('Email', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New event', level: 1 }).waitFor();

    await page.getByLabel('Venue', { exact: true }).selectOption({ label: 'Grand Theatre' });
    await page.getByLabel('Name', { exact: true }).waitFor();
    const now = Date.now();
    await page.getByLabel('Name', { exact: true }).fill('Winter Serenade');
    await page.getByLabel('Description', { exact: true }).fill('Strings by candlelight');
    await page.getByLabel('Starts', { exact: true }).fill(toZonedInput(new Date(now + 10 * DAY).toISOString(), ZONE));
    await page.getByLabel('On sale from', { exact: true }).fill(toZonedInput(new Date(now - DAY).toISOString(), ZONE));
    await page
      .getByLabel('On sale until', { exact: true })
      .fill(toZonedInput(new Date(now + 9 * DAY).toISOString(), ZONE));
    await page.getByLabel('Tier 1 name', { exact: true }).fill('Stalls');
    await page.getByLabel('Tier 1 price (EUR)', { exact: true }).fill('55');
    await page.getByLabel('Tier 2 name', { exact: true }).fill('Balcony');
    await page.getByLabel('Tier 2 price (EUR)', { exact: true }).fill('twenty');
    await axeClean(page, 'new event 1280');
    await page.getByRole('button', { name: 'Create draft' }).click();
    // A price that is not one is told beside its field, which gets the focus.
    await expect.poll(() => describedBy(page, 'Tier 2 price (EUR)')).toContain('a price in EUR');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('tiers.1.price');
    await page.getByLabel('Tier 2 price (EUR)', { exact: true }).fill('25.50');
    await page.getByRole('button', { name: 'Create draft' }).click();

    await page.getByRole('heading', { name: 'Winter Serenade', level: 1 }).waitFor();
    const tiers = page.getByRole('table', { name: 'Tiers of Winter Serenade' });
    expect(await tiers.getByRole('rowheader').allTextContents()).toEqual(['Stalls', 'Balcony']);
    expect(await tiers.textContent()).toContain('€25.50');
    // A draft's tiers still change: the first tier renamed, its sections kept.
    await page.getByLabel('Tier 1 name', { exact: true }).fill('Front Stalls');
    await page.getByRole('button', { name: 'Save tiers' }).click();
    await expect.poll(() => tiers.getByRole('rowheader').allTextContents()).toEqual(['Front Stalls', 'Balcony']);
    await axeClean(page, 'event page 1280');
    const eventId = new URL(page.url()).pathname.split('/').at(-1)!;
    // A draft is not in the shop.
    expect((await fetch(`${cloud.url}/v1/events/${eventId}`)).status).toBe(404);

    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: /Publish: Winter Serenade/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('button', { name: 'Pause sales' }).waitFor();

    // The door's code policy: phones' rotating codes only; the shop's event says so (the phone shows rotating codes).
    const policy = page.getByLabel('Ticket codes at the door', { exact: true });
    expect(await policy.inputValue()).toBe('static');
    await policy.selectOption({
      label: 'Rotating codes only (static codes of printed or counter tickets still admitted)',
    });
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${cloud.url}/v1/events/${eventId}`)).json()) as { codePolicy: string }).codePolicy,
      )
      .toBe('rotating_only');

    // Prices change any time through the price list: a wrong one told beside its cell, then the balcony costs 27.
    const balcony = page.getByLabel('Adult in Balcony', { exact: true });
    expect(await balcony.inputValue()).toBe('25.50');
    await balcony.fill('27,0,0');
    await page.getByRole('button', { name: 'Save prices' }).click();
    await expect.poll(() => describedBy(page, 'Adult in Balcony')).toContain('a price in EUR');
    await balcony.fill('27');
    await page.getByRole('button', { name: 'Save prices' }).click();
    await page.getByText('Prices saved.').waitFor();
    await axeClean(page, 'published event 1280');

    // The list shows it on sale, at 768 wide too.
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.goto(`${cloud.url}/admin/events?q=Serenade`);
    const row = page.getByRole('row').filter({ hasText: 'Winter Serenade' });
    await row.waitFor();
    expect(await row.textContent()).toContain('On sale');
    await axeClean(page, 'events list 768');
    await page.goto(`${cloud.url}/admin/venues`);
    await page.getByRole('link', { name: 'Grand Theatre' }).click();
    await page.getByRole('heading', { name: 'Seat maps', level: 2 }).waitFor();
    await page
      .getByRole('table', { name: /Seat-map versions/ })
      .getByText('Winter Serenade')
      .waitFor();
    await axeClean(page, 'venue page 768');

    // A buyer finds it in the shop and sees both tiers' prices.
    const shop = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await shop.goto(cloud.url);
    await shop.getByRole('link', { name: 'Winter Serenade' }).click();
    await shop.getByRole('heading', { name: 'Winter Serenade' }).waitFor();
    await expect.poll(async () => (await shop.locator('body').textContent()) ?? '').toContain('€27.00');
    expect(await shop.locator('body').textContent()).toContain('€55.00');
    expect(errors).toEqual([]);
    await shop.close();
    await page.close();
  });

  it("puts the API's field errors of the duplicate and series forms beside their fields", async () => {
    const admin = cloud.seeded!.credentials.staff.find((member) => member.role === 'admin')!;
    const template = cloud.seeded!.events[0]!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-GB' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${cloud.url}/admin/events/${template.id}`);
    await page.getByLabel('Email', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Copies', level: 2 }).waitFor();

    // A name of blanks passes the browser and is refused by the API: the message stands beside the name, focused.
    await page.getByLabel('Name of the copy', { exact: true }).fill('   ');
    await page.getByRole('button', { name: 'Duplicate as a draft' }).click();
    await expect.poll(() => describedBy(page, 'Name of the copy')).not.toBe('');
    expect(await page.getByLabel('Name of the copy', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    expect(await page.getByRole('form', { name: 'Duplicate' }).getByRole('alert').count()).toBe(0);

    // A series asked with one start twice (the request changed on its way): the API's "each date once" is told beside
    // the first start, not as a loose message under the form.
    await page.route('**/v1/admin/events/*/series', async (route) => {
      const body = route.request().postDataJSON() as { startsAt: string[] };
      await route.continue({ postData: JSON.stringify({ startsAt: [body.startsAt[0], body.startsAt[0]] }) });
    });
    await page.getByLabel('Weeks', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Make a weekly series' }).click();
    await expect.poll(() => describedBy(page, "First start (venue's clock)")).toContain('each date once');
    expect(await page.getByRole('form', { name: 'Weekly series' }).getByRole('alert').count()).toBe(0);
    // The duplicate form's old error went when the series was sent.
    expect(await describedBy(page, 'Name of the copy')).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });
});
