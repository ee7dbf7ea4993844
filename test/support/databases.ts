// Fresh, migrated databases for tests: PGlite, or a new database on the shared real Postgres server. Both start from
// a migrated template the run's global setup made (a copy of a PGlite data directory, CREATE DATABASE … TEMPLATE on
// Postgres), not from nothing: the same schema, without initdb and 26 migrations per database.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import pg from 'pg';
import { createPgliteDb } from '../../cloud/db/pglite.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import type { Db } from '../../cloud/db/port.ts';

export type DbKind = 'pglite' | 'postgres';

export const postgresUrl = (): string | null => inject('postgresUrl');

/**
 * Which kinds of database this run can test against: PGlite always, real Postgres where the server started. For
 * suites whose claims depend on the engine: locking and concurrency, SQL over dates, zones and sums, migrations,
 * the db layer's own functions, the money path.
 */
export const dbKinds = (): DbKind[] => (postgresUrl() ? ['pglite', 'postgres'] : ['pglite']);

/**
 * The engine production runs, real Postgres, where the run has it (CI always does), else PGlite: for suites of rules
 * above the database (HTTP, roles, workflows), which the same SQL meets the same way on both (no code path differs by
 * engine; the suites above keep both, and every browser suite and `npm start` run PGlite).
 */
export const productionDbKinds = (): DbKind[] => (postgresUrl() ? ['postgres'] : ['pglite']);

async function createDatabase(template?: string): Promise<string> {
  const serverUrl = postgresUrl();
  if (!serverUrl) throw new Error('no Postgres server in this run');
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  return serverUrl.replace(/\/postgres$/, `/${name}`);
}

/** A new empty database on the test server; returns its connection string. */
export function createPostgresDatabase(): Promise<string> {
  return createDatabase();
}

/** A new database on the test server with every migration applied (a copy of the run's template where there is one). */
export async function createMigratedPostgresDatabase(): Promise<string> {
  const template = inject('postgresTemplate');
  const url = await createDatabase(template ?? undefined);
  if (!template) {
    const db = createPostgresDb({ connectionString: url, maxConnections: 1 });
    await migrate(db);
    await db.close();
  }
  return url;
}

/** A migrated PGlite on a copy of the run's template data directory, removed when it closes. */
async function freshPgliteDb(): Promise<Db> {
  const pglite = inject('pglite');
  if (!pglite) {
    const db = await createPgliteDb();
    await migrate(db);
    return db;
  }
  const dataDir = mkdtempSync(join(pglite.copies, 'db-'));
  cpSync(pglite.template, dataDir, { recursive: true });
  const db = await createPgliteDb(dataDir);
  return {
    ...db,
    async close() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function freshDb(kind: DbKind, options: { maxConnections?: number } = {}): Promise<Db> {
  if (kind === 'pglite') return freshPgliteDb();
  return createPostgresDb({
    connectionString: await createMigratedPostgresDatabase(),
    maxConnections: options.maxConnections ?? 10,
  });
}
