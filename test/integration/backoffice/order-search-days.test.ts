// The order desk's days are the venue's, on PGlite (and real Postgres where the run has one): an order placed at
// 00:30 in Berlin (23:30 UTC the day before) is found on the Berlin day, and one placed at 22:00 in New York (03:00
// UTC the day after) on the New York day; searching one day finds each venue's orders of its own day.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, createOnSaleEvent, smallHall, type World } from '../../support/world.ts';

describe.each(dbKinds())('order search by the venue’s days on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  const codes = { berlinLate: '', berlinNoon: '', newYorkLate: '' };

  const sell = async (eventId: string, venueId: string, seatId: string) => {
    const clerk = await api.issuer.issue({ sub: `clerk-${venueId}`, groups: ['clerk'], venueId });
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: [seatId] }, bearer: clerk });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'late@example.com', name: 'Late Buyer' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    return order.body.code as string;
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    // 2030-12-04 23:30 UTC: 00:30 on the 5th in Berlin.
    world = await buildWorld(db, { now: new Date('2030-12-04T23:30:00Z') });
    api = await testApi(world.services);
    const newYork = await world.services.admin.createVenue({
      name: 'Hall NY',
      city: 'New York',
      timezone: 'America/New_York',
    });
    const nyMap = await world.services.admin.importSeatMap(newYork.id, smallHall(2, 5));
    // createOnSaleEvent opens sales from the real clock's yesterday: the event's sales window must cover 2030.
    const nyEvent = await createOnSaleEvent(world.services, nyMap.id, ['MAIN', 'PIT'], { name: 'NY Night' });
    await db.query(
      `UPDATE events SET on_sale_from = '2030-01-01', on_sale_until = '2031-06-01', starts_at = '2031-06-02' WHERE id = $1`,
      [nyEvent],
    );
    codes.berlinLate = await sell(world.eventId, world.venueId, 'MAIN-A-1');
    // 2030-12-05 11:00 UTC: noon in Berlin, 06:00 in New York, both on the 5th.
    world.clock.advance(11.5 * 3_600_000);
    codes.berlinNoon = await sell(world.eventId, world.venueId, 'MAIN-A-2');
    // 2030-12-06 03:00 UTC: 22:00 on the 5th in New York (and 04:00 on the 6th in Berlin).
    world.clock.advance(16 * 3_600_000);
    codes.newYorkLate = await sell(nyEvent, newYork.id, 'MAIN-A-1');
  });
  afterAll(async () => db?.close());

  const found = async (query: string) => {
    const answer = await api.call('GET', `/v1/admin/orders?${query}`, { bearer: api.adminToken });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.orders.map((order: { code: string }) => order.code).sort();
  };

  it("finds an order on its venue's day, not UTC's", async () => {
    expect(await found('from=2030-12-05&to=2030-12-05')).toEqual(
      [codes.berlinLate, codes.berlinNoon, codes.newYorkLate].sort(),
    );
    // In UTC the Berlin order was on the 4th and the New York one on the 6th: neither is there.
    expect(await found('from=2030-12-04&to=2030-12-04')).toEqual([]);
    expect(await found('from=2030-12-06&to=2030-12-06')).toEqual([]);
    expect(await found('from=2030-12-06')).toEqual([]);
    expect(await found('to=2030-12-04')).toEqual([]);
  });
});
