// Admin routes (admin role): venues, seat-map import, events with tiers, event status.
import { z } from 'zod';
import {
  CreateEvent,
  CreateVenue,
  DeadJobList,
  EventDetail,
  SeatMapImport,
  SeatMapSummary,
  SetEventStatus,
  Venue,
} from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { requireRole } from '../auth.ts';
import { endpoint, problem, route } from '../route.ts';

const denied = { 401: problem('Not signed in'), 403: problem('Not an admin') };

export function adminRoutes(services: Services) {
  return [
    route({
      ...endpoint('createVenue'),
      summary: 'Create a venue',
      tags: ['admin'],
      body: CreateVenue,
      security: 'bearer',
      responses: { 201: { description: 'Created', schema: Venue }, 400: problem('Invalid venue'), ...denied },
      handler: async ({ body, principal, c }) => {
        requireRole(principal, 'admin');
        return c.json(await services.admin.createVenue(body), 201);
      },
    }),
    route({
      ...endpoint('importSeatMap'),
      summary: 'Import a seat map (stored as a new immutable version)',
      tags: ['admin'],
      params: z.object({ venueId: z.uuid() }),
      body: SeatMapImport,
      bodyLimit: 32 * 1024 * 1024,
      security: 'bearer',
      responses: {
        201: { description: 'Stored', schema: SeatMapSummary },
        400: problem('Not a seat map'),
        404: problem('No such venue'),
        422: problem('Duplicate seat ids or labels, unknown sections: every offending entry is named'),
        ...denied,
      },
      handler: async ({ params, body, principal, c }) => {
        requireRole(principal, 'admin');
        return c.json(await services.admin.importSeatMap(params.venueId, body), 201);
      },
    }),
    route({
      ...endpoint('createEvent'),
      summary: 'Create a draft event with its price tiers over a seat map',
      tags: ['admin'],
      body: CreateEvent,
      bodyLimit: 4 * 1024 * 1024,
      security: 'bearer',
      responses: {
        201: { description: 'Created (draft)', schema: EventDetail },
        400: problem('Invalid event'),
        422: problem('Tiers do not cover the seat map'),
        ...denied,
      },
      handler: async ({ body, principal, c }) => {
        requireRole(principal, 'admin');
        const { id } = await services.admin.createEvent(body);
        return c.json(await services.catalog.detail(id), 201);
      },
    }),
    route({
      ...endpoint('setEventStatus'),
      summary: 'Put an event on sale, pause it, or cancel it',
      tags: ['admin'],
      params: z.object({ eventId: z.uuid() }),
      body: SetEventStatus,
      security: 'bearer',
      responses: {
        200: { description: 'The event', schema: EventDetail },
        404: problem('No such event'),
        409: problem('Not allowed from its status'),
        ...denied,
      },
      handler: async ({ params, body, principal, c }) => {
        requireRole(principal, 'admin');
        // Cancelling is more than a status: its paid orders are refunded (the cancellation's own route says why).
        if (body.status === 'cancelled') {
          await services.eventChanges.cancellations.cancel(
            params.eventId,
            { reason: 'Cancelled by the organizer' },
            principal,
          );
        } else await services.admin.setEventStatus(params.eventId, body.status);
        return c.json(await services.catalog.detail(params.eventId));
      },
    }),
    route({
      ...endpoint('listDeadJobs'),
      summary: 'Background jobs (emails, mailings, refunds) that failed too often and were parked',
      tags: ['admin'],
      security: 'bearer',
      responses: { 200: { description: 'Dead jobs, newest first', schema: DeadJobList }, ...denied },
      handler: async ({ principal, c }) => {
        requireRole(principal, 'admin');
        return c.json(await services.outbox.deadJobs(200), 200, { 'cache-control': 'no-store' });
      },
    }),
    route({
      ...endpoint('retryDeadJob'),
      summary: 'Run a dead job again (a fresh series of attempts, starting now)',
      tags: ['admin'],
      params: z.object({ jobId: z.uuid() }),
      security: 'bearer',
      responses: {
        202: { description: 'Queued again', schema: z.object({ id: z.uuid() }) },
        404: problem('No such dead job'),
        ...denied,
      },
      handler: async ({ params, principal, c }) => {
        requireRole(principal, 'admin');
        await services.outbox.retryDead(params.jobId);
        return c.json({ id: params.jobId }, 202);
      },
    }),
  ];
}
