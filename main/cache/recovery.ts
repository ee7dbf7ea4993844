// What the machine does with a damaged SQLite file at start: checks it (PRAGMA integrity_check; garbage, a truncated
// file or a broken page fail it or fail to open as corrupt or not a database; a file busy, locked or unreadable is an
// error thrown, never damage), sets it aside under a timestamped name with its -wal/-shm/-journal
// files (never deleted: it is kept for recovery by hand), and salvages the ledger's rows from it one by one, so rows
// on pages still readable survive a page that is not.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { LEDGER_TABLES } from './ledger-migrations.ts';

const COMPANIONS = ['-wal', '-shm', '-journal'];

/** How long a check waits for a file another connection (or a second instance) is writing before it gives up. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * SQLite's answers that mean the file itself is damaged (the extended codes too: SQLITE_CORRUPT_INDEX…). Any other
 * error opening it (busy, locked, cannot open, no permission, I/O) says nothing about its content: it is thrown, and
 * the file is left where it is.
 */
const isDamage = (error: unknown) =>
  typeof (error as { code?: unknown } | null)?.code === 'string' &&
  /^SQLITE_(CORRUPT|NOTADB)(_|$)/.test((error as { code: string }).code);

/** Why the file cannot be trusted, or null when it is sound (or does not exist yet); throws when it cannot tell. */
export function fileProblem(file: string, busyTimeoutMs = BUSY_TIMEOUT_MS): string | null {
  if (!existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length === 1 && rows[0]!.integrity_check === 'ok') return null;
    return rows
      .slice(0, 3)
      .map((row) => row.integrity_check)
      .join('; ');
  } catch (error) {
    if (!isDamage(error)) throw error;
    return error instanceof Error ? error.message : String(error);
  } finally {
    try {
      db?.close();
    } catch {
      // A file too broken to close cleanly is set aside all the same.
    }
  }
}

/** Renames the file (and its companions) to `<file>.corrupt-<time>`; answers the new name. */
export function setAside(file: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let keptAs = `${file}.corrupt-${stamp}`;
  for (let n = 2; existsSync(keptAs); n++) keptAs = `${file}.corrupt-${stamp}-${n}`;
  renameSync(file, keptAs);
  for (const suffix of COMPANIONS) {
    if (existsSync(file + suffix)) renameSync(file + suffix, keptAs + suffix);
  }
  return keptAs;
}

export interface Salvage {
  /** Rows copied into the ledger. */
  rows: number;
  /** Outbox entries the damaged file had (by its sequence) that could not be read: sales the cloud may never get. */
  outboxUnreadable: number;
}

/**
 * Copies what can be read of the ledger's tables from a damaged file into `into` (a sound ledger), row by row by
 * rowid, skipping rows whose page cannot be read. Works on a scratch copy, so the kept file stays as it was found.
 */
export function salvageLedgerRows(damagedFile: string, into: Database.Database): Salvage {
  const scratch = `${damagedFile}.salvage`;
  const result: Salvage = { rows: 0, outboxUnreadable: 0 };
  try {
    copyFileSync(damagedFile, scratch);
    for (const suffix of COMPANIONS.slice(0, 1)) {
      if (existsSync(damagedFile + suffix)) copyFileSync(damagedFile + suffix, scratch + suffix);
    }
    const from = new Database(scratch, { fileMustExist: true });
    try {
      for (const table of LEDGER_TABLES) salvageTable(from, into, table, result);
    } finally {
      from.close();
    }
  } catch {
    // Not a database at all (garbage bytes): nothing to read; the kept file says the rest.
  } finally {
    for (const suffix of ['', ...COMPANIONS]) rmSync(scratch + suffix, { force: true });
  }
  return result;
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function salvageTable(from: Database.Database, into: Database.Database, table: string, result: Salvage): void {
  const exists = attempt(() =>
    from.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table),
  );
  if (!exists) return;
  const columns = (into.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  const known = new Set(attempt(() => (from.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)));
  const shared = columns.filter((c) => known.has(c));
  const insert = into.prepare(
    `INSERT OR IGNORE INTO ${table} (${shared.join(', ')}) VALUES (${shared.map(() => '?').join(', ')})`,
  );
  const read = from.prepare(`SELECT ${shared.join(', ')} FROM ${table} WHERE rowid = ?`).raw();
  // The highest rowid: from the b-tree, or the outbox's sequence when the b-tree's last page is the broken one.
  const last =
    attempt(() => (from.prepare(`SELECT max(rowid) AS n FROM ${table}`).get() as { n: number | null }).n) ??
    attempt(
      () => (from.prepare(`SELECT seq AS n FROM sqlite_sequence WHERE name = ?`).get(table) as { n: number }).n,
    ) ??
    null;
  let misses = 0;
  const limit = last ?? Number.MAX_SAFE_INTEGER;
  into.transaction(() => {
    for (let rowid = 1; rowid <= limit && (last !== null || misses < 1000); rowid++) {
      const row = attempt(() => read.get(rowid) as unknown[] | undefined);
      if (row) {
        insert.run(...row);
        result.rows++;
        misses = 0;
      } else {
        misses++;
        if (table === 'outbox' && last !== null) result.outboxUnreadable++;
      }
    }
  })();
}
