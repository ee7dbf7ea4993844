// Admin routes of events: the back office's list (drafts too, filters, pages), the edit form's event, create, edit,
// a draft's tiers, duplicate, a series of dates, sales windows per channel, and the status (publish, pause, cancel).
// The use cases check the role (events:manage) and the event's venue: another venue's event is a 404.
import {
  CreateEvent,
  CreateEventSeries,
  DuplicateEvent,
  EventDetail,
  EventSeries,
  SalesWindows,
  SetEventStatus,
  SetEventTiers,
  StaffEvent,
  StaffEventList,
  StaffEventQuery,
  UpdateEvent,
} from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { EventParams, endpoint, noStore, problem, route, staffProblems as problemsOf } from './admin-common.ts';

const staffProblems = problemsOf('manage events', 'event');

export function adminEventRoutes(services: Services) {
  const { events, copies } = services.backOffice;
  return [
    route({
      ...endpoint('listStaffEvents'),
      summary: 'Events of the venues the staff member manages, drafts too: by status, venue, dates and words',
      tags: ['admin'],
      query: StaffEventQuery,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'One page of events and how many match', schema: StaffEventList },
        400: problem('A filter that is not valid (named)'),
        ...staffProblems,
      },
      handler: async ({ query, principal, c }) => c.json(await events.list(principal, query), 200, noStore),
    }),
    route({
      ...endpoint('createEvent'),
      summary: 'Create a draft event with its price tiers over a seat map',
      tags: ['admin'],
      body: CreateEvent,
      bodyLimit: 4 * 1024 * 1024,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        201: { description: 'Created (draft); getStaffEvent has its edit form', schema: EventDetail },
        400: problem('Invalid event, or no such seat map (seatmapId)'),
        422: problem('Tiers do not cover the seat map'),
        ...staffProblems,
      },
      handler: async ({ body, principal, c }) => {
        const { id } = await events.create(principal, body);
        return c.json(await services.catalog.detail(id), 201);
      },
    }),
    route({
      ...endpoint('getStaffEvent'),
      summary: 'An event as its edit form shows it: fields, seat map, tiers with sections and seats, sales windows',
      tags: ['admin'],
      params: EventParams,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 200: { description: 'The event', schema: StaffEvent }, ...staffProblems },
      handler: async ({ params, principal, c }) => c.json(await events.get(principal, params.eventId), 200, noStore),
    }),
    route({
      ...endpoint('updateEvent'),
      summary: 'Edit an event: name, description, start, on-sale period, per-order limit, hold time',
      tags: ['admin'],
      params: EventParams,
      body: UpdateEvent,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'The event as stored', schema: StaffEvent },
        400: problem('A field that is not valid, or dates out of order (named)'),
        409: problem('The event is cancelled'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await events.update(principal, params.eventId, body), 200, noStore),
    }),
    route({
      ...endpoint('setEventTiers'),
      summary:
        "Replace a draft's price tiers (and seat map); a published event's seats stay, its prices change in its price list",
      tags: ['admin'],
      params: EventParams,
      body: SetEventTiers,
      bodyLimit: 4 * 1024 * 1024,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'The event', schema: StaffEvent },
        400: problem('Invalid tiers, another currency, a seat map of another venue'),
        409: problem('Not a draft'),
        422: problem('Tiers do not cover the seat map'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await events.setTiers(principal, params.eventId, body), 200, noStore),
    }),
    route({
      ...endpoint('duplicateEvent'),
      summary: 'A new draft like the event (tiers, prices, fees, refund policy, sales windows), at a new start',
      tags: ['admin'],
      params: EventParams,
      body: DuplicateEvent,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        201: { description: 'The new draft', schema: StaffEvent },
        400: problem('Invalid'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await copies.duplicate(principal, params.eventId, body), 201),
    }),
    route({
      ...endpoint('createEventSeries'),
      summary: 'Drafts like the event, one per start time (e.g. weekly for N weeks), made together',
      tags: ['admin'],
      params: EventParams,
      body: CreateEventSeries,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        201: { description: 'The new drafts, by start', schema: EventSeries },
        400: problem('No start times, a time twice, or more than 104'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await copies.series(principal, params.eventId, body), 201),
    }),
    route({
      ...endpoint('getSalesWindows'),
      summary: "The event's sales windows per channel (web, kiosk, box office)",
      tags: ['admin'],
      params: EventParams,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 200: { description: 'The windows', schema: SalesWindows }, ...staffProblems },
      handler: async ({ params, principal, c }) =>
        c.json(await services.commerce.salesWindows.get(principal, params.eventId), 200, noStore),
    }),
    route({
      ...endpoint('setSalesWindows'),
      summary: "Replace the event's sales windows (a channel left out sells in the event's on-sale period)",
      tags: ['admin'],
      params: EventParams,
      body: SalesWindows,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'The windows', schema: SalesWindows },
        400: problem('A window closing before it opens or after the start, a channel twice'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await services.commerce.salesWindows.set(principal, params.eventId, body), 200, noStore),
    }),
    route({
      ...endpoint('setEventStatus'),
      summary: 'Put an event on sale, pause it, or cancel it',
      tags: ['admin'],
      params: EventParams,
      body: SetEventStatus,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'The event', schema: EventDetail },
        409: problem('Not allowed from its status'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) => {
        // Cancelling is more than a status: its paid orders are refunded (the cancellation's own route says why).
        if (body.status === 'cancelled') {
          await services.eventChanges.cancellations.cancel(
            params.eventId,
            { reason: 'Cancelled by the organizer' },
            principal,
          );
        } else await events.setStatus(principal, params.eventId, body.status);
        return c.json(await services.catalog.detail(params.eventId));
      },
    }),
  ];
}
