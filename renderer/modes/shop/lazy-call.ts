// One JSON call of a lazily loaded shop module (transfers, the waiting room): fetch with the caller's tokens, an
// Idempotency-Key kept for a purpose until the server answered, and problem+json turned into the same ApiError as
// every other call's. Kept out of the shop's first load with the modules that use it.
import { apiHeaderKeys, type ApiRoute } from '../../../cloud/contract/shop-routes.ts';
import { ApiError } from '../../client/ticketing-client.ts';
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
  const response = await fetch(path, {
    method: route.method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  }).catch(() => null);
  if (!response) throw new ApiError(0, 'network', '');
  if (keyPurpose && response.status < 500) forgetKey(keyPurpose);
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (json ?? {}) as { type?: string; detail?: string };
    throw new ApiError(
      response.status,
      problem.type ?? `http_${response.status}`,
      problem.detail ?? '',
      (json ?? {}) as ApiError['body'],
    );
  }
  return json as T;
}
