// Seat management in the back office, through the HTTP API on real Postgres (else PGlite): a
// venue manager blocks seats with a kind and a note, and then no buyer can hold them, the availability snapshot and
// the live seat view say so, and the list shows why; held and sold seats cannot be blocked (all or none); seats go
// back to sale; standing places are held back within what is free. Other venues' staff see nothing; every change is
// in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

/** The status code of each seat in an availability snapshot (2 bits a seat, low bits first). */
function statusesOf(availability: { statuses: string; seatCount: number }): number[] {
  const bytes = Buffer.from(availability.statuses, 'base64');
  return Array.from({ length: availability.seatCount }, (_, i) => (bytes[i >> 2]! >> ((i & 3) * 2)) & 3);
}
const seatNo = (seatId: string) => {
  const [, row, number] = seatId.split('-');
  return (row!.charCodeAt(0) - 65) * 10 + Number(number) - 1;
};

describe.each(productionDbKinds())('seat management on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;
  let farManager: string;
  let clerk: string;
  const blocks = () => `/v1/admin/events/${world.eventId}/seat-blocks`;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { now: new Date() });
    api = await testApi(world.services);
    manager = await api.issuer.issue({
      sub: 'manager-1',
      email: 'anna@hall.example',
      groups: ['venue_manager'],
      // The venue as venueId: tokens carry one venue today (a manager's venueIds come with the roles work).
      venueId: world.venueId,
    });
    const other = await world.services.admin.createVenue({ name: 'Elsewhere', city: 'Basel', timezone: 'UTC' });
    farManager = await api.issuer.issue({ sub: 'manager-far', groups: ['venue_manager'], venueId: other.id });
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
  });
  afterAll(async () => {
    await db.close();
  });

  const hold = (body: unknown) => api.call('POST', `/v1/events/${world.eventId}/holds`, { body });
  const availability = async () =>
    (await api.call('GET', `/v1/events/${world.eventId}/availability`)).body as {
      statuses: string;
      seatCount: number;
      ga: { sectionId: string; remaining: number }[];
    };

  it('blocks house seats so that no buyer can hold them, tells the live view, and lists them with why', async () => {
    const blocked = await api.call('POST', blocks(), {
      bearer: manager,
      body: { seatIds: ['MAIN-C-5', 'MAIN-C-4'], kind: 'house', note: 'For the director' },
    });
    expect(blocked.status).toBe(200);
    expect(blocked.body.seatIds.sort()).toEqual(['MAIN-C-4', 'MAIN-C-5']);

    const refused = await hold({ seatIds: ['MAIN-C-4'] });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/seats_unavailable/);
    const statuses = statusesOf(await availability());
    expect(statuses[seatNo('MAIN-C-4')]).toBe(3);
    expect(statuses[seatNo('MAIN-C-5')]).toBe(3);
    expect(statuses[seatNo('MAIN-C-6')]).toBe(0);
    const told = world.live.messages.flatMap((message) => message.changes);
    expect(told).toEqual(
      expect.arrayContaining([expect.objectContaining({ seatId: 'MAIN-C-4', status: 'unavailable' })]),
    );

    const list = await api.call('GET', blocks(), { bearer: manager });
    expect(list.status).toBe(200);
    expect(list.body.seats).toEqual([
      expect.objectContaining({ seatId: 'MAIN-C-4', row: 'C', number: '4', kind: 'house', note: 'For the director' }),
      expect.objectContaining({ seatId: 'MAIN-C-5', kind: 'house', blockedBy: 'anna@hall.example' }),
    ]);
    const audit = await searchAuditEntries(db, { objectType: 'event', objectId: world.eventId, limit: 10 });
    expect(audit[0]).toMatchObject({ action: 'seat.block', actor_email: 'anna@hall.example', venue_id: world.venueId });
    expect(audit[0]!.summary).toMatch(/house seats .*MAIN-C-4/);
  });

  it('refuses to block held or sold seats, names them, and blocks none of the others', async () => {
    const held = await hold({ seatIds: ['MAIN-D-1'] });
    expect(held.status).toBe(201);
    const refused = await api.call('POST', blocks(), {
      bearer: manager,
      body: { seatIds: ['MAIN-D-2', 'MAIN-D-1'], kind: 'production', note: 'camera' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.seatIds).toEqual(['MAIN-D-1']);
    expect(refused.body.errors[0].field).toBe('seatIds');
    // All or none: D-2 is still on sale.
    expect((await hold({ seatIds: ['MAIN-D-2'] })).status).toBe(201);
  });

  it('changes the kind and note of seats already off sale, and releases them to sale', async () => {
    const killed = await api.call('POST', blocks(), {
      bearer: manager,
      body: { seatIds: ['MAIN-C-4'], kind: 'kill', note: 'mixing desk' },
    });
    expect(killed.status).toBe(200);
    const list = await api.call('GET', blocks(), { bearer: manager });
    expect(list.body.seats[0]).toMatchObject({ seatId: 'MAIN-C-4', kind: 'kill', note: 'mixing desk' });

    const released = await api.call('POST', `${blocks()}/release`, {
      bearer: manager,
      body: { seatIds: ['MAIN-C-4', 'MAIN-C-5', 'MAIN-C-9'] },
    });
    expect(released.status).toBe(200);
    expect(released.body.seatIds.sort()).toEqual(['MAIN-C-4', 'MAIN-C-5']);
    expect(released.body.unchangedSeatIds).toEqual(['MAIN-C-9']);
    expect((await hold({ seatIds: ['MAIN-C-4'] })).status).toBe(201);
    expect((await api.call('GET', blocks(), { bearer: manager })).body.seats).toEqual([]);
    const audit = await searchAuditEntries(db, { objectType: 'event', objectId: world.eventId, limit: 10 });
    expect(audit.find((entry) => entry.action === 'seat.release')).toMatchObject({
      before: { seatIds: ['MAIN-C-4', 'MAIN-C-5'] },
    });
  });

  it('holds back standing places within what is free and gives them back', async () => {
    const back = await api.call('POST', `/v1/admin/events/${world.eventId}/standing-holdbacks`, {
      bearer: manager,
      body: { sectionId: 'PIT', quantity: 15, kind: 'production', note: 'crew' },
    });
    expect(back.status).toBe(201);
    expect(back.body.standing).toEqual({ sectionId: 'PIT', remaining: 5 });
    expect((await availability()).ga).toEqual([expect.objectContaining({ sectionId: 'PIT', remaining: 5 })]);
    expect((await hold({ ga: { sectionId: 'PIT', quantity: 6 } })).status).toBe(409);
    expect((await hold({ ga: { sectionId: 'PIT', quantity: 5 } })).status).toBe(201);
    const tooMany = await api.call('POST', `/v1/admin/events/${world.eventId}/standing-holdbacks`, {
      bearer: manager,
      body: { sectionId: 'PIT', quantity: 1, kind: 'house' },
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.errors[0].field).toBe('quantity');

    const list = await api.call('GET', blocks(), { bearer: manager });
    expect(list.body.standing).toEqual([
      expect.objectContaining({ id: back.body.holdbackId, sectionId: 'PIT', quantity: 15, kind: 'production' }),
    ]);
    const released = await api.call(
      'DELETE',
      `/v1/admin/events/${world.eventId}/standing-holdbacks/${back.body.holdbackId}`,
      { bearer: manager },
    );
    expect(released.status).toBe(200);
    expect(released.body.standing).toEqual({ sectionId: 'PIT', remaining: 15 });
    const again = await api.call(
      'DELETE',
      `/v1/admin/events/${world.eventId}/standing-holdbacks/${back.body.holdbackId}`,
      { bearer: manager },
    );
    expect(again.status).toBe(404);
  });

  it('manages the seats of a draft, which the public cannot see yet', async () => {
    const now = Date.now();
    const { id: draftId } = await world.services.admin.createEvent({
      name: 'Next Season Opener',
      description: '',
      seatmapId: world.seatmapId,
      startsAt: new Date(now + 60 * 86_400_000).toISOString(),
      onSaleFrom: new Date(now + 10 * 86_400_000).toISOString(),
      onSaleUntil: new Date(now + 59 * 86_400_000).toISOString(),
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: [{ name: 'Standard', price: { amount: 4000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
    });
    expect((await api.call('GET', `/v1/events/${draftId}/availability`)).status).toBe(404);
    const blocked = await api.call('POST', `/v1/admin/events/${draftId}/seat-blocks`, {
      bearer: manager,
      body: { seatIds: ['MAIN-A-1', 'MAIN-A-2'], kind: 'kill', note: 'camera platform' },
    });
    expect(blocked.status).toBe(200);
    const view = await api.call('GET', `/v1/admin/events/${draftId}/seats`, { bearer: manager });
    expect(view.status).toBe(200);
    expect(view.body.event).toMatchObject({ id: draftId, status: 'draft', name: 'Next Season Opener' });
    const statuses = statusesOf(view.body.availability);
    expect(statuses[seatNo('MAIN-A-1')]).toBe(3);
    expect(statuses[seatNo('MAIN-A-3')]).toBe(0);
    expect(view.body.blocks.seats.map((seat: { seatId: string }) => seat.seatId)).toEqual(['MAIN-A-1', 'MAIN-A-2']);
    expect((await api.call('GET', `/v1/admin/events/${draftId}/seats`, { bearer: farManager })).status).toBe(404);
    expect((await api.call('GET', `/v1/admin/events/${draftId}/seats`, { bearer: clerk })).status).toBe(403);
  });

  it('answers bad input with the offending field', async () => {
    const cases: [unknown, string][] = [
      [{ seatIds: ['MAIN-A-1'], kind: 'vip' }, 'kind'],
      [{ seatIds: [], kind: 'house' }, 'seatIds'],
      [{ seatIds: ['MAIN-A-1', 'MAIN-A-1'], kind: 'house' }, 'seatIds'],
      [{ seatIds: ['NOWHERE-1'], kind: 'house' }, 'seatIds'],
    ];
    for (const [body, field] of cases) {
      const response = await api.call('POST', blocks(), { bearer: manager, body });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      expect(response.body.errors[0].field).toBe(field);
    }
    const noSection = await api.call('POST', `/v1/admin/events/${world.eventId}/standing-holdbacks`, {
      bearer: manager,
      body: { sectionId: 'MAIN', quantity: 1, kind: 'house' },
    });
    expect(noSection.status).toBe(400);
    expect(noSection.body.errors[0].field).toBe('sectionId');
  });

  it("hides the event from other venues' staff and refuses roles that may not manage events", async () => {
    const body = { seatIds: ['MAIN-E-1'], kind: 'house' };
    expect((await api.call('POST', blocks(), { bearer: farManager, body })).status).toBe(404);
    expect((await api.call('GET', blocks(), { bearer: farManager })).status).toBe(404);
    expect((await api.call('POST', blocks(), { bearer: clerk, body })).status).toBe(403);
    expect((await api.call('POST', blocks(), { body })).status).toBe(401);
    expect((await api.call('POST', blocks(), { bearer: api.adminToken, body })).status).toBe(200);
  });
});
