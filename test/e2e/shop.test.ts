// The web shop end to end in real Chromium against the local cloud (`npm start`'s server) on a fresh database: buying
// by clicking the map through the sandbox payment to the confirmation, the same on a phone with touch, a
// keyboard-only purchase, two buyers racing for one seat, and a hold running out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { seatPoint, statusOf } from '../support/seat-map.ts';

async function openEvent(page: Page, world: ShopWorld) {
  await page.goto(world.cloud.url + '/');
  await page.getByRole('link', { name: world.eventName }).click();
  await page.locator('canvas.seatmap').waitFor();
}

async function payWithSandbox(page: Page, buyer = { email: 'ada@example.com', name: 'Ada Lovelace' }) {
  await page.getByRole('heading', { name: 'Checkout' }).waitFor();
  await page.getByRole('textbox', { name: 'Email' }).fill(buyer.email);
  await page.getByRole('textbox', { name: 'Full name' }).fill(buyer.name);
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });
}

describe.skipIf(!chromiumPath())('web shop in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('buys two seats by clicking the map, through the sandbox payment, to the confirmation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openEvent(page, world);
    // Mouse: wheel to zoom in, drag to pan; the seats are clicked where they are after that.
    const canvas = page.locator('canvas.seatmap');
    const box = (await canvas.boundingBox())!;
    const scaleOf = () =>
      canvas.evaluate(
        (c) =>
          (c as unknown as { seatMapEngine: { viewport: { state: { scale: number } } } }).seatMapEngine.viewport.state
            .scale,
      );
    const before = await scaleOf();
    // The wheel zooms once the map has focus (unfocused, it scrolls the page).
    await canvas.focus();
    // Zoom about the seats to buy (the wheel zooms about the pointer): beside the side panel the map is narrower than
    // the page, and zoomed about its centre they would leave it.
    const target = await seatPoint(page, world.seatIds[300]!);
    await page.mouse.move(box.x + target.x, box.y + target.y);
    await page.mouse.wheel(0, -400);
    await expect.poll(scaleOf).toBeGreaterThan(before * 1.5);
    const anchor = await seatPoint(page, world.seatIds[300]!);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 5 });
    await page.mouse.up();
    const moved = await seatPoint(page, world.seatIds[300]!);
    expect(moved.x - anchor.x).toBeCloseTo(60, 0);
    expect(moved.y - anchor.y).toBeCloseTo(30, 0);
    const seats = [world.seatIds[300]!, world.seatIds[301]!];
    for (const seat of seats) await page.locator('canvas.seatmap').click({ position: await seatPoint(page, seat) });
    await page.getByText('2 seats:').waitFor();
    await page.getByRole('button', { name: /Hold these 2 seats/ }).click();
    await payWithSandbox(page);
    const code = await page.locator('.order-code').textContent();
    expect(code).toMatch(/^TB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await page.locator('.tickets li').count()).toBe(2);
    // The cloud agrees: the seats are sold to that order.
    const orders = await world.cloud.services.db.query<{ state: string }>('SELECT state FROM orders WHERE code = $1', [
      code,
    ]);
    expect(orders.rows[0]!.state).toBe('paid');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('buys on a 390×844 phone with touch: pinch to zoom, tap seats', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 3,
    });
    const page = await context.newPage();
    await openEvent(page, world);
    const canvas = page.locator('canvas.seatmap');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    // Pinch out with two fingers around a point in the stalls.
    const target = await seatPoint(page, world.seatIds[700]!);
    const cx = box.x + target.x;
    const cy = box.y + target.y;
    const cdp = await context.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints:
          type === 'touchEnd'
            ? []
            : [
                { x: cx - spread, y: cy, id: 1 },
                { x: cx + spread, y: cy, id: 2 },
              ],
      });
    await touch('touchStart', 10);
    for (let spread = 14; spread <= 60; spread += 4) await touch('touchMove', spread);
    await touch('touchEnd', 0);
    const scale = await canvas.evaluate(
      (c) =>
        (c as unknown as { seatMapEngine: { viewport: { state: { scale: number } } } }).seatMapEngine.viewport.state
          .scale,
    );
    expect(scale).toBeGreaterThan(0.9); // zoomed in from the whole house (about 0.35 on this screen)
    for (const seat of [world.seatIds[700]!, world.seatIds[701]!])
      await canvas.tap({ position: await seatPoint(page, seat) });
    await page.getByRole('button', { name: /Hold these 2 seats/ }).tap();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill('phone@example.com');
    await page.getByRole('textbox', { name: 'Full name' }).fill('Phone Buyer');
    await page.getByRole('button', { name: /^Pay / }).tap();
    await page.getByRole('button', { name: 'Approve', exact: true }).tap();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.tickets li').count()).toBe(2);
    await context.close();
  });

  it('buys with the keyboard alone: no mouse or pointer event at all', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Every document of the journey (shop, provider page, back) counts pointer input in this tab's storage.
    await page.addInitScript(() => {
      for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'touchstart', 'wheel']) {
        window.addEventListener(
          type,
          () =>
            sessionStorage.setItem('pointerEvents', String(Number(sessionStorage.getItem('pointerEvents') ?? 0) + 1)),
          true,
        );
      }
    });
    await page.goto(world.cloud.url + '/');
    const tabTo = async (name: RegExp, limit = 60) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const label = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          // Nothing focused is the body, whose text holds every word on the page: never a match.
          return el && el !== document.body
            ? `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''} ${(el as HTMLInputElement).name ?? ''}`
            : '';
        });
        if (name.test(label)) return;
      }
      throw new Error(`could not tab to ${name}`);
    };
    const countPointerEvents = () => page.evaluate(() => Number(sessionStorage.getItem('pointerEvents') ?? 0));
    await page.getByRole('link', { name: world.eventName }).waitFor();
    await tabTo(new RegExp(world.eventName));
    await page.keyboard.press('Enter');
    await page.locator('canvas.seatmap').waitFor();
    await tabTo(/Seat map/);
    await page.keyboard.press('PageDown'); // to the next section: the centre stalls
    const announcement = page.locator('p[aria-live="polite"].visually-hidden');
    await expect.poll(() => announcement.textContent()).toMatch(/row .+ seat .+ available/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => announcement.textContent()).toMatch(/^Selected /);
    await tabTo(/Hold these 2 seats/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await tabTo(/email/);
    await page.keyboard.type('keys@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kim Keyboard');
    expect(await countPointerEvents()).toBe(0);
    await tabTo(/^\s*Pay /);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
    await tabTo(/^\s*Approve\s*$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.tickets li').count()).toBe(2);
    expect(await countPointerEvents()).toBe(0);
    await page.close();
  });

  it('two buyers race for one seat: the loser sees it go live and is told why', async () => {
    const alice = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const bob = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await openEvent(alice, world);
    await openEvent(bob, world);
    const seat = world.seatIds[1200]!;
    await alice.locator('canvas.seatmap').click({ position: await seatPoint(alice, seat) });
    await alice.getByText('1 seat:').waitFor();
    await bob.locator('canvas.seatmap').click({ position: await seatPoint(bob, seat) });
    await bob.getByRole('button', { name: /Hold this seat/ }).click();
    await bob.getByRole('heading', { name: 'Checkout' }).waitFor();
    // Alice's map turns the seat held within a second, her selection drops it, and she is told.
    await expect.poll(() => statusOf(alice, seat), { timeout: 1000 }).toBe(1);
    await alice.getByRole('alert').filter({ hasText: 'just taken by someone else' }).waitFor({ timeout: 1000 });
    expect(await alice.getByRole('button', { name: /Hold this seat/ }).count()).toBe(0);
    // Clicking it again explains instead of selecting.
    await alice.locator('canvas.seatmap').click({ position: await seatPoint(alice, seat) });
    await alice.getByText('held by someone else').waitFor();
    await alice.context().close();
    await bob.context().close();
  });
});

describe.skipIf(!chromiumPath())('web shop: reconnects and errors', () => {
  let world: ShopWorld;
  let browser: Browser;
  beforeAll(async () => {
    world = await startShop({ name: 'Reconnect Recital' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('after the live connection drops, the page reconnects and reloads what it missed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The page reads its snapshot again once the live view confirms its subscription: it has settled when a read
    // asked for while subscribed has been answered (a later hold is in no snapshot it has).
    let readsWhileSubscribed = 0;
    page.on('request', (request) => {
      if (!request.url().includes('/availability') || world.cloud.live.subscriberCount(world.eventId) === 0) return;
      void request.response().then(() => readsWhileSubscribed++);
    });
    await openEvent(page, world);
    await expect.poll(() => readsWhileSubscribed).toBeGreaterThan(0);
    world.cloud.live.disconnectAll();
    // Someone holds a seat while this page is not listening: the change is published to nobody.
    const seat = world.seatIds[222]!;
    await world.cloud.services.holds.create(world.eventId, { seatIds: [seat] });
    expect(await statusOf(page, seat)).toBe(0);
    // The page reconnects (backing off from half a second) and reloads the snapshot.
    await expect.poll(() => statusOf(page, seat), { timeout: 5000 }).toBe(1);
    await expect.poll(() => world.cloud.live.subscriberCount(world.eventId)).toBe(1);
    await page.close();
  });

  it('shows the explanation the API gives, not a stack, when something is wrong', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${world.cloud.url}/events/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').filter({ hasText: 'No such event' }).waitFor();
    await page.goto(`${world.cloud.url}/orders/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').filter({ hasText: 'No such order' }).waitFor();
    expect(await page.content()).not.toMatch(/at \w+ \(|Error:/);
    await page.close();
  });
});

describe.skipIf(!chromiumPath())('a hold running out in the web shop', () => {
  let world: ShopWorld;
  let browser: Browser;
  beforeAll(async () => {
    world = await startShop({ holdTtlSeconds: 6, name: 'Short Hold Gala' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('counts down in the hold banner with a warning in the last minute, then says the seats were released', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openEvent(page, world);
    const seat = world.seatIds[50]!;
    await page.locator('canvas.seatmap').click({ position: await seatPoint(page, seat) });
    await page.getByRole('button', { name: /Hold this seat/ }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page
      .locator('.hold-banner.warning')
      .getByRole('timer')
      .getByText(/^0:0\d left$/)
      .waitFor();
    await page.getByRole('heading', { name: 'Your hold has expired' }).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Choose other seats' }).click();
    await page.locator('canvas.seatmap').waitFor();
    expect(await statusOf(page, seat)).toBe(0);
    await page.close();
  });
});
