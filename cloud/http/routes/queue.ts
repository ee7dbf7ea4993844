// The waiting room's routes (the on-sale, issue 20; contract/queue.ts): the buyer's challenge, join, state and
// admission, and the organizer's settings. The challenge and the state are the same for every buyer and say how long
// the CDN may keep them (the state's 404 too: a flood of polls of an event without a queue stays at the edge).
import { z } from 'zod';
import {
  Admission,
  JoinQueue,
  QueueAdminView,
  QueueChallenge,
  QueueSettings,
  QueueState,
  QueueTicket,
  RequestAdmission,
} from '../../contract/queue.ts';
import { apiHeaders } from '../../contract/routes.ts';
import { isDomainError } from '../../domain/errors.ts';
import type { Services } from '../../services/index.ts';
import { problemResponse } from '../problem.ts';
import { endpoint, problem, route } from '../route.ts';

const EventParams = z.object({ eventId: z.uuid() });
const STATE_CACHE = 'public, max-age=1, s-maxage=2';
const staffProblems = {
  401: problem('Not signed in'),
  403: problem("Not staff of the event's venue"),
  404: problem('No such event'),
};

export function queueRoutes(services: Services) {
  const room = services.queue.room;
  return [
    route({
      ...endpoint('queueChallenge'),
      summary: "The waiting room's proof-of-work challenge: the same for everyone for a few seconds (cacheable)",
      tags: ['queue'],
      params: EventParams,
      responses: {
        200: { description: 'Solve it and join with the nonce', schema: QueueChallenge },
        404: problem('No waiting room for this event (no_queue)'),
      },
      handler: async ({ params, c }) =>
        c.json(await room.challenge(params.eventId), 200, { 'cache-control': 'public, max-age=2' }),
    }),
    route({
      ...endpoint('joinQueue'),
      summary:
        'Join the waiting room with a solved challenge: the signed ticket keeps the place (one per account where asked)',
      tags: ['queue'],
      params: EventParams,
      body: JoinQueue,
      bodyLimit: 2 * 1024,
      security: 'bearer-optional',
      rateLimit: { bucket: 'queue-join', limit: 30, windowSeconds: 60 },
      responses: {
        201: { description: 'In the queue; keep the ticket (a reload keeps the place)', schema: QueueTicket },
        400: problem('The nonce does not solve the challenge, or the challenge is stale (challenge_failed)'),
        401: problem('This queue gives one place per account: sign in'),
        403: problem("The account's email is not confirmed (email_unverified)"),
        404: problem('No waiting room for this event (no_queue)'),
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await room.join(params.eventId, body, principal), 201, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('getQueueState'),
      summary: "The waiting room's state: how far admission has reached (one document per event, cacheable)",
      tags: ['queue'],
      params: EventParams,
      responses: {
        200: { description: 'The state', schema: QueueState },
        404: problem('No waiting room for this event (no_queue)'),
      },
      handler: async ({ params, c }) => {
        try {
          return c.json(await room.state(params.eventId), 200, { 'cache-control': STATE_CACHE });
        } catch (error) {
          if (!isDomainError(error) || error.code !== 'no_queue') throw error;
          return problemResponse(error.code, error.message, {}, c.req.path, { 'cache-control': STATE_CACHE });
        }
      },
    }),
    route({
      ...endpoint('requestAdmission'),
      summary:
        'Ask to be admitted with the queue ticket (and a presale code): the admission token once the place is reached',
      tags: ['queue'],
      params: EventParams,
      body: RequestAdmission,
      bodyLimit: 4 * 1024,
      fieldErrors: { ticket: 'queue_ticket_invalid' },
      rateLimit: { bucket: 'queue-admission', limit: 120, windowSeconds: 60 },
      responses: {
        200: {
          description: `Admitted: send the token as ${apiHeaders.queueAdmission} (and the session as ${apiHeaders.queueSession})`,
          schema: Admission,
        },
        400: problem('The presale code is not good for this event (field presaleCode)'),
        403: problem('The ticket is not ours or for another event (queue_ticket_invalid)'),
        404: problem('No waiting room for this event (no_queue)'),
        409: problem('Not your turn yet (not_admitted_yet: place, admittedThrough; Retry-After)'),
      },
      handler: async ({ params, body, c }) =>
        c.json(await room.admit(params.eventId, body), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('getEventQueue'),
      summary: "An event's waiting room: its settings and the queue as it stands (staff of its venue)",
      tags: ['queue', 'admin'],
      params: EventParams,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'The settings (null: never set) and the state', schema: QueueAdminView },
        ...staffProblems,
      },
      handler: async ({ params, principal, c }) =>
        c.json(await services.queue.settings.get(params.eventId, principal), 200, { 'cache-control': 'no-store' }),
    }),
    route({
      ...endpoint('putEventQueue'),
      summary:
        "Set an event's waiting room: opening (a past one opens it now), rate or drain, one place per, challenge",
      tags: ['queue', 'admin'],
      params: EventParams,
      body: QueueSettings,
      bodyLimit: 4 * 1024,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        200: { description: 'Saved (audited)', schema: QueueAdminView },
        400: problem('A setting out of range (the field is named)'),
        ...staffProblems,
      },
      handler: async ({ params, body, principal, c }) =>
        c.json(await services.queue.settings.set(params.eventId, body, principal), 200, {
          'cache-control': 'no-store',
        }),
    }),
  ];
}

/** The waiting room's headers on a buyer's hold or order (OpenAPI). */
export const admissionHeaders = [
  { name: apiHeaders.queueAdmission, description: "A queued event's admission token (requestAdmission)" },
  { name: apiHeaders.queueSession, description: 'The queue session the admission token was given to' },
];

/** The waiting room's headers of a buyer's hold or order request. */
export function admissionHeadersOf(header: (name: string) => string | undefined) {
  return {
    token: header(apiHeaders.queueAdmission.toLowerCase()),
    session: header(apiHeaders.queueSession.toLowerCase()),
  };
}
