// transfer (issue 19): the organizer sets an event's transfer rules in the back office (real Chromium against the
// seeded local cloud); what is saved is what the API then applies, and the form shows it again after a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { chromiumPath, launchBrowser } from '../support/browser.ts';
import { startTestCloud } from '../support/local-cloud.ts';
import { openSeededEventAsAdmin } from '../support/back-office.ts';

describe.skipIf(!chromiumPath())('back office: ticket transfer rules', () => {
  let cloud: LocalCloud;
  let browser: Browser;

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: true, sweepIntervalMs: 500 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });

  it('saves the rules of an event, and shows them again after a reload', async () => {
    const { page, event } = await openSeededEventAsAdmin(browser, cloud);
    await page.getByRole('heading', { name: 'Ticket transfers', level: 2 }).waitFor();
    await page.getByLabel('Closes hours before the start').fill('24');
    await page.getByLabel('Times one ticket may move').fill('1');
    await page.getByLabel("Only to someone of the buyer's name (personalised tickets)").check();
    await page.getByRole('button', { name: 'Save transfer rules' }).click();
    await page.getByRole('status').filter({ hasText: 'Transfer rules saved.' }).waitFor();
    expect(await cloud.services.transfers.settings.get(event.id, { sub: 'a', groups: ['admin'] })).toEqual({
      allowed: true,
      closeHoursBefore: 24,
      maxTransfers: 1,
      sameNameOnly: true,
    });

    await page.reload();
    await page.getByRole('heading', { name: 'Ticket transfers', level: 2 }).waitFor();
    await expect.poll(() => page.getByLabel('Times one ticket may move').inputValue()).toBe('1');
    await page.getByLabel('Buyers may pass tickets on to someone else').uncheck();
    await page.getByRole('button', { name: 'Save transfer rules' }).click();
    await page.getByRole('status').filter({ hasText: 'Transfer rules saved.' }).waitFor();
    expect((await cloud.services.transfers.settings.get(event.id, { sub: 'a', groups: ['admin'] })).allowed).toBe(
      false,
    );
    await page.close();
  });
});
