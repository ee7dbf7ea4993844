// GET /v1/admin/audit through the HTTP app on real Postgres (else PGlite): a venue manager of A reads A's entries and
// never B's (nor the owner's entries of no venue), whatever the search; the owner reads everything; roles without
// audit:read are refused; pages follow one another without gaps or repeats; bad input names its field.
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../cloud/contract/index.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { createApp } from '../../../cloud/http/app.ts';
import { recordStaffAction } from '../../../cloud/services/audit/audit-log.ts';
import { createServices } from '../../../cloud/services/index.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { ManualClock, RecordingLiveBus } from '../../support/world.ts';

const venueA = randomUUID();
const venueB = randomUUID();
const owner: Principal = { sub: 'sub-owner', email: 'owner@example.com', groups: ['admin'] };
const managerA: Principal = { sub: 'sub-anna', email: 'anna@a.example', groups: ['venue_manager'], venueIds: [venueA] };
const managerB: Principal = { sub: 'sub-ben', email: 'ben@b.example', groups: ['venue_manager'], venueIds: [venueB] };
const clerkA: Principal = { sub: 'sub-clerk', groups: ['clerk'], venueId: venueA };
const customer: Principal = { sub: 'sub-customer', email: 'c@example.com', groups: [] };
// Bearer tokens name these principals (the verifier stands in for the identity provider: venue managers' venues
// are what this test is about, whatever carries them in a real token).
const principals: Record<string, Principal> = { owner, managerA, managerB, clerkA, customer };

describe.each(productionDbKinds())('GET /v1/admin/audit on %s', (kind) => {
  let db: Db;
  let app: Hono;
  const t0 = new Date('2027-03-01T10:00:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  const get = async (who: string | null, query: Record<string, string> = {}) => {
    const search = new URLSearchParams(query).toString();
    const response = await app.request(`/v1/admin/audit${search ? `?${search}` : ''}`, {
      headers: who ? { authorization: `Bearer ${who}` } : {},
    });
    return { status: response.status, body: (await response.json()) as AuditPage & { errors?: { field: string }[] } };
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    const services = createServices({ db, live: new RecordingLiveBus(), clock: new ManualClock() });
    app = createApp({
      services,
      verifier: {
        verify: async (token) => {
          const principal = principals[token];
          if (!principal) throw new Error('unknown token');
          return principal;
        },
      },
      log: () => {},
    }).app;
    // Six entries at A, four at B, one of no venue (an organization-wide change by the owner).
    for (let i = 0; i < 10; i++) {
      const ofA = i % 5 < 3;
      await db.transaction((tx) =>
        recordStaffAction(
          tx,
          ofA ? managerA : managerB,
          {
            action: i % 2 === 0 ? 'seat.block' : 'event.publish',
            objectType: i % 2 === 0 ? 'seat' : 'event',
            objectId: `obj-${i}`,
            venueId: ofA ? venueA : venueB,
            summary: ofA ? `Changed Apollo thing ${i}` : `Changed Bellevue thing ${i}`,
            before: { status: 'draft', name: `Thing ${i}` },
            after: { status: 'on_sale', name: `Thing ${i}` },
          },
          at(i),
        ),
      );
    }
    await db.transaction((tx) =>
      recordStaffAction(
        tx,
        owner,
        { action: 'org.rename', objectType: 'organization', objectId: 'org', venueId: null, summary: 'Renamed' },
        at(20),
      ),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it("shows a venue manager of A only A's entries, whatever they search for", async () => {
    const all = await get('managerA', { limit: '200' });
    expect(all.status).toBe(200);
    expect(all.body.entries.map((entry) => entry.objectId)).toEqual([
      'obj-7',
      'obj-6',
      'obj-5',
      'obj-2',
      'obj-1',
      'obj-0',
    ]);
    expect(all.body.entries.every((entry) => entry.venueId === venueA)).toBe(true);
    // B's words, B's objects, B's actor: nothing, never B's entries.
    expect((await get('managerA', { q: 'Bellevue' })).body.entries).toEqual([]);
    expect((await get('managerA', { objectId: 'obj-3' })).body.entries).toEqual([]);
    expect((await get('managerA', { actor: 'sub-ben' })).body.entries).toEqual([]);
    expect((await get('managerA', { objectType: 'organization' })).body.entries).toEqual([]);
    // Asking for B by name is refused like any object of B: not found.
    expect((await get('managerA', { venueId: venueB })).status).toBe(404);
    // And the other way round.
    const ofB = await get('managerB');
    expect(ofB.body.entries.map((entry) => entry.objectId)).toEqual(['obj-9', 'obj-8', 'obj-4', 'obj-3']);
  });

  it('shows the owner every entry, with who, what, when and the fields before and after', async () => {
    const all = await get('owner', { limit: '200' });
    expect(all.body.entries).toHaveLength(11);
    expect(all.body.entries[0]).toMatchObject({ objectType: 'organization', venueId: null, actor: { role: 'admin' } });
    const publish = all.body.entries.find((entry) => entry.objectId === 'obj-1')!;
    expect(publish).toMatchObject({
      action: 'event.publish',
      at: at(1).toISOString(),
      actor: { sub: 'sub-anna', email: 'anna@a.example', role: 'venue_manager' },
      venueId: venueA,
      summary: 'Changed Apollo thing 1',
      before: { status: 'draft' },
      after: { status: 'on_sale' },
    });
    expect((await get('owner', { venueId: venueB })).body.entries).toHaveLength(4);
    expect((await get('owner', { q: 'apollo', objectType: 'event' })).body.entries.map((e) => e.objectId)).toEqual([
      'obj-7',
      'obj-5',
      'obj-1',
    ]);
    const window = await get('owner', { from: at(2).toISOString(), to: at(4).toISOString() });
    expect(window.body.entries.map((entry) => entry.objectId)).toEqual(['obj-3', 'obj-2']);
  });

  it('refuses roles without audit:read and anyone not signed in', async () => {
    expect((await get('clerkA')).status).toBe(403);
    expect((await get('customer')).status).toBe(403);
    expect((await get(null)).status).toBe(401);
  });

  it('pages through the entries newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof get>> = await get('managerA', { limit: '4', ...(after ? { after } : {}) });
      expect(page.status).toBe(200);
      seen.push(...page.body.entries.map((entry) => entry.objectId));
      after = page.body.next;
    } while (after);
    expect(seen).toEqual(['obj-7', 'obj-6', 'obj-5', 'obj-2', 'obj-1', 'obj-0']);
  });

  it('names the offending field of a bad search', async () => {
    const badCursor = await get('owner', { after: 'not-a-cursor' });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors?.[0]?.field).toBe('after');
    const backwards = await get('owner', { from: at(5).toISOString(), to: at(1).toISOString() });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors?.[0]?.field).toBe('to');
    const tooMany = await get('owner', { limit: '5000' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]?.field).toBe('limit');
  });
});
