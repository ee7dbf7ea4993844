// What tickets and receipts say (printable.ts, receipt-breakdown.ts): a receipt prints the order's stored breakdown
// line by line and the printed amounts add up to the order's total in any currency (JPY without decimals, KWD with
// three); inclusive tax is worded "incl." and printed under the total; tickets carry their type, door check and what
// they cost, on the PDF and the image; an order from before breakdowns still prints as it did.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceOrder } from '../../../cloud/domain/pricing/price-order.ts';
import { formatMoney, fractionDigits } from '../../../cloud/domain/format.ts';
import {
  printableReceipt,
  printableTickets,
  ticketSummary,
  type PrintableReceipt,
} from '../../../cloud/domain/documents/printable.ts';
import { taxLabel } from '../../../cloud/domain/documents/receipt-breakdown.ts';
import { receiptPdf, ticketsPdf } from '../../../cloud/domain/documents/pdf.ts';
import { ticketSvg } from '../../../cloud/domain/documents/ticket-svg.ts';
import { readPdf } from '../../support/pdf-reader.ts';
import { orderInput } from './pricing/arbitraries.ts';
import { ADULT, concessionOrder, event, orderOf, SECTIONS, TIER } from './documents-fixtures.ts';

/** A printed amount back in minor units ("-€5.00" → -500, "JP¥1,250" → 1250, "KWD 1.250" → 1250). */
function minorOf(text: string, currency: string): number {
  const number = text.replace(/[^0-9.-]/g, '').replace(/^[^0-9-]+|\.$/g, '');
  const [whole, fraction = ''] = number.replace('-', '').split('.');
  const digits = fractionDigits(currency);
  expect(fraction.length, text).toBe(digits);
  return (number.startsWith('-') ? -1 : 1) * (Number(whole) * 10 ** digits + Number(fraction || 0));
}

/** The receipt's printed lines, read back as numbers: what a buyer with a calculator would add up. */
function addUp(receipt: PrintableReceipt, currency: string) {
  const amount = (label: string) => minorOf(receipt.summary.find((l) => l.label.startsWith(label))!.amount, currency);
  const items = receipt.lines.reduce((sum, line) => sum + minorOf(line.amount, currency), 0);
  const tax = receipt.summary.find((l) => /%/.test(l.label));
  const discount = receipt.summary.find((l) => l.label.startsWith('Discount'));
  return {
    items,
    subtotal: amount('Subtotal'),
    discount: discount ? -minorOf(discount.amount, currency) : 0,
    fees: amount('Fees'),
    addedTax: tax ? minorOf(tax.amount, currency) : 0,
    total: minorOf(receipt.total, currency),
  };
}

describe('printable receipt from the stored breakdown', () => {
  it('prints each ticket with place, type, price, discount and fee, then the fees and the totals, in EUR', () => {
    const breakdown = concessionOrder(
      'EUR',
      { label: 'VAT', ratePpm: 200_000, mode: 'exclusive', feesTaxable: true },
      [5000, 3000, 150],
    );
    const receipt = printableReceipt(orderOf(breakdown), event('EUR'), SECTIONS, new Date('2030-05-01T10:02:00Z'));
    expect(receipt.lines).toEqual([
      { label: 'Stalls · Row C · Seat 12 · Adult', amount: '€50.00' },
      { label: 'Service fee', amount: '€1.50', part: true },
      { label: 'Stalls · Row C · Seat 13 · Concession', amount: '€30.00' },
      { label: 'Discount (SPRING)', amount: '-€3.00', part: true },
      { label: 'Service fee', amount: '€1.50', part: true },
      { label: 'Order fee', amount: '€1.50' },
      { label: 'Delivery fee (post)', amount: '€3.00' },
    ]);
    // 80.00 − 3.00 + 7.50 fees = 84.50 net; 20 % VAT of it is 16.90; 101.40 in all.
    expect(receipt.summary).toEqual([
      { label: 'Subtotal', amount: '€80.00' },
      { label: 'Discount (SPRING)', amount: '-€3.00' },
      { label: 'Fees', amount: '€7.50' },
      { label: 'VAT 20 %', amount: '€16.90' },
    ]);
    expect(receipt.total).toBe('€101.40');
    expect(receipt.taxIncluded).toBeNull();
  });

  it('words inclusive tax "incl." and prints it under the total, which it does not add to', () => {
    const breakdown = concessionOrder(
      'GBP',
      { label: 'VAT', ratePpm: 200_000, mode: 'inclusive', feesTaxable: true },
      [6000, 3000, 120],
    );
    const receipt = printableReceipt(orderOf(breakdown), event('GBP'), SECTIONS);
    expect(receipt.summary.map((l) => l.label)).toEqual(['Subtotal', 'Discount (SPRING)', 'Fees']);
    expect(receipt.taxIncluded).toEqual({
      label: 'VAT 20 % incl.',
      amount: formatMoney({ amount: breakdown.totals.tax, currency: 'GBP' }),
    });
    const sums = addUp(receipt, 'GBP');
    expect(sums.total).toBe(sums.subtotal - sums.discount + sums.fees);
    expect(sums.total).toBe(breakdown.totals.total);
    expect(taxLabel({ label: 'Sales tax', ratePpm: 88_750, mode: 'exclusive' })).toBe('Sales tax 8.875 %');
  });

  it('formats JPY without decimals and KWD with three, and the lines still add up', () => {
    const yen = concessionOrder(
      'JPY',
      { label: '消費税', ratePpm: 100_000, mode: 'inclusive', feesTaxable: true },
      [8000, 5000, 330],
    );
    const yenReceipt = printableReceipt(orderOf(yen), event('JPY'), SECTIONS);
    expect(yenReceipt.lines[0]).toEqual({ label: 'Stalls · Row C · Seat 12 · Adult', amount: 'JP¥8,000' });
    expect(yenReceipt.lines).toContainEqual({ label: 'Discount (SPRING)', amount: '-JP¥500', part: true });
    expect(yenReceipt.total).toBe(`JP¥${yen.totals.total.toLocaleString('en-GB')}`);
    expect(yenReceipt.taxIncluded!.label).toBe('消費税 10 % incl.');

    const dinar = concessionOrder(
      'KWD',
      { label: 'VAT', ratePpm: 50_000, mode: 'exclusive', feesTaxable: false },
      [12_500, 7_250, 375],
    );
    const dinarReceipt = printableReceipt(orderOf(dinar), event('KWD'), SECTIONS);
    expect(dinarReceipt.lines[0]!.amount).toBe('KWD\u00a012.500');
    expect(dinarReceipt.lines).toContainEqual({ label: 'Discount (SPRING)', amount: '-KWD\u00a00.725', part: true });
    expect(dinarReceipt.summary.at(-1)!.label).toBe('VAT 5 %');
    for (const [receipt, breakdown] of [
      [yenReceipt, yen],
      [dinarReceipt, dinar],
    ] as const) {
      const sums = addUp(receipt, breakdown.currency);
      expect(sums.total).toBe(breakdown.totals.total);
      expect(sums.total).toBe(sums.subtotal - sums.discount + sums.fees + sums.addedTax);
    }
  });

  it('the printed lines add up to the order’s total, for any order in EUR, USD, GBP, JPY or KWD', () => {
    fc.assert(
      fc.property(orderInput, (input) => {
        const breakdown = priceOrder(input);
        const order = orderOf(breakdown);
        const receipt = printableReceipt(order, event(breakdown.currency), SECTIONS);
        const sums = addUp(receipt, breakdown.currency);
        expect(sums.total).toBe(order.total.amount);
        // The items printed (tickets with their discounts and service fees, order and delivery fees) are net of tax.
        expect(sums.items).toBe(sums.subtotal - sums.discount + sums.fees);
        expect(sums.total).toBe(sums.items + sums.addedTax);
        if (breakdown.tax.mode === 'inclusive' && breakdown.totals.tax > 0) {
          expect(minorOf(receipt.taxIncluded!.amount, breakdown.currency)).toBe(breakdown.totals.tax);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('prints an order from before breakdowns as it always did: a line a ticket, no fees', () => {
    const receipt = printableReceipt(orderOf(null), event('EUR'), SECTIONS);
    expect(receipt.lines).toEqual([
      { label: 'Stalls · Row C · Seat 12', amount: '€50.00' },
      { label: 'Pit · Standing', amount: '€50.00' },
    ]);
    expect(receipt.summary).toEqual([{ label: 'Fees', amount: '€0.00' }]);
    expect(receipt.total).toBe('€100.00');
    expect(receipt.taxIncluded).toBeNull();
    const [ticket] = printableTickets(orderOf(null), event('EUR'), SECTIONS);
    expect(ticket).toMatchObject({ ticketType: null, requiresCheck: null, price: '€50.00' });
    expect(ticketSummary(ticket!)).toBe('Stalls · Row C · Seat 12');
  });

  it('names standing places by their area and marks refunded tickets', () => {
    const breakdown = priceOrder({
      currency: 'EUR',
      lines: [0, 1].map((i) => ({ lineId: `PIT#${i}`, tierId: TIER, ticketTypeId: ADULT, price: 2000 })),
      fees: { currency: 'EUR', serviceFee: null, orderFee: null, deliveryFees: [] },
      deliveryMethod: 'email',
      tax: { label: 'VAT', ratePpm: 0, mode: 'exclusive', feesTaxable: false },
    });
    const order = orderOf(breakdown);
    order.tickets[1]!.status = 'refunded';
    const receipt = printableReceipt(order, event('EUR'), SECTIONS);
    expect(receipt.lines).toEqual([
      { label: 'Pit · Standing · Adult', amount: '€20.00' },
      { label: 'Pit · Standing · Adult (refunded)', amount: '€20.00' },
    ]);
    expect(receipt.summary).toEqual([
      { label: 'Subtotal', amount: '€40.00' },
      { label: 'Fees', amount: '€0.00' },
    ]);
  });
});

describe('printable tickets', () => {
  const breakdown = concessionOrder(
    'EUR',
    { label: 'VAT', ratePpm: 200_000, mode: 'inclusive', feesTaxable: true },
    [5000, 3000, 150],
  );
  const tickets = printableTickets(orderOf(breakdown), event('EUR'), SECTIONS);

  it('carry the ticket type, the door check and what the ticket cost', () => {
    expect(tickets.map((t) => [t.place, t.ticketType, t.requiresCheck, t.price])).toEqual([
      ['Stalls · Row C · Seat 12', 'Adult', null, '€51.50'],
      // 30.00 − 10 % + 1.50 service fee: VAT inside.
      ['Stalls · Row C · Seat 13', 'Concession', 'Show student ID at the door', '€28.50'],
    ]);
    expect(ticketSummary(tickets[1]!)).toBe(
      'Stalls · Row C · Seat 13 · Concession · Door check: Show student ID at the door',
    );
  });

  it('print the type and the door check on the PDF ticket and on the ticket image', async () => {
    const pdf = await readPdf(await ticketsPdf(tickets));
    expect(pdf.pages[0]!.lines).toContain('Adult · Stalls · €51.50');
    expect(pdf.pages[0]!.lines.some((line) => line.startsWith('Door check'))).toBe(false);
    expect(pdf.pages[1]!.lines).toContain('Concession · Stalls · €28.50');
    expect(pdf.pages[1]!.lines).toContain('Door check: Show student ID at the door');
    expect(pdf.pages.map((p) => p.qr)).toEqual(['signed-code-0', 'signed-code-1']);
    const svg = ticketSvg(tickets[1]!);
    expect(svg).toContain('>Concession · Stalls · €28.50</text>');
    expect(svg).toContain('>Door check: Show student ID at the door</text>');
    expect(ticketSvg(tickets[0]!)).not.toContain('Door check');
  });

  it('print the breakdown on the receipt PDF', async () => {
    const receipt = printableReceipt(orderOf(breakdown), event('EUR'), SECTIONS);
    const text = (await readPdf(await receiptPdf(receipt))).text;
    for (const line of [...receipt.lines, ...receipt.summary, receipt.taxIncluded!]) {
      expect(text).toContain(line.label);
      expect(text).toContain(line.amount);
    }
    expect(text).toContain('VAT 20 % incl.');
    expect(text).toContain(receipt.total);
  });
});
