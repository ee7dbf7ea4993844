// Writes held back to ride along in another statement: a Queryable that runs nothing but keeps what is sent to it,
// and the CTE steps that run those writes inside a statement of their own. A sale stores its answer for the request's
// Idempotency-Key this way (services/idempotency.ts writes it through the Queryable it is given), as a step of the
// sale's one write instead of a round trip after it, without the sale knowing that record's SQL.
import type { Queryable, QueryResult } from './port.ts';

/** A write held back: its SQL and parameters, as they were sent. */
export interface HeldWrite {
  sql: string;
  params: readonly unknown[];
}

/**
 * A Queryable that keeps the statements sent to it for a later statement to run (heldWriteSteps). It answers each at
 * once with no rows, so it is only for writes whose answer the sender does not read.
 */
export function writeHolder(): Queryable & { readonly held: HeldWrite[] } {
  const held: HeldWrite[] = [];
  return {
    held,
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      held.push({ sql, params });
      return { rows: [], rowCount: 0 };
    },
  };
}

// One INSERT, UPDATE or DELETE without a WITH of its own: what Postgres runs as a step of another statement.
const STEP = /^\s*(INSERT|UPDATE|DELETE)\b[^;]*$/i;

/**
 * The held writes as CTE steps (`, held_1 AS (…)`, to follow a statement's last step) whose parameters come after the
 * statement's own `ownParams`, and those parameters. A write that cannot be a step is refused rather than lost.
 */
export function heldWriteSteps(held: HeldWrite[], ownParams: number): { sql: string; params: unknown[] } {
  let sql = '';
  const params: unknown[] = [];
  held.forEach((write, index) => {
    if (!STEP.test(write.sql)) throw new Error(`not a write that can run as a step: ${write.sql.slice(0, 40)}`);
    const offset = ownParams + params.length;
    sql += `, held_${index + 1} AS (${write.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
    params.push(...write.params);
  });
  return { sql, params };
}
