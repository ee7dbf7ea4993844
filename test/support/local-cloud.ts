// The local cloud of `npm start`, in-process, over a fresh migrated PGlite (a copy of the run's template database:
// see databases.ts) that closes with it. startLocalCloud without a db would run initdb and every migration itself.
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../cloud/local/server.ts';
import type { Db } from '../../cloud/db/port.ts';
import { freshDb } from './databases.ts';

export async function startTestCloud(
  options: Omit<LocalCloudOptions, 'db' | 'databaseUrl' | 'varDir'> = {},
): Promise<LocalCloud & { db: Db }> {
  const db = await freshDb('pglite');
  const cloud = await startLocalCloud({ ...options, db });
  let closed: Promise<void> | null = null;
  return {
    ...cloud,
    // Its database, for a test that holds it busy (PGlite has one connection) or reads it directly.
    db,
    // Once, however often a test calls it (one that takes the cloud away, then afterAll).
    close: () =>
      (closed ??= (async () => {
        await cloud.close();
        await db.close();
      })()),
  };
}
