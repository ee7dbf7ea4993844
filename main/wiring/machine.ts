// One machine's main process wired together, the same in the app (main/app.ts) and in tests and benchmarks: the
// SQLite cache, connectivity, the cloud client and catalog, the outbox, the Device with its terminal and printer
// ports, the live relay, and the bridge handler the renderer talks to.
import { join } from 'node:path';
import { openCache, type CacheDb } from '../cache/database.ts';
import { HttpCache } from '../cache/http-cache.ts';
import { Outbox } from '../cache/outbox.ts';
import { createBridgeHandler } from '../bridge/handler.ts';
import { createCore } from '../bridge/channels.ts';
import type { SecretBox } from '../session/credentials.ts';
import { Device } from '../session/device.ts';
import type { CardTerminal } from '../peripherals/card-terminal.ts';
import type { Printer } from '../peripherals/printer.ts';
import { CatalogFetcher } from '../sync/catalog-fetcher.ts';
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
}

export interface Machine {
  cache: CacheDb;
  connectivity: Connectivity;
  cloud: CloudClient;
  catalog: CatalogFetcher;
  device: Device;
  handle: ReturnType<typeof createBridgeHandler>;
  close(): void;
}

export function wireMachine(options: MachineOptions): Machine {
  const cache = openCache(join(options.dataDir, 'device.db'));
  const connectivity = new Connectivity();
  const cloud = new CloudClient(options.cloudUrl, connectivity);
  const catalog = new CatalogFetcher(options.cloudUrl, new HttpCache(cache), {
    connectivity,
    ...(options.catalogTimeoutMs ? { timeoutMs: options.catalogTimeoutMs } : {}),
  });
  const device = new Device({
    db: cache,
    cloud,
    catalog,
    connectivity,
    outbox: new Outbox(cache),
    terminal: options.terminal,
    printer: options.printer,
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
    ...(options.syncIntervalMs ? { syncIntervalMs: options.syncIntervalMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    cache,
    connectivity,
    cloud,
    catalog,
    device,
    handle: createBridgeHandler(createCore(cloud, catalog, options.relay, device)),
    close() {
      device.stopSync();
      options.relay?.close();
      cache.close();
    },
  };
}
