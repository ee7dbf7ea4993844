// Issue 18's new data through the HTTP API: a venue's brand colour (white text on it must reach 4.5:1), logo
// (uploaded raw, checked by type and size, served with a year's cache and, for SVG, a CSP that runs nothing) and
// address; an event's doors time (before the start); the buyer's language kept on the order. Each refusal is
// problem+json naming its field; each change is in the audit log. On PGlite, and the migration's own checks on
// real Postgres where the run has it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';
const RETURN_URL = 'https://shop.example/back';
// The smallest valid PNG signature and header are enough for the type check: the bytes are served as stored.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const SVG =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#123456"/></svg>';

describe('venue brand, doors time and order language on pglite', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;

  const upload = (bytes: Uint8Array | string, contentType: string, bearer = manager) =>
    api.app.request(apiPaths.adminVenueLogo(world.venueId), {
      method: 'PUT',
      headers: { 'content-type': contentType, authorization: `Bearer ${bearer}` },
      body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
    });
  const auditOf = async (action: string) =>
    (
      await db.query<{ action: string; actor_sub: string; before: unknown; after: unknown }>(
        'SELECT action, actor_sub, before, after FROM audit_log WHERE object_id = $1 AND action = $2 ORDER BY at, id',
        [world.venueId, action],
      )
    ).rows;

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    api = await testApi(world.services);
    manager = await api.issuer.issue({ sub: 'manager-a', groups: ['venue_manager'], venueId: world.venueId });
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores the brand colour and address, shows them with the event, and audits the edit', async () => {
    const path = apiPaths.venue(world.venueId);
    const edited = await api.call('PATCH', path, {
      body: { brandColor: '#1A4D8F', address: '1 Market Square, Vienna' },
      bearer: manager,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ brandColor: '#1a4d8f', address: '1 Market Square, Vienna', logoUrl: null });
    const shop = await api.call('GET', apiPaths.event(world.eventId));
    expect(shop.body.venue).toMatchObject({ brandColor: '#1a4d8f', address: '1 Market Square, Vienna' });
    const list = await api.call('GET', apiPaths.events());
    expect(list.body.events[0].venue.brandColor).toBe('#1a4d8f');
    expect(await auditOf('venue.update')).toEqual([
      expect.objectContaining({
        actor_sub: 'manager-a',
        before: { brandColor: null, address: null },
        after: { brandColor: '#1a4d8f', address: '1 Market Square, Vienna' },
      }),
    ]);
    const cleared = await api.call('PATCH', path, { body: { brandColor: null }, bearer: manager });
    expect(cleared.body.brandColor).toBeNull();
  });

  it('refuses a brand colour white text cannot be read on, and one that is not #rrggbb, naming the field', async () => {
    const path = apiPaths.venue(world.venueId);
    const light = await api.call('PATCH', path, { body: { brandColor: '#ffcc00' }, bearer: manager });
    expect(light.status).toBe(400);
    expect(light.headers.get('content-type')).toContain('application/problem+json');
    expect(light.body).toMatchObject({
      type: PROBLEM + 'validation_failed',
      errors: [expect.objectContaining({ field: 'brandColor' })],
    });
    expect(light.body.errors[0].message).toMatch(/4\.5:1/);
    // #767676 is the lightest grey with 4.5:1 on white; one step lighter is refused.
    expect((await api.call('PATCH', path, { body: { brandColor: '#777777' }, bearer: manager })).status).toBe(400);
    expect((await api.call('PATCH', path, { body: { brandColor: '#767676' }, bearer: manager })).status).toBe(200);
    const shape = await api.call('PATCH', path, { body: { brandColor: 'blue' }, bearer: manager });
    expect(shape.status).toBe(400);
    expect(shape.body.errors[0].field).toBe('brandColor');
    const long = await api.call('PATCH', path, { body: { address: 'x'.repeat(301) }, bearer: manager });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].field).toBe('address');
  });

  it('takes a PNG logo, serves it with its type and a long cache, and audits it', async () => {
    const put = await upload(PNG, 'image/png');
    expect(put.status).toBe(200);
    const venue = await put.json();
    expect(venue.logoUrl).toMatch(new RegExp(`^/v1/venues/${world.venueId}/logo\\?v=[0-9a-f]{16}$`));
    const shop = await api.call('GET', apiPaths.event(world.eventId));
    expect(shop.body.venue.logoUrl).toBe(venue.logoUrl);
    const served = await api.app.request(venue.logoUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    expect(await auditOf('venue.logo.set')).toEqual([
      expect.objectContaining({
        actor_sub: 'manager-a',
        after: { logo: expect.objectContaining({ contentType: 'image/png' }) },
      }),
    ]);
  });

  it('serves an SVG logo under a CSP that runs nothing, and a new logo at a new address', async () => {
    const before = (await api.call('GET', apiPaths.venue(world.venueId), { bearer: manager })).body.logoUrl;
    const put = await upload(SVG, 'image/svg+xml');
    expect(put.status).toBe(200);
    const { logoUrl } = await put.json();
    expect(logoUrl).not.toBe(before);
    const served = await api.app.request(logoUrl);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(served.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await served.text()).toBe(SVG);
  });

  it('refuses a logo too large, of another type, or not what it says, as problem+json naming the field', async () => {
    const large = new Uint8Array(200 * 1024 + 1);
    large.set(PNG);
    const tooLarge = await upload(large, 'image/png');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');
    expect(await tooLarge.json()).toMatchObject({
      type: PROBLEM + 'payload_too_large',
      errors: [expect.objectContaining({ field: 'logo' })],
    });
    const gif = await upload(new TextEncoder().encode('GIF89a....'), 'image/gif');
    expect(gif.status).toBe(415);
    expect(await gif.json()).toMatchObject({
      type: PROBLEM + 'unsupported_media_type',
      errors: [expect.objectContaining({ field: 'logo' })],
    });
    const lying = await upload(new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'image/png');
    expect(lying.status).toBe(415);
    expect((await lying.json()).errors[0].field).toBe('logo');
    const clerk = await api.issuer.issue({ sub: 'clerk-a', groups: ['clerk'], venueId: world.venueId });
    expect((await upload(PNG, 'image/png', clerk)).status).toBe(403);
    const gone = await api.app.request(apiPaths.venueLogo(randomUUID()));
    expect(gone.status).toBe(404);
  });

  it('removes the logo, audited, and its address answers 404', async () => {
    const removed = await api.call('DELETE', apiPaths.adminVenueLogo(world.venueId), { bearer: manager });
    expect(removed.status).toBe(200);
    expect(removed.body.logoUrl).toBeNull();
    expect((await api.app.request(apiPaths.venueLogo(world.venueId))).status).toBe(404);
    expect(await auditOf('venue.logo.remove')).toHaveLength(1);
  });

  it('keeps the doors time before the start, shown to buyers and staff, refused after it on its field', async () => {
    const form = (await api.call('GET', apiPaths.adminEvent(world.eventId), { bearer: manager })).body;
    const doorsAt = new Date(Date.parse(form.startsAt) - 3_600_000).toISOString();
    const late = await api.call('PATCH', apiPaths.adminEvent(world.eventId), {
      body: { doorsAt: new Date(Date.parse(form.startsAt) + 60_000).toISOString() },
      bearer: manager,
    });
    expect(late.status).toBe(400);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body).toMatchObject({
      type: PROBLEM + 'validation_failed',
      errors: [expect.objectContaining({ field: 'doorsAt' })],
    });
    const set = await api.call('PATCH', apiPaths.adminEvent(world.eventId), { body: { doorsAt }, bearer: manager });
    expect(set.status).toBe(200);
    expect(set.body.doorsAt).toBe(doorsAt);
    expect((await api.call('GET', apiPaths.event(world.eventId))).body.doorsAt).toBe(doorsAt);
    const audit = await db.query<{ before: unknown; after: unknown }>(
      "SELECT before, after FROM audit_log WHERE object_id = $1 AND action = 'event.update'",
      [world.eventId],
    );
    expect(audit.rows.at(-1)).toEqual({ before: { doorsAt: null }, after: { doorsAt } });
  });

  it('keeps the buyer’s language on the order (English when not sent), refusing one it does not write', async () => {
    const order = async (seatId: string, locale?: string) => {
      const held = (await api.call('POST', apiPaths.eventHolds(world.eventId), { body: { seatIds: [seatId] } })).body;
      return api.call('POST', apiPaths.orders(), {
        body: {
          holdId: held.id,
          buyer: { email: 'ada@example.com', name: 'Ada' },
          delivery: { method: 'email' },
          payment: { method: 'sandbox', returnUrl: RETURN_URL },
          ...(locale ? { locale } : {}),
        },
        holdToken: held.token,
        idempotencyKey: randomUUID(),
      });
    };
    const german = await order('MAIN-A-1', 'de');
    expect(german.status).toBe(201);
    expect(german.body.locale).toBe('de');
    const read = await api.call('GET', apiPaths.order(german.body.id), { orderToken: german.body.accessToken });
    expect(read.body.locale).toBe('de');
    expect((await order('MAIN-A-2')).body.locale).toBe('en');
    const french = await order('MAIN-A-3', 'fr');
    expect(french.status).toBe(400);
    expect(french.body.errors[0].field).toBe('locale');
  });
});

describe.each(dbKinds())('migration 0027 on %s', (kind) => {
  let db: Db;
  let world: World;
  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('refuses what the API would: a colour not #rrggbb, doors after the start, an unknown language', async () => {
    await expect(db.query("UPDATE venues SET brand_color = 'red' WHERE id = $1", [world.venueId])).rejects.toThrow();
    await expect(
      db.query("UPDATE venues SET logo = '\\x00'::bytea, logo_type = 'image/gif', logo_hash = 'h' WHERE id = $1", [
        world.venueId,
      ]),
    ).rejects.toThrow();
    await expect(db.query('UPDATE venues SET logo_hash = $2 WHERE id = $1', [world.venueId, 'h'])).rejects.toThrow();
    await expect(
      db.query("UPDATE events SET doors_at = starts_at + interval '1 minute' WHERE id = $1", [world.eventId]),
    ).rejects.toThrow();
    await db.query("UPDATE events SET doors_at = starts_at - interval '1 hour' WHERE id = $1", [world.eventId]);
    await expect(db.query("UPDATE orders SET locale = 'fr'")).resolves.toBeDefined(); // no orders yet
    const column = await db.query<{ column_default: string }>(
      "SELECT column_default FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'locale'",
    );
    expect(column.rows[0]!.column_default).toContain('en');
  });
});
