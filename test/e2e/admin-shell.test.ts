// The back office's shell and operations in real Chromium against the local cloud (`npm start`'s server, seeded with
// the demo accounts): the demo admin signs in by keyboard, moves through the navigation by keyboard, reads the audit
// log (who, what, when, the change in words) and searches it, retries a failed job after confirming; axe finds no
// serious violation at 768, 1280 and 1920 wide; a wrong password is told beside its field; a clerk and a customer
// are not let in; an expired session goes back to sign-in with a message.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '../../cloud/local/server.ts';
import { freshDb } from '../support/databases.ts';
import { insertUser } from '../../cloud/db/identity.ts';
import type { Db } from '../../cloud/db/port.ts';
import { hashPassword } from '../../cloud/services/identity/passwords.ts';
import { insertOutboxJobs, markOutboxFailed } from '../../cloud/db/outbox.ts';
import { recordStaffAction } from '../../cloud/services/audit/audit-log.ts';
import { expectAxeClean as axeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser } from '../support/browser.ts';

/** Presses Tab until the focused element is `name` (a link or button), as a keyboard user would. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** The message tied to an input by aria-describedby. */
const describedBy = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe.skipIf(!chromiumPath())('back office shell and operations in Chromium', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let admin: { email: string; password: string };
  let clerk: { email: string; password: string };
  const jobId = randomUUID();

  let db: Db;

  beforeAll(async () => {
    db = await freshDb('pglite');
    const started = await startLocalCloud({ port: 0, db, seed: true, sweepIntervalMs: 500 });
    cloud = {
      ...started,
      close: async () => {
        await started.close();
        await db.close();
      },
    };
    const staff = cloud.seeded!.credentials.staff;
    admin = staff.find((member) => member.role === 'admin')!;
    clerk = staff.find((member) => member.role === 'clerk')!;
    const event = cloud.seeded!.events[0]!;
    const owner = { sub: 'demo-owner', email: admin.email, groups: ['admin'] };
    const now = new Date();
    await db.transaction((tx) =>
      recordStaffAction(
        tx,
        owner,
        {
          action: 'event.publish',
          objectType: 'event',
          objectId: event.id,
          venueId: cloud.seeded!.venues.theatre,
          summary: `Published ${event.name}`,
          before: { status: 'draft', perOrderLimit: 8 },
          after: { status: 'on_sale', perOrderLimit: 10 },
        },
        new Date(now.getTime() - 60_000),
      ),
    );
    await db.transaction((tx) =>
      recordStaffAction(
        tx,
        owner,
        {
          action: 'seat.block',
          objectType: 'seat',
          objectId: 'ORCH-C-A-1',
          venueId: cloud.seeded!.venues.theatre,
          summary: 'Blocked house seat A-1',
        },
        now,
      ),
    );
    // A job of a topic no handler runs, parked as dead with its error.
    await insertOutboxJobs(db, [{ id: jobId, topic: 'ticket_email', aggregateId: randomUUID(), payload: {} }], now);
    await markOutboxFailed(db, jobId, {
      error: 'SES: Email address is not verified: buyer@example.com',
      retryAt: null,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });

  it(
    'signs the demo admin in by keyboard, shows the audit log and failed jobs, retries a job; axe-clean at 768, 1280 and 1920',
    { timeout: 180_000 },
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${cloud.url}/admin/operations`);
      await page.getByRole('heading', { name: 'Back office sign-in' }).waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/operations');
      await axeClean(page, 'sign-in 1280');

      // A wrong password is told beside the password field, which gets the focus.
      await page.getByLabel('Email', { exact: true }).fill(admin.email);
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.keyboard.press('Enter');
      await page.getByText('Wrong email or password.').waitFor();
      expect(await describedBy(page, 'Password')).toContain('Wrong email or password');
      expect(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
      await axeClean(page, 'sign-in error 1280');

      // The right one, typed: back to where the admin wanted to go.
      await page.getByLabel('Password', { exact: true }).fill('');
      await page.keyboard.type(admin.password);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Operations', level: 1 }).waitFor();
      expect(await page.getByRole('banner').textContent()).toContain('Owner / admin');

      // The audit log: who, what, when and the change in words.
      const published = page.getByRole('row').filter({ hasText: 'Published' });
      await published.waitFor();
      expect(await published.textContent()).toContain(admin.email);
      expect(await published.locator('del').allTextContents()).toEqual(['was draft', 'was 8']);
      expect(await published.locator('ins').allTextContents()).toEqual(['now on_sale', 'now 10']);
      await expect.poll(() => page.getByRole('row').count(), { timeout: 15_000 }).toBe(3);
      await axeClean(page, 'audit log 1280');

      // Search by words: only the seat's entry is left, and the search is in the address.
      await page.getByLabel('Words').fill('house seat');
      await page.getByLabel('Words').press('Enter');
      await expect.poll(() => page.getByRole('row').count(), { timeout: 15_000 }).toBe(2);
      expect(await page.getByRole('row').nth(1).textContent()).toContain('Blocked house seat A-1');
      expect(new URL(page.url()).searchParams.get('q')).toBe('house seat');

      // Home (the dashboard, for an admin), then by keyboard through the navigation to Operations and its failed jobs.
      await page.goto(`${cloud.url}/admin`);
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      await tabTo(page, 'Operations');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('admin-main');
      await tabTo(page, 'Failed jobs');
      await page.keyboard.press('Enter');
      const job = page.getByRole('row').filter({ hasText: 'Ticket email' });
      await job.waitFor();
      expect(await job.textContent()).toContain('Email address is not verified');
      await axeClean(page, 'failed jobs 1280');

      // Retry, confirmed in a dialog: the job leaves the list and runs again.
      await job.getByRole('button', { name: /Retry/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Retry this job?' });
      await dialog.waitFor();
      await axeClean(page, 'retry dialog 1280');
      await dialog.getByRole('button', { name: 'Retry now' }).click();
      await page.getByText('Ticket email job queued again').waitFor();
      await page.getByText('No failed jobs.').waitFor();
      const state = await cloud.services.db.query<{ state: string }>('SELECT state FROM outbox WHERE id = $1', [jobId]);
      expect(state.rows[0]!.state).toBe('pending');

      // A tablet and a large screen: the navigation is a menu at 768, both pages axe-clean.
      for (const width of [768, 1920]) {
        await page.setViewportSize({ width, height: width === 768 ? 1024 : 1080 });
        await page.goto(`${cloud.url}/admin/operations`);
        await page.getByRole('row').filter({ hasText: 'Published' }).waitFor();
        await axeClean(page, `audit log ${width}`);
        if (width === 768) {
          expect(await page.getByRole('link', { name: 'Failed jobs', exact: true }).count()).toBe(1);
          const menu = page.getByRole('button', { name: 'Menu' });
          expect(await page.getByRole('navigation', { name: 'Back office' }).isVisible()).toBe(false);
          await menu.focus();
          await page.keyboard.press('Enter');
          expect(await menu.getAttribute('aria-expanded')).toBe('true');
          await page
            .getByRole('navigation', { name: 'Back office' })
            .getByRole('link', { name: 'Operations' })
            .waitFor();
          await axeClean(page, 'menu open 768');
        }
        await page.goto(`${cloud.url}/admin/operations/jobs`);
        await page.getByText('No failed jobs.').waitFor();
        await axeClean(page, `failed jobs ${width}`);
      }

      // Sign-out ends the session: the back office asks to sign in again.
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByText('You have signed out.').waitFor();
      await page.goto(`${cloud.url}/admin/operations`);
      await page.getByRole('heading', { name: 'Back office sign-in' }).waitFor();
      expect(errors).toEqual([]);
    },
  );

  it(
    'does not let a clerk or a customer in, and sends an expired session back to sign-in',
    { timeout: 180_000 },
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const signIn = async (email: string, password: string) => {
        await page.goto(`${cloud.url}/admin/sign-in`);
        await page.getByLabel('Email', { exact: true }).fill(email);
        await page.getByLabel('Password', { exact: true }).fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
      };
      await signIn(clerk.email, clerk.password);
      await page.getByText(/no back-office access/).waitFor();
      expect(await describedBy(page, 'Email')).toContain('no back-office access');
      await page.goto(`${cloud.url}/admin/operations`);
      await page.getByRole('heading', { name: 'Back office sign-in' }).waitFor();

      const customer = { email: `fan-${randomUUID().slice(0, 8)}@example.com`, password: 'a long enough password' };
      // A customer account as a confirmed sign-up leaves it (sign-up itself only emails the owner a link).
      await insertUser(db, {
        id: randomUUID(),
        email: customer.email,
        password_hash: await hashPassword(customer.password),
        name: 'A Fan',
        groups: [],
        venue_id: null,
      });
      await signIn(customer.email, customer.password);
      await page.getByText(/customer account, not a staff account/).waitFor();
      expect(await describedBy(page, 'Email')).toContain('customer account, not a staff account');
      await page.goto(`${cloud.url}/admin`);
      await page.getByRole('heading', { name: 'Back office sign-in' }).waitFor();

      // A session whose token the API no longer takes: back to sign-in, told why, and back here afterwards.
      await page.evaluate(() =>
        sessionStorage.setItem(
          'tb.admin.session',
          JSON.stringify({
            accessToken: 'revoked-token',
            expiresAt: Date.now() + 3_600_000,
            principal: { sub: 'x', email: 'gone@example.com', groups: ['admin'] },
          }),
        ),
      );
      await page.goto(`${cloud.url}/admin/operations`);
      await page.getByText('Your session has expired. Please sign in again.').waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/operations');
      await page.getByLabel('Email', { exact: true }).fill(admin.email);
      await page.getByLabel('Password', { exact: true }).fill(admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    },
  );
});
