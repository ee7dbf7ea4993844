// The server the hostile suite attacks: `npm start`'s entry as a child process on a fresh real-Postgres database, so a
// crash or a memory blow-up is the real process's. One venue with an on-sale event and a box office are seeded
// first; the callers' tokens are signed with the key the server loads from its VAR_DIR, each one fresh when asked
// for (a request that signs its caller out everywhere must not stop the next one from getting past sign-in).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigratedPostgresDatabase } from '../databases.ts';
import { startLocalProcess, type LocalProcess } from '../local-process.ts';
import { createOnSaleEvent, smallHall } from '../world.ts';
import { createPostgresDb } from '../../../cloud/db/postgres.ts';
import { migrate } from '../../../cloud/db/migrate.ts';
import { createServices } from '../../../cloud/services/index.ts';
import { LocalIdentityIssuer } from '../../../cloud/adapters/identity/local-issuer.ts';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { KnownIds } from './schema-values.ts';

export type CallerName = 'admin' | 'boxoffice' | 'customer' | 'anonymous';

export interface Target {
  url: string;
  pid: number;
  process: LocalProcess;
  ids: KnownIds;
  /** A real hold's token, for X-Hold-Token. */
  holdToken: string;
  /** `Bearer <fresh token>` for the caller, or undefined for anonymous. */
  authorization(caller: CallerName): Promise<string | undefined>;
  /** Whether the process still answers /healthz with 200. */
  healthy(): Promise<boolean>;
  stop(): Promise<void>;
}

/** Every rate-limited bucket raised, so the suite's requests reach parsing instead of a 429. */
const UNLIMITED = ['holds', 'orders', 'signin', 'signup', 'signup_confirm', 'pair', 'resend', 'waitlist']
  .map((bucket) => `${bucket}=100000000`)
  .join(',');

export async function startTarget(): Promise<Target> {
  const databaseUrl = await createMigratedPostgresDatabase();
  const varDir = mkdtempSync(join(tmpdir(), 'ticketboss-hostile-'));
  const db = createPostgresDb({ connectionString: databaseUrl, maxConnections: 2 });
  let ids: KnownIds;
  let deviceId: string;
  try {
    await migrate(db);
    const services = createServices({ db, live: { publish: async () => {} } });
    const venue = await services.admin.createVenue({ name: 'Hostile Hall', city: 'Bern', timezone: 'Europe/Zurich' });
    const map = await services.admin.importSeatMap(venue.id, smallHall(4, 10));
    const eventId = await createOnSaleEvent(services, map.id, ['MAIN', 'PIT'], { name: 'Hostile Show' });
    const device = await services.identity.createDevice({ venueId: venue.id, kind: 'boxoffice', name: 'Counter' });
    deviceId = device.id;
    ids = { venueId: venue.id, seatmapId: map.id, eventId };
  } finally {
    await db.close();
  }
  // The server loads this key from VAR_DIR, so tokens signed here are its own.
  const issuer = await LocalIdentityIssuer.create('ticketboss-local', join(varDir, 'identity-key.json'));
  const process = await startLocalProcess({
    DATABASE_URL: databaseUrl,
    VAR_DIR: varDir,
    RATE_LIMITS: UNLIMITED,
    DB_POOL_SIZE: '10',
  });
  const url = process.url;
  const held = await fetch(`${url}${apiPaths.eventHolds(ids.eventId!)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seatIds: ['MAIN-D-10'] }),
  });
  const hold = (await held.json()) as { id: string; token: string };
  ids.holdId = hold.id;

  const claims = {
    admin: { sub: 'hostile-admin', email: 'admin@hostile.example', groups: ['admin'] },
    boxoffice: { sub: deviceId, groups: ['boxoffice'], venueId: ids.venueId! },
    customer: { sub: 'hostile-customer', email: 'buyer@hostile.example', groups: [] },
  };
  return {
    url,
    pid: process.child.pid!,
    process,
    ids,
    holdToken: hold.token,
    async authorization(caller) {
      if (caller === 'anonymous') return undefined;
      return `Bearer ${await issuer.issue({ ...claims[caller], ttlSeconds: 600 })}`;
    },
    async healthy() {
      try {
        return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) })).status === 200;
      } catch {
        return false;
      }
    },
    async stop() {
      process.child.kill('SIGTERM');
      await process.exited;
      rmSync(varDir, { recursive: true, force: true });
    },
  };
}
