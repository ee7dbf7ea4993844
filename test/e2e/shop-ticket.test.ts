// The ticket page on a phone, in real Chromium: a paid order's ticket opened at /tickets/<orderId> makes a key pair
// whose private key cannot be exported, binds it, and shows a QR that changes every 15 s with its countdown. The QR
// images are decoded (jsQR) at two moments of the page's clock (Playwright's page.clock) and checked by the door's
// own code path offline (verifyRotatingCode of cloud/domain/tickets/rotating-code.ts): the fresh code is admitted, a
// 60 s old one is refused as expired, the same code twice as replayed. Then the network is cut for real (a TCP proxy
// in front of the cloud) and a reload still shows a code the door admits, from the service worker's files and the
// phone's IndexedDB. The order page links to it where the event's policy is rotating (and shows no static QR under
// rotating_only); the page is installable (Chromium finds no fault in its manifest);
// a second phone is told the ticket is shown elsewhere; German and Arabic (right to left) are axe-clean.
// Everything is the real thing: the cloud's binding route issues the credential over the venue's ticket key, and the
// door checks with the keys a scanner downloads (GET /v1/tickets/keys).
import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { startNetProxy, type NetProxy } from '../support/net-proxy.ts';
import { jsQR } from '../support/pdf-reader.ts';
import { expectAxeClean } from '../support/axe.ts';
import {
  InMemoryReplayMemory,
  readRotatingCode,
  verifyRotatingCode,
} from '../../cloud/domain/tickets/rotating-code.ts';

const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 3,
  bypassCSP: true, // axe is injected as a script
  hasTouch: true,
  isMobile: true,
};

interface BoughtTicket {
  id: string;
  seatId: string;
}
interface BoughtOrder {
  id: string;
  accessToken: string;
  tickets: BoughtTicket[];
}

describe.skipIf(!chromiumPath())('web shop: the ticket page on a phone', () => {
  let world: ShopWorld;
  let proxy: NetProxy;
  let browser: Browser;
  let order: BoughtOrder;
  /** A second order, for the second phone (a ticket binds to one phone). */
  let otherOrder: BoughtOrder;
  let adminToken: string;
  /** The keys the door accepts, as a scanner gets them (GET /v1/tickets/keys). */
  let venueKeys: KeyObject[];
  /** Every public key the phone sent to the binding route, per ticket. */
  const boundKeys = new Map<string, Set<string>>();

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(world.cloud.url + path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: await response.json() };
  };

  /** A guest's order of the seats, paid through the sandbox. */
  const buy = async (seatIds: string[]): Promise<BoughtOrder> => {
    const hold = await api('POST', `/v1/events/${world.eventId}/holds`, { seatIds });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const created = await api(
      'POST',
      '/v1/orders',
      {
        holdId: hold.body.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: `${world.cloud.url}/checkout/return` },
      },
      { 'x-hold-token': hold.body.token ?? '', 'idempotency-key': randomUUID() },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await world.cloud.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
    const paid = await api('POST', `/v1/orders/${created.body.id}/payments/complete`, undefined, {
      'x-order-token': created.body.accessToken,
      'idempotency-key': randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    return { ...paid.body, accessToken: created.body.accessToken };
  };

  const setCodePolicy = async (codePolicy: 'static' | 'rotating' | 'rotating_only') => {
    const patched = await api(
      'PATCH',
      `/v1/admin/events/${world.eventId}`,
      { codePolicy },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  };

  /** Watches the phone's calls to the binding route (the cloud's own route answers them): the keys sent per ticket. */
  const watchBinding = (context: BrowserContext) => {
    context.on('request', (request) => {
      const ticketId = /\/tickets\/([^/]+)\/device-key$/.exec(request.url())?.[1];
      if (!ticketId || request.method() !== 'POST') return;
      const { publicKey } = request.postDataJSON() as { publicKey: string };
      boundKeys.set(ticketId, (boundKeys.get(ticketId) ?? new Set()).add(publicKey));
    });
  };

  /** What a door's scanner reads off the ticket's QR now, and the code's time as the page shows it. */
  const scan = async (page: Page): Promise<{ code: string; time: number }> => {
    const figure = page.locator('figure.rotating-qr');
    const time = Number(await figure.getAttribute('data-code-time'));
    const png = PNG.sync.read(await figure.locator('img').screenshot());
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? 'unreadable';
    return { code, time };
  };

  /**
   * Waits until the page shows the code of this time (unix seconds of its window). Not "another code than before": a
   * window of the real clock can end between reading the shown code and setting the page's clock, and its next code
   * would then pass for the fake clock's.
   */
  const codeOfTime = (page: Page, time: number) =>
    page.waitForFunction((wanted) => {
      const shown = document.querySelector('figure.rotating-qr')?.getAttribute('data-code-time');
      return Number(shown) === wanted && document.querySelector('figure.rotating-qr img');
    }, time);

  const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

  beforeAll(async () => {
    world = await startShop({ name: 'Swan Lake' });
    proxy = await startNetProxy(world.cloud.url);
    browser = await launchBrowser();
    venueKeys = (await api('GET', '/v1/tickets/keys')).body.keys.map((key: { publicKey: string }) =>
      createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' }),
    );
    adminToken = await world.cloud.issuer.issue({ sub: 'ticket-admin', groups: ['admin'] });
    order = await buy([world.seatIds[420]!]);
    otherOrder = await buy([world.seatIds[421]!]);
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await world?.cloud.close();
  });

  it('shows a code that changes every 15 s: fresh admitted, 60 s old expired, twice replayed; offline after a reload', async () => {
    const context = await browser.newContext(PHONE);
    watchBinding(context);
    const page = await context.newPage();
    await page.goto(`${proxy.url}/tickets/${order.id}?token=${encodeURIComponent(order.accessToken)}`);
    await page.getByRole('heading', { name: 'Your ticket on this phone' }).waitFor();
    await page.locator('figure.rotating-qr img').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.rotating-qr-countdown').textContent()).toMatch(/^New code in \d+ seconds?$/);
    // The page keeps itself for offline use once its first code is drawn, and says so.
    await page.getByText('Saved on this phone').waitFor({ timeout: 20_000 });
    await expectAxeClean(page, 'ticket page 360');

    // From here the page's clock stands still (its timers run), a quarter into a window two minutes back: each
    // code's time is known. (Set after the page is saved: the fake clock also stands in for Resource Timing.)
    const start = Math.floor(Date.now() / 15_000) * 15_000 - 120_000 + 3_750;
    await page.clock.setFixedTime(start);
    await codeOfTime(page, Math.floor(start / 15_000) * 15);
    const first = await scan(page);
    expect(first.time).toBe(Math.floor(start / 15_000) * 15);
    const replays = new InMemoryReplayMemory();
    const door = (code: string, nowSeconds: number) =>
      verifyRotatingCode({ publicKeys: venueKeys, code, now: at(nowSeconds), replays });

    // Fresh: admitted, naming the ticket; and the phone's key was sent once, its private half not extractable.
    const admitted = door(first.code, first.time + 4);
    expect(admitted).toMatchObject({ ok: true, code: { ticketId: order.tickets[0]!.id, time: first.time } });
    expect(boundKeys.get(order.tickets[0]!.id)?.size).toBe(1);
    expect(await privateKeyExtractable(page)).toBe(false);

    // A minute later on the page's clock: a new code; the first one is now 60 s old and refused as expired.
    await page.clock.setFixedTime(start + 60_000);
    await codeOfTime(page, first.time + 60);
    const later = await scan(page);
    expect(later.time).toBe(first.time + 60);
    expect(later.code).not.toBe(first.code);
    expect(door(first.code, later.time + 1)).toEqual({ ok: false, reason: 'code_expired' });
    expect(door(later.code, later.time + 1)).toMatchObject({ ok: true });
    // The same code read again (a screenshot passed back over the fence) is a replay.
    expect(door(later.code, later.time + 2)).toEqual({ ok: false, reason: 'code_replayed' });

    // Offline: cut the network for real and reload.
    proxy.cut();
    try {
      await page.reload();
      await page.getByText('You are offline. These are the tickets saved on this phone.').waitFor({ timeout: 20_000 });
      await page.locator('figure.rotating-qr img').waitFor({ timeout: 20_000 });
      const offline = await scan(page);
      expect(offline.time).toBeGreaterThanOrEqual(later.time);
      expect(readRotatingCode(venueKeys, offline.code, at(offline.time + 1))).toMatchObject({
        ok: true,
        code: { ticketId: order.tickets[0]!.id },
      });
      // Offline the phone binds nothing new: the same single key.
      expect(boundKeys.get(order.tickets[0]!.id)?.size).toBe(1);
    } finally {
      proxy.restore();
    }
    await context.close();
  });

  it('is reached from the order page and is an installable web app: a fault-free manifest and a service worker', async () => {
    const wallet = `${proxy.url}/orders/${otherOrder.id}?token=${encodeURIComponent(otherOrder.accessToken)}`;
    const liveCodeLink = (page: Page) => page.getByRole('link', { name: 'Show the live code on this phone' });
    // An event on static codes (the default): the wallet shows its QR and no way to a live code.
    const before = await browser.newContext(PHONE);
    const staticPage = await before.newPage();
    await staticPage.goto(wallet);
    await staticPage.locator('img.ticket-qr').waitFor({ timeout: 20_000 });
    expect(await liveCodeLink(staticPage).count()).toBe(0);
    await before.close();

    // The organizer turns rotating codes on: the wallet (the email's link, the account's list) leads to the live code.
    // (A fresh browser each time: the event's details are cached 30 s.)
    await setCodePolicy('rotating');
    const context = await browser.newContext(PHONE);
    watchBinding(context);
    const page = await context.newPage();
    await page.goto(wallet);
    await liveCodeLink(page).click();
    await page.waitForURL(`${proxy.url}/tickets/${otherOrder.id}?token=*`);
    await page.getByText('Saved on this phone').waitFor({ timeout: 20_000 });
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    expect(manifest.url).toBe(`${proxy.url}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data!)).toMatchObject({ name: 'TicketBoss', display: 'standalone', start_url: '/' });
    const installability = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    // Playwright's contexts are incognito ones, where Chromium never offers to install; nothing else may be wrong.
    expect(installability.installabilityErrors).toEqual([{ errorId: 'in-incognito', errorArguments: [] }]);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${proxy.url}/sw.js`);
    await context.close();

    // Rotating codes only: the wallet's static QR would be refused at the door, so the card leads to the live code.
    await setCodePolicy('rotating_only');
    const only = await browser.newContext(PHONE);
    const onlyPage = await only.newPage();
    await onlyPage.goto(wallet);
    await onlyPage.getByText('This event admits the live code of a phone, not this QR code.').waitFor();
    expect(await onlyPage.locator('img.ticket-qr').count()).toBe(0);
    expect(await liveCodeLink(onlyPage).count()).toBe(2); // the order's link and the card's
    await only.close();
    await setCodePolicy('static');

    // Another phone (a fresh browser) opening the first order's ticket is told it is shown elsewhere, with no code.
    const elsewhere = await browser.newContext(PHONE);
    watchBinding(elsewhere);
    const second = await elsewhere.newPage();
    await second.goto(`${proxy.url}/tickets/${order.id}?token=${encodeURIComponent(order.accessToken)}`);
    await second.getByText('This ticket is already shown on another phone').waitFor({ timeout: 20_000 });
    expect(await second.locator('figure.rotating-qr').count()).toBe(0);
    await elsewhere.close();
  });

  it('speaks German (formally) and Arabic (right to left), axe-clean', async () => {
    for (const [locale, heading, countdown, seat] of [
      ['de', 'Ihr Ticket auf diesem Telefon', /^Neuer Code in \d+ Sekunden?$/, 430],
      ['ar', 'تذكرتك على هذا الهاتف', /^رمز جديد (بعد|الآن)/, 431],
    ] as const) {
      const bought = await buy([world.seatIds[seat]!]);
      const context = await browser.newContext({ ...PHONE, locale });
      watchBinding(context);
      const page = await context.newPage();
      await page.goto(`${proxy.url}/tickets/${bought.id}?token=${encodeURIComponent(bought.accessToken)}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.locator('figure.rotating-qr img').waitFor({ timeout: 20_000 });
      expect(await page.locator('.rotating-qr-countdown').textContent()).toMatch(countdown);
      expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      await expectAxeClean(page, `ticket page ${locale} 360`);
      await context.close();
    }
  });
});

/** Whether the phone's stored private key could be exported (IndexedDB read in the page, as the page stores it). */
function privateKeyExtractable(page: Page): Promise<boolean | null> {
  return page.evaluate(
    () =>
      new Promise<boolean | null>((resolve, reject) => {
        const opening = indexedDB.open('ticketboss-phone');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const all = opening.result.transaction('passes').objectStore('passes').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            const passes = all.result as { keys: CryptoKeyPair }[];
            resolve(passes.length ? passes[0]!.keys.privateKey.extractable : null);
          };
        };
      }),
  );
}
