// The on-sale's headers on a queued event's holds and orders (issue 20), read by the HTTP client from what the
// waiting room keeps, without loading the waiting room.
import { apiHeaderKeys } from '../../cloud/contract/shop-routes.ts';

/** A queued event's admission and its session (issue 20), for the headers of that event's holds and orders: the
 * waiting room keeps them in localStorage (modes/shop/queue/queue-store.ts, the same key). */
export function queueHeaders(eventId: string | null): Record<string, string> {
  let pass: { session: string; admission?: { token: string } } | null = null;
  try {
    pass = eventId ? JSON.parse(localStorage.getItem(`tb.queue.${eventId}`) ?? 'null') : null;
  } catch {
    // a damaged entry: no admission
  }
  return pass?.admission
    ? { [apiHeaderKeys.queueAdmission]: pass.admission.token, [apiHeaderKeys.queueSession]: pass.session }
    : {};
}
