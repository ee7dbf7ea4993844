// Waitlist routes: join a sold-out event's (or tier's) line, leave it with the entry's token, claim an offer by the
// token in its email, and, for the venue's staff, see the line and set how long offers stand.
import { z } from 'zod';
import {
  ClaimedWaitlistOffer,
  JoinedWaitlist,
  JoinWaitlist,
  WaitlistLine,
  WaitlistSettings,
} from '../../contract/index.ts';
import { apiHeaderKeys, apiHeaders, apiPaths } from '../../contract/routes.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route } from '../route.ts';

const staffOnly = { 401: problem('Not signed in'), 403: problem("Not staff of the event's venue") };

export function waitlistRoutes(services: Services) {
  return [
    route({
      ...endpoint('joinWaitlist'),
      summary: 'Join the waitlist of a sold-out event (or one sold-out tier of it) with an email and a quantity',
      tags: ['waitlist'],
      params: z.object({ eventId: z.uuid() }),
      body: JoinWaitlist,
      bodyLimit: 4 * 1024,
      fieldErrors: { email: 'waitlist_email_invalid', quantity: 'waitlist_quantity_out_of_range' },
      security: 'bearer-optional',
      rateLimit: { bucket: 'waitlist', limit: 30, windowSeconds: 60 },
      responses: {
        201: { description: 'In line; keep the token to leave the line', schema: JoinedWaitlist },
        400: problem('Not an email address (waitlist_email_invalid), or an invalid request'),
        404: problem('No such event'),
        409: problem('Not sold out (waitlist_not_sold_out), already in line, or the event is not on sale'),
        422: problem('Quantity out of range: 1 to 10, and at most the per-order limit'),
      },
      handler: async ({ params, body, c }) => {
        const entry = await services.waitlist.join(params.eventId, body);
        return c.json(entry, 201, { location: apiPaths.waitlistEntry(entry.id), 'cache-control': 'no-store' });
      },
    }),
    route({
      ...endpoint('leaveWaitlist'),
      summary: 'Leave the waitlist (an open offer is withdrawn and its places freed)',
      tags: ['waitlist'],
      params: z.object({ entryId: z.uuid() }),
      headers: [{ name: apiHeaders.waitlistToken, description: 'The token returned when joining', required: true }],
      responses: {
        204: { description: 'Left (or had left already, or its offer ended)' },
        404: problem('No such entry, or not yours'),
      },
      handler: async ({ params, c }) => {
        await services.waitlist.leave(params.entryId, c.req.header(apiHeaderKeys.waitlistToken));
        return c.body(null, 204);
      },
    }),
    route({
      ...endpoint('claimWaitlistOffer'),
      summary: "Claim a waitlist offer by its email's token: its hold, to buy through checkout until the offer ends",
      tags: ['waitlist'],
      params: z.object({ token: z.string().min(20).max(100) }),
      responses: {
        200: { description: 'The hold (with its token) and when the offer ends', schema: ClaimedWaitlistOffer },
        404: problem('No such offer'),
        410: problem('The offer expired (waitlist_offer_expired): its places went to the next person'),
      },
      handler: async ({ params, c }) => {
        c.header('cache-control', 'no-store');
        return c.json(await services.waitlist.claim(params.token));
      },
    }),
    route({
      ...endpoint('listWaitlist'),
      summary: "An event's waitlist in join order, each entry with its latest offer (staff of its venue)",
      tags: ['waitlist', 'admin'],
      params: z.object({ eventId: z.uuid() }),
      security: 'bearer',
      access: { capability: 'boxoffice:sell' },
      responses: {
        200: { description: 'The line', schema: WaitlistLine },
        404: problem('No such event'),
        ...staffOnly,
      },
      handler: async ({ params, principal, c }) => {
        c.header('cache-control', 'no-store');
        return c.json(await services.waitlist.line(params.eventId, principal));
      },
    }),
    route({
      ...endpoint('setWaitlistSettings'),
      summary: "How long an event's waitlist offers stand (30 minutes unless set)",
      tags: ['waitlist', 'admin'],
      params: z.object({ eventId: z.uuid() }),
      body: WaitlistSettings,
      security: 'bearer',
      access: { capability: 'events:manage' },
      responses: {
        204: { description: 'Saved' },
        400: problem('Out of range: a minute to a day'),
        404: problem('No such event'),
        ...staffOnly,
      },
      handler: async ({ params, body, principal, c }) => {
        await services.waitlist.setSettings(params.eventId, body, principal);
        return c.body(null, 204);
      },
    }),
  ];
}
