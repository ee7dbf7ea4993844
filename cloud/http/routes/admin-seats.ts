// Seat management in the back office: an event's seats blocked, killed or held back (a kind and a note) and given
// back to sale, standing places held back and given back, and the list of what is off sale. Staff with
// events:manage at the event's venue; to anyone else's staff the event does not exist.
import { z } from 'zod';
import {
  AssignAllotment,
  BlockSeats,
  EventAllotments,
  Hold,
  HoldBackPlaces,
  MyAllotments,
  ReleaseSeats,
  SeatBlockChange,
  SeatBlocks,
  SeatManagementView,
} from '../../contract/index.ts';
import type { Services } from '../../services/index.ts';
import { EventParams, endpoint, problem, route, staffProblems as problemsOf } from './admin-common.ts';

const staffProblems = problemsOf('manage events', 'event');

export function adminSeatRoutes(services: Services) {
  const { seats, allotments } = services.backofficeOrders;
  return [
    route({
      ...endpoint('getSeatManagement'),
      summary:
        "An event's seat management: the event (drafts and paused events too), its seats' statuses and what is off sale",
      tags: ['admin'],
      params: EventParams,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 200: { description: 'The event and its seats', schema: SeatManagementView }, ...staffProblems },
      handler: async ({ params, principal, c }) =>
        c.json(await seats.view(params.eventId, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('listSeatBlocks'),
      summary:
        "An event's seats off sale (blocked, killed, house seats, production holds) and standing places held back",
      tags: ['admin'],
      params: EventParams,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 200: { description: 'What is off sale, with why', schema: SeatBlocks }, ...staffProblems },
      handler: async ({ params, principal, c }) =>
        c.json(await seats.list(params.eventId, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('blockSeats'),
      summary:
        'Take seats off sale with a kind and a note, all or none (seats already off sale take the new kind and note); ' +
        'a held or sold seat cannot be blocked',
      tags: ['admin'],
      params: EventParams,
      body: BlockSeats,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'The seats now off sale', schema: SeatBlockChange },
        400: problem('Invalid request, or a seat this event does not have'),
        409: problem('Some seats are held or sold (named in seatIds): nothing was blocked'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) => c.json(await seats.block(params.eventId, body, principal)),
    }),
    route({
      ...endpoint('releaseSeats'),
      summary: 'Give blocked seats back to sale (seats named that are not blocked are left as they are)',
      tags: ['admin'],
      params: EventParams,
      body: ReleaseSeats,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'The seats on sale again', schema: SeatBlockChange },
        400: problem('Invalid request, or a seat this event does not have'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) => c.json(await seats.release(params.eventId, body, principal)),
    }),
    route({
      ...endpoint('holdBackPlaces'),
      summary: 'Hold back standing places of a section (a kind and a note), if that many are free',
      tags: ['admin'],
      params: EventParams,
      body: HoldBackPlaces,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        201: { description: 'Held back; the places of the section left to sell', schema: SeatBlockChange },
        400: problem('Invalid request, or not a standing section of this event'),
        409: problem('Fewer places are free'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await seats.holdBack(params.eventId, body, principal), 201),
    }),
    route({
      ...endpoint('releaseHeldBackPlaces'),
      summary: 'Give the places of a standing hold-back back to sale',
      tags: ['admin'],
      params: z.object({ eventId: z.uuid(), holdbackId: z.uuid() }),
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'Released; the places of the section left to sell', schema: SeatBlockChange },
        ...staffProblems,
      },
      handler: async ({ params, principal, c }) =>
        c.json(await seats.releaseHoldBack(params.eventId, params.holdbackId, principal)),
    }),
    route({
      ...endpoint('listEventAllotments'),
      summary: "An event's allotments: seats given to box offices to sell, also offline, with each box office's name",
      tags: ['admin'],
      params: EventParams,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 200: { description: 'The allotments', schema: EventAllotments }, ...staffProblems },
      handler: async ({ params, principal, c }) =>
        c.json(await allotments.list(params.eventId, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('assignAllotment'),
      summary: "Give seats to one of the venue's box office devices as its allotment, until sales end (all or none)",
      tags: ['admin'],
      params: EventParams,
      body: AssignAllotment,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        201: { description: 'The allotment', schema: Hold },
        400: problem('Invalid request, an unknown seat, or not a box office of this venue'),
        409: problem('Some seats are not available (named in seatIds), or the event is not on sale'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await allotments.assign(params.eventId, body, principal), 201),
    }),
    route({
      ...endpoint('releaseAllotment'),
      summary: 'Take an allotment back: the seats it still holds go back on sale',
      tags: ['admin'],
      params: z.object({ eventId: z.uuid(), allotmentId: z.uuid() }),
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 204: { description: 'Taken back' }, ...staffProblems },
      handler: async ({ params, principal, c }) => {
        await allotments.release(params.eventId, params.allotmentId, principal);
        return c.body(null, 204);
      },
    }),
    route({
      ...endpoint('listMyAllotments'),
      summary: "A box office device's allotments, to keep for selling offline",
      tags: ['boxoffice'],
      query: z.object({ eventId: z.uuid().optional() }).strict(),
      security: 'bearer',
      access: { devices: ['boxoffice'] },
      responses: {
        200: { description: 'The allotments', schema: MyAllotments },
        401: problem('Not signed in'),
        403: problem('Not a box office device'),
      },
      handler: async ({ query, principal, c }) =>
        c.json({ allotments: await allotments.mine(principal, query.eventId) }, 200, { 'cache-control': 'no-store' }),
    }),
  ];
}
