// The waiting room's calls (issue 20), loaded with the waiting room: the challenge, joining, the state everyone polls
// (the CDN answers most of those) and the admission request.
import type {
  Admission,
  JoinQueue,
  QueueChallenge,
  QueueState,
  QueueTicket,
  RequestAdmission,
} from '../../../../cloud/contract/queue.ts';
import { fill, shopRoutes } from '../../../../cloud/contract/shop-routes.ts';
import { call } from '../lazy-call.ts';

const at = (route: { path: string }, eventId: string) => fill(route.path, [eventId]);

export const queueApi = {
  challenge: (eventId: string) =>
    call<QueueChallenge>(shopRoutes.queueChallenge, at(shopRoutes.queueChallenge, eventId), {}),
  /** `bearer`: a signed-in buyer's token (an event with one place per verified account asks for it). */
  join: (eventId: string, request: JoinQueue, bearer: string | undefined) =>
    call<QueueTicket>(shopRoutes.joinQueue, at(shopRoutes.joinQueue, eventId), { bearer }, request),
  state: (eventId: string) => call<QueueState>(shopRoutes.getQueueState, at(shopRoutes.getQueueState, eventId), {}),
  /** Refused with 409 `not_admitted_yet` (the body's `place`) while the place is not reached. */
  admit: (eventId: string, request: RequestAdmission) =>
    call<Admission>(shopRoutes.requestAdmission, at(shopRoutes.requestAdmission, eventId), {}, request),
};
