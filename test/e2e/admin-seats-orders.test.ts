// The back office's seat management and orders in real Chromium against the local cloud: an organizer signs in,
// paints two house seats on the event's map and blocks them, and the shop then cannot select them; the order desk
// finds a buyer's order, adds a note and changes the email, each in the order's history. axe-clean at 768, 1280 and
// 1920 wide, nothing sideways to scroll.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SeatMap } from '../../cloud/contract/index.ts';
import { expectAxeClean } from '../support/axe.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { seatPoint, statusOf } from '../support/seat-map.ts';

const EMAIL = 'organizer@theatre.example';
const PASSWORD = 'correct horse battery staple';

async function signIn(page: Page, world: ShopWorld, then: string) {
  await page.goto(`${world.cloud.url}/admin/sign-in`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Seat management' }).waitFor();
  await page.goto(`${world.cloud.url}${then}`);
}

describe.skipIf(!chromiumPath())('back office seat management and orders in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop({ name: 'Giselle' });
    await world.cloud.services.identity.createDevice({ venueId: world.venueId, kind: 'boxoffice', name: 'Counter 1' });
    await world.cloud.services.identity.createStaff({
      email: EMAIL,
      password: PASSWORD,
      name: 'Olga Organizer',
      role: 'admin',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('blocks two house seats by painting them (the shop cannot select them) and allots two to a box office', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, world, `/admin/seats/${world.eventId}`);
    const canvas = page.locator('canvas.seatmap');
    await canvas.waitFor();
    const [first, second] = [world.seatIds[300]!, world.seatIds[301]!];

    // Zoom in on the two seats with the wheel (painting off, the map pans and zooms as in the shop).
    await page.getByLabel(/Paint seats/).uncheck();
    const box = (await canvas.boundingBox())!;
    const near = await seatPoint(page, first);
    await page.mouse.move(box.x + near.x, box.y + near.y);
    await page.mouse.wheel(0, -600);
    await expect
      .poll(async () => Math.abs((await seatPoint(page, second)).x - (await seatPoint(page, first)).x))
      .toBeGreaterThan(12);
    await page.getByLabel(/Paint seats/).check();

    // Paint: a drag around exactly these two seats.
    const a = await seatPoint(page, first);
    const b = await seatPoint(page, second);
    const margin = Math.abs(b.x - a.x) / 3;
    await page.mouse.move(box.x + Math.min(a.x, b.x) - margin, box.y + Math.min(a.y, b.y) - margin);
    await page.mouse.down();
    await page.mouse.move(box.x + Math.max(a.x, b.x) + margin, box.y + Math.max(a.y, b.y) + margin, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('2 seats selected.');

    await expectAxeClean(page, 'seat management at 1280');
    await page.getByLabel('Kind').first().selectOption('house');
    await page.getByLabel('Note').first().fill('For the choreographer');
    await page.getByRole('button', { name: 'Block 2 seats' }).click();
    await page.getByText('House seats: 2 seats.').waitFor();
    const offSale = page.getByRole('table', { name: 'Seats off sale' });
    await offSale.getByText('For the choreographer').first().waitFor();
    expect(await offSale.getByRole('row').count()).toBe(3); // the header and the two seats
    await expect.poll(() => statusOf(page, first)).toBe(3);

    // Two more seats painted go to the box office as its allotment.
    const [third, fourth] = [world.seatIds[303]!, world.seatIds[304]!];
    const c = await seatPoint(page, third);
    const d = await seatPoint(page, fourth);
    const gap = Math.abs(d.x - c.x) / 3;
    await page.mouse.move(box.x + Math.min(c.x, d.x) - gap, box.y + Math.min(c.y, d.y) - gap);
    await page.mouse.down();
    await page.mouse.move(box.x + Math.max(c.x, d.x) + gap, box.y + Math.max(c.y, d.y) + gap, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('2 seats selected.');
    await page.getByRole('button', { name: 'Allot 2 seats to this box office' }).click();
    await page.getByRole('button', { name: 'Take back from Counter 1' }).waitFor();
    await expect.poll(() => statusOf(page, third)).toBe(1);
    for (const width of [768, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAxeClean(page, `seat management at ${width}`);
    }

    // The shop: both seats are shown as not for sale and clicking them selects nothing.
    const shop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await shop.goto(world.cloud.url + '/');
    await shop.getByRole('link', { name: 'Giselle' }).click();
    await shop.locator('canvas.seatmap').waitFor();
    expect(await statusOf(shop, first)).toBe(3);
    expect(await statusOf(shop, second)).toBe(3);
    const shopCanvas = shop.locator('canvas.seatmap');
    const shopBox = (await shopCanvas.boundingBox())!;
    await shopCanvas.focus();
    // Zoom about the two seats (the wheel zooms about the pointer), so they stay on the map beside the side panel.
    const shopSeat = await seatPoint(shop, first);
    await shop.mouse.move(shopBox.x + shopSeat.x, shopBox.y + shopSeat.y);
    await shop.mouse.wheel(0, -600);
    await shopCanvas.click({ position: await seatPoint(shop, first) });
    await shopCanvas.click({ position: await seatPoint(shop, second) });
    expect(await shop.getByRole('button', { name: /Hold these/ }).count()).toBe(0);
    // And the API refuses a hold on them outright.
    const refused = await fetch(`${world.cloud.url}/v1/events/${world.eventId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seatIds: [first] }),
    });
    expect(refused.status).toBe(409);
    expect(errors).toEqual([]);
  });

  it('turns a seat held, then sold in the shop, on the open seat screen without a reload', async () => {
    const seatId = world.seatIds[800]!;
    const map = (await (
      await fetch(
        `${world.cloud.url}/v1/seatmaps/${(await (await fetch(`${world.cloud.url}/v1/events/${world.eventId}`)).json()).seatmapId}`,
      )
    ).json()) as SeatMap;
    const seat = map.seats.find((s) => s.id === seatId)!;
    const section = map.sections.find((s) => s.id === seat.sectionId)!;

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, world, `/admin/seats/${world.eventId}`);
    await page.locator('canvas.seatmap').waitFor();
    await expect.poll(() => statusOf(page, seatId)).toBe(0);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { stillOpen: boolean }).stillOpen = true));

    // A buyer chooses the seat in the shop (the list view) and holds it: the seat screen shows it held.
    const shop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await shop.goto(`${world.cloud.url}/events/${world.eventId}`);
    await shop.getByRole('button', { name: 'List', exact: true }).click();
    await shop.getByRole('button', { name: section.name, exact: true }).click();
    await shop
      .getByRole('list', { name: `Row ${seat.row}`, exact: true })
      .getByRole('button', { name: new RegExp(`row ${seat.row}, seat ${seat.number},`) })
      .click();
    await shop.getByRole('button', { name: 'Hold this seat and check out' }).click();
    await expect.poll(() => statusOf(page, seatId), { timeout: 5_000 }).toBe(1);

    // … and pays: the seat turns sold on the open screen.
    await shop.getByRole('heading', { name: 'Checkout' }).waitFor();
    await shop.getByRole('textbox', { name: 'Email' }).fill('ada@example.com');
    await shop.getByRole('textbox', { name: 'Full name' }).fill('Ada Lovelace');
    await shop.getByRole('button', { name: /^Pay / }).click();
    await shop.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
    await shop.getByRole('button', { name: 'Approve', exact: true }).click();
    await shop.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });
    await expect.poll(() => statusOf(page, seatId), { timeout: 5_000 }).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { stillOpen?: boolean }).stillOpen)).toBe(true);
    expect(errors).toEqual([]);
    await shop.close();
    await page.close();
  });

  it('finds an order, adds a note and changes the email, each in its history; axe-clean at 768, 1280 and 1920', async () => {
    const { services } = world.cloud;
    const hold = await services.holds.create(world.eventId, { seatIds: [world.seatIds[500]!] }, undefined);
    const order = await services.orders.checkout.create(
      {
        holdId: hold.id,
        buyer: { email: 'marie@example.com', name: 'Marie Taglioni' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: `${world.cloud.url}/` },
      },
      { holdToken: hold.token },
      { resource: null, recordResource: async () => {}, complete: async () => {} },
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await signIn(page, world, '/admin/orders');
    await page.getByLabel('Buyer, order code or ticket').fill('taglioni');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: order.code }).click();
    await page.getByRole('heading', { name: `Order ${order.code}` }).waitFor();

    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByText('Write the note first.').waitFor();
    await page.getByLabel('Add a note').fill('Asked for a wheelchair space next time.');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByText('Asked for a wheelchair space next time.').first().waitFor();

    await page.getByLabel("Buyer's email", { exact: true }).fill('not an email');
    await page.getByRole('button', { name: 'Change the email' }).click();
    await expect
      .poll(() => page.getByLabel("Buyer's email", { exact: true }).getAttribute('aria-invalid'))
      .toBe('true');
    await page.getByLabel("Buyer's email", { exact: true }).fill(`marie+${randomUUID().slice(0, 4)}@example.com`);
    await page.getByLabel(/Send the tickets to the new address/).uncheck();
    await page.getByRole('button', { name: 'Change the email' }).click();
    await expect.poll(() => page.getByTestId('order-history').textContent()).toMatch(/Changed the buyer's email/);
    expect(await page.getByTestId('order-history').textContent()).toMatch(/Noted on order/);

    for (const width of [768, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAxeClean(page, `order page at ${width}`);
    }
    await page.goto(`${world.cloud.url}/admin/orders?q=taglioni`);
    await page.getByRole('link', { name: order.code }).waitFor();
    for (const width of [768, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await expectAxeClean(page, `order search at ${width}`);
    }
  });
});
