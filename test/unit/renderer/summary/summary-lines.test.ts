// The order summary's lines (issue 18), one way on every buying screen: a place by its section's NAME on the seat map
// (never its code), row and seat ("Seat 3" alone where the section has no rows), "<area> · Standing" for a standing
// place; then the tier, the ticket type only when it is not the tier's default (adult), and the price. Before paying
// (a hold, priced by its quote) and after (an order, priced by its breakdown) the same seat reads the same line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPrices, Order, PriceBreakdown, PricedTicketLine } from '../../../../cloud/contract/index.ts';
import { activateLocale } from '../../../../renderer/i18n/index.ts';
import {
  summaryLinesOfHold,
  summaryLinesOfOrder,
  type SectionNames,
  type SummaryLine,
} from '../../../../renderer/modes/shared/summary/index.ts';

const STALLS = '00000000-0000-4000-8000-000000000001';
const ADULT = '00000000-0000-4000-8000-0000000000a1';
const CHILD = '00000000-0000-4000-8000-0000000000c1';
const type = (id: string, kind: 'adult' | 'child', name: string) => ({
  id,
  kind,
  name,
  maxPerOrder: null,
  requiresCheck: null,
  accompaniedBy: null,
});
const prices: EventPrices = {
  currency: 'EUR',
  // The child type listed first: the default is the adult type, not the first in the list.
  ticketTypes: [type(CHILD, 'child', 'Child'), type(ADULT, 'adult', 'Adult')],
  tiers: [
    {
      tierId: STALLS,
      prices: [
        { ticketTypeId: ADULT, amount: 4000 },
        { ticketTypeId: CHILD, amount: 2000 },
      ],
    },
  ],
};
const event = { tiers: [{ id: STALLS, name: 'Stalls' }], prices, currency: 'EUR' } as unknown as Parameters<
  typeof summaryLinesOfOrder
>[0];
const sections: SectionNames = [
  { id: 'ORCH-L', name: 'Orchestra Left' },
  { id: 'BOX-A', name: 'Box A' },
  { id: 'FLOOR', name: 'Standing Floor' },
];
const eur = (amount: number) => ({ amount, currency: 'EUR' });

type OrderTicket = Order['tickets'][number];
const ticket = (
  id: string,
  place: Pick<OrderTicket, 'seatId' | 'sectionId' | 'row' | 'number'>,
  typeId: string | null = ADULT,
): OrderTicket => ({
  id,
  ...place,
  tierId: STALLS,
  // What the buyer paid, fee and tax in: the summary shows the line's price, the fees come on top.
  price: eur(typeId === CHILD ? 2350 : 4350),
  ticketTypeId: typeId,
  ticketType: typeId === CHILD ? 'Child' : typeId === ADULT ? 'Adult' : null,
  requiresCheck: null,
  status: 'valid',
  code: null,
});
const priced = (lineId: string, typeId: string, price: number): PricedTicketLine => ({
  lineId,
  tierId: STALLS,
  ticketTypeId: typeId,
  price,
  discount: 0,
  serviceFee: 350,
  priceTax: 0,
  serviceFeeTax: 0,
  total: price + 350,
});
const breakdownOf = (tickets: PricedTicketLine[]): PriceBreakdown => ({
  currency: 'EUR',
  tax: { label: 'VAT', ratePpm: 0, mode: 'inclusive' },
  promoCode: null,
  tickets,
  orderFee: { amount: 0, tax: 0, total: 0 },
  deliveryFee: { amount: 0, tax: 0, total: 0, method: 'email' },
  totals: { subtotal: 0, discount: 0, fees: 0, tax: 0, total: 0 },
});

/** A line as the summary shows it: its parts, then the price. */
const said = (line: SummaryLine) =>
  [line.place, line.tier, line.ticketType, `${line.price.currency} ${line.price.amount}`].filter(Boolean).join(' · ');

const seatA7 = { seatId: 'ORCH-L-A-7', sectionId: 'ORCH-L', row: 'A', number: '7' };
const seatA8 = { seatId: 'ORCH-L-A-8', sectionId: 'ORCH-L', row: 'A', number: '8' };
const boxSeat = { seatId: 'BOX-A-3', sectionId: 'BOX-A', row: null, number: '3' };
const standing = { seatId: null, sectionId: 'FLOOR', row: null, number: null };

describe('order summary lines', () => {
  beforeAll(() => activateLocale('en', ['checkout']));
  afterAll(() => activateLocale('en', ['checkout']));

  it("names a seat by its section's name on the map, leaves the default (adult) type out and says another", () => {
    const tickets = [ticket('t1', seatA7, ADULT), ticket('t2', seatA8, CHILD)];
    const breakdown = breakdownOf([priced(seatA7.seatId, ADULT, 4000), priced(seatA8.seatId, CHILD, 2000)]);
    expect(summaryLinesOfOrder(event, { tickets, breakdown }, sections).map(said)).toEqual([
      'Orchestra Left · Row A · Seat 7 · Stalls · EUR 4000',
      'Orchestra Left · Row A · Seat 8 · Stalls · Child · EUR 2000',
    ]);
  });

  it('names a section by its code only when the map does not name it', () => {
    const tickets = [ticket('t1', { seatId: 'X-1', sectionId: 'BALC', row: 'B', number: '1' })];
    expect(summaryLinesOfOrder(event, { tickets, breakdown: null }, sections)[0]!.place).toBe('BALC · Row B · Seat 1');
    expect(summaryLinesOfOrder(event, { tickets, breakdown: null }, [])[0]!.place).toBe('BALC · Row B · Seat 1');
  });

  it('names a seat without a row by section and seat, and a ticket without a seat as standing in its area', () => {
    const tickets = [ticket('t1', boxSeat), ticket('t2', standing), ticket('t3', standing, CHILD)];
    const breakdown = breakdownOf([
      priced(boxSeat.seatId, ADULT, 4000),
      priced('FLOOR#0', ADULT, 4000),
      priced('FLOOR#1', CHILD, 2000),
    ]);
    expect(summaryLinesOfOrder(event, { tickets, breakdown }, sections).map(said)).toEqual([
      'Box A · Seat 3 · Stalls · EUR 4000',
      'Standing Floor · Standing · Stalls · EUR 4000',
      'Standing Floor · Standing · Stalls · Child · EUR 2000',
    ]);
  });

  it('shows what a ticket cost when the order has no breakdown (placed before breakdowns)', () => {
    const [line] = summaryLinesOfOrder(event, { tickets: [ticket('t1', seatA7)], breakdown: null }, sections);
    expect(line!.price).toEqual(eur(4350));
  });

  it('reads the same line for the same seat before paying (hold and quote) and after (order)', () => {
    const breakdown = breakdownOf([priced(seatA7.seatId, ADULT, 4000), priced(seatA8.seatId, CHILD, 2000)]);
    const hold = {
      seats: [
        { ...seatA7, tierId: STALLS, price: eur(4000) },
        { ...seatA8, tierId: STALLS, price: eur(4000) },
      ],
      ga: null,
    };
    const before = summaryLinesOfHold(event, hold, sections, { breakdown }).map(said);
    const tickets = [ticket('t1', seatA7, ADULT), ticket('t2', seatA8, CHILD)];
    expect(before).toEqual(summaryLinesOfOrder(event, { tickets, breakdown }, sections).map(said));
    // Before a quote, the hold's own prices and no type: every place is the default until the buyer picks another.
    expect(summaryLinesOfHold(event, hold, sections).map(said)).toEqual([
      'Orchestra Left · Row A · Seat 7 · Stalls · EUR 4000',
      'Orchestra Left · Row A · Seat 8 · Stalls · EUR 4000',
    ]);
  });

  it('names held standing places and a held seat without a row the same way', () => {
    const hold = {
      seats: [{ ...boxSeat, row: '', tierId: STALLS, price: eur(4000) }],
      ga: { sectionId: 'FLOOR', quantity: 2, tierId: STALLS, unitPrice: eur(3000) },
    };
    expect(summaryLinesOfHold(event, hold, sections).map((line) => line.place)).toEqual([
      'Box A · Seat 3',
      'Standing Floor · Standing',
      'Standing Floor · Standing',
    ]);
  });

  it('says it in German and Arabic too', async () => {
    const tickets = [ticket('t1', seatA7), ticket('t2', boxSeat), ticket('t3', standing)];
    const places = () => summaryLinesOfOrder(event, { tickets, breakdown: null }, sections).map((line) => line.place);
    await activateLocale('de', ['checkout']);
    expect(places()).toEqual(['Orchestra Left · Reihe A · Platz 7', 'Box A · Platz 3', 'Standing Floor · Stehplatz']);
    await activateLocale('ar', ['checkout']);
    expect(places()).toEqual(['Orchestra Left · الصف A · المقعد 7', 'Box A · المقعد 3', 'Standing Floor · وقوف']);
  });
});
