// The device's local cache: one SQLite file (better-sqlite3) in WAL mode with full syncs, so a write that returned is
// on disk and a process killed mid-write leaves the last committed state. Schema versions are applied in order,
// each in its own transaction, and recorded in user_version.
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type CacheDb = Database.Database;

export function openCache(file: string): CacheDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: CacheDb): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length;
}
