// The role × route matrix: every route of the route table under /v1/admin, called by every role (admin, venue manager
// of A, venue manager of B, clerk of A, door steward of A, customer, anonymous) on an object of venue A. What each may
// do comes from the capability table (domain/staff-roles.ts), not from a second table here: allowed succeeds (2xx),
// refused answers 401, 403 or 404 (or the 400 of a missing object, for one named in the body). A list scoped to the
// caller's venues is allowed to every role with the capability, and lists venue A's object only to those who see
// venue A. A route without a fixture (role-matrix-fixtures*.ts) fails.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../cloud/contract/routes.ts';
import { insertOutboxJobs, markOutboxFailed } from '../../../cloud/db/outbox.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { may, venuesOf, type StaffIdentity } from '../../../cloud/domain/staff-roles.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';
import { ROUTE_FIXTURES, eventBody, type MatrixContext, type RouteFixture } from './role-matrix-fixtures.ts';
import { EVENT_FIXTURES } from './role-matrix-fixtures-events.ts';
import { ORDER_FIXTURES } from './role-matrix-fixtures-orders.ts';
import { REPORT_FIXTURES } from './role-matrix-fixtures-reports.ts';

/** The fixtures, by operationId (split by area). */
const FIXTURES: Record<string, RouteFixture> = {
  ...ROUTE_FIXTURES,
  ...EVENT_FIXTURES,
  ...ORDER_FIXTURES,
  ...REPORT_FIXTURES,
};

/** The routes the matrix covers: every admin route of the table. */
const adminRoutes = Object.entries(apiRoutes).filter(([, route]) => route.path.startsWith('/v1/admin'));

type Role = { name: string; identity: StaffIdentity | null; token?: string };

const REFUSED = [401, 403, 404];

// Who may call what is decided in the services, not in SQL: the matrix runs on PGlite only (each route's queries run
// on real Postgres in their own area's tests), which keeps its 71 routes × 7 callers out of the suite's long pole.
describe.each(['pglite'] as const)('role × route matrix on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let ctx: MatrixContext;
  const roles: Role[] = [];

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { now: new Date() });
    api = await testApi(world.services);
    const venueB = (await world.services.admin.createVenue({ name: 'Venue B', city: 'B', timezone: 'Europe/Paris' }))
      .id;
    const venueA = world.venueId;
    const identities: [string, StaffIdentity | null][] = [
      ['admin', { groups: ['admin'] }],
      ['venue manager of A', { groups: ['venue_manager'], venueIds: [venueA] }],
      ['venue manager of B', { groups: ['venue_manager'], venueIds: [venueB] }],
      ['clerk of A', { groups: ['clerk'], venueId: venueA }],
      ['door steward of A', { groups: ['door_steward'], venueId: venueA }],
      ['customer', { groups: [] }],
      ['anonymous', null],
    ];
    for (const [name, identity] of identities) {
      const token = identity
        ? await api.issuer.issue({ sub: randomUUID(), email: `${randomUUID()}@example.com`, ...identity })
        : undefined;
      roles.push({ name, identity, ...(token ? { token } : {}) });
    }
    const admin = api.adminToken;
    const clerk = roles.find((role) => role.name === 'clerk of A')!.token!;
    let seats: { eventId: string; next: number } | undefined;
    let shared: ReturnType<MatrixContext['sharedOrder']> | undefined;
    const created = async (path: string, body: unknown) => {
      const response = await api.call('POST', path, { bearer: admin, body, idempotencyKey: randomUUID() });
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { id: string };
    };
    ctx = {
      call: api.call,
      admin,
      venueA,
      seatmapA: world.seatmapId,
      eventA: world.eventId,
      now: () => world.clock.now(),
      draftEvent: async () => {
        const body = eventBody(ctx);
        const { id } = await created('/v1/admin/events', body);
        return { id, name: body.name };
      },
      freshEvent: async () => {
        const { id } = await ctx.draftEvent();
        await created(`/v1/admin/events/${id}/status`, { status: 'on_sale' });
        return id;
      },
      seatOfA: async () => {
        // Seats MAIN-A-1 … MAIN-E-10 of a small hall, each handed out once; a new event when one runs out.
        if (!seats || seats.next >= 50) seats = { eventId: await ctx.freshEvent(), next: 0 };
        const n = seats.next++;
        return {
          eventId: seats.eventId,
          seatId: `MAIN-${String.fromCharCode(65 + Math.floor(n / 10))}-${(n % 10) + 1}`,
        };
      },
      paidOrder: async () => {
        const { eventId, seatId } = await ctx.seatOfA();
        const hold = await api.call('POST', `/v1/events/${eventId}/holds`, {
          body: { seatIds: [seatId] },
          bearer: clerk,
        });
        const order = await api.call('POST', '/v1/orders', {
          body: {
            holdId: hold.body.id,
            buyer: { email: `${randomUUID()}@buyer.example`, name: 'Matrix Buyer' },
            delivery: { method: 'email' },
            payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
          },
          bearer: clerk,
          idempotencyKey: randomUUID(),
        });
        if (order.status !== 201) throw new Error(`paid order: ${order.status} ${JSON.stringify(order.body)}`);
        return { id: order.body.id, eventId, tickets: order.body.tickets };
      },
      sharedOrder: () => (shared ??= ctx.paidOrder()),
      cancelledEvent: async () => {
        const id = await ctx.freshEvent();
        await created(`/v1/admin/events/${id}/cancel`, { reason: 'Storm warning' });
        return id;
      },
      clerkOfA: async () =>
        (
          await world.services.staff.invite(
            { sub: 'matrix-admin', groups: ['admin'] },
            { email: `${randomUUID()}@staff.example`, name: 'Clerk', role: 'clerk', venueId: venueA },
          )
        ).id,
      deviceOfA: async () =>
        (await world.services.identity.createDevice({ venueId: venueA, kind: 'boxoffice', name: 'Counter' })).id,
      deadJob: async () => {
        const id = randomUUID();
        await insertOutboxJobs(db, [{ id, topic: 'matrix.test', aggregateId: randomUUID(), payload: {} }], new Date());
        await markOutboxFailed(db, id, { error: 'gave up', retryAt: null });
        return id;
      },
      promoCodeOfA: async () =>
        (
          await created('/v1/admin/promo-codes', {
            eventId: world.eventId,
            code: `P${randomUUID().slice(0, 8)}`.toUpperCase(),
            discount: { kind: 'percent', basisPoints: 500 },
          })
        ).id,
    };
  });
  afterAll(async () => db.close());

  /** The role may see objects of venue A (an admin sees every venue). */
  const seesVenueA = (identity: StaffIdentity): boolean => {
    const venues = venuesOf(identity);
    return venues === 'all' || venues.includes(ctx.venueA);
  };

  /** What the capability table says the role may do to the fixture's object. */
  const mayCall = (identity: StaffIdentity | null, fixture: RouteFixture): boolean => {
    if (!identity || !may(identity, fixture.capability)) return false;
    if (fixture.venue === null || fixture.venue === 'list') return true;
    return seesVenueA(identity);
  };

  /** A refusal: 401, 403 or 404; or, for an object named in the body, the 400 on its field a missing one gets. */
  const isRefusal = (fixture: RouteFixture, status: number, body: unknown): boolean => {
    if (REFUSED.includes(status)) return true;
    if (!fixture.unknownInBody || status !== 400) return false;
    const errors = (body as { errors?: { field?: string }[] } | undefined)?.errors ?? [];
    return errors.some((error) => error.field === fixture.unknownInBody);
  };

  it('has a fixture for every admin route', () => {
    const missing = adminRoutes.map(([operationId]) => operationId).filter((operationId) => !FIXTURES[operationId]);
    expect(missing, 'add these operationIds to the fixtures (role-matrix-fixtures*.ts)').toEqual([]);
  });

  for (const [operationId, route] of adminRoutes) {
    const fixture = FIXTURES[operationId];
    if (!fixture) continue;
    it(`${operationId} (${route.method} ${route.path}) needs ${fixture.capability}`, async () => {
      const wrong: string[] = [];
      for (const role of roles) {
        const request = await fixture.request(ctx);
        const response = await api.call(route.method, request.path, {
          ...(request.body !== undefined ? { body: request.body } : {}),
          ...(request.raw ? { rawBody: request.raw.body, headers: { 'content-type': request.raw.contentType } } : {}),
          ...(role.token ? { bearer: role.token } : {}),
          idempotencyKey: randomUUID(),
        });
        const allowed = mayCall(role.identity, fixture);
        const got = `got ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`;
        if (!allowed) {
          if (!isRefusal(fixture, response.status, response.body)) wrong.push(`${role.name}: expected refused, ${got}`);
          continue;
        }
        // An allowed call is a valid request that succeeds: a fixture the route turns down proves nothing.
        if (response.status >= 300) {
          wrong.push(`${role.name}: expected allowed, ${got}`);
          continue;
        }
        if (fixture.venue === 'list' && request.listed !== undefined) {
          const listed = (fixture.ids?.(response.body) ?? []).includes(request.listed);
          if (listed !== seesVenueA(role.identity!)) {
            wrong.push(`${role.name}: venue A's ${request.listed} ${listed ? 'listed' : 'not listed'}, ${got}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
