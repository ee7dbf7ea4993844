// Allotments from the back office, through the HTTP API on real Postgres (else PGlite): a venue
// manager gives seats to one of the venue's box offices, the device finds them as its own allotment (to sell
// offline), buyers cannot hold them, and taking the allotment back puts them on sale again. A device of another
// venue, a kiosk or a revoked box office cannot be given one; other venues' staff see nothing; each step is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

describe.each(productionDbKinds())('allotments from the back office on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;
  let farManager: string;
  let boxOffice: { id: string; token: string };
  let kioskId: string;
  let farBoxOfficeId: string;
  const path = () => `/v1/admin/events/${world.eventId}/allotments`;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { now: new Date() });
    api = await testApi(world.services);
    const { identity, admin } = world.services;
    manager = await api.issuer.issue({
      sub: 'manager-1',
      email: 'anna@hall.example',
      groups: ['venue_manager'],
      venueId: world.venueId,
    });
    const counter = await identity.createDevice({ venueId: world.venueId, kind: 'boxoffice', name: 'Counter 1' });
    boxOffice = {
      id: counter.id,
      token: await api.issuer.issue({ sub: counter.id, groups: ['boxoffice'], venueId: world.venueId }),
    };
    kioskId = (await identity.createDevice({ venueId: world.venueId, kind: 'kiosk', name: 'Foyer kiosk' })).id;
    const other = await admin.createVenue({ name: 'Elsewhere', city: 'Basel', timezone: 'UTC' });
    farBoxOfficeId = (await identity.createDevice({ venueId: other.id, kind: 'boxoffice', name: 'Far counter' })).id;
    farManager = await api.issuer.issue({ sub: 'manager-far', groups: ['venue_manager'], venueId: other.id });
  });
  afterAll(async () => {
    await db.close();
  });

  it('gives seats to a box office, which finds them as its own, and takes them back', async () => {
    const given = await api.call('POST', path(), {
      bearer: manager,
      body: { deviceId: boxOffice.id, seatIds: ['MAIN-B-1', 'MAIN-B-2'] },
    });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ kind: 'allotment', status: 'active' });
    expect(given.body.token).toBeUndefined();
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-B-1'] } });
    expect(hold.status).toBe(409);

    const mine = await api.call('GET', '/v1/boxoffice/allotments', { bearer: boxOffice.token });
    expect(mine.status).toBe(200);
    expect(mine.body.allotments).toEqual([
      expect.objectContaining({
        id: given.body.id,
        seats: expect.arrayContaining([expect.objectContaining({ seatId: 'MAIN-B-2' })]),
      }),
    ]);
    // The device may read and use it as the owner of the hold.
    expect((await api.call('GET', `/v1/holds/${given.body.id}`, { bearer: boxOffice.token })).status).toBe(200);

    const list = await api.call('GET', path(), { bearer: manager });
    expect(list.body.allotments).toEqual([expect.objectContaining({ id: given.body.id, deviceName: 'Counter 1' })]);
    expect(list.body.boxOffices).toEqual([{ id: boxOffice.id, name: 'Counter 1' }]);

    const back = await api.call('DELETE', `${path()}/${given.body.id}`, { bearer: manager });
    expect(back.status).toBe(204);
    expect(
      (await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-B-1'] } })).status,
    ).toBe(201);
    expect((await api.call('GET', path(), { bearer: manager })).body.allotments).toEqual([]);
    expect((await api.call('DELETE', `${path()}/${given.body.id}`, { bearer: manager })).status).toBe(404);

    const audit = await searchAuditEntries(db, { objectType: 'event', objectId: world.eventId, limit: 10 });
    expect(audit.map((entry) => entry.action).sort()).toEqual(['seat.allot', 'seat.release_allotment']);
    expect(audit.find((entry) => entry.action === 'seat.allot')!.summary).toMatch(/to box office Counter 1/);
  });

  it('gives allotments only to box offices of the venue, and only free seats', async () => {
    for (const deviceId of [kioskId, farBoxOfficeId, '00000000-0000-4000-8000-000000000000']) {
      const refused = await api.call('POST', path(), { bearer: manager, body: { deviceId, seatIds: ['MAIN-C-1'] } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('deviceId');
    }
    await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-C-2'] } });
    const taken = await api.call('POST', path(), {
      bearer: manager,
      body: { deviceId: boxOffice.id, seatIds: ['MAIN-C-1', 'MAIN-C-2'] },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.seatIds).toEqual(['MAIN-C-2']);
    const bad = await api.call('POST', path(), { bearer: manager, body: { deviceId: 'counter', seatIds: [] } });
    expect(bad.status).toBe(400);
  });

  it("hides the event from other venues' staff and keeps the device list to devices", async () => {
    expect((await api.call('GET', path(), { bearer: farManager })).status).toBe(404);
    const body = { deviceId: boxOffice.id, seatIds: ['MAIN-D-1'] };
    expect((await api.call('POST', path(), { bearer: farManager, body })).status).toBe(404);
    expect((await api.call('GET', '/v1/boxoffice/allotments', { bearer: manager })).status).toBe(403);
    expect((await api.call('GET', '/v1/boxoffice/allotments')).status).toBe(401);
  });
});
