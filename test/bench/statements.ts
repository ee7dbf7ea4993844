// Counting the statements Postgres runs (bench:onsale's "queries per status poll", bench:checkout's statements per request): pg_stat_statements (the server
// is started with it preloaded) counts every statement when it ends, whoever sent it, so the bench compares a window
// of polls with an idle window of the same length (the API's background work: outbox, jobs, live publisher) and
// charges the polls only with the difference. The bench's own reads of the view are left out.
import type pg from 'pg';

export type StatementCounts = Map<string, { query: string; calls: number }>;

export async function statementCounts(sql: pg.Pool): Promise<StatementCounts> {
  const { rows } = await sql.query<{ queryid: string; query: string; calls: string }>(
    `SELECT queryid::text, query, calls::text FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'`,
  );
  return new Map(rows.map((row) => [row.queryid, { query: row.query, calls: Number(row.calls) }]));
}

/** Calls per statement between two snapshots (only those that ran). */
export function callsBetween(before: StatementCounts, after: StatementCounts): StatementCounts {
  const delta: StatementCounts = new Map();
  for (const [id, { query, calls }] of after) {
    const ran = calls - (before.get(id)?.calls ?? 0);
    if (ran > 0) delta.set(id, { query, calls: ran });
  }
  return delta;
}

export const totalCalls = (counts: StatementCounts): number =>
  [...counts.values()].reduce((sum, { calls }) => sum + calls, 0);

/** The statements that ran more in the measured window than in the idle one, most first. */
export function extraStatements(
  idle: StatementCounts,
  measured: StatementCounts,
): { query: string; extraCalls: number }[] {
  return [...measured]
    .map(([id, { query, calls }]) => ({ query, extraCalls: calls - (idle.get(id)?.calls ?? 0) }))
    .filter((s) => s.extraCalls > 0)
    .sort((a, b) => b.extraCalls - a.extraCalls);
}
