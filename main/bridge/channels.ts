// The main-process core behind the bridge: catalog reads through the device cache (so events open offline), holds,
// orders and sign-in straight to the cloud. Plain Node: tested without Electron, and bound to the renderer either by
// main/ipc.ts (Electron) or by Playwright's exposeBinding (tests).
import type { BridgeChannel, BridgeInput, BridgeOutput, CachedJson } from '../../preload/bridge.ts';
import type { CatalogFetcher } from '../sync/catalog-fetcher.ts';
import type { CloudClient } from '../sync/cloud-client.ts';
import type { LiveRelay } from '../sync/live-relay.ts';
import type { Device } from '../session/device.ts';
import { CloudProblem } from '../sync/cloud-client.ts';

export type Handlers = { [C in BridgeChannel]: (input: BridgeInput<C>) => Promise<BridgeOutput<C>> };
type DeviceChannel = Exclude<BridgeChannel, keyof ReturnType<typeof cloudHandlers>>;

const enc = encodeURIComponent;

/** The bridge's handlers; the machine's own channels (pairing, selling, printing) need a Device. */
export function createCore(cloud: CloudClient, catalog: CatalogFetcher, live?: LiveRelay, device?: Device): Handlers {
  return { ...cloudHandlers(cloud, catalog, live), ...deviceHandlers(device) };
}

function deviceHandlers(device: Device | undefined): { [C in DeviceChannel]: Handlers[C] } {
  const d = (): Device => {
    if (!device) {
      throw new CloudProblem({
        type: 'https://ticketboss.dev/problems/not_a_device',
        status: 409,
        detail: 'This runs on a kiosk or box-office machine only.',
      });
    }
    return device;
  };
  return {
    'device:status': async () => d().status(),
    'device:register': ({ code }) => d().register(code),
    'staff:signIn': ({ email, password }) => d().signInStaff(email, password),
    'staff:signOut': async () => d().signOutStaff(),
    'sync:now': () => d().syncNow(),
    'sale:terminal': (input) => d().sellByTerminal(input),
    'sale:cash': (input) => d().sellForCash(input),
    'orders:search': ({ q }) => d().search(q),
    'orders:refund': (input) => d().refund(input),
    'orders:cancel': (input) => d().cancel(input),
    'orders:pickup': ({ orderId }) => d().pickUp(orderId),
    'print:order': (input) => d().reprint(input),
    'shift:report': (input) => d().shiftReport(input),
    'shift:print': (input) => d().printShiftReport(input),
    'door:scan': (input) => d().scanAtDoor(input),
    'allotment:create': (input) => d().createAllotment(input),
    'allotment:list': async () => d().allotments(),
    'allotment:sellCash': (input) => d().sellFromAllotment(input),
  };
}

async function cachedJson<T>(catalog: CatalogFetcher, path: string): Promise<CachedJson<T>> {
  const answer = await catalog.getText(path);
  return { json: answer.value, offline: answer.offline, fetchedAt: answer.fetchedAt };
}

function cloudHandlers(cloud: CloudClient, catalog: CatalogFetcher, live?: LiveRelay) {
  return {
    'shop:config': () => cloud.call('GET', '/v1/shop/config'),
    /** The list as the cloud answers it: `{ "events": [...] }`. */
    'catalog:listEvents': (query) => {
      const params = new URLSearchParams(
        Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
      ).toString();
      return cachedJson(catalog, `/v1/events${params ? `?${params}` : ''}`);
    },
    'catalog:getEvent': ({ eventId }) => cachedJson(catalog, `/v1/events/${enc(eventId)}`),
    'catalog:getSeatMap': ({ seatmapId }) => cachedJson(catalog, `/v1/seatmaps/${enc(seatmapId)}`),
    'catalog:getAvailability': ({ eventId }) => cachedJson(catalog, `/v1/events/${enc(eventId)}/availability`),
    'holds:create': ({ eventId, request }) => cloud.call('POST', `/v1/events/${enc(eventId)}/holds`, { body: request }),
    'holds:get': ({ holdId, token }) =>
      cloud.call('GET', `/v1/holds/${enc(holdId)}`, { headers: { 'x-hold-token': token } }),
    'holds:release': ({ holdId, token }) =>
      cloud.call('DELETE', `/v1/holds/${enc(holdId)}`, { headers: { 'x-hold-token': token } }),
    'orders:create': ({ request, holdToken, idempotencyKey }) =>
      cloud.call('POST', '/v1/orders', {
        body: request,
        headers: { 'x-hold-token': holdToken, 'idempotency-key': idempotencyKey },
      }),
    'orders:complete': ({ orderId, orderToken, idempotencyKey }) =>
      cloud.call('POST', `/v1/orders/${enc(orderId)}/payments/complete`, {
        headers: { 'x-order-token': orderToken, 'idempotency-key': idempotencyKey },
      }),
    'orders:retryPayment': ({ orderId, orderToken, payment, idempotencyKey }) =>
      cloud.call('POST', `/v1/orders/${enc(orderId)}/payments`, {
        body: payment,
        headers: { 'x-order-token': orderToken, 'idempotency-key': idempotencyKey },
      }),
    'orders:get': ({ orderId, orderToken }) =>
      cloud.call('GET', `/v1/orders/${enc(orderId)}`, { headers: orderToken ? { 'x-order-token': orderToken } : {} }),
    'orders:mine': async () =>
      (await cloud.call<{ orders: BridgeOutput<'orders:mine'> }>('GET', '/v1/me/orders')).orders,
    'auth:signIn': (input) => cloud.call('POST', '/v1/auth/signin', { body: input }),
    'auth:signUp': (input) => cloud.call('POST', '/v1/auth/signup', { body: input }),
    'auth:setToken': async ({ token }) => {
      cloud.setToken(token);
      return null;
    },
    'live:subscribe': async ({ eventId }) => {
      live?.subscribe(eventId);
      return null;
    },
    'live:unsubscribe': async ({ eventId }) => {
      live?.unsubscribe(eventId);
      return null;
    },
  } satisfies Partial<Handlers>;
}
