// The whole cloud on one machine: the Hono app on Node, the live WebSocket on the same port, the hold sweeper,
// over PGlite (files under var/) or a real Postgres when a connection string is given.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createPgliteDb } from '../db/pglite.ts';
import { createPostgresDb } from '../db/postgres.ts';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/port.ts';
import { createServices, type Services } from '../services/index.ts';
import { seedDemoData, type SeedResult } from '../services/seed.ts';
import type { Clock } from '../services/ports.ts';
import { findEventRow } from '../db/catalog.ts';
import { createApp } from '../http/app.ts';
import { LocalIdentityIssuer } from '../adapters/identity/local-issuer.ts';
import { WsLiveHub } from '../adapters/live/ws-hub.ts';

export interface LocalCloudOptions {
  port?: number;
  host?: string;
  /** A Postgres connection string; otherwise PGlite. */
  databaseUrl?: string;
  /** Where PGlite keeps its files and the identity key lives; omitted: all in memory. */
  varDir?: string;
  seed?: boolean;
  sweepIntervalMs?: number;
  maxConnections?: number;
  clock?: Clock;
  db?: Db;
}

export interface LocalCloud {
  url: string;
  port: number;
  services: Services;
  issuer: LocalIdentityIssuer;
  live: WsLiveHub;
  seeded: SeedResult | null;
  close(): Promise<void>;
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const db =
    options.db ??
    (options.databaseUrl
      ? createPostgresDb({ connectionString: options.databaseUrl, maxConnections: options.maxConnections ?? 20 })
      : await createPgliteDb(options.varDir ? join(options.varDir, 'pgdata') : undefined));
  await migrate(db);

  const live = new WsLiveHub({
    canWatch: async (eventId) => {
      const event = await findEventRow(db, eventId);
      return event !== null && event.status !== 'draft';
    },
  });
  const services = createServices({ db, live, ...(options.clock ? { clock: options.clock } : {}) });
  const seeded = options.seed === false ? null : await seedDemoData(services);

  const issuer = await LocalIdentityIssuer.create(
    'ticketboss-local',
    options.varDir ? join(options.varDir, 'identity-key.json') : undefined,
  );
  const { app } = createApp({ services, verifier: issuer.verifier(), jwks: () => issuer.jwks() });

  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: options.host ?? '127.0.0.1' }, () =>
      resolve(started as Server),
    );
  });
  server.keepAliveTimeout = 65_000;
  live.attach(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);

  let sweeping = false;
  const sweeper = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    services.holds
      .sweepExpired()
      .catch((error: unknown) => console.error('hold sweeper failed', error))
      .finally(() => (sweeping = false));
  }, options.sweepIntervalMs ?? 1000);
  sweeper.unref();

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    services,
    issuer,
    live,
    seeded,
    async close() {
      clearInterval(sweeper);
      await live.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.db) await db.close();
    },
  };
}
