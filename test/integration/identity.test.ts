// The embedded identity provider through the API: sign-up, sign-in, staff and devices, tokens the API accepts, JWKS,
// and rate limits on sign-in and hold creation.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet } from 'jose';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { createJwtVerifier } from '../../cloud/adapters/identity/local-issuer.ts';
import type { Db } from '../../cloud/db/port.ts';

describe.each(dbKinds())('identity (embedded provider) on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  it('signs a customer up and in; tokens carry Cognito-shaped claims and verify against the published JWKS', async () => {
    const signUp = await api.call('POST', '/v1/auth/signup', {
      body: { email: ' Grace@Example.com ', password: 'correct horse battery', name: 'Grace Hopper' },
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body.principal).toMatchObject({ email: 'grace@example.com', groups: [], name: 'Grace Hopper' });
    const claims = JSON.parse(Buffer.from(signUp.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({
      sub: signUp.body.principal.sub,
      email: 'grace@example.com',
      'cognito:groups': [],
      token_use: 'access',
    });

    const jwks = await api.call('GET', '/.well-known/jwks.json');
    const verifier = createJwtVerifier('ticketboss-test', createLocalJWKSet(jwks.body));
    expect((await verifier.verify(signUp.body.accessToken)).sub).toBe(signUp.body.principal.sub);

    const signIn = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'grace@example.com', password: 'correct horse battery' },
    });
    expect(signIn.status).toBe(200);
    const me = await api.call('GET', '/v1/me', { bearer: signIn.body.accessToken });
    expect(me.body).toMatchObject({ sub: signUp.body.principal.sub, email: 'grace@example.com' });

    const stored = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [
      'grace@example.com',
    ]);
    expect(stored.rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.rows[0]!.password_hash).not.toContain('correct horse');
  });

  it('refuses a taken email (409), a weak password and a bad email (400), and a wrong password like an unknown email (401)', async () => {
    const body = { email: 'grace@example.com', password: 'another long one', name: 'G' };
    expect((await api.call('POST', '/v1/auth/signup', { body })).status).toBe(409);
    const weak = await api.call('POST', '/v1/auth/signup', {
      body: { ...body, email: 'x@example.com', password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('password');
    const badEmail = await api.call('POST', '/v1/auth/signup', { body: { ...body, email: 'not-an-email' } });
    expect(badEmail.body.errors[0].field).toBe('email');
    const wrong = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'grace@example.com', password: 'nope nope nope' },
    });
    const unknown = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'nobody@example.com', password: 'nope nope nope' },
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('admins create clerks bound to a venue and register devices; devices sign in with their own credential', async () => {
    const clerk = await api.call('POST', '/v1/admin/staff', {
      body: {
        email: 'clerk@venue.example',
        password: 'clerk password 1',
        name: 'Clerk',
        role: 'clerk',
        venueId: world.venueId,
      },
      bearer: api.adminToken,
    });
    expect(clerk.status).toBe(201);
    const noVenue = await api.call('POST', '/v1/admin/staff', {
      body: { email: 'c2@venue.example', password: 'clerk password 1', name: 'Clerk', role: 'clerk' },
      bearer: api.adminToken,
    });
    expect(noVenue.body.errors[0].field).toBe('venueId');
    const asCustomer = await api.call('POST', '/v1/admin/staff', {
      body: { email: 'c3@venue.example', password: 'clerk password 1', name: 'Clerk', role: 'admin' },
      bearer: api.customerToken,
    });
    expect(asCustomer.status).toBe(403);

    const signIn = await api.call('POST', '/v1/auth/signin', {
      body: { email: 'clerk@venue.example', password: 'clerk password 1' },
    });
    expect(signIn.body.principal).toMatchObject({ groups: ['clerk'], venueId: world.venueId });

    const device = await api.call('POST', '/v1/admin/devices', {
      body: { venueId: world.venueId, kind: 'kiosk', name: 'Foyer kiosk' },
      bearer: api.adminToken,
    });
    expect(device.status).toBe(201);
    expect(device.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const deviceSession = await api.call('POST', '/v1/auth/device', {
      body: { deviceId: device.body.id, secret: device.body.secret },
    });
    expect(deviceSession.body.principal).toEqual({
      sub: device.body.id,
      groups: ['kiosk'],
      venueId: world.venueId,
      name: 'Foyer kiosk',
    });
    const wrongSecret = await api.call('POST', '/v1/auth/device', {
      body: { deviceId: device.body.id, secret: 'guess' },
    });
    expect(wrongSecret.status).toBe(401);
    const unknownDevice = await api.call('POST', '/v1/auth/device', {
      body: { deviceId: randomUUID(), secret: 'guess' },
    });
    expect(unknownDevice.status).toBe(401);
  });

  it('rate limits sign-in per account and per address, and hold creation per caller, with Retry-After', async () => {
    const limited = await testApi(world.services, { realRateLimits: true });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await limited.call('POST', '/v1/auth/signin', {
        body: { email: 'grace@example.com', password: `wrong guess ${i}` },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(response.body.type).toBe('https://ticketboss.dev/problems/rate_limited');
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Even the right password waits now: the account is being guessed at.
    const right = await limited.call('POST', '/v1/auth/signin', {
      body: { email: 'grace@example.com', password: 'correct horse battery' },
    });
    expect(right.status).toBe(429);

    const holder = await limited.issuer.issue({ sub: 'busy-buyer', groups: [] });
    const holdStatuses: number[] = [];
    for (let i = 0; i < 62; i++) {
      const response = await limited.call('POST', `/v1/events/${world.eventId}/holds`, {
        body: { seatIds: ['MAIN-Z-1'] },
        bearer: holder,
      });
      holdStatuses.push(response.status);
    }
    expect(holdStatuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(holdStatuses.slice(60)).toEqual([429, 429]);
    // Another caller is not affected.
    const other = await limited.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: ['MAIN-A-9'] },
      bearer: await limited.issuer.issue({ sub: 'calm-buyer', groups: [] }),
    });
    expect(other.status).toBe(201);
  });
});
