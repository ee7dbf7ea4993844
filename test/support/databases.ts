// Fresh, migrated databases for tests: PGlite in memory, or a new database on the shared real Postgres server.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { createPgliteDb } from '../../cloud/db/pglite.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import type { Db } from '../../cloud/db/port.ts';

export type DbKind = 'pglite' | 'postgres';

export const postgresUrl = (): string | null => inject('postgresUrl');

/** Which kinds of database this run can test against: PGlite always, real Postgres where the server started. */
export const dbKinds = (): DbKind[] => (postgresUrl() ? ['pglite', 'postgres'] : ['pglite']);

/** A new empty database on the test server; returns its connection string. */
export async function createPostgresDatabase(): Promise<string> {
  const serverUrl = postgresUrl();
  if (!serverUrl) throw new Error('no Postgres server in this run');
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return serverUrl.replace(/\/postgres$/, `/${name}`);
}

export async function freshDb(kind: DbKind, options: { maxConnections?: number } = {}): Promise<Db> {
  const db =
    kind === 'pglite'
      ? await createPgliteDb()
      : createPostgresDb({
          connectionString: await createPostgresDatabase(),
          maxConnections: options.maxConnections ?? 10,
        });
  await migrate(db);
  return db;
}
