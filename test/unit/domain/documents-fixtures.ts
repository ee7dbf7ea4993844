// Orders to print, for the tests of printed documents: an event in a given currency, a seat map's sections, a
// breakdown of an adult and a concession ticket (with a promo code, fees and tax), and a paid order sold from it.
import type { EventDetail, Order, PriceBreakdown, SeatMap } from '../../../cloud/contract/index.ts';
import { priceOrder, type PriceOrderInput } from '../../../cloud/domain/pricing/price-order.ts';

export const SECTIONS: SeatMap['sections'] = [
  { id: 'MAIN', name: 'Stalls', kind: 'seated' },
  { id: 'PIT', name: 'Pit', kind: 'standing', capacity: 100 },
] as unknown as SeatMap['sections'];
export const TIER = '11111111-1111-4111-8111-111111111111';
export const ADULT = '22222222-2222-4222-8222-222222222222';
export const CONCESSION = '33333333-3333-4333-8333-333333333333';
const TYPES: Record<string, { name: string; requiresCheck: string | null }> = {
  [ADULT]: { name: 'Adult', requiresCheck: null },
  [CONCESSION]: { name: 'Concession', requiresCheck: 'Show student ID at the door' },
};

export const event = (currency: string) =>
  ({
    name: 'Swan Lake',
    startsAt: '2030-06-01T18:30:00Z',
    venue: { name: 'Grand Theatre', city: 'Vienna', timezone: 'Europe/Vienna' },
    tiers: [{ id: TIER, name: 'Stalls', price: { amount: 5000, currency } }],
  }) as unknown as Pick<EventDetail, 'name' | 'startsAt' | 'venue' | 'tiers'>;

/** A paid order whose tickets were sold from `breakdown` (null: an order from before price breakdowns). */
export function orderOf(breakdown: PriceBreakdown | null, currency = breakdown?.currency ?? 'EUR'): Order {
  const lines = breakdown?.tickets ?? [
    { lineId: 'MAIN-C-12', ticketTypeId: null, total: 5000 },
    { lineId: 'PIT#0', ticketTypeId: null, total: 5000 },
  ];
  const tickets = lines.map((line, i) => {
    const standing = line.lineId.includes('#');
    const type = line.ticketTypeId ? TYPES[line.ticketTypeId] : undefined;
    return {
      id: `0000000${i}-0000-4000-8000-000000000000`,
      seatId: standing ? null : line.lineId,
      sectionId: standing ? line.lineId.split('#')[0]! : 'MAIN',
      row: standing ? null : 'C',
      number: standing ? null : String(12 + i),
      tierId: TIER,
      price: { amount: line.total, currency },
      ticketTypeId: line.ticketTypeId,
      ticketType: type?.name ?? (line.ticketTypeId ? line.ticketTypeId : null),
      requiresCheck: type?.requiresCheck ?? null,
      status: 'valid' as const,
      code: `signed-code-${i}`,
    };
  });
  return {
    id: '99999999-9999-4999-8999-999999999999',
    code: 'TB-7K3M-9QXA',
    eventId: '88888888-8888-4888-8888-888888888888',
    state: 'paid',
    channel: 'web',
    buyer: { email: 'ada@example.com', name: 'Ada Lovelace', phone: null },
    delivery: { method: 'email' },
    locale: 'en',
    total: { amount: breakdown?.totals.total ?? 10_000, currency },
    breakdown,
    refunded: { amount: 0, currency },
    holdId: '77777777-7777-4777-8777-777777777777',
    holdExpiresAt: null,
    cancelReason: null,
    tickets,
    payments: [],
    refunds: [],
    createdAt: '2030-05-01T10:00:00Z',
    paidAt: '2030-05-01T10:01:00Z',
    pickedUpAt: null,
    owedAtCounter: null,
    shipping: null,
  } as Order;
}

export const concessionOrder = (currency: string, tax: PriceOrderInput['tax'], amounts: [number, number, number]) =>
  priceOrder({
    currency,
    lines: [
      { lineId: 'MAIN-C-12', tierId: TIER, ticketTypeId: ADULT, price: amounts[0] },
      { lineId: 'MAIN-C-13', tierId: TIER, ticketTypeId: CONCESSION, price: amounts[1] },
    ],
    promo: {
      code: 'SPRING',
      discount: { kind: 'percent', basisPoints: 1000 },
      scope: { tierIds: null, ticketTypeIds: [CONCESSION] },
    },
    fees: {
      currency,
      serviceFee: { kind: 'fixed', amount: amounts[2] },
      orderFee: { kind: 'fixed', amount: amounts[2] },
      deliveryFees: [{ method: 'mail', amount: amounts[2] * 2 }],
    },
    deliveryMethod: 'mail',
    tax,
  });
