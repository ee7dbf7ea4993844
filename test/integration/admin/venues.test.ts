// The back office's venues and seat maps through the HTTP API (PGlite): an owner lists and creates venues, a venue
// manager sees and edits only their own (another venue is a 404, not a 403), bad input is a problem naming its field,
// seat-map versions list the events built on them and read back whole, and every change is in the audit log.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';

describe('back-office venues and seat maps on pglite', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let otherVenueId: string;
  let manager: string;
  let otherManager: string;
  let clerk: string;

  const auditOf = async (objectId: string) =>
    (
      await db.query<{ action: string; actor_sub: string; venue_id: string; before: unknown; after: unknown }>(
        'SELECT action, actor_sub, venue_id, before, after FROM audit_log WHERE object_id = $1 ORDER BY at, id',
        [objectId],
      )
    ).rows;

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    api = await testApi(world.services);
    otherVenueId = (await world.services.admin.createVenue({ name: 'Zeta Hall', city: 'Basel', timezone: 'UTC' })).id;
    manager = await api.issuer.issue({ sub: 'manager-a', groups: ['venue_manager'], venueId: world.venueId });
    otherManager = await api.issuer.issue({ sub: 'manager-b', groups: ['venue_manager'], venueId: otherVenueId });
    clerk = await api.issuer.issue({ sub: 'clerk-a', groups: ['clerk'], venueId: world.venueId });
  });
  afterAll(async () => {
    await db.close();
  });

  it('lists every venue to the owner and only their own to a venue manager', async () => {
    const all = await api.call('GET', apiPaths.venues(), { bearer: api.adminToken });
    expect(all.status).toBe(200);
    expect(all.body.venues.map((v: { name: string }) => v.name)).toEqual(['Test Venue', 'Zeta Hall']);
    const own = await api.call('GET', apiPaths.venues(), { bearer: manager });
    expect(own.body.venues.map((v: { id: string }) => v.id)).toEqual([world.venueId]);
    expect((await api.call('GET', apiPaths.venues(), { bearer: clerk })).status).toBe(403);
    expect((await api.call('GET', apiPaths.venues())).status).toBe(401);
  });

  it('creates a venue for the owner only, and audits it', async () => {
    const body = { name: 'New Hall', city: 'Graz', timezone: 'Europe/Vienna' };
    expect((await api.call('POST', apiPaths.venues(), { body, bearer: manager })).status).toBe(403);
    const bad = await api.call('POST', apiPaths.venues(), {
      body: { ...body, timezone: 'Mars/Olympus' },
      bearer: api.adminToken,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe(PROBLEM + 'validation_failed');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('timezone');
    const created = await api.call('POST', apiPaths.venues(), { body, bearer: api.adminToken });
    expect(created.status).toBe(201);
    expect(await auditOf(created.body.id)).toEqual([
      expect.objectContaining({ action: 'venue.create', actor_sub: 'admin-1', venue_id: created.body.id }),
    ]);
  });

  it('edits a venue of the manager, audits what changed, and hides other venues', async () => {
    const path = apiPaths.venue(world.venueId);
    const bad = await api.call('PATCH', path, { body: { timezone: 'Nowhere/Else' }, bearer: manager });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('timezone');
    const empty = await api.call('PATCH', path, { body: {}, bearer: manager });
    expect(empty.status).toBe(400);

    const edited = await api.call('PATCH', path, {
      body: { name: 'Test Venue Grand', timezone: 'Europe/Paris' },
      bearer: manager,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Test Venue Grand', city: 'Testville', timezone: 'Europe/Paris' });
    expect((await api.call('GET', path, { bearer: manager })).body.name).toBe('Test Venue Grand');
    const [entry] = (await auditOf(world.venueId)).filter((e) => e.action === 'venue.update');
    expect(entry).toMatchObject({
      actor_sub: 'manager-a',
      before: { name: 'Test Venue', timezone: 'Europe/Berlin' },
      after: { name: 'Test Venue Grand', timezone: 'Europe/Paris' },
    });

    // Another venue's manager learns nothing of it, not even that it exists.
    expect((await api.call('GET', path, { bearer: otherManager })).status).toBe(404);
    expect((await api.call('PATCH', path, { body: { name: 'Mine now' }, bearer: otherManager })).status).toBe(404);
    expect((await api.call('PATCH', path, { body: { name: 'x' }, bearer: clerk })).status).toBe(403);
    expect((await api.call('GET', apiPaths.venue(randomUUID()), { bearer: api.adminToken })).status).toBe(404);
  });

  it("lists a venue's seat-map versions with the events on each, and reads one whole", async () => {
    const map = smallHall(2, 4);
    const stored = await api.call('POST', apiPaths.venueSeatMaps(world.venueId), { body: map, bearer: manager });
    expect(stored.status).toBe(201);
    expect(stored.body.version).toBe(2);
    expect(
      (await api.call('POST', apiPaths.venueSeatMaps(world.venueId), { body: map, bearer: otherManager })).status,
    ).toBe(404);

    const list = await api.call('GET', apiPaths.venueSeatMaps(world.venueId), { bearer: manager });
    expect(list.status).toBe(200);
    expect(list.body.seatMaps.map((m: { version: number; seatCount: number }) => [m.version, m.seatCount])).toEqual([
      [2, 8],
      [1, 50],
    ]);
    // The older version carries the world's event; the new one none yet.
    expect(list.body.seatMaps[1].events).toEqual([
      expect.objectContaining({ id: world.eventId, name: 'Test Event', status: 'on_sale' }),
    ]);
    expect(list.body.seatMaps[0].events).toEqual([]);

    const one = await api.call('GET', apiPaths.adminSeatMap(stored.body.id), { bearer: manager });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: stored.body.id, venueId: world.venueId, version: 2, name: 'Small Hall' });
    expect(one.body.seats).toHaveLength(8);
    expect(one.body.sections.map((s: { id: string }) => s.id)).toEqual(['MAIN', 'PIT']);
    expect((await api.call('GET', apiPaths.adminSeatMap(stored.body.id), { bearer: otherManager })).status).toBe(404);
    expect((await api.call('GET', apiPaths.venueSeatMaps(world.venueId), { bearer: otherManager })).status).toBe(404);
    expect(await auditOf(stored.body.id)).toEqual([
      expect.objectContaining({
        action: 'seatmap.store',
        actor_sub: 'manager-a',
        after: expect.objectContaining({ version: 2 }),
      }),
    ]);
  });
});
