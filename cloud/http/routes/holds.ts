// Hold routes: create (explicit seats, best available, standing), read, extend once, release.
import { z } from 'zod';
import { CreateAllotment, CreateHold, CreatedHold, Hold } from '../../contract/index.ts';
import { apiHeaderKeys, apiHeaders, apiPaths } from '../../contract/routes.ts';
import type { Services } from '../../services/index.ts';
import { endpoint, problem, route, type RouteInput } from '../route.ts';
import { admissionHeaders, admissionHeadersOf } from './queue.ts';

const HoldParams = z.object({ holdId: z.uuid() });
export const HOLD_TOKEN_HEADER = apiHeaderKeys.holdToken;
const tokenHeader = { name: apiHeaders.holdToken, description: 'The token returned when the hold was created' };

const accessOf = (input: RouteInput<unknown, unknown, unknown>) => {
  const token = input.c.req.header(HOLD_TOKEN_HEADER);
  return { ...(token ? { token } : {}), ...(input.principal ? { principal: input.principal } : {}) };
};

export function holdRoutes(services: Services) {
  return [
    route({
      ...endpoint('createAllotment'),
      summary:
        'Box office: reserve seats until sales end, to sell at the counter (also offline); orders take seats out of it',
      tags: ['holds'],
      params: z.object({ eventId: z.uuid() }),
      body: CreateAllotment,
      bodyLimit: 160 * 1024,
      security: 'bearer',
      access: { capability: 'boxoffice:sell', devices: ['boxoffice'] },
      responses: {
        201: { description: 'The allotment (a hold of the box office)', schema: CreatedHold },
        400: problem('Invalid request'),
        401: problem('Not signed in'),
        403: problem('Not box office, or another venue'),
        409: problem('Seats not available (their ids are listed)'),
      },
      handler: async ({ params, body, principal, c }) => {
        const allotment = await services.allotments.create(params.eventId, body.seatIds, principal);
        return c.json(allotment, 201, { location: apiPaths.hold(allotment.id), 'cache-control': 'no-store' });
      },
    }),
    route({
      ...endpoint('createHold'),
      summary: 'Hold seats: exactly one of seatIds, bestAvailable, ga. All or nothing.',
      tags: ['holds'],
      params: z.object({ eventId: z.uuid() }),
      body: CreateHold,
      bodyLimit: 16 * 1024,
      security: 'bearer-optional',
      rateLimit: { bucket: 'holds', limit: 60, windowSeconds: 60 },
      headers: admissionHeaders,
      responses: {
        201: { description: 'Held; keep the token to see, extend or release the hold', schema: CreatedHold },
        400: problem('Invalid request'),
        403: problem('The admission is for another event or session, tampered with, or expired'),
        404: problem('No such event'),
        409: problem('Seats not available (their ids are listed), no seats together, or the event is not on sale'),
        422: problem('More tickets than the per-order limit'),
        428: problem('A queued event: admission through its waiting room required (admission_required)'),
      },
      handler: async ({ params, body, principal, c }) => {
        // the on-sale: a queued event's admission (checked by the hold's gate)
        const admission = admissionHeadersOf((name) => c.req.header(name));
        const hold = await services.holds.create(params.eventId, body, principal, admission);
        return c.json(hold, 201, { location: apiPaths.hold(hold.id), 'cache-control': 'no-store' });
      },
    }),
    route({
      ...endpoint('getHold'),
      summary: 'A hold, to its owner (the hold token, or the principal that made it)',
      tags: ['holds'],
      params: HoldParams,
      headers: [tokenHeader],
      security: 'bearer-optional',
      responses: { 200: { description: 'The hold', schema: Hold }, 404: problem('No such hold, or not yours') },
      handler: async (input) => {
        input.c.header('cache-control', 'no-store');
        return input.c.json(await services.holds.get(input.params.holdId, accessOf(input)));
      },
    }),
    route({
      ...endpoint('extendHold'),
      summary: 'Extend a hold once, to a full hold time from now',
      tags: ['holds'],
      params: HoldParams,
      headers: [tokenHeader],
      security: 'bearer-optional',
      responses: {
        200: { description: 'The extended hold', schema: Hold },
        404: problem('No such hold, or not yours'),
        409: problem('Already extended, or not active'),
        410: problem('Expired'),
      },
      handler: async (input) => input.c.json(await services.holds.extend(input.params.holdId, accessOf(input))),
    }),
    route({
      ...endpoint('releaseHold'),
      summary: 'Release a hold: its seats go back on sale at once',
      tags: ['holds'],
      params: HoldParams,
      headers: [tokenHeader],
      security: 'bearer-optional',
      responses: {
        204: { description: 'Released (or had already ended)' },
        404: problem('No such hold, or not yours'),
      },
      handler: async (input) => {
        await services.holds.release(input.params.holdId, accessOf(input));
        return input.c.body(null, 204);
      },
    }),
  ];
}
