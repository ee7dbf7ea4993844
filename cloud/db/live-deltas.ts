// live deltas (issue 20): what the fan-out needs to know to decide which events' changes become delta documents.
import type { Queryable } from './port.ts';

export interface DeltaAudienceRow {
  event_id: string;
  seat_count: number;
  /** The event's waiting room is on (EventDetail.waitingRoom, which the shop decides by). */
  queued: boolean;
}

/** Of these events, the published ones: their seat count (the seat map's) and whether their waiting room is on. */
export async function readDeltaAudience(db: Queryable, eventIds: string[]): Promise<DeltaAudienceRow[]> {
  const result = await db.query<DeltaAudienceRow>(
    `SELECT e.id AS event_id, m.seat_count, COALESCE(q.enabled, false) AS queued
       FROM events e
       JOIN seatmaps m ON m.id = e.seatmap_id
       LEFT JOIN event_queues q ON q.event_id = e.id
      WHERE e.id = ANY($1::uuid[]) AND e.status <> 'draft'`,
    [eventIds],
  );
  return result.rows;
}
