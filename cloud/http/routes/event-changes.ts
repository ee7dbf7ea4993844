// Event cancellation and postponement: staff of the venue cancel (refund jobs, progress, retry) or postpone an event;
// a buyer asks for a refund after a postponement; the box office hands back the money of a cancelled event's counter
// orders; doors fetch the tickets they must refuse offline.
import { z } from 'zod';
import {
  CancelEvent,
  CancellationProgress,
  CounterHandBack,
  Order,
  PostponeEvent,
  Postponement,
  RefundRequest,
  RetriedCancellation,
  TicketRevocations,
} from '../../contract/index.ts';
import { apiHeaderKeys, apiHeaders } from '../../contract/routes.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route } from '../route.ts';

const EventParams = z.object({ eventId: z.uuid() });
const staffProblems = {
  401: problem('Not signed in'),
  403: problem('Not staff'),
  404: problem('No such event (or not at your venue)'),
};

export function eventChangeRoutes(services: Services) {
  const { cancellations, postponements, counterHandBacks } = services.eventChanges;
  return [
    route({
      ...endpoint('cancelEvent'),
      summary:
        'Cancel an event: sales stop, holds are released, every paid order is refunded in full by a job, its tickets void and its buyer emailed',
      tags: ['admin'],
      params: EventParams,
      body: CancelEvent,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        202: { description: 'Cancelled; the refunds run in the background', schema: CancellationProgress },
        400: problem('No reason given'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await cancellations.cancel(params.eventId, body, principal), 202, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('getEventCancellation'),
      summary: "A cancelled event's refunds: how many are through, which failed and why",
      tags: ['admin'],
      params: EventParams,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 200: { description: 'Progress', schema: CancellationProgress }, ...staffProblems },
      handler: async ({ params, principal, c }) =>
        c.json(await cancellations.progress(params.eventId, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('retryEventCancellation'),
      summary: "Run the failed refunds of a cancelled event's orders again now",
      tags: ['admin'],
      params: EventParams,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: { 202: { description: 'Queued again', schema: RetriedCancellation }, ...staffProblems },
      handler: async ({ params, principal, c }) =>
        c.json(await cancellations.retryFailed(params.eventId, principal), 202),
    }),
    route({
      ...endpoint('postponeEvent'),
      summary: 'Postpone an event: a new start, every buyer emailed, refunds on request until the deadline',
      tags: ['admin'],
      params: EventParams,
      body: PostponeEvent,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'Postponed', schema: Postponement },
        400: problem('New start or deadline not valid'),
        409: problem('The event is cancelled'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await postponements.postpone(params.eventId, body, principal)),
    }),
    route({
      ...endpoint('requestRefund'),
      summary:
        "The buyer asks for a refund of an order or chosen tickets: by the event's refund policy until its deadline, " +
        'or in full after a postponement until its deadline',
      tags: ['orders'],
      params: z.object({ orderId: z.uuid() }),
      body: RefundRequest,
      headers: [
        {
          name: apiHeaders.idempotencyKey,
          description: 'A key of your own for this request (a UUID); send the same key when you retry it',
          required: true,
        },
        { name: apiHeaders.orderToken, description: "The order's access token (guest checkout)" },
      ],
      security: 'bearer-optional',
      responses: {
        200: { description: 'The order, cancelled and refunded', schema: Order },
        400: problem('Invalid request, or no Idempotency-Key'),
        404: problem('No such order, or not yours'),
        409: problem('The deadline passed (the problem names it), no refunds for this event, or nothing to refund'),
        422: problem('The Idempotency-Key was used for a different request'),
      },
      idempotent: {
        status: 200,
        run: (input, handle) => {
          const orderToken = input.c.req.header(apiHeaderKeys.orderToken);
          return postponements.requestRefund(
            input.params.orderId,
            input.body,
            { ...(orderToken ? { orderToken } : {}), ...(input.principal ? { principal: input.principal } : {}) },
            handle,
          );
        },
      },
    }),
    route({
      ...endpoint('handBackAtCounter'),
      summary:
        "The box office records giving back the money of a cancelled event's order paid at a counter (cash, or a card terminal refund)",
      tags: ['orders'],
      params: z.object({ orderId: z.uuid() }),
      body: CounterHandBack,
      headers: [
        {
          name: apiHeaders.idempotencyKey,
          description: 'A key of your own for this request (a UUID); send the same key when you retry it',
          required: true,
        },
      ],
      security: 'bearer',
      access: { capability: 'boxoffice:sell' },
      responses: {
        200: { description: 'The order, refunded in full', schema: Order },
        400: problem('Invalid request, no Idempotency-Key, or not the way the order was paid'),
        401: problem('Not signed in'),
        403: problem('Not staff'),
        404: problem('No such order (or not at your venue)'),
        409: problem('No money of this order waits at the box office (not cancelled, paid online, or given back)'),
        422: problem('The Idempotency-Key was used for a different request'),
      },
      idempotent: {
        status: 200,
        run: (input, handle) => counterHandBacks.handBack(input.params.orderId, input.body, input.principal, handle),
      },
    }),
    route({
      ...endpoint('ticketRevocations'),
      summary: "Tickets of the venue's coming events that are void or refunded, for doors that check offline",
      tags: ['door'],
      query: z.object({ venueId: z.uuid().optional() }),
      security: 'bearer',
      access: { capability: 'door:scan', devices: ['boxoffice'] },
      responses: {
        200: { description: 'The tickets to refuse', schema: TicketRevocations },
        400: problem('An admin must name the venue'),
        401: problem('Not signed in'),
        403: problem('Not door staff'),
      },
      handler: async ({ query, principal, c }) =>
        c.json(await services.scans.revocations(principal, query.venueId), 200, { 'cache-control': 'no-store' }),
    }),
  ];
}
