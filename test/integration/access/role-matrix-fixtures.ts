// One request per admin route, by operationId, on an object of venue A: the role matrix (role-matrix.test.ts) sends
// it as every role and expects what the capability table (domain/staff-roles.ts) says. A route added under
// /v1/admin needs an entry here or in one of the area files (role-matrix-fixtures-events.ts, -orders.ts,
// -reports.ts), or the matrix fails. Each request makes its own object where the call changes it
// (a fresh event to cancel, a fresh clerk to disable), so the roles' calls do not depend on each other's order.
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Capability } from '../../../cloud/domain/staff-roles.ts';
import type { TestApi } from '../../support/api.ts';
import { smallHall } from '../../support/world.ts';

export interface MatrixContext {
  call: TestApi['call'];
  /** An admin's token, to make the objects the calls act on. */
  admin: string;
  venueA: string;
  seatmapA: string;
  /** An on-sale event of venue A. */
  eventA: string;
  now: () => Date;
  /** A new on-sale event of venue A. */
  freshEvent(): Promise<string>;
  /** A new event of venue A, cancelled. */
  cancelledEvent(): Promise<string>;
  /** A new clerk of venue A (their id). */
  clerkOfA(): Promise<string>;
  /** A new box office of venue A (its id). */
  deviceOfA(): Promise<string>;
  /** A job parked as dead. */
  deadJob(): Promise<string>;
  /** A new promo code of an event of venue A (its id). */
  promoCodeOfA(): Promise<string>;
  /** A new draft event of venue A, and its name. */
  draftEvent(): Promise<{ id: string; name: string }>;
  /** A seat of an on-sale event of venue A that no other call has used (free, unless the caller changes it). */
  seatOfA(): Promise<{ eventId: string; seatId: string }>;
  /** A new order of venue A, paid in cash at its box office: its id and tickets. */
  paidOrder(): Promise<{ id: string; eventId: string; tickets: { id: string }[] }>;
  /** One paid order of venue A, made once and shared by the calls that only read it. */
  sharedOrder(): Promise<{ id: string; eventId: string; tickets: { id: string }[] }>;
}

export interface MatrixRequest {
  path: string;
  body?: unknown;
  /** A body that is not JSON (a logo), sent with its content type. */
  raw?: { body: string; contentType: string };
  /** A list route: the id of an object of venue A the answer lists to whoever may see venue A, and to no one else. */
  listed?: string;
}

export interface RouteFixture {
  capability: Capability;
  /**
   * The venue of the object the route acts on: `A`; null when it has none (the organization, a job); `list` for a
   * list scoped to the caller's venues (every role with the capability is allowed: another venue's staff get a list
   * without venue A's objects, which `ids` and the request's `listed` check).
   */
  venue: 'A' | null | 'list';
  /** A list route: the ids its answer lists. */
  ids?: (body: unknown) => string[];
  /**
   * The object of venue A is named in the body, not the path: to staff of another venue it is answered like one that
   * does not exist, a 400 on that field, rather than a 404 (createEvent's seat map).
   */
  unknownInBody?: string;
  request(ctx: MatrixContext): Promise<MatrixRequest>;
}

export const unique = () => Math.random().toString(36).slice(2, 10);
export const day = 86_400_000;

/** An event of venue A as the create form sends it. */
export const eventBody = (ctx: MatrixContext) => {
  const now = ctx.now().getTime();
  return {
    name: `Matrix ${unique()}`,
    description: '',
    seatmapId: ctx.seatmapA,
    startsAt: new Date(now + 30 * day).toISOString(),
    onSaleFrom: new Date(now - day).toISOString(),
    onSaleUntil: new Date(now + 29 * day).toISOString(),
    perOrderLimit: 8,
    holdTtlSeconds: 600,
    currency: 'EUR',
    tiers: [{ name: 'All', price: { amount: 5000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
  };
};

/** What a GET of the same settings answers, to PUT back unchanged. */
export const readBack = async (ctx: MatrixContext, path: string, drop: string[] = []) => {
  const { body } = await ctx.call('GET', path, { bearer: ctx.admin });
  return Object.fromEntries(Object.entries(body as object).filter(([key]) => !drop.includes(key)));
};

export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  // admin: staff and devices
  createStaff: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.staff(),
      body: {
        email: `${unique()}@staff.example`,
        password: 'a long enough password',
        name: 'Made',
        role: 'clerk',
        venueId: ctx.venueA,
      },
    }),
  },
  listStaff: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({ path: `${apiPaths.staff()}?venueId=${ctx.venueA}` }),
  },
  inviteStaff: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.staffInvitations(),
      body: { email: `${unique()}@staff.example`, name: 'Invited', role: 'door_steward', venueId: ctx.venueA },
    }),
  },
  updateStaff: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.staffMember(await ctx.clerkOfA()),
      body: { role: 'door_steward', venueId: ctx.venueA },
    }),
  },
  disableStaff: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.staffDisabling(await ctx.clerkOfA()) }),
  },
  enableStaff: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.staffEnabling(await ctx.clerkOfA()) }),
  },
  signOutStaffEverywhere: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.staffSignOut(await ctx.clerkOfA()) }),
  },
  registerDevice: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.devices(),
      body: { venueId: ctx.venueA, kind: 'kiosk', name: `Kiosk ${unique()}` },
    }),
  },
  listDevices: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({ path: `${apiPaths.devices()}?venueId=${ctx.venueA}` }),
  },
  createPairingCode: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.pairingCodes(),
      body: { venueId: ctx.venueA, kind: 'boxoffice', name: `Counter ${unique()}` },
    }),
  },
  revokeDevice: {
    capability: 'staff:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.deviceRevocation(await ctx.deviceOfA()) }),
  },
  // admin: operations (the "shell" helper)
  searchAuditLog: {
    capability: 'audit:read',
    venue: 'A',
    request: async (ctx) => ({ path: `${apiPaths.auditLog()}?venueId=${ctx.venueA}` }),
  },
  // admin: venues, seat maps, events, jobs (converted by the "events" helper)
  createVenue: {
    capability: 'org:manage',
    venue: null,
    request: async () => ({
      path: apiPaths.venues(),
      body: { name: `Hall ${unique()}`, city: 'Graz', timezone: 'Europe/Vienna' },
    }),
  },
  importSeatMap: {
    capability: 'venue:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.venueSeatMaps(ctx.venueA), body: smallHall() }),
  },
  createEvent: {
    capability: 'events:manage',
    venue: 'A',
    unknownInBody: 'seatmapId',
    request: async (ctx) => ({ path: apiPaths.adminEvents(), body: eventBody(ctx) }),
  },
  setEventStatus: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.eventStatus(await ctx.freshEvent()), body: { status: 'paused' } }),
  },
  // Jobs carry no venue: jobs:manage is the owner/admin's alone (services/jobs/dead-jobs.ts).
  listDeadJobs: { capability: 'jobs:manage', venue: null, request: async () => ({ path: apiPaths.deadJobs() }) },
  retryDeadJob: {
    capability: 'jobs:manage',
    venue: null,
    request: async (ctx) => ({ path: apiPaths.jobRetry(await ctx.deadJob()) }),
  },
  // admin: waitlists
  listWaitlist: {
    capability: 'boxoffice:sell',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminEventWaitlist(ctx.eventA) }),
  },
  setWaitlistSettings: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminWaitlistSettings(ctx.eventA), body: { offerSeconds: 900 } }),
  },
  // transfer (issue 19): an event's transfer rules
  getTransferRules: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminTransferRules(ctx.eventA) }),
  },
  setTransferRules: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.adminTransferRules(ctx.eventA),
      body: { allowed: true, closeHoursBefore: 0, maxTransfers: 2, sameNameOnly: false },
    }),
  },
  // the on-sale (issue 20): an event's waiting room
  getEventQueue: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminEventQueue(ctx.eventA) }),
  },
  putEventQueue: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.adminEventQueue(ctx.eventA),
      body: {
        enabled: false,
        opensAt: '2030-01-01T00:00:00.000Z',
        admissionPerMinute: 100,
        onePlacePer: 'session',
        challengeBits: 0,
        tokenMinutes: 10,
      },
    }),
  },
  // admin: commerce settings and codes
  getPriceList: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.eventPriceList(ctx.eventA) }),
  },
  setPriceList: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.eventPriceList(ctx.eventA),
      body: await readBack(ctx, apiPaths.eventPriceList(ctx.eventA), ['eventId', 'currency']),
    }),
  },
  getFees: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.eventFees(ctx.eventA) }),
  },
  setFees: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.eventFees(ctx.eventA),
      body: await readBack(ctx, apiPaths.eventFees(ctx.eventA)),
    }),
  },
  getRefundPolicy: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.eventRefundPolicy(ctx.eventA) }),
  },
  setRefundPolicy: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.eventRefundPolicy(ctx.eventA),
      body: await readBack(ctx, apiPaths.eventRefundPolicy(ctx.eventA)),
    }),
  },
  getVenueTax: {
    capability: 'venue:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.venueTax(ctx.venueA) }),
  },
  setVenueTax: {
    capability: 'venue:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.venueTax(ctx.venueA),
      body: await readBack(ctx, apiPaths.venueTax(ctx.venueA)),
    }),
  },
  createPromoCode: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.promoCodes(),
      body: {
        eventId: ctx.eventA,
        code: `M${unique()}`.toUpperCase(),
        discount: { kind: 'percent', basisPoints: 1000 },
      },
    }),
  },
  createPresaleCode: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.presaleCodes(),
      body: {
        eventId: ctx.eventA,
        name: 'Members',
        validFrom: ctx.now().toISOString(),
        issue: { kind: 'single_use', count: 1 },
      },
    }),
  },
  listEventCodes: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.eventCodes(ctx.eventA) }),
  },
  disableCode: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.codeDisabling(await ctx.promoCodeOfA()) }),
  },
  // admin: event cancellation and postponement
  cancelEvent: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.eventCancel(await ctx.freshEvent()),
      body: { reason: 'The roof leaks' },
    }),
  },
  getEventCancellation: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.eventCancellation(await ctx.cancelledEvent()) }),
  },
  retryEventCancellation: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.eventCancellationRetry(await ctx.cancelledEvent()) }),
  },
  postponeEvent: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.eventPostpone(await ctx.freshEvent()),
      body: {
        startsAt: new Date(ctx.now().getTime() + 60 * day).toISOString(),
        refundDeadline: new Date(ctx.now().getTime() + 50 * day).toISOString(),
      },
    }),
  },
};
