// Staff and devices in the back office, in real Chromium against the local cloud seeded with the demo accounts: the
// demo admin invites a clerk of the theatre (a taken email is told beside its field), the invitee sets a password from
// the emailed link and can sign in with it; the admin pairs a box office (a one-time code and its QR), the machine
// pairs with the code and syncs, the list shows its last sync and version, and the admin revokes it. Axe finds no
// serious violation on the screens at 1280 and 768 wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LocalCloud } from '../../cloud/local/server.ts';
import type { EmailSender, OutgoingEmail } from '../../cloud/services/fulfilment/ports.ts';
import { expectAxeClean as axeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser } from '../support/browser.ts';
import { startTestCloud } from '../support/local-cloud.ts';

/** The message tied to an input by aria-describedby. */
const describedBy = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

class Inbox implements EmailSender {
  readonly sent: OutgoingEmail[] = [];
  private waiting: (() => void)[] = [];
  async send(email: OutgoingEmail) {
    this.sent.push(email);
    for (const wake of this.waiting.splice(0)) wake();
  }
  /** The path of the one-time link in the last email to `to`, once it has come. */
  async linkFor(to: string): Promise<string> {
    for (;;) {
      const email = this.sent.filter((candidate) => candidate.to === to).at(-1);
      if (email) {
        const text = email.raw
          .toString('utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/g, '=');
        return /(\/admin\/reset\?token=[A-Za-z0-9_-]+&(?:amp;)?invite=1)/.exec(text)![1]!.replace('&amp;', '&');
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }
}

describe.skipIf(!chromiumPath())('back office staff and devices in Chromium', () => {
  let cloud: LocalCloud;
  let browser: Browser;
  let admin: { email: string; password: string };
  let clerk: { email: string };
  const inbox = new Inbox();

  beforeAll(async () => {
    // A copy of the run's migrated PGlite, closed with the cloud.
    cloud = await startTestCloud({ port: 0, seed: true, sweepIntervalMs: 500, email: inbox });
    const staff = cloud.seeded!.credentials.staff;
    admin = staff.find((member) => member.role === 'admin')!;
    clerk = staff.find((member) => member.role === 'clerk')!;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
  });

  const signIn = async (page: Page, next: string) => {
    await page.goto(`${cloud.url}${next}`);
    await page.getByRole('heading', { name: 'Back office sign-in' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.keyboard.press('Enter');
  };

  it('the demo admin invites a clerk, who sets a password from the emailed link and can sign in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, '/admin/staff');
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: clerk.email }).waitFor();
    await axeClean(page, 'staff 1280');

    await page.getByRole('button', { name: 'Invite staff' }).click();
    await page.getByLabel('Email', { exact: true }).fill(clerk.email);
    await page.getByLabel('Name', { exact: true }).fill('Nora Newcomer');
    await page.getByLabel('Role', { exact: true }).selectOption('clerk');
    await page.getByLabel('Venue', { exact: true }).selectOption({ label: 'Grand Theatre' });
    await axeClean(page, 'invite form 1280');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    // A taken email is told beside the email field.
    await expect.poll(() => describedBy(page, 'Email')).toContain('exists already');

    await page.getByLabel('Email', { exact: true }).fill('nora@theatre.example');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to nora@theatre.example.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'nora@theatre.example' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Invited');
    expect(await row.textContent()).toContain('Grand Theatre');

    // The invitee opens the link from the email in their own browser.
    const invitee = await browser.newPage({ viewport: { width: 768, height: 1024 }, bypassCSP: true });
    await invitee.goto(`${cloud.url}${await inbox.linkFor('nora@theatre.example')}`);
    await invitee.getByRole('heading', { name: 'Welcome: choose your password' }).waitFor();
    await invitee.getByLabel('New password', { exact: true }).fill('nora has a long password');
    await invitee.getByLabel('The same password again', { exact: true }).fill('nora has a long passwor');
    await invitee.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => describedBy(invitee, 'The same password again')).toContain('differ');
    await invitee.getByLabel('The same password again', { exact: true }).fill('nora has a long password');
    await axeClean(invitee, 'set password 768');
    await invitee.getByRole('button', { name: 'Set password' }).click();
    await invitee.getByText('Your password is set.').waitFor();

    const session = await fetch(`${cloud.url}/v1/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nora@theatre.example', password: 'nora has a long password' }),
    });
    expect(session.status).toBe(200);
    expect((await session.json()).principal).toMatchObject({
      groups: ['clerk'],
      venueId: cloud.seeded!.venues.theatre,
    });
    await page.reload();
    await expect
      .poll(async () => (await page.getByRole('row').filter({ hasText: 'nora@theatre.example' }).textContent()) ?? '')
      .toContain('Active');

    // Disabled (after a confirmation), she cannot sign in; enabled again, she can.
    const signInAsNora = () =>
      fetch(`${cloud.url}/v1/auth/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nora@theatre.example', password: 'nora has a long password' }),
      });
    await page.getByRole('button', { name: 'Disable Nora Newcomer' }).click();
    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.getByText('Nora Newcomer can no longer sign in.').waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Disabled');
    expect((await signInAsNora()).status).toBeGreaterThanOrEqual(400);
    await page.getByRole('button', { name: 'Enable Nora Newcomer' }).click();
    await page.getByText('Nora Newcomer can sign in again.').waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Active');
    expect((await signInAsNora()).status).toBe(200);
    expect(errors).toEqual([]);
  });

  it('pairs a box office with a one-time code and its QR, shows its last sync and version, and revokes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await signIn(page, '/admin/devices');
    await page.getByRole('heading', { name: 'Devices', level: 1 }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Grand Theatre box office 1' }).waitFor();

    await page.getByRole('button', { name: 'Pair a machine' }).click();
    await page.getByLabel('Venue', { exact: true }).selectOption({ label: 'Grand Theatre' });
    await page.getByLabel('Kind', { exact: true }).selectOption('boxoffice');
    await page.getByLabel('Name', { exact: true }).fill('Foyer counter 2');
    await page.getByRole('button', { name: 'Show pairing code' }).click();
    await page.getByRole('heading', { name: 'Pairing code for Foyer counter 2' }).waitFor();
    const code = (await page.locator('.admin-pairing-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const qr = page.getByRole('img', { name: `QR code of the pairing code ${code}` });
    await qr.waitFor();
    expect(await qr.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await axeClean(page, 'pairing code 1280');

    // The machine types the code, gets its credential and syncs with its version.
    const paired = await fetch(`${cloud.url}/v1/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    }).then((response) => response.json());
    const device = await fetch(`${cloud.url}/v1/auth/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: paired.id, secret: paired.secret }),
    }).then((response) => response.json());
    const sync = await fetch(`${cloud.url}/v1/me`, {
      headers: { authorization: `Bearer ${device.accessToken}`, 'x-app-version': '4.5.6' },
    });
    expect(sync.status).toBe(200);

    await page.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'Foyer counter 2' });
    await row.waitFor();
    expect(await row.textContent()).toContain('4.5.6');
    expect(await row.locator('time').count()).toBe(1);

    await row.getByRole('button', { name: /Revoke/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke Foyer counter 2?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Foyer counter 2 is revoked').waitFor();
    const refused = await fetch(`${cloud.url}/v1/me`, { headers: { authorization: `Bearer ${device.accessToken}` } });
    expect(refused.status).toBe(401);

    await page.setViewportSize({ width: 768, height: 1024 });
    await page.reload();
    await page.getByRole('row').filter({ hasText: 'Foyer counter 2' }).waitFor();
    await axeClean(page, 'devices 768');
  });
});
