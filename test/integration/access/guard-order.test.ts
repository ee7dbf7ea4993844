// Protected routes answer who is calling before what was sent. Generated from the app's route list, so a new route is
// covered by itself: every `bearer` route is called by everyone its declared access refuses (anonymous, a customer,
// staff whose role has none of its capabilities, a device it does not serve) with requests broken every way (a path
// parameter that is no id, no query, no Idempotency-Key, invalid JSON, a body of the wrong shape, the wrong content
// type), and each answer is a problem+json 401 or 403: never the 400, 415 or 422 that would tell a stranger the shape
// the route wants. The callers it admits still get past the check (to the validation), so boxes and door devices
// keep working.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalIdentityIssuer } from '../../../cloud/adapters/identity/local-issuer.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { may, type Capability, type StaffIdentity } from '../../../cloud/domain/staff-roles.ts';
import { createApp } from '../../../cloud/http/app.ts';
import type { Route } from '../../../cloud/http/route.ts';
import { createServices } from '../../../cloud/services/index.ts';
import { freshDb } from '../../support/databases.ts';

type Caller = { name: string; identity: StaffIdentity | null; token?: string };

const CALLERS: [string, StaffIdentity | null][] = [
  ['anonymous', null],
  ['customer', { groups: [] }],
  ['door steward', { groups: ['door_steward'], venueId: randomUUID() }],
  ['clerk', { groups: ['clerk'], venueId: randomUUID() }],
  ['venue manager', { groups: ['venue_manager'], venueIds: [randomUUID()] }],
  ['admin', { groups: ['admin'] }],
  ['box office device', { groups: ['boxoffice'], venueId: randomUUID() }],
  ['kiosk device', { groups: ['kiosk'], venueId: randomUUID() }],
];

/** What the route's declaration lets in, read from the declaration and the roles table (not from the guard). */
function declaredToAdmit(route: Route, identity: StaffIdentity): boolean {
  const access = route.access;
  if (access === undefined || access === 'signed-in') return true;
  const capability: Capability | readonly Capability[] = 'capability' in access ? access.capability : [];
  const capabilities: readonly Capability[] = typeof capability === 'string' ? [capability] : capability;
  return (
    (access.devices ?? []).some((kind) => identity.groups.includes(kind)) ||
    capabilities.some((name) => may(identity, name))
  );
}

interface Attempt {
  what: string;
  path: string;
  init: RequestInit & { headers: Record<string, string> };
}

/** The request broken every way a stranger might probe it. */
function brokenRequests(route: Route): Attempt[] {
  const withParams = (value: () => string) => route.path.replace(/:[A-Za-z]+/g, value);
  const badPath = withParams(() => 'not-an-id');
  const goodPath = withParams(() => randomUUID());
  const method = route.method.toUpperCase();
  const base = () => ({ method, headers: { 'idempotency-key': randomUUID() } as Record<string, string> });
  const json = (body: string) => ({ body, headers: { 'content-type': 'application/json' } });
  const attempts: Attempt[] = [{ what: 'bad path parameter, no query', path: badPath, init: base() }];
  if (route.idempotent) attempts.push({ what: 'no Idempotency-Key', path: goodPath, init: { method, headers: {} } });
  if (route.query)
    attempts.push({ what: 'query of wrong values', path: `${goodPath}?limit=-1&from=x&venueId=x&q=`, init: base() });
  if (route.body) {
    const sent: [string, { body: string; headers: Record<string, string> }][] = [
      ['invalid JSON', json('{"a":')],
      ['a body of the wrong shape', json('[1,"x",{"__proto__":{"admin":true}}]')],
      ['the wrong content type', { body: 'hello', headers: { 'content-type': 'text/plain' } }],
    ];
    for (const [what, { body, headers }] of sent) {
      const init = base();
      attempts.push({ what, path: goodPath, init: { ...init, body, headers: { ...init.headers, ...headers } } });
    }
  }
  return attempts;
}

describe('protected routes check the caller before the request', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>['app'];
  let routes: Route[];
  const callers: Caller[] = [];

  beforeAll(async () => {
    db = await freshDb('pglite');
    const issuer = await LocalIdentityIssuer.create('ticketboss-test');
    ({ app, routes } = createApp({
      services: createServices({ db, live: { publish: async () => {} } }),
      verifier: issuer.verifier(),
      log: () => {},
    }));
    for (const [name, identity] of CALLERS) {
      const token = identity ? await issuer.issue({ sub: randomUUID(), ...identity }) : undefined;
      callers.push({ name, identity, ...(token ? { token } : {}) });
    }
  });
  afterAll(async () => db.close());

  const call = async (attempt: Attempt, caller: Caller) => {
    const headers = { ...attempt.init.headers, ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}) };
    const response = await app.request(attempt.path, { ...attempt.init, headers });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const body = (type.includes('json') && text ? JSON.parse(text) : {}) as { type?: string };
    return { status: response.status, type, body };
  };

  it('refuses every caller a route does not admit with 401/403, whatever the request (never a 400 of its shape)', async () => {
    const wrong: string[] = [];
    let refusals = 0;
    for (const route of routes.filter((candidate) => candidate.security === 'bearer')) {
      for (const caller of callers) {
        if (caller.identity && declaredToAdmit(route, caller.identity)) continue;
        const expected = caller.identity ? 403 : 401;
        const type = `https://ticketboss.dev/problems/${expected === 401 ? 'unauthorized' : 'forbidden'}`;
        for (const attempt of brokenRequests(route)) {
          const got = await call(attempt, caller);
          refusals += 1;
          if (got.status === expected && got.type.startsWith('application/problem+json') && got.body.type === type)
            continue;
          wrong.push(
            `${route.operationId} as ${caller.name}, ${attempt.what}: expected ${expected}, got ${got.status} ` +
              JSON.stringify(got.body).slice(0, 100),
          );
        }
      }
    }
    expect(wrong).toEqual([]);
    // Every bearer route, each refused by anonymous callers at least, in two to five broken ways.
    expect(refusals).toBeGreaterThan(routes.filter((route) => route.security === 'bearer').length * 4);
  });

  it('lets every caller a route admits through to the validation (devices too)', async () => {
    const wrong: string[] = [];
    let probed = 0;
    for (const route of routes.filter((candidate) => candidate.security === 'bearer')) {
      // A route with nothing to validate would run its handler: the refusals above are its part.
      const probe = brokenRequests(route).find((attempt) => route.params || attempt.init.body !== undefined);
      if (!probe) continue;
      for (const caller of callers) {
        if (!caller.identity || !declaredToAdmit(route, caller.identity)) continue;
        const got = await call(probe, caller);
        probed += 1;
        if (got.status !== 400) {
          wrong.push(
            `${route.operationId} as ${caller.name}, ${probe.what}: expected the validation's 400, got ${got.status}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(probed).toBeGreaterThan(100);
  });
});
