// Passing tickets on (issue 19) in real Chromium: the buyer, on a 360 × 740 phone, opens the order page by its link,
// picks one ticket, names the recipient and sends it; the recipient, in another browser context, opens the accept
// link, accepts, and lands on their own order page with the new ticket (a QR of a new code); the sender's page then
// shows that ticket as passed on, without its QR. Both screens are axe-clean.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { expectAxeClean } from '../support/axe.ts';

const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

describe.skipIf(!chromiumPath())('web shop: passing tickets on', () => {
  let world: ShopWorld;
  let browser: Browser;

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(world.cloud.url + path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    world = await startShop({ name: 'Swan Lake' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('the sender sends one ticket from a phone; the recipient accepts it in another context', async () => {
    const hold = await api('POST', `/v1/events/${world.eventId}/holds`, {
      seatIds: [world.seatIds[400]!, world.seatIds[401]!],
    });
    const created = await api(
      'POST',
      '/v1/orders',
      {
        holdId: hold.body.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: `${world.cloud.url}/checkout/return` },
      },
      { 'x-hold-token': hold.body.token, 'idempotency-key': randomUUID() },
    );
    await world.cloud.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
    const order = await api('POST', `/v1/orders/${created.body.id}/payments/complete`, undefined, {
      'x-order-token': created.body.accessToken,
      'idempotency-key': randomUUID(),
    });
    expect(order.body.state).toBe('paid');
    const [given, kept] = order.body.tickets as { id: string; code: string; row: string; number: string }[];
    const orderLink = `/orders/${created.body.id}?token=${encodeURIComponent(created.body.accessToken)}`;

    // The sender, on a phone.
    const sender = await (await browser.newContext({ bypassCSP: true, ...PHONE })).newPage();
    await sender.goto(world.cloud.url + orderLink);
    await sender.getByRole('heading', { name: 'Send tickets to someone' }).waitFor({ timeout: 20_000 });
    await sender.getByRole('checkbox', { name: `Seat ${given!.number}` }).check();
    await sender.getByLabel("Recipient's name").fill('Grace Hopper');
    await sender.getByLabel("Recipient's email").fill('grace@example.com');
    await sender.getByRole('button', { name: 'Send 1 ticket' }).click();
    await sender.getByRole('status').filter({ hasText: 'We emailed grace@example.com' }).waitFor();
    await sender.getByText('1 ticket waiting for Grace Hopper (grace@example.com) to accept.').waitFor();
    await expectAxeClean(sender, 'transfer sent 360');

    // The link of the recipient's email (the API test reads it from the email itself).
    const listed = await api('GET', `/v1/orders/${created.body.id}/transfers`, undefined, {
      'x-order-token': created.body.accessToken,
    });
    const token = world.cloud.services.transfers.tickets.token(listed.body.transfers[0].id);

    // The recipient, in another context, accepts.
    const recipient = await (await browser.newContext({ bypassCSP: true, ...DESKTOP })).newPage();
    await recipient.goto(`${world.cloud.url}/transfer/accept?token=${encodeURIComponent(token)}`);
    await recipient.getByRole('heading', { name: 'Ada Lovelace is passing tickets on to you' }).waitFor();
    await recipient.getByText(`Seat ${given!.number}`).waitFor();
    expect(await recipient.getByLabel('Name on the tickets').inputValue()).toBe('Grace Hopper');
    await expectAxeClean(recipient, 'transfer accept 1280');
    await recipient.getByRole('button', { name: 'Accept the ticket' }).click();
    await recipient.waitForURL(/\/orders\/[0-9a-f-]+\?token=/u);
    await expect.poll(() => recipient.locator('img.ticket-qr').count(), { timeout: 20_000 }).toBe(1);
    const card = recipient.locator('li.ticket-card');
    expect(await card.textContent()).toContain(`Seat ${given!.number}`);
    expect(await card.textContent()).toContain('Grace Hopper');
    expect(await card.textContent()).toContain('Valid');

    // The sender's page, read again: the ticket passed on has no QR any more; the kept one still has its QR.
    await sender.reload();
    const senderCard = (number: string) => sender.locator('li.ticket-card').filter({ hasText: `Seat ${number}` });
    await senderCard(given!.number).getByText('Passed on', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await senderCard(given!.number).locator('img.ticket-qr').count()).toBe(0);
    await expect.poll(() => senderCard(kept!.number).locator('img.ticket-qr').count(), { timeout: 20_000 }).toBe(1);
    await sender.context().close();
    await recipient.context().close();
  });
});
