// SQL of the waiting room's used proof-of-work solutions (migration 0034): a join records its solution's hash with
// the arrival number it drew, in one statement, so the same solution posted to any process gets the same number.
import type { Queryable } from './port.ts';
import { sequenceOf } from './queue.ts';

/**
 * The arrival number of this solution: a new one the first time, the same one on every replay. A replay draws no
 * number (NOT EXISTS); only two first uses racing each other draw two, and the loser's stays unused (a gap).
 */
export async function arrivalForSolution(
  db: Queryable,
  eventId: string,
  solutionHash: Buffer,
  staleAt: Date,
): Promise<number> {
  const result = await db.query<{ arrival: string }>(
    `WITH known AS (SELECT arrival FROM queue_solutions WHERE event_id = $1 AND solution_hash = $2),
     fresh AS (
       INSERT INTO queue_solutions (event_id, solution_hash, arrival, stale_at)
       SELECT $1, $2, nextval($3::regclass), $4 WHERE NOT EXISTS (SELECT 1 FROM known)
       ON CONFLICT (event_id, solution_hash) DO UPDATE SET arrival = queue_solutions.arrival
       RETURNING arrival)
     SELECT arrival FROM known UNION ALL SELECT arrival FROM fresh`,
    [eventId, solutionHash, sequenceOf(eventId), staleAt.toISOString()],
  );
  return Number(result.rows[0]!.arrival);
}

/** Forgets the solutions whose challenge went stale (housekeeping). */
export async function deleteStaleSolutions(db: Queryable, now: Date): Promise<void> {
  await db.query('DELETE FROM queue_solutions WHERE stale_at <= $1', [now.toISOString()]);
}
