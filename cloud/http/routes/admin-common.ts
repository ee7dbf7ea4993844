// What every back office route file starts with: the path parameters of its objects, the problems of a staff route
// (not signed in, a role without the capability, an object of no venue of yours) and the no-store header of answers
// that change with every sale or edit. The use cases check access (services/access/staff-access.ts); these only
// document it in the OpenAPI description, the same words on every route.
import { z } from 'zod';
import { problem } from '../route.ts';

export { endpoint, problem, route } from '../route.ts';

export const EventParams = z.object({ eventId: z.uuid() });
export const OrderParams = z.object({ orderId: z.uuid() });
export const VenueParams = z.object({ venueId: z.uuid() });

/** Answers no cache may keep. */
export const noStore = { 'cache-control': 'no-store' };

/** 401 and 403 of a staff route whose role may not do `what` (e.g. "manage events"). */
export const denied = (what = 'do this') => ({
  401: problem('Not signed in'),
  403: problem(`Your role may not ${what}`),
});

/** 401, 403 and the 404 of an object that does not exist or is another venue's (the same problem, by design). */
export const staffProblems = (what: string, object: string) => ({
  ...denied(what),
  404: problem(`No such ${object} (or not at your venues)`),
});
