// accounts (issue 19), in real Chromium over HTTP: a guest buys with an email, then signs up with it; the confirmation
// link comes through the local mailbox (the .eml outbox at /dev/mailbox); "My tickets" offers the guest orders bought
// with that email (and not a stranger's), claims them, and lists every ticket with its state: valid, used (with
// when), refunded; upcoming events apart from past ones. Axe-clean at a 360 × 740 phone.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { expectAxeClean } from '../support/axe.ts';
import { buyAsGuest as buyGuestOrder, jsonCall, type JsonCall } from '../support/guest-order.ts';
import { createOnSaleEvent } from '../support/world.ts';
import { insertUser } from '../../cloud/db/identity.ts';
import { hashPassword } from '../../cloud/services/identity/passwords.ts';

const EMAIL = 'claire.claims@example.com';
const SECTIONS = ['ORCH-L', 'ORCH-C', 'ORCH-R', 'BOX-L1', 'BOX-L2', 'BOX-R1', 'BOX-R2', 'MEZZ', 'BALC'];

describe.skipIf(!chromiumPath())('web shop: claiming guest orders into an account', () => {
  let world: ShopWorld;
  let browser: Browser;

  const api = (...args: Parameters<JsonCall>) => jsonCall(world.cloud.url)(...args);

  /** A guest's order paid through the sandbox. */
  const buyAsGuest = (eventId: string, seatIds: string[], email: string) =>
    buyGuestOrder(world.cloud, eventId, seatIds, { email, name: 'Claire Claims' });

  /** Opens the link of the newest email to `to` whose subject has `subject`, from the local mailbox (.eml outbox). */
  const openMailedLink = async (page: Page, to: string, subject: string) => {
    await page.goto(world.cloud.url + '/dev/mailbox');
    const email = page.getByRole('row').filter({ hasText: to }).filter({ hasText: subject });
    await vi.waitFor(
      async () => {
        await page.reload();
        expect(await email.count()).toBeGreaterThan(0);
      },
      { timeout: 15_000, interval: 200 },
    );
    await email.first().getByRole('link').click();
  };

  /** A fresh page on a 360 × 740 touch phone. */
  const onPhone = async (): Promise<Page> =>
    (
      await browser.newContext({
        viewport: { width: 360, height: 740 },
        hasTouch: true,
        isMobile: true,
        bypassCSP: true,
      })
    ).newPage();

  beforeAll(async () => {
    world = await startShop({ name: 'Swan Lake' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('sign up, confirm through the mailbox, see and claim the guest orders; the wallet shows each state', async () => {
    const { db } = world.cloud.services;
    const upcoming = await buyAsGuest(world.eventId, world.seatIds.slice(200, 203), EMAIL);
    // An evening already over: made on sale now, bought, then moved into the past.
    const seatmap = await db.query<{ seatmap_id: string }>('SELECT seatmap_id FROM events WHERE id = $1', [
      world.eventId,
    ]);
    const pastEvent = await createOnSaleEvent(world.cloud.services, seatmap.rows[0]!.seatmap_id, SECTIONS, {
      name: 'Giselle',
    });
    const past = await buyAsGuest(pastEvent, world.seatIds.slice(210, 211), EMAIL.toUpperCase());
    await db.query(
      `UPDATE events SET on_sale_from = now() - interval '3 days', on_sale_until = now() - interval '50 hours',
         starts_at = now() - interval '2 days' WHERE id = $1`,
      [pastEvent],
    );
    const strangers = await buyAsGuest(world.eventId, world.seatIds.slice(220, 221), 'someone.else@example.com');
    // One ticket refunded by the box office, one admitted at the door.
    const admin = await world.cloud.issuer.issue({ sub: 'claims-admin', groups: ['admin'] });
    const refund = await api(
      'POST',
      `/v1/orders/${upcoming.id}/refunds`,
      { ticketIds: [upcoming.tickets[2]!.id], reason: 'Cannot come' },
      { authorization: `Bearer ${admin}`, 'idempotency-key': randomUUID() },
    );
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    const door = await world.cloud.issuer.issue({ sub: randomUUID(), groups: ['boxoffice'], venueId: world.venueId });
    const scan = await api(
      'POST',
      '/v1/scans',
      { code: upcoming.tickets[1]!.code, gate: 'North' },
      { authorization: `Bearer ${door}` },
    );
    expect(scan.body.result).toBe('admitted');

    const page = await onPhone();
    const context = page.context();
    await page.goto(world.cloud.url + '/signin');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByRole('textbox', { name: 'Full name' }).fill('Claire Claims');
    await page.getByRole('textbox', { name: 'Email' }).fill(EMAIL);
    await page.getByLabel(/Password/).fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    // The confirmation email in the local mailbox (the .eml outbox): its link opens the shop's confirm page.
    await openMailedLink(page, EMAIL, 'Confirm your TicketBoss account');
    await page.getByRole('link', { name: 'Confirm my account' }).click();
    await page.getByRole('button', { name: 'Confirm my account' }).click();
    await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();

    // The two guest orders of this email (in any case), not the stranger's; none in the account yet.
    await page.getByText(`You bought 2 orders as a guest with ${EMAIL}`).waitFor();
    const offer = page.locator('.account-claims');
    expect(await offer.getByText(`Order ${upcoming.code}`).count()).toBe(1);
    expect(await offer.getByText(`Order ${past.code}`).count()).toBe(1);
    expect(await offer.getByText(`Order ${strangers.code}`).count()).toBe(0);
    await page.getByText('No tickets yet.').waitFor();
    await expectAxeClean(page, 'account claims offer 360');

    await page.getByRole('button', { name: 'Add them to my account' }).click();
    await page.getByText('2 orders added to your account.').waitFor();
    const upcomingPart = page.getByRole('region', { name: 'Upcoming' });
    const pastPart = page.getByRole('region', { name: 'Past' });
    const swanLake = upcomingPart.getByRole('region', { name: 'Swan Lake' });
    await swanLake.waitFor();
    const states = swanLake.locator('.account-tickets li');
    expect(await states.count()).toBe(3);
    expect(await states.locator('[class*=ticket-state-]').allTextContents()).toEqual([
      'Valid',
      expect.stringMatching(/^Used \S/),
      'Refunded',
    ]);
    expect(await states.nth(1).getAttribute('data-state')).toBe('used');
    await pastPart.getByRole('region', { name: 'Giselle' }).waitFor();
    expect(await upcomingPart.getByRole('region', { name: 'Giselle' }).count()).toBe(0);
    await expectAxeClean(page, 'account wallet after claiming 360');

    // The claim is the account's: a reload lists the same tickets, and nothing is left to offer.
    await page.reload();
    await swanLake.waitFor();
    expect(await page.locator('.account-claims').count()).toBe(0);
    await context.close();
  }, 120_000);

  // The account the test above made, and its claimed orders.
  it('a customer who forgot the password: the sign-in page, the mailed link to the shop, a new password, signed in', async () => {
    const page = await onPhone();
    const context = page.context();
    await page.goto(world.cloud.url + '/signin');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill(EMAIL);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(`If ${EMAIL} has an account`).waitFor();
    await expectAxeClean(page, 'password reset asked 360');

    // The reset email's link opens the shop's page (not the back office's).
    await openMailedLink(page, EMAIL, 'Reset your TicketBoss password');
    await page.getByRole('link', { name: 'Choose a new password' }).click();
    expect(new URL(page.url()).pathname).toBe('/password/reset');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel(/Password/).fill('a brand new long password');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('heading', { name: 'Your password is changed' }).waitFor();
    await expectAxeClean(page, 'password changed 360');

    await page.locator('section.signin').getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill(EMAIL);
    await page.getByLabel('Password').fill('a brand new long password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My tickets', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Swan Lake' }).waitFor();
    await context.close();
  }, 120_000);

  it('an account whose email was never confirmed is told how to confirm it, and offered nothing before', async () => {
    const email = 'old.account@example.com';
    await buyAsGuest(world.eventId, world.seatIds.slice(230, 231), email);
    await insertUser(world.cloud.services.db, {
      id: randomUUID(),
      email,
      password_hash: await hashPassword('an old long password'),
      name: 'Old Account',
      groups: [],
      venue_id: null,
    });
    const page = await onPhone();
    await page.goto(world.cloud.url + '/signin');
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password').fill('an old long password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Orders you bought as a guest with ${email} can be added here`).waitFor();
    expect(await page.getByRole('button', { name: /to my account/ }).count()).toBe(0);
    await expectAxeClean(page, 'account email not confirmed 360');
    await page.getByRole('link', { name: /Confirm it with a link by email/ }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.context().close();
  }, 60_000);
});
