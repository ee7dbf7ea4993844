// A small made-up season for the reports' tests: venue A (Berlin) with one event of two tiers, sold on two days
// (one sale at 00:30 Berlin, still the day before in UTC), at the web shop and by a clerk at the counter, one ticket
// refunded; venue B (Lisbon) with one web sale. Every sale goes through the API on the world's clock.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

export interface Season {
  world: World;
  api: TestApi;
  tokens: { owner: string; managerA: string; managerB: string; clerkA: string; steward: string };
  venueB: string;
  eventB: string;
  orders: { webFront: string; cash: string; ga: string; card: string; webB: string };
  /** The ticket of the cash order, refunded. */
  refundedTicket: string;
  webFrontTickets: string[];
}

const FRONT = Array.from({ length: 10 }, (_, n) => `MAIN-A-${n + 1}`);

export async function buildSeason(db: Db): Promise<Season> {
  const world = await buildWorld(db, {
    now: new Date('2030-01-09T10:00:00Z'),
    tiers: [
      { name: 'Front', price: { amount: 8000, currency: 'EUR' }, sectionIds: [], seatIds: FRONT },
      { name: 'Standard', price: { amount: 5000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] },
    ],
  });
  const api = await testApi(world.services);
  const { services, clock } = world;
  const venueB = (await services.admin.createVenue({ name: 'Hall B', city: 'Lisbon', timezone: 'Europe/Lisbon' })).id;
  const mapB = await services.admin.importSeatMap(venueB, smallHall(2, 5, 10));
  const now = clock.now().getTime();
  const { id: eventB } = await services.admin.createEvent({
    name: 'Lisbon Night',
    description: '',
    seatmapId: mapB.id,
    startsAt: new Date(now + 20 * 86_400_000).toISOString(),
    onSaleFrom: new Date(now - 86_400_000).toISOString(),
    onSaleUntil: new Date(now + 19 * 86_400_000).toISOString(),
    perOrderLimit: 8,
    holdTtlSeconds: 600,
    currency: 'EUR',
    tiers: [{ name: 'All', price: { amount: 3000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
  });
  await services.admin.setEventStatus(eventB, 'on_sale');

  // The local issuer signs one venue per token (custom:venue_id); a venue manager's venues are that venue.
  const issue = api.issuer.issue.bind(api.issuer);
  const tokens = {
    owner: api.adminToken,
    managerA: await issue({ sub: 'manager-a', groups: ['venue_manager'], venueId: world.venueId }),
    managerB: await issue({ sub: 'manager-b', groups: ['venue_manager'], venueId: venueB }),
    clerkA: await issue({ sub: 'clerk-anna', groups: ['clerk'], venueId: world.venueId }),
    steward: await issue({ sub: 'steward-sam', groups: ['door_steward'], venueId: world.venueId }),
  };

  const web = async (eventId: string, hold: object, email: string) => {
    const held = await api.call('POST', `/v1/events/${eventId}/holds`, { body: hold, bearer: api.customerToken });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: held.body.id,
        buyer: { email, name: 'Web Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
      },
      bearer: api.customerToken,
      idempotencyKey: randomUUID(),
    });
    await world.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
    const paid = await api.call('POST', `/v1/orders/${created.body.id}/payments/complete`, {
      bearer: api.customerToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state, JSON.stringify(paid.body)).toBe('paid');
    return paid.body;
  };
  const counter = async (seatIds: string[], payment: object) => {
    const held = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds },
      bearer: tokens.clerkA,
    });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: held.body.id,
        buyer: { email: 'counter@example.com', name: 'At The Counter' },
        delivery: { method: 'print_at_venue' },
        payment,
      },
      bearer: tokens.clerkA,
      idempotencyKey: randomUUID(),
    });
    expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
    return order.body;
  };

  // 2030-01-09, 11:00 Berlin: two Front seats on the web (16,000).
  const webFront = await web(world.eventId, { seatIds: ['MAIN-A-1', 'MAIN-A-2'] }, 'fan@example.com');
  // 23:30 Berlin: a Standard seat in cash at the counter (5,000), refunded the next morning.
  clock.advance(12.5 * 3_600_000);
  const cash = await counter(['MAIN-B-1'], { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } });
  // 00:30 Berlin on the 10th (23:30 UTC on the 9th): two standing places on the web (10,000).
  clock.advance(3_600_000);
  const ga = await web(world.eventId, { ga: { sectionId: 'PIT', quantity: 2 } }, 'pit@example.com');
  // 10:00 Berlin: a Front seat on the card terminal (8,000), and the cash ticket refunded.
  clock.advance(9.5 * 3_600_000);
  const card = await counter(['MAIN-A-3'], {
    method: 'card_terminal',
    authorization: { reference: 'TERM-0001', amount: { amount: 8000, currency: 'EUR' }, cardLast4: '4242' },
  });
  const refund = await api.call('POST', `/v1/orders/${cash.id}/refunds`, {
    body: { ticketIds: [cash.tickets[0].id], reason: 'cannot come' },
    bearer: tokens.clerkA,
    idempotencyKey: randomUUID(),
  });
  expect(refund.status, JSON.stringify(refund.body)).toBeLessThan(300);
  // Venue B: one web sale the same morning (3,000).
  const webB = await web(eventB, { seatIds: ['MAIN-A-1'] }, 'lisbon@example.com');
  return {
    world,
    api,
    tokens,
    venueB,
    eventB,
    orders: { webFront: webFront.id, cash: cash.id, ga: ga.id, card: card.id, webB: webB.id },
    refundedTicket: cash.tickets[0].id,
    webFrontTickets: webFront.tickets.map((ticket: { id: string }) => ticket.id),
  };
}
