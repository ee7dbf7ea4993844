// The machine's credential, from pairing: kept in the cache database, encrypted with the operating system's key store
// through a SecretBox (Electron's safeStorage in the app) whenever one is available. Where none is (a Linux box with
// no keyring), it is stored as is and the status says so, so an admin can see the machine is weaker.
import { z } from 'zod';
import { DeviceKind, Uuid } from '../../cloud/contract/index.ts';
import type { CacheDb } from '../cache/database.ts';

/** Electron's safeStorage has exactly this shape; tests pass their own. */
export interface SecretBox {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const DeviceCredential = z.object({
  deviceId: Uuid,
  secret: z.string().min(1),
  kind: DeviceKind,
  venueId: Uuid,
  name: z.string(),
  /** The API Gateway key the cloud gave at pairing (AWS); absent against `npm start`. */
  apiKey: z.string().optional(),
});
export type DeviceCredential = z.infer<typeof DeviceCredential>;

const KEY = 'credential';

export class CredentialStore {
  /** Read once: the screens ask for the status every second, and the key store need not decrypt each time. */
  private loaded: { credential: DeviceCredential; encrypted: boolean } | null | undefined;

  constructor(
    private readonly db: CacheDb,
    private readonly box?: SecretBox,
  ) {}

  save(credential: DeviceCredential): { encrypted: boolean } {
    const text = JSON.stringify(credential);
    const encrypted = this.box?.isEncryptionAvailable() === true;
    const value = encrypted ? this.box!.encryptString(text) : Buffer.from(text, 'utf8');
    this.db
      .prepare(
        `INSERT INTO device_settings (key, value, encrypted) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, encrypted = excluded.encrypted`,
      )
      .run(KEY, value, encrypted ? 1 : 0);
    this.loaded = { credential, encrypted };
    return { encrypted };
  }

  load(): { credential: DeviceCredential; encrypted: boolean } | null {
    if (this.loaded !== undefined) return this.loaded;
    const row = this.db.prepare('SELECT value, encrypted FROM device_settings WHERE key = ?').get(KEY) as
      { value: Buffer; encrypted: number } | undefined;
    if (!row) return (this.loaded = null);
    const text = row.encrypted ? this.box!.decryptString(row.value) : row.value.toString('utf8');
    return (this.loaded = { credential: DeviceCredential.parse(JSON.parse(text)), encrypted: row.encrypted === 1 });
  }

  clear(): void {
    this.db.prepare('DELETE FROM device_settings WHERE key = ?').run(KEY);
    this.loaded = null;
  }
}
