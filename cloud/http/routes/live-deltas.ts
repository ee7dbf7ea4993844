// live deltas (issue 20): a large event's live view as documents a CDN serves — the head (cached a second) and each
// second's immutable delta document (cached a year). See contract/live-deltas.ts.
import { z } from 'zod';
import { LIVE_DELTA_CACHE, LIVE_HEAD_CACHE, LiveDelta, LiveHead, LiveVersion } from '../../contract/index.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import type { Services } from '../../services/index.ts';
import { UNKNOWN_EVENT_TTL_MS } from '../../services/live-deltas/live-deltas.ts';
import { problemResponse } from '../problem.ts';
import { endpoint, problem, route } from '../route.ts';

/** A 404 for an unknown (or draft) event: kept briefly so the CDN, not the origin, answers repeats. */
export const LIVE_UNKNOWN_EVENT_CACHE = `public, max-age=${UNKNOWN_EVENT_TTL_MS / 1000}`;

/** An unknown event's 404 as a briefly cacheable answer; other errors (a delta not made yet) stay uncached. */
async function orUnknownEvent(path: string, answer: () => Promise<Response>): Promise<Response> {
  try {
    return await answer();
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'not_found' || error.extras.field !== 'eventId') throw error;
    return problemResponse(error.code, error.message, error.extras, path, {
      'cache-control': LIVE_UNKNOWN_EVENT_CACHE,
    });
  }
}

const noDeltas = () => new DomainError('not_found', 'This server keeps no live change lists.', { field: 'eventId' });

export function liveDeltaRoutes(services: Services) {
  return [
    route({
      ...endpoint('liveHead'),
      summary: 'The newest live delta version of an event (cacheable for a second)',
      tags: ['catalog'],
      params: z.object({ eventId: z.uuid() }),
      responses: { 200: { description: 'The head', schema: LiveHead }, 404: problem('No such event') },
      handler: ({ params, c }) =>
        orUnknownEvent(c.req.path, async () => {
          if (!services.liveDeltas) throw noDeltas();
          const head = await services.liveDeltas.head(params.eventId);
          return c.json(head, 200, { 'cache-control': LIVE_HEAD_CACHE });
        }),
    }),
    route({
      ...endpoint('liveDelta'),
      summary: "One second's seat and standing-place changes of an event (immutable)",
      tags: ['catalog'],
      params: z.object({ eventId: z.uuid(), version: z.coerce.number().pipe(LiveVersion) }),
      responses: {
        200: { description: 'The delta document', schema: LiveDelta },
        404: problem('No such event, or not made yet'),
        410: problem('No longer kept: read the availability again'),
      },
      handler: ({ params, c }) =>
        orUnknownEvent(c.req.path, async () => {
          if (!services.liveDeltas) throw noDeltas();
          const document = await services.liveDeltas.delta(params.eventId, params.version);
          return c.json(document, 200, { 'cache-control': LIVE_DELTA_CACHE });
        }),
    }),
  ];
}
