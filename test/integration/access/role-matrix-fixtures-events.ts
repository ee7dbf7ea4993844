// The role matrix's requests for the back office's venues, seat maps and events (admin.ts, admin-events.ts): an
// object of venue A by path, or a list scoped to the caller's venues. A call that changes its object makes a fresh
// one (a draft, an on-sale event) so the roles' calls do not depend on each other.
import { apiPaths } from '../../../cloud/contract/routes.ts';
import { day, eventBody, readBack, type RouteFixture } from './role-matrix-fixtures.ts';

const later = (now: Date, days: number) => new Date(now.getTime() + days * day).toISOString();

export const EVENT_FIXTURES: Record<string, RouteFixture> = {
  listVenues: {
    capability: 'venue:manage',
    venue: 'list',
    ids: (body) => (body as { venues: { id: string }[] }).venues.map((venue) => venue.id),
    request: async (ctx) => ({ path: apiPaths.venues(), listed: ctx.venueA }),
  },
  getVenue: {
    capability: 'venue:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.venue(ctx.venueA) }),
  },
  updateVenue: {
    capability: 'venue:manage',
    venue: 'A',
    // The venue's own city sent back: a change that changes nothing the other calls rely on.
    request: async (ctx) => {
      const { city } = await readBack(ctx, apiPaths.venue(ctx.venueA));
      return { path: apiPaths.venue(ctx.venueA), body: { city } };
    },
  },
  setVenueLogo: {
    capability: 'venue:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.adminVenueLogo(ctx.venueA),
      raw: {
        body: '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>',
        contentType: 'image/svg+xml',
      },
    }),
  },
  removeVenueLogo: {
    capability: 'venue:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminVenueLogo(ctx.venueA) }),
  },
  listSeatMapVersions: {
    capability: 'venue:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.venueSeatMaps(ctx.venueA) }),
  },
  getSeatMapVersion: {
    capability: 'venue:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminSeatMap(ctx.seatmapA) }),
  },
  listStaffEvents: {
    capability: 'events:manage',
    venue: 'list',
    ids: (body) => (body as { events: { id: string }[] }).events.map((event) => event.id),
    // A new draft, newest first: on the first page of whoever may see venue A.
    request: async (ctx) => ({
      path: `${apiPaths.adminEvents()}?sort=newest&limit=200`,
      listed: (await ctx.draftEvent()).id,
    }),
  },
  getStaffEvent: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.adminEvent(ctx.eventA) }),
  },
  updateEvent: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.adminEvent(await ctx.freshEvent()),
      body: { description: 'Doors at seven' },
    }),
  },
  setEventTiers: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.eventTiers((await ctx.draftEvent()).id),
      body: { tiers: eventBody(ctx).tiers },
    }),
  },
  duplicateEvent: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.eventDuplicate(ctx.eventA),
      body: { startsAt: later(ctx.now(), 40) },
    }),
  },
  createEventSeries: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.eventSeries(ctx.eventA),
      body: { startsAt: [later(ctx.now(), 41), later(ctx.now(), 48)] },
    }),
  },
  getSalesWindows: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({ path: apiPaths.eventSalesWindows(ctx.eventA) }),
  },
  setSalesWindows: {
    capability: 'events:manage',
    venue: 'A',
    request: async (ctx) => ({
      path: apiPaths.eventSalesWindows(await ctx.freshEvent()),
      body: { windows: [{ channel: 'kiosk', opensAt: ctx.now().toISOString(), closesAt: later(ctx.now(), 20) }] },
    }),
  },
};
