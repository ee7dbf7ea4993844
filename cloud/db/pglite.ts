// Db adapter for embedded Postgres (PGlite): files under var/ for `npm start`, in memory for fast tests.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, QueryResult } from './port.ts';

export async function createPgliteDb(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  await db.exec(`SET timezone = 'UTC'`);
  const toResult = <Row>(result: { rows: unknown[]; affectedRows?: number }): QueryResult<Row> => ({
    rows: result.rows as Row[],
    rowCount: result.affectedRows || result.rows.length,
  });
  return {
    kind: 'pglite',
    async query<Row>(sql: string, params?: readonly unknown[]) {
      return toResult<Row>(await db.query(sql, params as unknown[] | undefined));
    },
    async transaction(fn) {
      // PGlite has one connection; its transaction holds it exclusively, so other queries wait their turn.
      return db.transaction(async (tx) =>
        fn({
          query: async <Row>(sql: string, params?: readonly unknown[]) =>
            toResult<Row>(await tx.query(sql, params as unknown[] | undefined)),
          exec: async (sql: string) => void (await tx.exec(sql)),
        }),
      );
    },
    async close() {
      await db.close();
    },
  };
}
