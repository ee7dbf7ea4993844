// The on-sale (issue 20): the organizer sets an event's waiting room in the back office (real Chromium against the
// seeded local cloud): a value the API refuses is said beside its field; what is saved is what the API then applies,
// on the venue's clock, and the form shows it again after a reload, with the queue as it stands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { chromiumPath, launchBrowser } from '../support/browser.ts';
import { startTestCloud } from '../support/local-cloud.ts';
import { openSeededEventAsAdmin } from '../support/back-office.ts';
import { fromZonedInput } from '../../renderer/modes/admin/events/form-values.ts';

const ADMIN = { sub: 'a', groups: ['admin'] };

describe.skipIf(!chromiumPath())('back office: an event waiting room', () => {
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

  it('refuses a bad value beside its field, saves the waiting room, and shows it again after a reload', async () => {
    const { page, event } = await openSeededEventAsAdmin(browser, cloud);
    await page.getByRole('heading', { name: 'Waiting room', level: 2 }).waitFor();
    await page.getByText('The queue has not run yet.').waitFor();

    await page.getByLabel('Buyers wait in a waiting room').check();
    await page.getByLabel('Waiting room opens').fill('2030-06-01T10:00');
    await page.getByLabel('Buyers admitted per minute').fill('0');
    await page.getByLabel('Proof of work (bits)').fill('12');
    await page.getByLabel('Admission tokens last (minutes)').fill('20');
    await page.getByRole('button', { name: 'Save waiting room' }).click();
    // The API refuses a rate of 0: the message goes beside that field, which is marked invalid.
    const rate = page.getByLabel('Buyers admitted per minute');
    await expect.poll(() => rate.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await rate.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).toBeTruthy();
    expect((await cloud.services.queue.settings.get(event.id, ADMIN)).settings).toBeNull();

    await rate.fill('300');
    await page.getByLabel('One place per').selectOption('verified_account');
    await page.getByRole('button', { name: 'Save waiting room' }).click();
    await page.getByRole('status').filter({ hasText: 'Waiting room saved.' }).waitFor();
    const zone = (await cloud.services.catalog.getEvent(event.id)).venue.timezone;
    expect((await cloud.services.queue.settings.get(event.id, ADMIN)).settings).toEqual({
      enabled: true,
      opensAt: fromZonedInput('2030-06-01T10:00', zone),
      admissionPerMinute: 300,
      onePlacePer: 'verified_account',
      challengeBits: 12,
      tokenMinutes: 20,
    });

    await page.reload();
    await page.getByRole('heading', { name: 'Waiting room', level: 2 }).waitFor();
    await expect.poll(() => page.getByLabel('Buyers admitted per minute').inputValue()).toBe('300');
    expect(await page.getByLabel('Waiting room opens').inputValue()).toBe('2030-06-01T10:00');
    expect(await page.getByLabel('One place per').inputValue()).toBe('verified_account');
    await page.getByText('Joined').waitFor();

    await page.getByLabel('As fast as the seats sell').check();
    await page.getByRole('button', { name: 'Save waiting room' }).click();
    await page.getByRole('status').filter({ hasText: 'Waiting room saved.' }).waitFor();
    expect((await cloud.services.queue.settings.get(event.id, ADMIN)).settings?.admissionPerMinute).toBeNull();
    await page.close();
  });
});
