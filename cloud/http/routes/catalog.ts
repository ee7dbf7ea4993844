// Public catalog routes: events, seat maps, availability.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Availability, EventDetail, EventList, EventQuery, SeatMap } from '../../contract/index.ts';
import { apiHeaderKeys, apiHeaders } from '../../contract/routes.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route } from '../route.ts';

const EventParams = z.object({ eventId: z.uuid() });

export function catalogRoutes(services: Services) {
  return [
    route({
      ...endpoint('listEvents'),
      summary: 'Upcoming events on sale, soonest first, with venue and price range',
      tags: ['catalog'],
      query: z
        .object({
          venueId: z.uuid().optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          q: z.string().trim().min(1).max(100).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        })
        .strict(),
      responses: { 200: { description: 'Events', schema: EventList }, 400: problem('Bad filter') },
      handler: async ({ query, c }) => {
        const events = await services.catalog.listEvents({
          limit: query.limit,
          ...(query.venueId ? { venueId: query.venueId } : {}),
          ...(query.from ? { from: new Date(query.from) } : {}),
          ...(query.to ? { to: new Date(query.to) } : {}),
          ...(query.q ? { search: query.q } : {}),
        });
        c.header('cache-control', 'public, max-age=30');
        return c.json({ events });
      },
    }),
    route({
      ...endpoint('getEvent'),
      summary: 'One event: venue, tiers, seat → tier runs, standing sections',
      tags: ['catalog'],
      params: EventParams,
      query: EventQuery,
      headers: [{ name: apiHeaders.ifNoneMatch, description: 'ETag of a copy the client has' }],
      responses: {
        200: { description: 'The event', schema: EventDetail },
        304: { description: 'The copy the client has is current' },
        404: problem('No such event'),
        422: problem('An unknown, expired or other event’s presale code'),
      },
      handler: async ({ params, query, c }) => {
        // Devices keep the event in their cache and revalidate it; the ETag is the hash of the answer.
        const text = JSON.stringify(await services.catalog.getEvent(params.eventId, query.presaleCode));
        const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
        const headers = { etag, 'cache-control': 'public, max-age=30' };
        if (matchesEtag(c.req.header(apiHeaderKeys.ifNoneMatch), etag)) {
          return c.body(null, 304, headers);
        }
        return c.body(text, 200, { ...headers, 'content-type': 'application/json' });
      },
    }),
    route({
      ...endpoint('getSeatMap'),
      summary: 'Seat-map geometry; immutable per version, so cached for a year and revalidated by ETag',
      tags: ['catalog'],
      params: z.object({ seatmapId: z.uuid() }),
      headers: [{ name: apiHeaders.ifNoneMatch, description: 'ETag of a copy the client has' }],
      responses: {
        200: { description: 'The seat map', schema: SeatMap },
        304: { description: 'The copy the client has is current' },
        404: problem('No such seat map'),
      },
      handler: async ({ params, c }) => {
        const cacheHeaders = { 'cache-control': 'public, max-age=31536000, immutable' };
        const etag = await services.catalog.seatMapEtag(params.seatmapId);
        if (etag && matchesEtag(c.req.header(apiHeaderKeys.ifNoneMatch), etag)) {
          return c.body(null, 304, { etag, ...cacheHeaders });
        }
        const { body } = await services.catalog.getSeatMap(params.seatmapId);
        return c.json(body, 200, { etag: etag!, ...cacheHeaders });
      },
    }),
    route({
      ...endpoint('getAvailability'),
      summary: 'Packed status of every seat (2 bits a seat, seat-map order), counts per tier, standing places left',
      tags: ['catalog'],
      params: EventParams,
      responses: { 200: { description: 'Availability snapshot', schema: Availability }, 404: problem('No such event') },
      handler: async ({ params, c }) => {
        c.header('cache-control', 'no-store');
        // live deltas (issue 20): the head read before the seats, so every document up to it is in the snapshot.
        const liveVersion = await services.liveDeltas?.version(params.eventId);
        const availability = await services.catalog.availability(params.eventId);
        return c.json(liveVersion === undefined ? availability : { ...availability, liveVersion });
      },
    }),
  ];
}

/** Whether an If-None-Match header names this ETag (weak or strong, one of a list). */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
