// A kiosk or box-office machine's main process as the app wires it (main/app.ts), without Electron: cache, cloud
// client, catalog, live relay, card-terminal simulator, PDF printer and the bridge handler, over a real local cloud.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCache, type CacheDb } from '../../../main/cache/database.ts';
import { HttpCache } from '../../../main/cache/http-cache.ts';
import { Outbox } from '../../../main/cache/outbox.ts';
import { createBridgeHandler } from '../../../main/bridge-handlers.ts';
import { createCore } from '../../../main/core.ts';
import type { SecretBox } from '../../../main/device/credentials.ts';
import { Device } from '../../../main/device/device.ts';
import { SimulatedTerminal } from '../../../main/devices/card-terminal.ts';
import { PdfFilePrinter } from '../../../main/devices/printer.ts';
import { CatalogFetcher } from '../../../main/sync/catalog-fetcher.ts';
import { CloudClient } from '../../../main/sync/cloud-client.ts';
import { Connectivity } from '../../../main/sync/connectivity.ts';
import type { LiveRelay } from '../../../main/sync/live-relay.ts';

/** Stands in for Electron's safeStorage: AES-256-GCM under a key only this process knows. */
export function testSecretBox(): SecretBox & { key: Buffer } {
  const key = randomBytes(32);
  return {
    key,
    isEncryptionAvailable: () => true,
    encryptString(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export interface TestDevice {
  device: Device;
  cache: CacheDb;
  terminal: SimulatedTerminal;
  connectivity: Connectivity;
  cloud: CloudClient;
  printDir: string;
  handle: ReturnType<typeof createBridgeHandler>;
  /** The PDFs printed so far, oldest first. */
  prints(): { file: string; bytes: Uint8Array }[];
  close(): void;
}

export function buildDevice(
  dir: string,
  cloudUrl: string,
  options: { secretBox?: SecretBox; relay?: LiveRelay; terminalDelayMs?: number; syncIntervalMs?: number } = {},
): TestDevice {
  const cache = openCache(join(dir, 'device.db'));
  const connectivity = new Connectivity();
  const cloud = new CloudClient(cloudUrl, connectivity);
  const catalog = new CatalogFetcher(cloudUrl, new HttpCache(cache), { connectivity, timeoutMs: 2000 });
  const terminal = new SimulatedTerminal([], options.terminalDelayMs ?? 0);
  const printDir = join(dir, 'prints');
  const device = new Device({
    db: cache,
    cloud,
    catalog,
    connectivity,
    outbox: new Outbox(cache),
    terminal,
    printer: new PdfFilePrinter(printDir),
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
    syncIntervalMs: options.syncIntervalMs ?? 200,
  });
  const handle = createBridgeHandler(createCore(cloud, catalog, options.relay, device));
  return {
    device,
    cache,
    terminal,
    connectivity,
    cloud,
    printDir,
    handle,
    prints: () =>
      readdirSync(printDir)
        .filter((f) => f.endsWith('.pdf'))
        .sort()
        .map((file) => ({ file, bytes: readFileSync(join(printDir, file)) })),
    close() {
      device.stopSync();
      cache.close();
    },
  };
}
