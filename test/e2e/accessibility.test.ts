// axe-core scans (WCAG 2.0/2.1/2.2 A and AA rules) of every screen of the web shop, in Chromium: events, an event
// with its seat map and with the list view, checkout, the payment page, the confirmation, sign-in, sign-up (check your email; the
// confirmation link found in the local mailbox; the confirm page), my orders, and the
// empty and not-found states — at 360 px, 1280 px and 4K, none wider than the screen. No serious or critical violation anywhere.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAxeClean as scan } from '../support/axe.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

describe.skipIf(!chromiumPath())('accessibility of every screen', () => {
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

  it('has no serious or critical axe violations on any screen, from phone to desktop', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 360, height: 740 },
      { width: 3840, height: 2160 },
    ]) {
      // axe is injected as a script: the shop's CSP would (rightly) refuse it, so this context bypasses CSP.
      const page = await browser.newPage({ viewport, bypassCSP: true });
      await page.goto(world.cloud.url + '/');
      await page.getByRole('link', { name: world.eventName }).waitFor();
      await scan(page, `events ${viewport.width}`);

      await page.getByRole('link', { name: world.eventName }).click();
      await page.locator('canvas.seatmap').waitFor();
      await scan(page, `event map ${viewport.width}`);
      await page.getByRole('button', { name: 'List' }).click();
      await page
        .getByRole('button', { name: 'Orchestra centre' })
        .or(page.locator('.seat-list h3 button').first())
        .first()
        .click();
      await scan(page, `event list ${viewport.width}`);

      await page.getByRole('button', { name: /Find seats together/ }).click();
      await page.getByRole('button', { name: 'Continue to checkout' }).click();
      await page.getByRole('heading', { name: 'Checkout' }).waitFor();
      await scan(page, `checkout ${viewport.width}`);
      await page.getByRole('radio', { name: 'Printed tickets by post' }).check();
      await scan(page, `checkout with address ${viewport.width}`);
      await page.getByRole('radio', { name: 'E-tickets by email' }).check();
      await page.getByRole('textbox', { name: 'Email' }).fill('axe@example.com');
      await page.getByRole('textbox', { name: 'Full name' }).fill('Axe Tester');
      await page.getByRole('button', { name: /^Pay / }).click();
      await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
      await scan(page, `payment page ${viewport.width}`);
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });
      await scan(page, `confirmation ${viewport.width}`);

      await page.getByRole('link', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await scan(page, `sign in ${viewport.width}`);
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.getByRole('textbox', { name: 'Full name' }).fill('Axe Tester');
      await page.getByRole('textbox', { name: 'Email' }).fill(`axe-${viewport.width}@example.com`);
      await page.getByLabel(/Password/).fill('a long enough password');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      await scan(page, `check your email ${viewport.width}`);
      // The confirmation email, as the local mailbox shows it: its link opens the shop's confirm page.
      await page.goto(world.cloud.url + '/dev/mailbox');
      const email = page
        .getByRole('row')
        .filter({ hasText: `axe-${viewport.width}@example.com` })
        .filter({ hasText: 'Confirm your TicketBoss account' });
      await vi.waitFor(
        async () => {
          await page.reload();
          expect(await email.count()).toBe(1);
        },
        { timeout: 10_000, interval: 100 },
      );
      await email.getByRole('link').click();
      await page.getByRole('link', { name: 'Confirm my account' }).click();
      await page.getByRole('heading', { name: 'Confirm your account' }).waitFor();
      await scan(page, `confirm account ${viewport.width}`);
      await page.getByRole('button', { name: 'Confirm my account' }).click();
      await page.getByRole('heading', { name: 'My tickets' }).waitFor();
      await scan(page, `my orders ${viewport.width}`);

      await page.goto(world.cloud.url + '/checkout');
      await scan(page, `checkout without a hold ${viewport.width}`);
      await page.goto(world.cloud.url + '/no/such/page');
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await scan(page, `not found ${viewport.width}`);
      await page.close();
    }
  }, 180_000); // redirects: sign-up's confirmation through the mailbox adds a few pages per viewport
});
