// Allotments on real Postgres (else PGlite): a box office reserves seats until sales end; nobody else can hold them;
// its orders take seats out of the allotment (the rest stays reserved); a seat already sold from it cannot be sold
// again; and a device's offline sales from its allotment, pushed later from its outbox, land exactly once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';

describe.each(productionDbKinds())('allotments on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let boxOffice: string;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
    const device = await world.services.identity.createDevice({
      venueId: world.venueId,
      kind: 'boxoffice',
      name: 'BO',
    });
    boxOffice = await api.issuer.issue({ sub: device.id, groups: ['boxoffice'], venueId: world.venueId });
  });
  afterAll(async () => db.close());

  const row = (letter: string, count: number) => Array.from({ length: count }, (_, i) => `MAIN-${letter}-${i + 1}`);
  const cashOrder = (allotmentId: string, seatIds: string[], key = randomUUID()) =>
    api.call('POST', '/v1/orders', {
      body: {
        holdId: allotmentId,
        allotmentSeatIds: seatIds,
        buyer: { email: 'counter@example.com', name: 'Counter Buyer' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: seatIds.length * 5000, currency: 'EUR' } },
      },
      bearer: boxOffice,
      idempotencyKey: key,
    });

  it('reserves seats until sales end, for the box office only, and keeps everyone else off them', async () => {
    const allotment = await api.call('POST', `/v1/events/${world.eventId}/allotments`, {
      body: { seatIds: row('A', 10) },
      bearer: boxOffice,
    });
    expect(allotment.status).toBe(201);
    expect(allotment.body).toMatchObject({ kind: 'allotment', status: 'active' });
    expect(Date.parse(allotment.body.expiresAt) - world.clock.now().getTime()).toBeGreaterThan(20 * 86_400_000);
    const web = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-A-3'] } });
    expect(web.status).toBe(409);
    expect(
      (
        await api.call('POST', `/v1/events/${world.eventId}/allotments`, {
          body: { seatIds: ['MAIN-B-1'] },
          bearer: api.customerToken,
        })
      ).status,
    ).toBe(403);
    expect(
      (await api.call('POST', `/v1/events/${world.eventId}/allotments`, { body: { seatIds: ['MAIN-B-1'] } })).status,
    ).toBe(401);
  });

  it('sells part of the allotment; the rest stays reserved; a sold seat cannot be sold from it again', async () => {
    const allotment = (
      await api.call('POST', `/v1/events/${world.eventId}/allotments`, {
        body: { seatIds: row('B', 6) },
        bearer: boxOffice,
      })
    ).body;
    const sold = await cashOrder(allotment.id, ['MAIN-B-2', 'MAIN-B-3']);
    expect(sold.status).toBe(201);
    expect(sold.body).toMatchObject({ state: 'paid', total: { amount: 10_000 } });
    expect(sold.body.tickets.map((t: { seatId: string }) => t.seatId)).toEqual(['MAIN-B-2', 'MAIN-B-3']);
    const rest = await api.call('GET', `/v1/holds/${allotment.id}`, { bearer: boxOffice });
    expect(rest.body.seats.map((s: { seatId: string }) => s.seatId)).toEqual([
      'MAIN-B-1',
      'MAIN-B-4',
      'MAIN-B-5',
      'MAIN-B-6',
    ]);
    expect(rest.body.total.amount).toBe(20_000);
    const again = await cashOrder(allotment.id, ['MAIN-B-3']);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('https://ticketboss.dev/problems/seats_unavailable');
    const notNamed = await api.call('POST', '/v1/orders', {
      body: {
        holdId: allotment.id,
        buyer: { email: 'x@example.com', name: 'X' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 100_000, currency: 'EUR' } },
      },
      bearer: boxOffice,
      idempotencyKey: randomUUID(),
    });
    expect(notNamed.body.errors[0].field).toBe('allotmentSeatIds');
  });

  it('replays an offline sale pushed twice with its key as the one order it made', async () => {
    const allotment = (
      await api.call('POST', `/v1/events/${world.eventId}/allotments`, {
        body: { seatIds: row('C', 4) },
        bearer: boxOffice,
      })
    ).body;
    const key = randomUUID();
    const first = await cashOrder(allotment.id, ['MAIN-C-1'], key);
    const second = await cashOrder(allotment.id, ['MAIN-C-1'], key);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const orders = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE event_id = $1 AND seat_id = 'MAIN-C-1' AND status = 'valid'`,
      [world.eventId],
    );
    expect(orders.rows[0]!.n).toBe(1);
  });
});
