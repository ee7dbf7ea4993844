// An audit entry about a staff member of several venues is read by the managers of each (migration 0022: venue_ids
// matched with &&), through the HTTP app on PGlite and real Postgres: the owner invites a venue manager of venues A
// and B, then moves them to B and C; the manager of B reads both entries (each shown as B's), the manager of C reads
// the move, the manager of A the invitation and the move away, and a manager of none of them reads neither.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

describe.each(dbKinds())('audit entries of a staff member of several venues on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  const venues: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  const managers: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };

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
});
