// Vitest global setup: one migrated PGlite data directory for the run, which freshDb('pglite') copies instead of
// making each database from nothing. A PGlite in memory runs initdb at every start (about 4 s of CPU, ten times what
// the 26 migrations cost): a copy of a migrated data directory opens in about one. The template is kept between runs
// under a name that hashes the migrations and PGlite's version; the copies of this run sit in a directory of its own,
// removed when the run ends (a test that never closes its database leaves nothing behind).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPgliteDb } from '../../cloud/db/pglite.ts';
import { migrate } from '../../cloud/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory to copy, and where this run's copies go (null: migrate each database). */
    pglite: { template: string; copies: string } | null;
  }
}

const MIGRATIONS = new URL('../../cloud/db/migrations/', import.meta.url).pathname;
const PGLITE_PACKAGE = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
const PREFIX = 'ticketboss-pglite-template-';

/** Memory-backed /dev/shm where it has room (Docker's default 64 MB has not), else the temp dir. */
function baseDir(): string {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize > 2 ** 31) return '/dev/shm';
  } catch {
    /* no /dev/shm here */
  }
  return tmpdir();
}

function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(PGLITE_PACKAGE));
  for (const file of readdirSync(MIGRATIONS).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS, file)));
  return hash.digest('hex').slice(0, 16);
}

/** The migrated template for these migrations, made once (stale ones of other migrations are removed). */
async function ensureTemplate(base: string): Promise<string> {
  const template = join(base, PREFIX + templateKey());
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(join(base, 'ticketboss-pglite-building-'));
  const db = await createPgliteDb(building);
  await migrate(db);
  await db.close();
  try {
    renameSync(building, template);
  } catch {
    // Another run (or the other project's setup) finished the same template first: theirs is as good.
    rmSync(building, { recursive: true, force: true });
  }
  // Templates of other migrations a day old are gone stale (a younger one may be another checkout's, in use now).
  for (const name of readdirSync(base)) {
    const path = join(base, name);
    if (name.startsWith(PREFIX) && path !== template && Date.now() - statSync(path).mtimeMs > 86_400_000)
      rmSync(path, { recursive: true, force: true });
  }
  return template;
}

export default async function setup(project: TestProject) {
  const base = baseDir();
  const template = await ensureTemplate(base);
  const copies = mkdtempSync(join(base, 'ticketboss-pglite-run-'));
  project.provide('pglite', { template, copies });
  return () => rmSync(copies, { recursive: true, force: true });
}
