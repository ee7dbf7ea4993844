// The guard of protected routes (cloud/http/guard.ts): who it lets through to the parsing of a request, and what the
// route list and the OpenAPI document say of it. Every `bearer` route declares its access; the document shows the
// 401 and the 403 of each. The order of the checks through HTTP is test/integration/access/guard-order.test.ts.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { isDomainError } from '../../../cloud/domain/errors.ts';
import { createApp } from '../../../cloud/http/app.ts';
import { guardRoute, type RouteAccess } from '../../../cloud/http/guard.ts';
import { createServices } from '../../../cloud/services/index.ts';
import type { Principal } from '../../../cloud/services/ports.ts';

/** The services, built over a database nobody may touch: the route list is made without a single query. */
const untouchable = new Proxy({} as Db, {
  get: (_target, key) => {
    throw new Error(`the route list touched the database (${String(key)})`);
  },
});
const { app, routes } = createApp({
  services: createServices({ db: untouchable, live: { publish: async () => {} } }),
  verifier: { verify: async () => Promise.reject(new Error('no tokens here')) },
});

const clerk: Principal = { sub: 'clerk', groups: ['clerk'], venueId: 'v1' };
const steward: Principal = { sub: 'steward', groups: ['door_steward'], venueId: 'v1' };
const manager: Principal = { sub: 'manager', groups: ['venue_manager'], venueIds: ['v1'] };
const customer: Principal = { sub: 'customer', groups: [] };
const boxOffice: Principal = { sub: 'box', groups: ['boxoffice'], venueId: 'v1' };
const kiosk: Principal = { sub: 'kiosk', groups: ['kiosk'], venueId: 'v1' };

/** The problem code the guard answers, or `passes`. */
function outcome(access: RouteAccess | undefined, principal: Principal | undefined) {
  try {
    guardRoute({ security: 'bearer', ...(access ? { access } : {}) }, principal);
    return 'passes';
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}

describe('the guard', () => {
  it('answers 401 to nobody on a bearer route, and lets anyone reach an open or bearer-optional one', () => {
    expect(outcome({ capability: 'events:manage' }, undefined)).toBe('unauthorized');
    expect(outcome('signed-in', undefined)).toBe('unauthorized');
    expect(outcome(undefined, undefined)).toBe('unauthorized');
    expect(guardRoute({ security: 'bearer-optional' }, undefined)).toBeUndefined();
    expect(guardRoute({}, undefined)).toBeUndefined();
  });

  it('answers 403 to a role with none of the capabilities, at any venue', () => {
    expect(outcome({ capability: 'events:manage' }, customer)).toBe('forbidden');
    expect(outcome({ capability: 'events:manage' }, clerk)).toBe('forbidden');
    expect(outcome({ capability: 'boxoffice:sell' }, steward)).toBe('forbidden');
    expect(outcome({ capability: 'jobs:manage' }, manager)).toBe('forbidden');
    // Devices have no staff role: a capability alone does not let them in.
    expect(outcome({ capability: 'door:scan' }, boxOffice)).toBe('forbidden');
  });

  it('lets through a role with any one of the capabilities, and the devices named', () => {
    expect(outcome({ capability: 'boxoffice:sell' }, clerk)).toBe('passes');
    expect(outcome({ capability: ['boxoffice:sell', 'orders:manage'] }, manager)).toBe('passes');
    expect(outcome({ capability: 'door:scan', devices: ['boxoffice'] }, steward)).toBe('passes');
    expect(outcome({ capability: 'door:scan', devices: ['boxoffice'] }, boxOffice)).toBe('passes');
    expect(outcome({ capability: 'door:scan', devices: ['boxoffice'] }, kiosk)).toBe('forbidden');
    expect(outcome({ devices: ['boxoffice'] }, boxOffice)).toBe('passes');
    expect(outcome({ devices: ['boxoffice'] }, manager)).toBe('forbidden');
    expect(outcome('signed-in', customer)).toBe('passes');
  });
});

describe('the route list and the OpenAPI document', () => {
  const bearerRoutes = routes.filter((route) => route.security === 'bearer');

  it('declares on every bearer route whom it admits, and on no other', () => {
    expect(bearerRoutes.length).toBeGreaterThan(80);
    expect(bearerRoutes.filter((route) => !route.access).map((route) => route.operationId)).toEqual([]);
    expect(routes.filter((route) => route.security !== 'bearer' && route.access).map((r) => r.operationId)).toEqual([]);
  });

  it("shows every bearer route's 401, and the 403 of each that asks for a role or a device", async () => {
    const document = (await (await app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    };
    const operations = new Map(
      Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => [op.operationId, op])),
    );
    const missing: string[] = [];
    for (const route of bearerRoutes) {
      const responses = operations.get(route.operationId)?.responses ?? {};
      if (!responses['401']) missing.push(`${route.operationId}: 401`);
      if (route.access !== 'signed-in' && !responses['403']) missing.push(`${route.operationId}: 403`);
    }
    expect(missing).toEqual([]);
  });
});
