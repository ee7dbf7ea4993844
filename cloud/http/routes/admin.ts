// Admin routes of venues and seat maps, and the parked jobs. Every route asks the back office's use cases, which check
// the principal's role and the object's venue (services/access/staff-access.ts): another venue's venue or seat map
// is a 404 to a venue manager. The events' routes are admin-events.ts.
import { z } from 'zod';
import {
  CreateVenue,
  DeadJobList,
  SeatMap,
  SeatMapImport,
  SeatMapSummary,
  SeatMapVersionList,
  UpdateVenue,
  Venue,
  VenueList,
} from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { VenueParams, denied as deniedTo, endpoint, noStore, problem, route } from './admin-common.ts';

const denied = deniedTo();

export function adminRoutes(services: Services) {
  const { venues } = services.backOffice;
  return [
    route({
      ...endpoint('listVenues'),
      summary: 'The venues the staff member manages (every venue for an admin), by name',
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'venue:manage' },
      responses: { 200: { description: 'Venues', schema: VenueList }, ...denied },
      handler: async ({ principal, c }) => c.json(await venues.list(principal), 200, noStore),
    }),
    route({
      ...endpoint('createVenue'),
      summary: 'Create a venue (the organization’s owners)',
      tags: ['admin'],
      body: CreateVenue,
      security: 'bearer',
      access: { capability: 'org:manage' },
      responses: { 201: { description: 'Created', schema: Venue }, 400: problem('Invalid venue'), ...denied },
      handler: async ({ body, principal, c }) => c.json(await venues.create(principal, body), 201),
    }),
    route({
      ...endpoint('getVenue'),
      summary: 'A venue',
      tags: ['admin'],
      params: VenueParams,
      security: 'bearer',
      access: { capability: 'venue:manage' },
      responses: { 200: { description: 'The venue', schema: Venue }, 404: problem('No such venue'), ...denied },
      handler: async ({ params, principal, c }) => c.json(await venues.get(principal, params.venueId), 200, noStore),
    }),
    route({
      ...endpoint('updateVenue'),
      summary: 'Edit a venue: name, city, time zone (the fields sent change)',
      tags: ['admin'],
      params: VenueParams,
      body: UpdateVenue,
      security: 'bearer',
      access: { capability: 'venue:manage' },
      responses: {
        200: { description: 'The venue as stored', schema: Venue },
        400: problem('Invalid field (named in errors)'),
        404: problem('No such venue'),
        ...denied,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await venues.update(principal, params.venueId, body), 200, noStore),
    }),
    route({
      ...endpoint('listSeatMapVersions'),
      summary: "A venue's seat maps, every version, with the events built on each",
      tags: ['admin'],
      params: VenueParams,
      security: 'bearer',
      access: { capability: 'venue:manage' },
      responses: {
        200: { description: 'Versions, newest of each name first', schema: SeatMapVersionList },
        404: problem('No such venue'),
        ...denied,
      },
      handler: async ({ params, principal, c }) =>
        c.json(await venues.seatMaps(principal, params.venueId), 200, noStore),
    }),
    route({
      ...endpoint('getSeatMapVersion'),
      summary: 'One stored seat-map version, whole (what the designer loads)',
      tags: ['admin'],
      params: z.object({ seatmapId: z.uuid() }),
      security: 'bearer',
      access: { capability: 'venue:manage' },
      responses: { 200: { description: 'The seat map', schema: SeatMap }, 404: problem('No such seat map'), ...denied },
      handler: async ({ params, principal, c }) =>
        c.json(await venues.seatMap(principal, params.seatmapId), 200, noStore),
    }),
    route({
      ...endpoint('importSeatMap'),
      summary: 'Import a seat map (stored as a new immutable version)',
      tags: ['admin'],
      params: VenueParams,
      body: SeatMapImport,
      bodyLimit: 32 * 1024 * 1024,
      security: 'bearer',
      access: { capability: 'venue:manage' },
      responses: {
        201: { description: 'Stored', schema: SeatMapSummary },
        400: problem('Not a seat map'),
        404: problem('No such venue'),
        422: problem('Duplicate seat ids or labels, unknown sections: every offending entry is named'),
        ...denied,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await venues.importSeatMap(principal, params.venueId, body), 201),
    }),
    route({
      ...endpoint('listDeadJobs'),
      summary: 'Background jobs (emails, mailings, refunds) that failed too often and were parked',
      tags: ['admin'],
      security: 'bearer',
      access: { capability: 'jobs:manage' },
      responses: { 200: { description: 'Dead jobs, newest first', schema: DeadJobList }, ...denied },
      handler: async ({ principal, c }) => c.json(await services.deadJobs.list(principal, 200), 200, noStore),
    }),
    route({
      ...endpoint('retryDeadJob'),
      summary: 'Run a dead job again (a fresh series of attempts, starting now)',
      tags: ['admin'],
      params: z.object({ jobId: z.uuid() }),
      security: 'bearer',
      access: { capability: 'jobs:manage' },
      responses: {
        202: { description: 'Queued again', schema: z.object({ id: z.uuid() }) },
        404: problem('No such dead job'),
        ...denied,
      },
      handler: async ({ params, principal, c }) => {
        await services.deadJobs.retry(principal, params.jobId);
        return c.json({ id: params.jobId }, 202);
      },
    }),
  ];
}
