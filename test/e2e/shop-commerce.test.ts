// Buying with ticket types, a promo code, fees and tax in the web shop, end to end in real Chromium on a phone
// (390×844, touch): the buyer chooses a type per seat (a per-order limit said before the cloud refuses it, a door
// check shown), a bad code is told beside the code field, the breakdown shows the exact amounts the cloud computed,
// the "Pay" button asks for the quote's total, and the order page shows the stored breakdown and each ticket's type.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { PriceBreakdown } from '../../cloud/contract/index.ts';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

const ADMIN = { sub: 'e2e-admin', groups: ['admin'] };
const childId = randomUUID();
const concessionId = randomUUID();

/** Sets the event's commerce: adult, child (at most 1 per order, checked at the door) and concession (checked) per
 * tier; a fixed service fee, a percent order fee and a posted-tickets fee; an exclusive sales tax on everything; a
 * 10 % promo code. */
async function sellWithTypes(world: ShopWorld) {
  const { settings, codes } = world.cloud.services.commerce;
  const list = await settings.priceList(ADMIN, world.eventId);
  const adultId = list.ticketTypes.find((type) => type.kind === 'adult')!.id;
  const [stalls, circle] = list.entries.map((entry) => entry.tierId);
  const price = (tierId: string, ticketTypeId: string, amount: number) => ({
    tierId: tierId!,
    ticketTypeId,
    amount,
    currency: 'EUR',
  });
  await settings.setPriceList(ADMIN, world.eventId, {
    ticketTypes: [
      { id: adultId, kind: 'adult', name: 'Adult', maxPerOrder: null, requiresCheck: null, accompaniedBy: null },
      { id: childId, kind: 'child', name: 'Child', maxPerOrder: 1, requiresCheck: 'Under 14', accompaniedBy: null },
      {
        id: concessionId,
        kind: 'concession',
        name: 'Concession',
        maxPerOrder: null,
        requiresCheck: 'Show a concession card',
        accompaniedBy: null,
      },
    ],
    entries: [
      price(stalls!, adultId, 8900),
      price(stalls!, childId, 4500),
      price(stalls!, concessionId, 6000),
      price(circle!, adultId, 4900),
      price(circle!, childId, 2500),
    ],
    hiddenTierIds: [],
  });
  await settings.setFees(ADMIN, world.eventId, {
    currency: 'EUR',
    serviceFee: { kind: 'fixed', amount: 150 },
    orderFee: { kind: 'percent', basisPoints: 250 },
    deliveryFees: [{ method: 'mail', amount: 400 }],
  });
  await settings.setVenueTax(ADMIN, world.venueId, {
    label: 'Sales tax',
    ratePpm: 88_750,
    mode: 'exclusive',
    feesTaxable: true,
  });
  await codes.createPromo(ADMIN, {
    eventId: world.eventId,
    code: 'SUMMER-10',
    discount: { kind: 'percent', basisPoints: 1000 },
    scope: { tierIds: null, ticketTypeIds: null },
    validFrom: null,
    validUntil: null,
    maxUses: null,
    maxUsesPerBuyer: null,
  });
}

/** The amount in a breakdown row, by the row's label. */
const amountIn = (page: Page, label: string | RegExp) =>
  page
    .locator('table.price-breakdown tr')
    .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
    .locator('td')
    .last()
    .textContent();

describe.skipIf(!chromiumPath())('web shop: ticket types, promo code, fees and tax', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop({ name: 'Priced Gala' });
    await sellWithTypes(world);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  it('on a phone: a child ticket, a bad code then a good one, the cloud’s breakdown, paid, the order shows it', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 3,
      locale: 'en-GB',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(world.cloud.url + '/');
    await page.getByRole('link', { name: world.eventName }).tap();
    await page.getByRole('button', { name: 'List', exact: true }).tap();
    await page.getByRole('button', { name: 'Orchestra Centre' }).tap();
    await page.getByRole('button', { name: /^Orchestra Centre, row C, seat 5,/ }).tap();
    await page.getByRole('button', { name: /^Orchestra Centre, row C, seat 6,/ }).tap();
    await page.getByRole('button', { name: /Hold these 2 seats/ }).tap();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();

    // One select per seat, adult first chosen, each type with its price in this tier.
    const first = page.getByRole('combobox', { name: 'ORCH-C, row C, seat 5' });
    const second = page.getByRole('combobox', { name: 'ORCH-C, row C, seat 6' });
    expect(await first.locator('option:checked').textContent()).toBe('Adult · €89.00');
    expect(await first.locator('option').allTextContents()).toEqual([
      'Adult · €89.00',
      'Child · €45.00',
      'Concession · €60.00',
    ]);
    // A concession says what the door checks; two children break the limit of one, and paying waits until fixed.
    await first.selectOption({ label: 'Concession · €60.00' });
    await page.getByText('Check at the door: Show a concession card').waitFor();
    await first.selectOption({ label: 'Child · €45.00' });
    await second.selectOption({ label: 'Child · €45.00' });
    await page.getByRole('alert').filter({ hasText: 'At most 1 Child ticket per order.' }).waitFor();
    expect(await page.getByRole('button', { name: /^Pay/ }).isDisabled()).toBe(true);
    await first.selectOption({ label: 'Adult · €89.00' });
    await expect.poll(() => page.getByText('At most 1 Child ticket per order.').count()).toBe(0);
    expect(await page.getByText('Check at the door: Under 14').count()).toBe(1);

    // A code the cloud does not know: told beside the field (described by it), not as a page error.
    const codeField = page.getByRole('textbox', { name: 'Promo code' });
    await codeField.fill('NO-SUCH-CODE');
    await page.getByRole('button', { name: 'Apply', exact: true }).tap();
    const codeError = page.locator('.promo-code [role="alert"]');
    await codeError.waitFor();
    expect(await codeError.textContent()).toMatch(/code/i);
    const describedBy = await codeField.getAttribute('aria-describedby');
    expect(describedBy).toBe(await codeError.getAttribute('id'));
    expect(await page.locator('.error').count()).toBe(0);

    await codeField.fill('summer-10');
    await page.getByRole('button', { name: 'Apply', exact: true }).tap();
    await page.getByText('Promo code summer-10 applied').waitFor();
    await page.getByRole('rowheader', { name: 'Discount (code SUMMER-10)' }).waitFor();
    expect(await codeError.count()).toBe(0);

    // The breakdown the cloud computed: 89.00 adult + 45.00 child, 10 % off, 1.50 service fee each, 2.5 % order
    // fee (of 120.60: 3.02), 8.875 % tax on each part, rounded per part.
    const held = await page.evaluate(
      () => (JSON.parse(sessionStorage.getItem('tb.hold')!) as { hold: { id: string; token: string } }).hold,
    );
    const quoted = await world.cloud.services.commerce.quotes.quote(
      held.id,
      { token: held.token },
      {
        lines: [
          { seatId: 'ORCH-C-C-5', ticketTypeId: (await adultOf(world))! },
          { seatId: 'ORCH-C-C-6', ticketTypeId: childId },
        ],
        code: 'SUMMER-10',
        delivery: { method: 'email' },
      },
    );
    const expected = quoted.breakdown;
    expect(expected.totals).toEqual({ subtotal: 13_400, discount: 1340, fees: 602, tax: 1123, total: 13_785 });
    expect(await amountIn(page, 'Subtotal')).toBe('€134.00');
    expect(await amountIn(page, 'Discount (code SUMMER-10)')).toBe('−€13.40');
    expect(await amountIn(page, 'Order fee')).toBe('€3.02');
    expect(await amountIn(page, 'Fees')).toBe('€6.02');
    expect(await amountIn(page, 'Sales tax 8.875%')).toBe('€11.23');
    expect(await amountIn(page, 'Total')).toBe('€137.85');
    const childRow = page.getByRole('row', { name: /ORCH-C, row C, seat 6 · Child/ });
    expect(await childRow.locator('td').allTextContents()).toEqual(['€45.00', '−€4.50', '€1.50']);
    // On a phone the order summary is folded at the top; its button says the total.
    await page.getByRole('button', { name: 'Show order summary €137.85' }).waitFor();
    // Unfolded, it names each seat as the map does (the section's name, not its code), says the child's type and
    // leaves the adult's (the default) unsaid; the confirmation says the very same line for each seat.
    const summaryLines = () => page.locator('.order-summary .summary-lines li').allTextContents();
    await page.getByRole('button', { name: 'Show order summary €137.85' }).tap();
    await expect
      .poll(summaryLines)
      .toEqual([
        'Orchestra Centre · Row C · Seat 5 · Stalls · €89.00',
        'Orchestra Centre · Row C · Seat 6 · Stalls · Child · €45.00',
      ]);
    const atCheckout = await summaryLines();

    // Posted tickets add their delivery fee to the quote; back to email takes it off again.
    await page.getByRole('radio', { name: 'Printed tickets by post' }).tap();
    await page.getByRole('rowheader', { name: 'Delivery fee (by post)' }).waitFor();
    expect(await amountIn(page, 'Delivery fee (by post)')).toBe('€4.00');
    await page.getByRole('radio', { name: 'E-tickets by email' }).tap();
    await expect.poll(() => amountIn(page, 'Total')).toBe('€137.85');

    await page.getByRole('textbox', { name: 'Email' }).fill('family@example.com');
    await page.getByRole('textbox', { name: 'Full name' }).fill('Family Buyer');
    await page.getByRole('button', { name: 'Pay €137.85' }).tap();
    await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
    expect(await page.locator('body').textContent()).toContain('137.85');
    await page.getByRole('button', { name: 'Approve', exact: true }).tap();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await summaryLines()).sort()).toEqual([...atCheckout].sort());

    // The order page: each ticket's type and door check, and the stored breakdown.
    const tickets = page.locator('.tickets li');
    expect(await tickets.count()).toBe(2);
    expect(await tickets.filter({ hasText: 'Child' }).textContent()).toContain('Check at the door: Under 14');
    expect(await tickets.filter({ hasText: 'Adult' }).textContent()).not.toContain('Check at the door');
    // The stored breakdown names the code as the organizer wrote it.
    expect(await amountIn(page, 'Discount (code SUMMER-10)')).toBe('−€13.40');
    expect(await amountIn(page, 'Total')).toBe('€137.85');
    const code = await page.locator('.order-code').textContent();
    const order = await orderByCode(world, code!);
    expect(order.total).toBe(13_785);
    expect(order.breakdown.totals).toEqual(expected.totals);
    expect(errors).toEqual([]);
    await context.close();
  });
});

async function adultOf(world: ShopWorld) {
  const list = await world.cloud.services.commerce.settings.priceList(ADMIN, world.eventId);
  return list.ticketTypes.find((type) => type.kind === 'adult')?.id;
}

async function orderByCode(world: ShopWorld, code: string) {
  const rows = await world.cloud.services.db.query<{ total_amount: number; price_breakdown: PriceBreakdown | string }>(
    'SELECT total_amount, price_breakdown FROM orders WHERE code = $1',
    [code],
  );
  const row = rows.rows[0]!;
  const breakdown =
    typeof row.price_breakdown === 'string' ? (JSON.parse(row.price_breakdown) as PriceBreakdown) : row.price_breakdown;
  return { total: Number(row.total_amount), breakdown };
}
