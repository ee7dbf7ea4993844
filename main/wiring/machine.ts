// One machine's main process wired together, the same in the app (main/app.ts) and in tests and benchmarks: the
// SQLite cache and ledger (a damaged cache set aside and fetched again once the cloud answers), connectivity, the cloud client and catalog, the outbox, the Device (session and sync), the modules
// that sell, handle orders, run the shift, the allotment and the door with the terminal and printer ports, the live
// relay, and the bridge handler the renderer talks to.
import { join } from 'node:path';
import { createChannels, type MachineModules } from '../bridge/channels.ts';
import { createBridgeHandler } from '../bridge/handler.ts';
import { openDeviceStore, type CacheDb, type StorageNotice } from '../cache/database.ts';
import { HttpCache } from '../cache/http-cache.ts';
import { KnownOrders } from '../cache/known-orders.ts';
import { Outbox } from '../cache/outbox.ts';
import { Door } from '../door/door.ts';
import type { CardTerminal } from '../peripherals/card-terminal.ts';
import type { Printer } from '../peripherals/printer.ts';
import { AllotmentSeller } from '../sales/allotment-seller.ts';
import { Allotments } from '../sales/allotments.ts';
import { BoxOfficeOrders } from '../sales/box-office-orders.ts';
import { BoxOfficeTransfers } from '../sales/box-office-transfer.ts';
import { CounterSales } from '../sales/counter-sales.ts';
import { OrderPrinter } from '../sales/order-printer.ts';
import { ShiftReports } from '../sales/shift-report.ts';
import type { SecretBox } from '../session/credentials.ts';
import { Device } from '../session/device.ts';
import { CatalogFetcher } from '../sync/catalog-fetcher.ts';
import { catalogRebuild } from '../sync/catalog-rebuild.ts';
import { CloudClient } from '../sync/cloud-client.ts';
import { Connectivity } from '../sync/connectivity.ts';
import type { LiveRelay } from '../sync/live-relay.ts';

export interface MachineOptions {
  /** Where the cache database lives. */
  dataDir: string;
  cloudUrl: string;
  terminal: CardTerminal;
  printer: Printer;
  secretBox?: SecretBox;
  relay?: LiveRelay;
  syncIntervalMs?: number;
  catalogTimeoutMs?: number;
  clock?: () => Date;
  /** The app's version (Electron's app.getVersion()), told to the cloud on every call. */
  appVersion?: string;
}

export interface Machine extends MachineModules {
  cache: CacheDb;
  /** Damaged store files found at start (also in the device's status). */
  storageNotices: StorageNotice[];
  connectivity: Connectivity;
  cloud: CloudClient;
  catalog: CatalogFetcher;
  handle: ReturnType<typeof createBridgeHandler>;
  close(): void;
}

export function wireMachine(options: MachineOptions): Machine {
  const clock = options.clock ?? (() => new Date());
  // A damaged cache is set aside and starts empty (fetched again below); a damaged ledger is salvaged row by row.
  const store = openDeviceStore(join(options.dataDir, 'device.db'), clock);
  const cache = store.db;
  const connectivity = new Connectivity();
  const cloud = new CloudClient(options.cloudUrl, connectivity, options.appVersion);
  const catalog = new CatalogFetcher(options.cloudUrl, new HttpCache(cache), {
    connectivity,
    ...(options.catalogTimeoutMs ? { timeoutMs: options.catalogTimeoutMs } : {}),
  });
  const outbox = new Outbox(cache);
  const device = new Device({
    db: cache,
    cloud,
    connectivity,
    outbox,
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
    ...(options.syncIntervalMs ? { syncIntervalMs: options.syncIntervalMs } : {}),
    clock,
    storageNotices: store.notices,
  });
  const printing = new OrderPrinter(catalog, options.printer, clock);
  const knownOrders = new KnownOrders(cache, clock);
  const { terminal } = options;
  const modules: MachineModules = {
    device,
    sales: new CounterSales({ session: device, cloud, terminal, outbox, printing, knownOrders }),
    orders: new BoxOfficeOrders({ session: device, cloud, terminal, printing, knownOrders }),
    transfers: new BoxOfficeTransfers({ session: device, cloud }), // transfer (issue 19)
    shift: new ShiftReports({ session: device, cloud, catalog, printing }),
    allotments: new Allotments(
      { session: device, cloud, seller: new AllotmentSeller(cache, outbox, clock), printing },
      clock,
    ),
    door: new Door(device, cache, cloud, catalog, outbox, clock),
  };
  device.onSync(() => modules.door.syncRevocations());
  device.onSync(async () => void (await modules.allotments.pull()));
  if (store.rebuilt) device.onSync(catalogRebuild(catalog, () => modules.allotments.list()));
  return {
    cache,
    storageNotices: store.notices,
    connectivity,
    cloud,
    catalog,
    ...modules,
    handle: createBridgeHandler(createChannels(cloud, catalog, options.relay, modules)),
    close() {
      device.stopSync();
      options.relay?.close();
      cache.close();
    },
  };
}
