// An audit entry about a staff member of several venues is read by the managers of each (migration 0022: venue_ids
// matched with &&), through the HTTP app on real Postgres (else PGlite): the owner invites a venue manager of venues A
// and B, then moves them to B and C; the manager of B reads both entries (each shown as B's), the manager of C reads
// the move, the manager of A the invitation and the move away, and a manager of none of them reads neither.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

describe.each(productionDbKinds())('audit entries of a staff member of several venues on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  const venues: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  const managers: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  let memberId = '';

  const staffEntries = async (reader: 'A' | 'B' | 'C' | 'D') => {
    const page = await api.call('GET', '/v1/admin/audit?objectType=staff&limit=50', { bearer: managers[reader] });
    expect(page.status).toBe(200);
    return (page.body.entries as { action: string; venueId: string | null; summary: string }[]).map(
      (entry) => `${entry.action} @${Object.entries(venues).find(([, id]) => id === entry.venueId)?.[0] ?? '-'}`,
    );
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
    venues.A = world.venueId;
    for (const name of ['B', 'C', 'D'] as const) {
      venues[name] = (
        await world.services.admin.createVenue({ name: `Venue ${name}`, city: 'X', timezone: 'Europe/Paris' })
      ).id;
    }
    for (const name of ['A', 'B', 'C', 'D'] as const) {
      managers[name] = await api.issuer.issue({
        sub: randomUUID(),
        groups: ['venue_manager'],
        venueIds: [venues[name]],
      });
    }
  });
  afterAll(async () => db.close());

  it('files an invitation and a role change under every venue of the member, before and after', async () => {
    const invited = await api.call('POST', '/v1/admin/staff/invitations', {
      bearer: api.adminToken,
      body: {
        email: 'two.venues@example.com',
        name: 'Two Venues',
        role: 'venue_manager',
        venueIds: [venues.A, venues.B],
      },
    });
    expect(invited.status).toBe(201);
    memberId = invited.body.id;
    world.clock.advance(60_000);
    const moved = await api.call('PUT', `/v1/admin/staff/${invited.body.id}`, {
      bearer: api.adminToken,
      body: { role: 'venue_manager', venueIds: [venues.B, venues.C] },
    });
    expect(moved.status).toBe(200);

    // Newest first; each reader is shown a venue of theirs, never another venue's id.
    expect(await staffEntries('B')).toEqual(['staff.role_change @B', 'staff.invite @B']);
    expect(await staffEntries('A')).toEqual(['staff.role_change @A', 'staff.invite @A']);
    expect(await staffEntries('C')).toEqual(['staff.role_change @C']);
    expect(await staffEntries('D')).toEqual([]);
  });

  it("shows each reader only their own venues in a role change's before and after", async () => {
    const venuesIn = async (reader: 'A' | 'B' | 'C') => {
      const page = await api.call('GET', `/v1/admin/audit?objectType=staff&objectId=${memberId}&limit=50`, {
        bearer: managers[reader],
      });
      type Snapshot = { venueId: string | null; venueIds: string[] } | null;
      const entries = page.body.entries as { action: string; before: Snapshot; after: Snapshot }[];
      const change = entries.find((entry) => entry.action === 'staff.role_change')!;
      const named = (ids: string[] | undefined) =>
        (ids ?? []).map((id) => Object.entries(venues).find(([, venueId]) => venueId === id)?.[0]);
      return { before: named(change.before?.venueIds), after: named(change.after?.venueIds) };
    };
    // Moved from A and B to B and C: each manager reads the move in terms of their own venue only.
    expect(await venuesIn('A')).toEqual({ before: ['A'], after: [] });
    expect(await venuesIn('B')).toEqual({ before: ['B'], after: ['B'] });
    expect(await venuesIn('C')).toEqual({ before: [], after: ['C'] });
    // The owner reads the whole move.
    const owner = await api.call('GET', `/v1/admin/audit?objectType=staff&objectId=${memberId}&limit=50`, {
      bearer: api.adminToken,
    });
    const change = (owner.body.entries as { action: string; before: { venueIds: string[] } }[]).find(
      (entry) => entry.action === 'staff.role_change',
    )!;
    expect(change.before.venueIds).toEqual([venues.A, venues.B]);
  });

  it("files disabling and enabling under every venue of the member: the second venue's manager sees both", async () => {
    world.clock.advance(60_000);
    expect((await api.call('POST', `/v1/admin/staff/${memberId}/disable`, { bearer: api.adminToken })).status).toBe(
      200,
    );
    world.clock.advance(60_000);
    expect((await api.call('POST', `/v1/admin/staff/${memberId}/enable`, { bearer: api.adminToken })).status).toBe(200);
    // The member works at B and C now; C is their second venue.
    expect(await staffEntries('C')).toEqual(['staff.enable @C', 'staff.disable @C', 'staff.role_change @C']);
    expect(await staffEntries('B')).toEqual([
      'staff.enable @B',
      'staff.disable @B',
      'staff.role_change @B',
      'staff.invite @B',
    ]);
    expect(await staffEntries('A')).toEqual(['staff.role_change @A', 'staff.invite @A']);
  });
});
