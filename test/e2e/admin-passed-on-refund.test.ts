// The back office refunds a passed-on ticket in real Chromium against the local cloud: a guest's ticket was passed on
// and accepted; on the paying order's page the ticket shows who holds it now and can be chosen; the refund (quoted,
// confirmed) gives the money back and the holder's ticket is refunded with it. axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAxeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { buyAsGuest } from '../support/guest-order.ts';

const EMAIL = 'manager@theatre.example';
const PASSWORD = 'correct horse battery staple';

describe.skipIf(!chromiumPath())('back office refund of a passed-on ticket in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop({ name: 'Coppelia' });
    await world.cloud.services.identity.createStaff({ email: EMAIL, password: PASSWORD, name: 'Mia', role: 'admin' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('shows the holder of a passed-on ticket and refunds it from the paying order', async () => {
    const { services } = world.cloud;
    const order = await buyAsGuest(world.cloud, world.eventId, [world.seatIds[600]!, world.seatIds[601]!], {
      email: 'ada@example.com',
      name: 'Ada Lovelace',
    });
    const passed = order.tickets[0]!;
    const transfers = services.transfers.tickets;
    const sent = await transfers.send(
      order.id,
      { ticketIds: [passed.id], recipient: { email: 'grace@example.com', name: 'Grace Hopper' } },
      { orderToken: order.accessToken },
    );
    const accepted = await transfers.accept(transfers.token(sent.id), {}, undefined);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${world.cloud.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('navigation').waitFor();
    await page.goto(`${world.cloud.url}/admin/orders/${order.id}`);
    const holder = page.getByTestId('passed-on-holder');
    await holder.waitFor();
    expect(await holder.textContent()).toMatch(/passed on to Grace Hopper \(grace@example\.com\) · order \w+/u);
    await expectAxeClean(page, 'order page with a passed-on ticket');

    // The passed-on ticket is the first row's; choose it and refund.
    const boxes = page.getByRole('checkbox', { name: /^Refund / });
    await boxes.first().check();
    await page.getByLabel('Reason (the buyer is told)').fill('Holder cannot come');
    await page.getByRole('button', { name: 'Refund 1 chosen ticket' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/goes back the way it was paid/u).waitFor();
    await dialog.getByRole('button', { name: 'Refund' }).click();
    await page.getByText('The tickets are refunded.').waitFor();
    await expect.poll(() => page.getByTestId('order-history').textContent()).toMatch(/1 passed on/u);
    expect(await holder.count()).toBe(0);

    const theirs = await services.orders.queries.get(accepted.orderId, { orderToken: accepted.accessToken });
    expect(theirs.tickets.map((t) => t.status)).toEqual(['refunded']);
    const mine = await services.orders.queries.get(order.id, { orderToken: order.accessToken });
    expect(mine.tickets.map((t) => t.status)).toEqual(['refunded', 'valid']);
    expect(mine.refunded.amount).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
