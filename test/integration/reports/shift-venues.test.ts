// A venue's shift list holds only that venue's box-office money, on real Postgres (else PGlite): a clerk who works at
// two venues the same day appears in each venue's list with that venue's sales and refunds only; a seller of venue B
// alone is not in venue A's list at all; a manager of A cannot read B's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

interface ShiftBody {
  shifts: {
    day: string;
    seller: string;
    lines: { method: string; orders: number; taken: unknown; refunds: number; refunded: unknown }[];
  }[];
}

describe.each(productionDbKinds())("a venue's shift list on %s", (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let venueB: string;
  const tokens = { managerA: '', managerB: '', roamAtA: '', roamAtB: '', onlyB: '' };

  const sell = async (eventId: string, seatId: string, bearer: string) => {
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: [seatId] }, bearer });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'counter@example.com', name: 'At The Counter' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer,
      idempotencyKey: randomUUID(),
    });
    expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
    return order.body as { id: string; tickets: { id: string }[] };
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { now: new Date('2030-01-10T09:00:00Z') });
    api = await testApi(world.services);
    const { services, clock } = world;
    venueB = (await services.admin.createVenue({ name: 'Hall B', city: 'Lisbon', timezone: 'Europe/Lisbon' })).id;
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
      tiers: [{ name: 'All', price: eur(3000), sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
    });
    await services.admin.setEventStatus(eventB, 'on_sale');
    const issue = api.issuer.issue.bind(api.issuer);
    tokens.managerA = await issue({ sub: 'manager-a', groups: ['venue_manager'], venueId: world.venueId });
    tokens.managerB = await issue({ sub: 'manager-b', groups: ['venue_manager'], venueId: venueB });
    // One clerk, the same subject, at either venue's counter.
    tokens.roamAtA = await issue({ sub: 'clerk-roam', groups: ['clerk'], venueId: world.venueId });
    tokens.roamAtB = await issue({ sub: 'clerk-roam', groups: ['clerk'], venueId: venueB });
    tokens.onlyB = await issue({ sub: 'clerk-b', groups: ['clerk'], venueId: venueB });

    await sell(world.eventId, 'MAIN-A-1', tokens.roamAtA); // 5,000 at A
    clock.advance(3_600_000);
    const atB = await sell(eventB, 'MAIN-A-1', tokens.roamAtB); // 3,000 at B, given back at B
    await sell(eventB, 'MAIN-A-2', tokens.roamAtB); // 3,000 at B
    const refund = await api.call('POST', `/v1/orders/${atB.id}/refunds`, {
      body: { ticketIds: [atB.tickets[0]!.id], reason: 'changed plans' },
      bearer: tokens.roamAtB,
      idempotencyKey: randomUUID(),
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    await sell(eventB, 'MAIN-B-1', tokens.onlyB); // 3,000 at B by B's own clerk
  });
  afterAll(async () => db?.close());

  const shifts = async (venueId: string, bearer: string) => {
    const answer = await api.call('GET', `/v1/admin/reports/shifts?venueId=${venueId}&from=2030-01-10&to=2030-01-10`, {
      bearer,
    });
    return answer;
  };
  const summary = (body: ShiftBody) =>
    body.shifts.map((shift) => [
      shift.seller,
      shift.lines.map((line) => [line.method, line.orders, line.taken, line.refunds, line.refunded]),
    ]);

  it("gives venue A's manager only A's takings of a clerk who also sold at B, and no seller of B alone", async () => {
    const a = await shifts(world.venueId, tokens.managerA);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(summary(a.body)).toEqual([['clerk-roam', [['cash', 1, eur(5000), 0, eur(0)]]]]);
  });

  it("gives venue B's manager only B's takings and refunds", async () => {
    const b = await shifts(venueB, tokens.managerB);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(summary(b.body)).toEqual([
      ['clerk-b', [['cash', 1, eur(3000), 0, eur(0)]]],
      ['clerk-roam', [['cash', 2, eur(6000), 1, eur(3000)]]],
    ]);
    expect((await shifts(venueB, tokens.managerA)).status).toBe(404);
  });
});
