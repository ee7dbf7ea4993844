// `npm start` on embedded defaults: the first start migrates and seeds into var/, a restart keeps the data.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../cloud/local/server.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import { dbKinds, freshDb } from '../support/databases.ts';

describe('local cloud on PGlite files', () => {
  const varDir = mkdtempSync(join(tmpdir(), 'ticketboss-var-'));
  afterAll(() => rmSync(varDir, { recursive: true, force: true }));

  it('seeds on first start and keeps holds, events and the signing key across a restart', async () => {
    const first = await startLocalCloud({ port: 0, varDir });
    expect(first.seeded?.events).toHaveLength(4);
    const eventId = first.seeded!.events[0]!.id;
    const created = await fetch(`${first.url}/v1/events/${eventId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bestAvailable: { quantity: 2 } }),
    }).then((r) => r.json());
    const adminToken = await first.issuer.issue({ sub: 'a', groups: ['admin'] });
    await first.close();

    const second = await startLocalCloud({ port: 0, varDir });
    try {
      expect(second.seeded).toBeNull();
      const events = await fetch(`${second.url}/v1/events`).then((r) => r.json());
      expect(events.events).toHaveLength(4);
      const hold = await fetch(`${second.url}/v1/holds/${created.id}`, { headers: { 'x-hold-token': created.token } });
      expect(hold.status).toBe(200);
      expect((await hold.json()).status).toBe('active');
      // A token signed before the restart still verifies: the key lives in var/.
      const venue = await fetch(`${second.url}/v1/admin/venues`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ name: 'After restart', city: 'Graz', timezone: 'Europe/Vienna' }),
      });
      expect(venue.status).toBe(201);
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe.each(dbKinds())('migrations on %s', (kind) => {
  it('apply once, in order, recorded', async () => {
    const db = await freshDb(kind);
    try {
      expect(await migrate(db)).toEqual([]);
      const applied = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      const files = readdirSync(new URL('../../cloud/db/migrations/', import.meta.url))
        .filter((name) => name.endsWith('.sql'))
        .map((name) => name.slice(0, -4))
        .sort();
      expect(files.slice(0, 2)).toEqual(['0001_inventory', '0002_orders']);
      expect(applied.rows.map((row) => row.version)).toEqual(files);
    } finally {
      await db.close();
    }
  });
});
