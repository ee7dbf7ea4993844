// The device's local store: two SQLite files (better-sqlite3) in WAL mode with full syncs, so a write that returned is
// on disk and a process killed mid-write leaves the last committed state. The cache (`device.db`) keeps copies of
// what the cloud said (catalog answers, allotments, revocations, orders seen); the ledger (`device-ledger.db`,
// attached as `ledger`) keeps what only this machine knows (the outbox, its allotment sales, door admissions, its
// credential). Every write transaction touches one of them only. At start each file is checked: a damaged cache is
// set aside and starts empty (the sync loop fetches it again); a damaged ledger is set aside and what can be read of
// it is salvaged row by row. A ledger missing beside a cache that has already handed it its records is started
// empty. Each is said in the notices the machine's status shows. Schema versions are applied in
// order, each in its own transaction, and recorded in each file's user_version.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { LEDGER_SPLIT_VERSION, MIGRATIONS } from './migrations.ts';
import { indexAllotmentSales, LEDGER_MIGRATIONS, LEDGER_TABLES } from './ledger-migrations.ts';
import { BUSY_TIMEOUT_MS, fileProblem, salvageLedgerRows, setAside } from './recovery.ts';

export type CacheDb = Database.Database;

/** A damaged (or missing) file found at start, and what became of it: shown to the operator and logged. */
export interface StorageNotice {
  file: 'cache' | 'ledger';
  /** Where the damaged file is kept; null when there was no file to keep (a missing ledger). */
  keptAs: string | null;
  at: string;
  problem: string;
  /** Ledger rows (outbox entries, door admissions, settings) salvaged into the new file. */
  salvagedRows: number;
  /** Outbox entries the damaged file had that could not be read. */
  unreadableSales: number;
}

export interface DeviceStore {
  db: CacheDb;
  notices: StorageNotice[];
  /** The cache was set aside and starts empty: catalog and allotments are to be fetched again. */
  rebuilt: boolean;
}

/** The ledger beside a cache file: `device.db` → `device-ledger.db`. */
export const ledgerFileFor = (cacheFile: string) => cacheFile.replace(/\.db$/, '') + '-ledger.db';

export function openCache(file: string): CacheDb {
  return openDeviceStore(file).db;
}

function tune(db: CacheDb, schema = 'main'): void {
  db.pragma(`${schema}.journal_mode = WAL`);
  db.pragma(`${schema}.synchronous = FULL`);
}

export function openDeviceStore(
  file: string,
  clock: () => Date = () => new Date(),
  { busyTimeoutMs = BUSY_TIMEOUT_MS }: { busyTimeoutMs?: number } = {},
): DeviceStore {
  const notices: StorageNotice[] = [];
  const damaged: string[] = [];
  const check = (path: string, kind: StorageNotice['file']) => {
    const problem = fileProblem(path, busyTimeoutMs);
    if (problem === null) return;
    const at = clock();
    const keptAs = setAside(path, at);
    damaged.push(keptAs);
    notices.push({ file: kind, keptAs, at: at.toISOString(), problem, salvagedRows: 0, unreadableSales: 0 });
  };
  const ledgerFile = ledgerFileFor(file);
  const ledgerFound = existsSync(ledgerFile);
  check(ledgerFile, 'ledger');
  check(file, 'cache');

  const ledger = new Database(ledgerFile);
  try {
    tune(ledger);
    migrateFile(ledger, LEDGER_MIGRATIONS);
    // A set-aside cache from before the ledger still holds the outbox: it is salvaged like a damaged ledger.
    damaged.forEach((keptAs, n) => {
      const salvage = salvageLedgerRows(keptAs, ledger);
      notices[n]!.salvagedRows = salvage.rows;
      notices[n]!.unreadableSales = salvage.outboxUnreadable;
    });
    if (damaged.length > 0) ledger.exec(indexAllotmentSales('main'));
  } finally {
    ledger.close();
  }

  const db = new Database(file);
  tune(db);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.prepare('ATTACH DATABASE ? AS ledger').run(ledgerFile);
  tune(db, 'ledger');
  // A cache past the split gave its outbox and credential to a ledger that is gone: the new one is empty, and the
  // operator is told (unsent sales and the pairing are lost with it).
  if (!ledgerFound && (db.pragma('main.user_version', { simple: true }) as number) > LEDGER_SPLIT_VERSION) {
    notices.push({
      file: 'ledger',
      keptAs: null,
      at: clock().toISOString(),
      problem: 'the ledger file was missing; a new, empty one was started (unsent sales and the credential were in it)',
      salvagedRows: 0,
      unreadableSales: 0,
    });
  }
  migrate(db);
  for (const notice of notices) {
    console.warn(
      notice.keptAs === null
        ? `[device store] ${notice.problem}`
        : `[device store] the ${notice.file} file was damaged (${notice.problem}); kept as ${notice.keptAs}, ` +
            `${notice.salvagedRows} ledger rows salvaged, ${notice.unreadableSales} sales unreadable`,
    );
  }
  return { db, notices, rebuilt: notices.some((n) => n.file === 'cache') };
}

function migrateFile(db: CacheDb, migrations: string[], before?: (version: number) => void): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version++) {
    before?.(version);
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length;
}

/** The cache's migrations, on a connection with the ledger attached. */
export function migrate(db: CacheDb): number {
  return migrateFile(db, MIGRATIONS, (version) => {
    // Before the cache drops the machine's own records, they are copied to the ledger in a transaction of the
    // ledger alone (copied again, harmlessly, if the process dies before the drop commits).
    if (version !== LEDGER_SPLIT_VERSION) return;
    db.transaction(() => {
      for (const table of LEDGER_TABLES) db.exec(`INSERT OR IGNORE INTO ledger.${table} SELECT * FROM main.${table}`);
      db.exec(indexAllotmentSales('ledger'));
    })();
  });
}
