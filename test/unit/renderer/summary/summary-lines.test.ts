// The order summary's place names (issue 18): a seat in a section without rows (a box, a numbered bench) is a seat,
// named by section and number, not "Standing"; a seat with a row and a standing place are named as before.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../../cloud/contract/index.ts';
import { activateLocale } from '../../../../renderer/i18n/index.ts';
import { summaryLinesOfHold, summaryLinesOfOrder } from '../../../../renderer/modes/shared/summary/index.ts';

const TIER = '00000000-0000-4000-8000-000000000001';
const event = {
  tiers: [{ id: TIER, name: 'Stalls' }],
  prices: { currency: 'EUR', ticketTypes: [], tiers: [] },
  currency: 'EUR',
} as unknown as Parameters<typeof summaryLinesOfOrder>[0];
const price = { amount: 4000, currency: 'EUR' };

type OrderTicket = Order['tickets'][number];
const ticket = (id: string, place: Pick<OrderTicket, 'seatId' | 'sectionId' | 'row' | 'number'>): OrderTicket => ({
  id,
  ...place,
  tierId: TIER,
  price,
  ticketTypeId: null,
  ticketType: null,
  requiresCheck: null,
  status: 'valid',
  code: null,
});

const placesOf = (tickets: OrderTicket[]) =>
  summaryLinesOfOrder(event, { tickets, total: { amount: 0, currency: 'EUR' } }).map((line) => line.place);

describe('order summary places', () => {
  beforeAll(() => activateLocale('en', ['checkout']));

  it('names a seated ticket without a row by its section and seat, not as standing', () => {
    expect(placesOf([ticket('t1', { seatId: 'BOX-A-3', sectionId: 'BOX-A', row: null, number: '3' })])).toEqual([
      'Section BOX-A · Seat 3',
    ]);
  });

  it('names a seat with a row by section, row and seat, and a ticket without a seat as standing', () => {
    expect(
      placesOf([
        ticket('t1', { seatId: 'ORCH-6-22', sectionId: 'ORCH', row: '6', number: '22' }),
        ticket('t2', { seatId: null, sectionId: 'FLOOR', row: null, number: null }),
      ]),
    ).toEqual(['Section ORCH · Row 6 · Seat 22', 'Standing FLOOR']);
  });

  it('names a held seat without a row the same way before paying', () => {
    const hold = {
      seats: [{ seatId: 'BOX-A-3', sectionId: 'BOX-A', row: '', number: '3', tierId: TIER, price }],
      ga: null,
    };
    expect(summaryLinesOfHold(event, hold).map((line) => line.place)).toEqual(['Section BOX-A · Seat 3']);
  });

  it('says it in German too', async () => {
    await activateLocale('de', ['checkout']);
    expect(placesOf([ticket('t1', { seatId: 'BOX-A-3', sectionId: 'BOX-A', row: null, number: '3' })])).toEqual([
      'Block BOX-A · Platz 3',
    ]);
    await activateLocale('en', ['checkout']);
  });
});
