// SQL for the back office's view of a venue's seat maps: every version with its size and the events built on it.
import type { Queryable } from './port.ts';
import type { EventStatus } from '../contract/index.ts';

export interface SeatMapVersionRow {
  id: string;
  venue_id: string;
  name: string;
  version: number;
  seat_count: number;
  ga_capacity: number;
  created_at: Date;
  events: { id: string; name: string; startsAt: string; status: EventStatus }[];
}

/** The venue's seat maps, newest version of each name first, each with the events that use it. */
export async function listSeatMapVersions(db: Queryable, venueId: string): Promise<SeatMapVersionRow[]> {
  const result = await db.query<SeatMapVersionRow>(
    `SELECT m.id, m.venue_id, m.name, m.version, m.seat_count, m.ga_capacity, m.created_at,
       COALESCE((SELECT json_agg(json_build_object('id', e.id, 'name', e.name,
           'startsAt', to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'status', e.status)
           ORDER BY e.starts_at, e.id)
         FROM events e WHERE e.seatmap_id = m.id), '[]'::json) AS events
     FROM seatmaps m WHERE m.venue_id = $1 ORDER BY m.name, m.version DESC`,
    [venueId],
  );
  return result.rows;
}
