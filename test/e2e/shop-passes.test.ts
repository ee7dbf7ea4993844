// passes (issue 19), in real Chromium: the order page shows "Add to Apple Wallet" and "Save to Google Wallet" under a
// valid ticket only when the deployment offers them; the Apple button downloads a signed .pkpass of that ticket, the
// Google button opens Google's save page with a JWT of it; without wallet settings no button is shown.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportPKCS8, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { makeTestPassChain, unzip, verifyDetachedSignature, type TestPassChain } from '../support/passes.ts';

const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };

async function buy(world: ShopWorld, seatId: string): Promise<{ id: string; accessToken: string; ticketId: string }> {
  const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(world.cloud.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return response.json();
  };
  const hold = await call(`/v1/events/${world.eventId}/holds`, { seatIds: [seatId] });
  const created = await call(
    '/v1/orders',
    {
      holdId: hold.id,
      buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
      delivery: { method: 'email' },
      payment: { method: 'sandbox', returnUrl: `${world.cloud.url}/checkout/return` },
    },
    { 'x-hold-token': hold.token, 'idempotency-key': randomUUID() },
  );
  await world.cloud.sandbox.decide(created.payments[0].redirectUrl.split('/').at(-1), 'approve');
  const paid = await call(`/v1/orders/${created.id}/payments/complete`, undefined, {
    'x-order-token': created.accessToken,
    'idempotency-key': randomUUID(),
  });
  expect(paid.state).toBe('paid');
  return { id: created.id, accessToken: created.accessToken, ticketId: paid.tickets[0].id };
}

describe.skipIf(!chromiumPath())('web shop: wallet pass buttons', () => {
  let browser: Browser;
  let offered: ShopWorld;
  let plain: ShopWorld;
  let chain: TestPassChain;
  let googleKey: CryptoKey;

  beforeAll(async () => {
    chain = makeTestPassChain();
    const google = await generateKeyPair('RS256', { extractable: true });
    googleKey = google.publicKey;
    [browser, offered, plain] = await Promise.all([
      launchBrowser(),
      startShop({
        passes: {
          apple: chain.config,
          google: {
            issuerId: '3388000000012345678',
            serviceAccountEmail: 'wallet@test.iam.gserviceaccount.com',
            privateKey: await exportPKCS8(google.privateKey),
          },
        },
      }),
      startShop(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([offered?.cloud.close(), plain?.cloud.close()]);
  });

  const openOrder = async (world: ShopWorld, order: { id: string; accessToken: string }): Promise<Page> => {
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, ...PHONE });
    const page = await context.newPage();
    await page.goto(`${world.cloud.url}/orders/${order.id}?token=${encodeURIComponent(order.accessToken)}`);
    await page.locator('img.ticket-qr').first().waitFor();
    return page;
  };

  it('offers both wallets: the Apple button saves the signed pass, the Google button opens the save link', async () => {
    const order = await buy(offered, offered.seatIds[10]!);
    const page = await openOrder(offered, order);
    const apple = page.getByRole('button', { name: 'Add to Apple Wallet' });
    await apple.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), apple.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pkpass$/);
    const files = unzip(readFileSync((await download.path())!));
    verifyDetachedSignature(files.get('signature')!, files.get('manifest.json')!, chain.caPem);
    expect(JSON.parse(files.get('pass.json')!.toString('utf8')).serialNumber).toBe(order.ticketId);

    // Google's page is not reached: the navigation is answered here and its address read.
    let saveUrl = '';
    await page.route('https://pay.google.com/**', async (route) => {
      saveUrl = route.request().url();
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<p>saved</p>' });
    });
    await Promise.all([
      page.waitForURL(/pay\.google\.com/),
      page.getByRole('button', { name: 'Save to Google Wallet' }).click(),
    ]);
    const jwt = saveUrl.replace('https://pay.google.com/gp/v/save/', '');
    const { payload } = await jwtVerify(jwt, googleKey, { audience: 'google' });
    const objects = (payload.payload as { eventTicketObjects: { id: string }[] }).eventTicketObjects;
    expect(objects[0]!.id).toBe(`3388000000012345678.ticket-${order.ticketId}`);
    await page.context().close();
  });

  it('shows no wallet button where none is configured', async () => {
    const order = await buy(plain, plain.seatIds[10]!);
    const page = await openOrder(plain, order);
    // The config answer is in once the order page asked for it; then neither button may be there.
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: /Wallet/ }).count()).toBe(0);
    await page.context().close();
  });
});
