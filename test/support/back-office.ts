// The back office as a test opens it: the seeded admin signs in on an event's page of a seeded local cloud.
import type { Browser, Page } from 'playwright-core';
import type { LocalCloud } from '../../cloud/local/server.ts';

/** The first seeded event's page in the back office, signed in as the seeded admin (desktop size, English). */
export async function openSeededEventAsAdmin(
  browser: Browser,
  cloud: LocalCloud,
): Promise<{ page: Page; event: NonNullable<LocalCloud['seeded']>['events'][number] }> {
  const admin = cloud.seeded!.credentials.staff.find((member) => member.role === 'admin')!;
  const event = cloud.seeded!.events[0]!;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-GB' });
  await page.goto(`${cloud.url}/admin/events/${event.id}`);
  await page.getByLabel('Email', { exact: true }).fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.keyboard.press('Enter');
  return { page, event };
}
