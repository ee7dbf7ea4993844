// The transfer calls of the shop (issue 19), kept out of the shop's first load: the order page's transfer panel and
// the accept page load this with themselves. problem+json becomes the same ApiError as every other call's.
import type {
  AcceptedTransfer,
  CreateTransfer,
  OrderTransfers,
  ReceivedTransfer,
  Transfer,
} from '../../../../cloud/contract/transfers.ts';
import { apiHeaderKeys, apiPaths, apiRoutes, type ApiRoute } from '../../../../cloud/contract/routes.ts';
import { ApiError } from '../../../client/ticketing-client.ts';
import { forgetKey, idempotencyKey } from '../browser-storage.ts';

export interface Caller {
  /** The order's access token (a guest's link). */
  orderToken?: string | undefined;
  /** The signed-in customer's bearer token. */
  bearer?: string | undefined;
}

/** `keyPurpose`: the POST carries an Idempotency-Key kept for that purpose until the server answered (a retry after a
 * lost answer reuses it and gets the first answer). */
async function call<T>(route: ApiRoute, path: string, caller: Caller, body?: unknown, keyPurpose?: string): Promise<T> {
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

export const transferApi = {
  list: (orderId: string, caller: Caller) =>
    call<OrderTransfers>(apiRoutes.listTransfers, apiPaths.orderTransfers(orderId), caller),
  send: (orderId: string, request: CreateTransfer, caller: Caller) =>
    call<Transfer>(
      apiRoutes.sendTransfer,
      apiPaths.orderTransfers(orderId),
      caller,
      request,
      `transfer-send.${orderId}`,
    ),
  cancel: (orderId: string, transferId: string, caller: Caller) =>
    call<void>(apiRoutes.cancelTransfer, apiPaths.orderTransfer(orderId, transferId), caller),
  received: (token: string) =>
    call<ReceivedTransfer>(apiRoutes.getReceivedTransfer, apiPaths.receivedTransfer(token), {}),
  accept: (token: string, name: string | undefined, caller: Caller) =>
    call<AcceptedTransfer>(
      apiRoutes.acceptTransfer,
      apiPaths.transferAcceptance(token),
      caller,
      name ? { name } : {},
      `transfer-accept.${token}`,
    ),
};
