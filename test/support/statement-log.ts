// A Db that logs every statement sent through it, whitespace collapsed, a transaction's BEGIN and COMMIT (or ROLLBACK)
// included: what a request costs the database in round trips, counted at the Db port (so the same on PGlite and on
// Postgres, and deterministic where timings are not). It can also make another writer's change just before a given
// statement, or cut a try off there.
import type { Db, Queryable } from '../../cloud/db/port.ts';

export interface StatementLog {
  db: Db;
  /** The statements sent, in order; BEGIN, COMMIT and ROLLBACK stand for the transaction's own. */
  statements: string[];
  /** Runs once before the next statement matching `pattern` is sent (another writer's change), then is forgotten. */
  beforeNext: { pattern: RegExp; run: () => Promise<unknown> } | null;
  /** The next statement matching this fails once, before it is sent (a try cut off there), then is forgotten. */
  failNext: RegExp | null;
}

export function statementLog(db: Db): StatementLog {
  const log: StatementLog = { db, statements: [], beforeNext: null, failNext: null };
  const logged = <Q extends Queryable>(q: Q): Q =>
    ({
      ...q,
      query: async (sql: string, params?: readonly unknown[]) => {
        const statement = sql.replace(/\s+/g, ' ').trim();
        const before = log.beforeNext;
        if (before?.pattern.test(statement)) {
          log.beforeNext = null;
          await before.run();
        }
        log.statements.push(statement);
        if (log.failNext?.test(statement)) {
          log.failNext = null;
          throw new Error('the connection was lost');
        }
        return q.query(sql, params);
      },
    }) as Q;
  log.db = {
    ...logged(db),
    kind: db.kind,
    close: () => db.close(),
    async transaction(fn) {
      log.statements.push('BEGIN');
      try {
        const result = await db.transaction((tx) => fn(logged(tx)));
        log.statements.push('COMMIT');
        return result;
      } catch (error) {
        log.statements.push('ROLLBACK');
        throw error;
      }
    },
  };
  return log;
}
