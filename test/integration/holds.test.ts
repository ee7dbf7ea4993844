// Holds through the HTTP API, on PGlite and on a real Postgres server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { unpackStatuses } from '../../cloud/domain/inventory/availability-pack.ts';
import type { Db } from '../../cloud/db/port.ts';

describe.each(dbKinds())('holds on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  const holdPath = () => `/v1/events/${world.eventId}/holds`;
  const statusesOf = async () => {
    const { body } = await api.call('GET', `/v1/events/${world.eventId}/availability`);
    return unpackStatuses(Buffer.from(body.statuses, 'base64'), body.seatCount);
  };
  const seatNo = (seatId: string) => {
    const [, row, n] = seatId.split('-');
    return (row!.charCodeAt(0) - 65) * 10 + Number(n) - 1;
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  it('holds chosen seats, priced, with an expiry and an owner token', async () => {
    const response = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-C-1', 'MAIN-C-2'] } });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/holds/${response.body.id}`);
    expect(response.body.seats.map((s: { seatId: string }) => s.seatId)).toEqual(['MAIN-C-1', 'MAIN-C-2']);
    expect(response.body.total).toEqual({ amount: 10_000, currency: 'EUR' });
    expect(response.body.seats[0].price).toEqual({ amount: 5000, currency: 'EUR' });
    expect(Date.parse(response.body.expiresAt) - world.clock.now().getTime()).toBe(600_000);
    expect(response.body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const statuses = await statusesOf();
    expect(statuses[seatNo('MAIN-C-1')]).toBe(1);
    expect(statuses[seatNo('MAIN-C-3')]).toBe(0);
  });

  it('is all or nothing: one taken seat refuses the whole hold and names it', async () => {
    const response = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-C-3', 'MAIN-C-2'] } });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.type).toBe('https://ticketboss.dev/problems/seats_unavailable');
    expect(response.body.seatIds).toEqual(['MAIN-C-2']);
    expect((await statusesOf())[seatNo('MAIN-C-3')]).toBe(0);
  });

  it('undoes the seats it took when a later seat in the same hold is gone', async () => {
    expect((await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-C-6'] } })).status).toBe(201);
    const response = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-C-6', 'MAIN-C-4', 'MAIN-C-5'] } });
    expect(response.status).toBe(409);
    expect(response.body.seatIds).toEqual(['MAIN-C-6']);
    const statuses = await statusesOf();
    expect([statuses[seatNo('MAIN-C-4')], statuses[seatNo('MAIN-C-5')], statuses[seatNo('MAIN-C-6')]]).toEqual([
      0, 0, 1,
    ]);
    const orphans = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM event_seats s WHERE s.status = 'held' AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.id = s.hold_id)`,
    );
    expect(orphans.rows[0]!.n).toBe(0);
  });

  it('rejects unknown seats with the field and the ids', async () => {
    const response = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-Z-99'] } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('seatIds');
    expect(response.body.seatIds).toEqual(['MAIN-Z-99']);
  });

  it('finds the best available seats together', async () => {
    const response = await api.call('POST', holdPath(), { body: { bestAvailable: { quantity: 4 } } });
    expect(response.status).toBe(201);
    // Row A is nearest the stage; the centre four of ten leave 3 free on each side.
    expect(response.body.seats.map((s: { seatId: string }) => s.seatId)).toEqual([
      'MAIN-A-4',
      'MAIN-A-5',
      'MAIN-A-6',
      'MAIN-A-7',
    ]);
  });

  it('holds standing places and refuses more than are left', async () => {
    const ok = await api.call('POST', holdPath(), { body: { ga: { sectionId: 'PIT', quantity: 8 } } });
    expect(ok.status).toBe(201);
    expect(ok.body.ga).toMatchObject({ sectionId: 'PIT', quantity: 8 });
    expect(ok.body.total.amount).toBe(40_000);
    await api.call('POST', holdPath(), { body: { ga: { sectionId: 'PIT', quantity: 8 } } });
    const tooMany = await api.call('POST', holdPath(), { body: { ga: { sectionId: 'PIT', quantity: 5 } } });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.type).toMatch(/ga_unavailable$/);
    const { body } = await api.call('GET', `/v1/events/${world.eventId}/availability`);
    expect(body.ga).toEqual([{ sectionId: 'PIT', capacity: 20, remaining: 4 }]);
  });

  it('enforces the per-order limit', async () => {
    const response = await api.call('POST', holdPath(), { body: { bestAvailable: { quantity: 9 } } });
    expect(response.status).toBe(422);
    expect(response.body.type).toMatch(/order_limit_exceeded$/);
  });

  it('shows a hold only to its owner', async () => {
    const created = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-D-1'] } });
    const path = `/v1/holds/${created.body.id}`;
    expect((await api.call('GET', path, { holdToken: created.body.token })).status).toBe(200);
    expect((await api.call('GET', path)).status).toBe(404);
    expect((await api.call('GET', path, { holdToken: 'x'.repeat(32) })).status).toBe(404);
    expect((await api.call('DELETE', path, { holdToken: 'wrong' })).status).toBe(404);
    expect((await api.call('POST', `${path}/extend`, { bearer: api.customerToken })).status).toBe(404);
    const shown = await api.call('GET', path, { holdToken: created.body.token });
    expect(shown.body.token).toBeUndefined();
    expect(shown.body.status).toBe('active');
  });

  it('lets a signed-in buyer reach their hold without the token', async () => {
    const created = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-D-3'] }, bearer: api.customerToken });
    const other = await api.issuer.issue({ sub: 'customer-2', groups: [] });
    expect((await api.call('GET', `/v1/holds/${created.body.id}`, { bearer: api.customerToken })).status).toBe(200);
    expect((await api.call('GET', `/v1/holds/${created.body.id}`, { bearer: other })).status).toBe(404);
  });

  it('releases a hold: its seats are on sale again at once', async () => {
    const created = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-E-1', 'MAIN-E-2'] } });
    const released = await api.call('DELETE', `/v1/holds/${created.body.id}`, { holdToken: created.body.token });
    expect(released.status).toBe(204);
    expect((await api.call('GET', `/v1/holds/${created.body.id}`, { holdToken: created.body.token })).body.status).toBe(
      'released',
    );
    expect((await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-E-1', 'MAIN-E-2'] } })).status).toBe(201);
    expect((await api.call('DELETE', `/v1/holds/${created.body.id}`, { holdToken: created.body.token })).status).toBe(
      204,
    );
  });

  it('extends a hold once', async () => {
    const created = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-E-5'] } });
    world.clock.advance(300_000);
    const extended = await api.call('POST', `/v1/holds/${created.body.id}/extend`, { holdToken: created.body.token });
    expect(extended.status).toBe(200);
    expect(extended.body.extended).toBe(true);
    expect(Date.parse(extended.body.expiresAt)).toBe(world.clock.now().getTime() + 600_000);
    const again = await api.call('POST', `/v1/holds/${created.body.id}/extend`, { holdToken: created.body.token });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/hold_already_extended$/);
    // The extension protects the seats past the original expiry.
    world.clock.advance(400_000);
    expect((await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-E-5'] } })).status).toBe(409);
  });

  it('frees an expired hold for the next buyer before any sweeper runs, then the sweeper records it', async () => {
    const first = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-B-9', 'MAIN-B-10'] } });
    world.clock.advance(600_001);
    expect((await statusesOf())[seatNo('MAIN-B-9')]).toBe(0);
    const extend = await api.call('POST', `/v1/holds/${first.body.id}/extend`, { holdToken: first.body.token });
    expect(extend.status).toBe(410);
    const second = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-B-9'] } });
    expect(second.status).toBe(201);
    expect((await api.call('GET', `/v1/holds/${first.body.id}`, { holdToken: first.body.token })).body.status).toBe(
      'expired',
    );

    world.live.messages.length = 0;
    const swept = await world.services.holds.sweepExpired();
    expect(swept).toBeGreaterThanOrEqual(1);
    const changes = world.live.messages.flatMap((m) => m.changes);
    // B-10 is freed and announced; B-9 now belongs to the second hold and is left alone.
    expect(changes).toContainEqual(expect.objectContaining({ seatId: 'MAIN-B-10', status: 'available' }));
    expect(changes.find((c) => c.seatId === 'MAIN-B-9')).toBeUndefined();
    const statuses = await statusesOf();
    expect(statuses[seatNo('MAIN-B-9')]).toBe(1);
    expect(statuses[seatNo('MAIN-B-10')]).toBe(0);
    const row = await db.query<{ state: string }>('SELECT state FROM holds WHERE id = $1', [first.body.id]);
    expect(row.rows[0]!.state).toBe('expired');
  });

  it('expired standing places count as free for the next buyer', async () => {
    const before = await api.call('GET', `/v1/events/${world.eventId}/availability`);
    const remaining = before.body.ga[0].remaining;
    // Every place left is taken by holds that then expire (the earlier PIT holds expired with the clock above).
    expect(remaining).toBe(20);
    const all = await api.call('POST', holdPath(), { body: { ga: { sectionId: 'PIT', quantity: 8 } } });
    expect(all.status).toBe(201);
  });

  it('publishes every committed change with seat versions', async () => {
    world.live.messages.length = 0;
    const created = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-D-7'] } });
    await api.call('DELETE', `/v1/holds/${created.body.id}`, { holdToken: created.body.token });
    const changes = world.live.messages.flatMap((m) => m.changes.filter((c) => c.seatId === 'MAIN-D-7'));
    expect(changes.map((c) => c.status)).toEqual(['held', 'available']);
    expect(changes[1]!.version).toBeGreaterThan(changes[0]!.version);
    expect(world.live.messages.every((m) => m.eventId === world.eventId)).toBe(true);
  });

  it('refuses holds when the event is paused or outside its sale window', async () => {
    await world.services.admin.setEventStatus(world.eventId, 'paused');
    const paused = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-D-9'] } });
    expect(paused.status).toBe(409);
    expect(paused.body.type).toMatch(/event_not_on_sale$/);
    expect(paused.body.detail).toMatch(/paused/);
    const best = await api.call('POST', holdPath(), { body: { bestAvailable: { quantity: 1 } } });
    expect(best.status).toBe(409);
    await world.services.admin.setEventStatus(world.eventId, 'on_sale');
    world.clock.advance(40 * 86_400_000);
    const late = await api.call('POST', holdPath(), { body: { seatIds: ['MAIN-D-9'] } });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/Sales closed/);
  });
});
