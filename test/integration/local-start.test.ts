// `npm start` on embedded defaults: the first start migrates and seeds into var/, a restart keeps the data.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../cloud/local/server.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import { verifyTicketCode } from '../../cloud/domain/tickets/ticket-code.ts';
import { createPgliteDb } from '../../cloud/db/pglite.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { createPostgresDatabase, dbKinds } from '../support/databases.ts';

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
    // A web purchase on the sandbox provider, through its approval page, so the tickets outlive the restart.
    const order = await fetch(`${first.url}/v1/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hold-token': created.token,
        'idempotency-key': 'local-start-1',
      },
      body: JSON.stringify({
        holdId: created.id,
        buyer: { email: 'demo@example.com', name: 'Demo Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: `${first.url}/checkout/return` },
      }),
    }).then((r) => r.json());
    const page = await fetch(order.payments[0].redirectUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Approve');
    const approved = await fetch(order.payments[0].redirectUrl, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'approve', scenario: 'approve' }),
      redirect: 'manual',
    });
    // redirects: back to the shop's own origin (the only kind of return address the API takes).
    expect(approved.headers.get('location')).toMatch(
      new RegExp(`^${first.url}/checkout/return\\?orderId=.+&sessionId=sbs_`),
    );
    const paid = await fetch(`${first.url}/v1/orders/${order.id}/payments/complete`, {
      method: 'POST',
      headers: { 'x-order-token': order.accessToken, 'idempotency-key': 'local-start-2' },
    }).then((r) => r.json());
    expect(paid.state).toBe('paid');
    // Demo staff and devices, with the credentials printed at start.
    const clerk = first.credentials!.staff.find((s) => s.role === 'clerk')!;
    const device = first.credentials!.devices.find((d) => d.kind === 'kiosk')!;
    await first.close();

    const second = await startLocalCloud({ port: 0, varDir });
    try {
      expect(second.seeded).toBeNull();
      const events = await fetch(`${second.url}/v1/events`).then((r) => r.json());
      expect(events.events).toHaveLength(4);
      const hold = await fetch(`${second.url}/v1/holds/${created.id}`, { headers: { 'x-hold-token': created.token } });
      expect(hold.status).toBe(200);
      expect((await hold.json()).status).toBe('converted');
      // A token signed before the restart still verifies: the key lives in var/.
      const venue = await fetch(`${second.url}/v1/admin/venues`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ name: 'After restart', city: 'Graz', timezone: 'Europe/Vienna' }),
      });
      expect(venue.status).toBe(201);
      // The paid order and its ticket signing key survived; the demo credentials are read back, and work.
      expect(second.credentials).toEqual(first.credentials);
      const signIn = await fetch(`${second.url}/v1/auth/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: clerk.email, password: clerk.password }),
      }).then((r) => r.json());
      expect(signIn.principal.groups).toEqual(['clerk']);
      const found = await fetch(`${second.url}/v1/orders?q=demo%40example.com`, {
        headers: { authorization: `Bearer ${signIn.accessToken}` },
      }).then((r) => r.json());
      // The first demo event plays at the theatre, where this clerk works.
      expect(clerk.venue).toBe('Grand Theatre');
      expect(found.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
      const kiosk = await fetch(`${second.url}/v1/auth/device`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: device.id, secret: device.secret }),
      });
      expect(kiosk.status).toBe(200);
      expect(verifyTicketCode(second.services.ticketPublicKey, paid.tickets[0].code)).not.toBeNull();
      // The guest's link to the order (its access token) still opens it.
      const guest = await fetch(`${second.url}/v1/orders/${order.id}`, {
        headers: { 'x-order-token': order.accessToken },
      });
      expect(guest.status).toBe(200);
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe.each(dbKinds())('migrations on %s', (kind) => {
  it('apply once, in order, recorded', async () => {
    // An empty database (freshDb's are copies of a template migrated already).
    const db =
      kind === 'pglite'
        ? await createPgliteDb()
        : createPostgresDb({ connectionString: await createPostgresDatabase(), maxConnections: 2 });
    try {
      const files = readdirSync(new URL('../../cloud/db/migrations/', import.meta.url))
        .filter((name) => name.endsWith('.sql'))
        .map((name) => name.slice(0, -4))
        .sort();
      expect(files.slice(0, 2)).toEqual(['0001_inventory', '0002_orders']);
      expect(await migrate(db)).toEqual(files);
      expect(await migrate(db)).toEqual([]);
      const applied = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.rows.map((row) => row.version)).toEqual(files);
    } finally {
      await db.close();
    }
  });
});
