// The one order summary every buying screen shows (issue 18), as rendered HTML: the event, its date and doors time on
// the venue's clock (not the machine's), the venue, each place as "Section 120 · Row 6 · Seat 22 · Lower Tier ·
// £95.00", then fees, tax and the total; and the same facts in German.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import type { PriceBreakdown } from '../../../../cloud/contract/index.ts';
import { I18nProvider, activateLocale, i18n } from '../../../../renderer/i18n/index.ts';
import { OrderSummary, type SummaryEvent, type SummaryLine } from '../../../../renderer/modes/shared/summary/index.ts';

// 18:30 UTC on a June evening: 19:30 in London, doors at 18:45 there (17:45 UTC).
const event: SummaryEvent = {
  name: 'Summer Concert',
  startsAt: '2030-06-01T18:30:00.000Z',
  doorsAt: '2030-06-01T17:45:00.000Z',
  venue: { name: 'City Arena', city: 'London', timezone: 'Europe/London', address: '1 Arena Way' },
};
const gbp = (amount: number) => ({ amount, currency: 'GBP' });
const lines: SummaryLine[] = [
  { key: 'a', place: 'Section 120 · Row 6 · Seat 22', tier: 'Lower Tier', price: gbp(9500) },
  { key: 'b', place: 'Section 120 · Row 6 · Seat 23', tier: 'Lower Tier', ticketType: 'Child', price: gbp(4750) },
];
const charge = { amount: 0, tax: 0, total: 0 };
const breakdown: PriceBreakdown = {
  currency: 'GBP',
  tax: { label: 'VAT', ratePpm: 200_000, mode: 'inclusive' },
  promoCode: null,
  tickets: [],
  orderFee: { amount: 350, tax: 58, total: 350 },
  deliveryFee: { ...charge, method: 'email' },
  totals: { subtotal: 14250, discount: 0, fees: 350, tax: 2433, total: 14600 },
};

/** The summary's visible text, one space between its parts. */
async function shown(locale: 'en' | 'de') {
  await activateLocale(locale, ['checkout']);
  const markup = renderToStaticMarkup(h(I18nProvider, { i18n }, h(OrderSummary, { event, lines, breakdown })));
  return {
    markup,
    text: markup
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'")
      .replace(/\s+/gu, ' ')
      .trim(),
  };
}

describe('the order summary', () => {
  afterAll(() => activateLocale('en', ['checkout']));

  it('names the event, its date and doors on the venue clock, the venue, each place with tier and price, fees and total', async () => {
    const { markup, text } = await shown('en');
    expect(text).toContain('Summer Concert');
    expect(markup).toContain('<time dateTime="2030-06-01T18:30:00.000Z">');
    expect(text).toMatch(/When .*7:30/);
    expect(text).toMatch(/Doors 6:45/);
    expect(text).not.toMatch(/Doors 5:45/);
    expect(text).toContain('Where City Arena, London 1 Arena Way');
    expect(text).toContain('Section 120 · Row 6 · Seat 22 · Lower Tier · £95.00');
    expect(text).toContain('Section 120 · Row 6 · Seat 23 · Lower Tier · Child · £47.50');
    expect(text).toContain('Fees £3.50');
    expect(text).toContain('VAT (included) £24.33');
    expect(text).toMatch(/Total £146\.00$/);
  });

  it('leaves out the doors when the event has no doors time', async () => {
    await activateLocale('en', ['checkout']);
    const markup = renderToStaticMarkup(
      h(I18nProvider, { i18n }, h(OrderSummary, { event: { ...event, doorsAt: null }, lines, total: gbp(14250) })),
    );
    expect(markup).not.toContain('Doors');
    expect(markup).toContain('£142.50');
  });

  it('says the same in German', async () => {
    const { text } = await shown('de');
    expect(text).toContain('Einlass 18:45');
    expect(text).toMatch(/Gesamt(betrag)? 146,00\s£/);
  });
});
