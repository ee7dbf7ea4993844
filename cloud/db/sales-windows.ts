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

/** What a sale reads of its event before anything else: the event's settings stamp and the channel's window. */
export interface SaleGateRow {
  settings_version: number;
  window: SalesWindowRow | null;
}

/**
 * The event's settings stamp (events.settings_version) and the channel's window, in one round trip; null when there
 * is no such event. Every hold and checkout makes this query, so a process's cached copy of the event is checked
 * against the stamp at no extra cost.
 */
export async function readSaleGate(
  db: Queryable,
  eventId: string,
  channel: SalesChannelName,
): Promise<SaleGateRow | null> {
  const result = await db.query<{ settings_version: string; opens_at: Date | null; closes_at: Date | null }>(
    `SELECT e.settings_version, w.opens_at, w.closes_at FROM events e
     LEFT JOIN event_sales_windows w ON w.event_id = e.id AND w.channel = $2
     WHERE e.id = $1`,
    [eventId, channel],
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    settings_version: Number(row.settings_version),
    window: row.opens_at && row.closes_at ? { channel, opens_at: row.opens_at, closes_at: row.closes_at } : null,
  };
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
