// The bridge's channels, one handler each: catalog reads through the device cache (so events open offline), holds,
// orders and sign-in straight to the cloud, and the machine's own channels dispatched to the module that owns them
// (session and sync, selling, the box office's orders, the shift, allotments, the door), and venue logos as data:
// URLs (sync/venue-logos.ts). Plain Node: tested without Electron, and bound to the renderer either by main/ipc.ts
// (Electron) or by Playwright's exposeBinding (tests).
import { apiHeaderKeys, apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { BridgeChannel, BridgeInput, BridgeOutput, CachedJson } from '../../preload/bridge.ts';
import type { Door } from '../door/door.ts';
import type { Allotments } from '../sales/allotments.ts';
import type { BoxOfficeOrders } from '../sales/box-office-orders.ts';
import type { BoxOfficeTransfers } from '../sales/box-office-transfer.ts';
import type { CounterSales } from '../sales/counter-sales.ts';
import type { ShiftReports } from '../sales/shift-report.ts';
import type { Device } from '../session/device.ts';
import type { CatalogFetcher } from '../sync/catalog-fetcher.ts';
import type { CloudClient } from '../sync/cloud-client.ts';
import type { LiveRelay } from '../sync/live-relay.ts';
import { CloudProblem } from '../sync/cloud-client.ts';
import { VenueLogos } from '../sync/venue-logos.ts';

export type ChannelHandlers = { [C in BridgeChannel]: (input: BridgeInput<C>) => Promise<BridgeOutput<C>> };
type MachineChannel = Exclude<BridgeChannel, keyof ReturnType<typeof cloudChannels>>;

/** What a kiosk or box-office machine adds to the bridge, one module a concern (wired in main/wiring/machine.ts). */
export interface MachineModules {
  device: Device;
  sales: CounterSales;
  orders: BoxOfficeOrders;
  /** transfer (issue 19): tickets passed on at the counter. */
  transfers: BoxOfficeTransfers;
  shift: ShiftReports;
  allotments: Allotments;
  door: Door;
}

/** The bridge's handlers; the machine's own channels (pairing, selling, printing) need a machine's modules. */
export function createChannels(
  cloud: CloudClient,
  catalog: CatalogFetcher,
  live?: LiveRelay,
  machine?: MachineModules,
): ChannelHandlers {
  return { ...cloudChannels(cloud, catalog, live), ...machineChannels(machine) };
}

function machineChannels(machine: MachineModules | undefined): { [C in MachineChannel]: ChannelHandlers[C] } {
  const m = (): MachineModules => {
    if (!machine) {
      throw new CloudProblem({
        type: 'https://ticketboss.dev/problems/not_a_device',
        status: 409,
        detail: 'This runs on a kiosk or box-office machine only.',
      });
    }
    return machine;
  };
  return {
    'device:status': async () => m().device.status(),
    'device:register': ({ code }) => m().device.register(code),
    'staff:signIn': ({ email, password }) => m().device.signInStaff(email, password),
    'staff:signOut': async () => m().device.signOutStaff(),
    'sync:now': () => m().device.syncNow(),
    'sale:terminal': (input) => m().sales.sellByTerminal(input),
    'sale:cash': (input) => m().sales.sellForCash(input),
    'orders:search': ({ q }) => m().orders.search(q),
    'orders:refund': (input) => m().orders.refund(input),
    'orders:cancel': (input) => m().orders.cancel(input),
    'orders:handBack': (input) => m().orders.handBack(input),
    'orders:pickup': ({ orderId }) => m().orders.pickUp(orderId),
    'orders:transfer': (input) => m().transfers.send(input),
    'orders:exchangeQuote': (input) => m().orders.quoteExchange(input),
    'orders:exchange': (input) => m().orders.exchange(input),
    'print:order': (input) => m().orders.reprint(input),
    'shift:currencies': () => m().shift.currencies(),
    'shift:report': (input) => m().shift.report(input),
    'shift:print': (input) => m().shift.print(input),
    'door:scan': (input) => m().door.scan(input),
    'allotment:create': (input) => m().allotments.create(input),
    'allotment:list': async () => m().allotments.list(),
    'allotment:sellCash': (input) => m().allotments.sellForCash(input),
  };
}

async function cachedJson<T>(catalog: CatalogFetcher, path: string): Promise<CachedJson<T>> {
  const answer = await catalog.getText(path);
  return { json: answer.value, offline: answer.offline, fetchedAt: answer.fetchedAt };
}

function cloudChannels(cloud: CloudClient, catalog: CatalogFetcher, live?: LiveRelay) {
  const logos = new VenueLogos(cloud.baseUrl, catalog.cache);
  return {
    'shop:config': () => cloud.call(apiRoutes.shopConfig, apiPaths.shopConfig()),
    /** The list as the cloud answers it: `{ "events": [...] }`. */
    'catalog:listEvents': (query) => {
      const params = new URLSearchParams(
        Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
      ).toString();
      return cachedJson(catalog, params ? `${apiPaths.events()}?${params}` : apiPaths.events());
    },
    'catalog:getEvent': ({ eventId }) => cachedJson(catalog, apiPaths.event(eventId)),
    'catalog:getSeatMap': ({ seatmapId }) => cachedJson(catalog, apiPaths.seatMap(seatmapId)),
    'catalog:getAvailability': ({ eventId }) => cachedJson(catalog, apiPaths.availability(eventId)),
    'holds:create': ({ eventId, request }) =>
      cloud.call(apiRoutes.createHold, apiPaths.eventHolds(eventId), { body: request }),
    'holds:get': ({ holdId, token }) =>
      cloud.call(apiRoutes.getHold, apiPaths.hold(holdId), { headers: { [apiHeaderKeys.holdToken]: token } }),
    'holds:release': ({ holdId, token }) =>
      cloud.call(apiRoutes.releaseHold, apiPaths.hold(holdId), { headers: { [apiHeaderKeys.holdToken]: token } }),
    'holds:quote': ({ holdId, token, request }) =>
      cloud.call(apiRoutes.quoteHold, apiPaths.holdQuote(holdId), {
        body: request,
        headers: { [apiHeaderKeys.holdToken]: token },
      }),
    'orders:create': ({ request, holdToken, idempotencyKey }) =>
      cloud.call(apiRoutes.createOrder, apiPaths.orders(), {
        body: request,
        headers: { [apiHeaderKeys.holdToken]: holdToken, [apiHeaderKeys.idempotencyKey]: idempotencyKey },
      }),
    'orders:complete': ({ orderId, orderToken, idempotencyKey }) =>
      cloud.call(apiRoutes.completePayment, apiPaths.orderPaymentCompletion(orderId), {
        headers: { [apiHeaderKeys.orderToken]: orderToken, [apiHeaderKeys.idempotencyKey]: idempotencyKey },
      }),
    'orders:retryPayment': ({ orderId, orderToken, payment, idempotencyKey }) =>
      cloud.call(apiRoutes.retryPayment, apiPaths.orderPayments(orderId), {
        body: payment,
        headers: { [apiHeaderKeys.orderToken]: orderToken, [apiHeaderKeys.idempotencyKey]: idempotencyKey },
      }),
    'orders:get': ({ orderId, orderToken }) =>
      cloud.call(apiRoutes.getOrder, apiPaths.order(orderId), {
        headers: orderToken ? { [apiHeaderKeys.orderToken]: orderToken } : {},
      }),
    'orders:mine': async () =>
      (await cloud.call<{ orders: BridgeOutput<'orders:mine'> }>(apiRoutes.listMyOrders, apiPaths.myOrders())).orders,
    'auth:signIn': (input) => cloud.call(apiRoutes.signIn, apiPaths.signIn(), { body: input }),
    'auth:signUp': (input) => cloud.call(apiRoutes.signUp, apiPaths.signUp(), { body: input }),
    'auth:confirmSignUp': (input) =>
      cloud.call(apiRoutes.confirmSignUp, apiPaths.signUpConfirmation(), { body: input }), // redirects
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
    'venue:logo': async ({ venueId, version }) => ({ dataUrl: await logos.dataUrl(venueId, version) }),
  } satisfies Partial<ChannelHandlers>;
}
