// One place in the waiting room, one basket (migration 0037): a web hold let in by an admission is marked with its
// place only while the place's live and sold holds stay within the event's per-order limit, checked and marked in
// one statement that holds of the same place take in turn.
import type { Queryable } from './port.ts';

export interface BasketMark {
  /** Whether the hold was marked (queue_admitted, at its place); false: it would take the place past its limit. */
  marked: boolean;
  /** The seats the place's other holds take: held by live holds, or sold. */
  taken: number;
}

/** Marks the just-made hold as let in at `place`, unless that would take the place past `limit` seats. */
export async function admitQueueHold(
  db: Queryable,
  hold: { id: string; eventId: string },
  place: number,
  limit: number,
  now: Date,
): Promise<BasketMark> {
  const result = await db.query<{ marked: boolean | null; taken: number }>(
    'SELECT marked, taken FROM admit_queue_hold($1, $2, $3, $4, $5)',
    [hold.id, hold.eventId, place, limit, now.toISOString()],
  );
  const row = result.rows[0];
  return { marked: row?.marked === true, taken: Number(row?.taken ?? 0) };
}
