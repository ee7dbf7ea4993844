// One JSON call of a lazily loaded shop module (transfers, the waiting room): fetch with the caller's tokens, an
// Idempotency-Key kept for a purpose until the server answered, and problem+json turned into the same ApiError as
// every other call's, with a busy answer's Retry-After. Busy and challenged answers are met as the first load's client
// meets them (client/http-transport.ts), with the same modules, loaded when first needed: a repeatable call (a read, or
// a write with a key) waits out a busy API or a lost connection by itself (busy-retry.ts: never sooner than
// Retry-After, with jitter, short waits only), and any call is sent once more after the browser passed AWS WAF's
// challenge (waf-challenge.ts). A longer wait is the caller's, with the Retry-After in the error (the waiting room
// waits it out on screen, queue/use-queue.ts). The transport itself is not imported: sharing it with this chunk would
// split it out of the first load's chunk, which costs the first load more than these lines.
import { apiHeaderKeys, type ApiRoute } from '../../../cloud/contract/shop-routes.ts';
import { ApiError, WAF_CHALLENGE } from '../../client/ticketing-client.ts';
import { forgetKey, idempotencyKey } from './browser-storage.ts';

export interface Caller {
  /** The order's access token (a guest's link). */
  orderToken?: string | undefined;
  /** The signed-in customer's bearer token. */
  bearer?: string | undefined;
}

/** `keyPurpose`: the POST carries an Idempotency-Key kept for that purpose until the server answered (a retry after a
 * lost answer reuses it and gets the first answer). */
export async function call<T>(
  route: ApiRoute,
  path: string,
  caller: Caller,
  body?: unknown,
  keyPurpose?: string,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (keyPurpose) headers[apiHeaderKeys.idempotencyKey] = idempotencyKey(keyPurpose);
  if (caller.orderToken) headers[apiHeaderKeys.orderToken] = caller.orderToken;
  if (caller.bearer) headers.authorization = `Bearer ${caller.bearer}`;
  const init: RequestInit = {
    method: route.method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
  const once = (send: typeof fetch = fetch) => answer<T>(send(path, init).catch(() => null));
  try {
    const result = await sent(once, route.method === 'GET' || keyPurpose !== undefined);
    if (keyPurpose) forgetKey(keyPurpose);
    return result;
  } catch (failure) {
    // The key is done with once the API answered; not after a lost connection, a busy answer or WAF's challenge (the
    // request may not have reached the API, and a try again must be the same request).
    const status = failure instanceof ApiError ? failure.status : 0;
    if (keyPurpose && status > 202 && status < 500 && status !== 429) forgetKey(keyPurpose);
    throw failure;
  }
}

/** `once`, past a WAF challenge (once, through the fetch that carries its token) and a busy API when `repeatable`. */
async function sent<T>(
  once: (send?: typeof fetch) => Promise<T>,
  repeatable: boolean,
  send?: typeof fetch,
): Promise<T> {
  try {
    return await once(send);
  } catch (failure) {
    if (failure instanceof ApiError && failure.type === WAF_CHALLENGE) {
      const { passChallenge } = await import('../../client/waf-challenge.ts').catch(() => {
        throw failure;
      });
      return sent(once, repeatable, await passChallenge(send !== undefined));
    }
    const busy = failure instanceof ApiError && [0, 429, 503].includes(failure.status);
    if (!repeatable || !busy) throw failure;
    const { retryBusy } = await import('../../client/busy-retry.ts').catch(() => ({ retryBusy: null }));
    if (!retryBusy) throw failure;
    return retryBusy(() => once(send), failure);
  }
}

async function answer<T>(sending: Promise<Response | null>): Promise<T> {
  const response = await sending;
  if (!response) throw new ApiError(0, 'network', '');
  // WAF's challenge: 202 with its header, or its HTML page (the API's own answers are JSON).
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 202 && (response.headers.get('x-amzn-waf-action') === 'challenge' || /html/.test(type)))
    throw new ApiError(202, WAF_CHALLENGE, ''); // the words: waf-challenge.ts
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (json ?? {}) as { type?: string; detail?: string };
    // A busy answer's Retry-After as our API and WAF send it (delay-seconds), for the back-off to honour.
    const retryAfter = response.headers.get('retry-after') ?? '';
    const busy = (response.status === 429 || response.status === 503) && /^\d+$/.test(retryAfter);
    throw new ApiError(response.status, problem.type ?? `http_${response.status}`, problem.detail ?? '', {
      ...((json ?? {}) as ApiError['body']),
      ...(busy ? { retryAfterSeconds: Number(retryAfter) } : {}),
    });
  }
  return json as T;
}
