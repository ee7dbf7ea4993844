// SQL for an event's sales windows per channel (event_sales_windows): read on every hold of an event that has any,
// replaced as a whole by the back office.
import type { Queryable } from './port.ts';

export type SalesChannelName = 'web' | 'kiosk' | 'boxoffice';

export interface SalesWindowRow {
  channel: SalesChannelName;
  opens_at: Date;
  closes_at: Date;
}

export async function loadSalesWindows(db: Queryable, eventId: string): Promise<SalesWindowRow[]> {
  const result = await db.query<SalesWindowRow>(
    `SELECT channel, opens_at, closes_at FROM event_sales_windows WHERE event_id = $1
     ORDER BY array_position(ARRAY['web', 'kiosk', 'boxoffice'], channel)`,
    [eventId],
  );
  return result.rows;
}

/** The channel's window of the event, or null when the channel sells in the event's on-sale period. */
export async function findSalesWindow(
  db: Queryable,
  eventId: string,
  channel: SalesChannelName,
): Promise<SalesWindowRow | null> {
  const result = await db.query<SalesWindowRow>(
    'SELECT channel, opens_at, closes_at FROM event_sales_windows WHERE event_id = $1 AND channel = $2',
    [eventId, channel],
  );
  return result.rows[0] ?? null;
}

/** Replaces the event's windows in the caller's transaction (no window: every channel sells in the event's period). */
export async function replaceSalesWindows(tx: Queryable, eventId: string, windows: SalesWindowRow[]): Promise<void> {
  await tx.query('DELETE FROM event_sales_windows WHERE event_id = $1', [eventId]);
  if (windows.length === 0) return;
  await tx.query(
    `INSERT INTO event_sales_windows (event_id, channel, opens_at, closes_at)
     SELECT $1, w.channel, w.opens_at, w.closes_at FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[])
       AS w(channel, opens_at, closes_at)`,
    [
      eventId,
      windows.map((w) => w.channel),
      windows.map((w) => w.opens_at.toISOString()),
      windows.map((w) => w.closes_at.toISOString()),
    ],
  );
}
