// A kiosk or box-office machine's main process as the app wires it (main/wiring/machine.ts, used by main/app.ts),
// without Electron: the card-terminal simulator and the PDF printer, over a real local cloud.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretBox } from '../../../main/session/credentials.ts';
import { SimulatedTerminal } from '../../../main/peripherals/card-terminal.ts';
import { PdfFilePrinter } from '../../../main/peripherals/printer.ts';
import type { LiveRelay } from '../../../main/sync/live-relay.ts';
import { wireMachine, type Machine } from '../../../main/wiring/machine.ts';

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

export interface TestDevice extends Machine {
  terminal: SimulatedTerminal;
  printDir: string;
  /** The PDFs printed so far, oldest first. */
  prints(): { file: string; bytes: Uint8Array }[];
}

/** The machine as main/app.ts wires it, with the terminal simulator and the PDF printer in `dir`. */
export function buildDevice(
  dir: string,
  cloudUrl: string,
  options: {
    secretBox?: SecretBox;
    relay?: LiveRelay;
    terminalDelayMs?: number;
    syncIntervalMs?: number;
    clock?: () => Date;
  } = {},
): TestDevice {
  const terminal = new SimulatedTerminal([], options.terminalDelayMs ?? 0);
  const printDir = join(dir, 'prints');
  const machine = wireMachine({
    dataDir: dir,
    cloudUrl,
    terminal,
    printer: new PdfFilePrinter(printDir),
    syncIntervalMs: options.syncIntervalMs ?? 200,
    catalogTimeoutMs: 2000,
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
    ...(options.relay ? { relay: options.relay } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    ...machine,
    terminal,
    printDir,
    prints: () =>
      readdirSync(printDir)
        .filter((f) => f.endsWith('.pdf'))
        .sort()
        .map((file) => ({ file, bytes: readFileSync(join(printDir, file)) })),
  };
}
