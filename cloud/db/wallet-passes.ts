// SQL for wallet passes (migration 0029): which tickets have a pass handed out and its version, and the devices
// Apple's web service registered for updates of them.
import type { Queryable } from './port.ts';

export interface PassTicketRow {
  ticket_id: string;
  order_id: string;
  event_id: string;
  status: string;
  /** Null until a pass of the ticket was handed out. */
  updated_at: Date | null;
  google_saved: boolean;
}

// Versions are whole seconds, strictly increasing: HTTP's Last-Modified and If-Modified-Since carry seconds only.
const wholeSecond = (instant: Date) => new Date(Math.floor(instant.getTime() / 1000) * 1000);

/** A pass handed out: its row made (version `now`) unless it exists; a save link marks it saved at Google. */
export async function recordPassIssued(
  db: Queryable,
  pass: { ticketId: string; eventId: string; now: Date; google: boolean },
): Promise<Date> {
  const { rows } = await db.query<{ updated_at: Date }>(
    `INSERT INTO wallet_passes (ticket_id, event_id, updated_at, google_saved) VALUES ($1, $2, $3, $4)
     ON CONFLICT (ticket_id) DO UPDATE SET google_saved = wallet_passes.google_saved OR EXCLUDED.google_saved
     RETURNING updated_at`,
    [pass.ticketId, pass.eventId, wholeSecond(pass.now), pass.google],
  );
  return rows[0]!.updated_at;
}

export async function findPassTicket(db: Queryable, ticketId: string): Promise<PassTicketRow | null> {
  const { rows } = await db.query<PassTicketRow>(
    `SELECT t.id AS ticket_id, t.order_id, t.event_id, t.status, p.updated_at, coalesce(p.google_saved, false) AS google_saved
     FROM tickets t LEFT JOIN wallet_passes p ON p.ticket_id = t.id WHERE t.id = $1`,
    [ticketId],
  );
  return rows[0] ?? null;
}

/**
 * A new version of these tickets' passes: a later whole second than the one before, even within the same second, so
 * a device that fetched the old one always hears of the new one. Only tickets with a pass handed out are returned.
 */
export async function markPassesUpdated(
  db: Queryable,
  ticketIds: readonly string[],
  now: Date,
): Promise<{ ticket_id: string; google_saved: boolean }[]> {
  if (ticketIds.length === 0) return [];
  const { rows } = await db.query<{ ticket_id: string; google_saved: boolean }>(
    `UPDATE wallet_passes SET updated_at = greatest($2::timestamptz, updated_at + interval '1 second')
     WHERE ticket_id = ANY($1::uuid[]) RETURNING ticket_id, google_saved`,
    [ticketIds, wholeSecond(now)],
  );
  return rows;
}

/** The valid tickets of an event that have a pass handed out (an event's change reaches only those). */
export async function listPassTicketsOfEvent(db: Queryable, eventId: string): Promise<string[]> {
  const { rows } = await db.query<{ ticket_id: string }>(
    `SELECT p.ticket_id FROM wallet_passes p JOIN tickets t ON t.id = p.ticket_id
     WHERE p.event_id = $1 AND t.status = 'valid' ORDER BY p.ticket_id`,
    [eventId],
  );
  return rows.map((row) => row.ticket_id);
}

/** The valid tickets with a pass of a venue's events not yet over (a day's grace): a venue's edit reaches those. */
export async function listPassTicketsOfVenue(db: Queryable, venueId: string, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ ticket_id: string }>(
    `SELECT p.ticket_id FROM wallet_passes p JOIN tickets t ON t.id = p.ticket_id JOIN events e ON e.id = p.event_id
     WHERE e.venue_id = $1 AND t.status = 'valid' AND e.starts_at > $2 ORDER BY p.ticket_id`,
    [venueId, new Date(now.getTime() - 86_400_000)],
  );
  return rows.map((row) => row.ticket_id);
}

/** A device registered for a pass's updates; false when it was registered already (its push token renewed). */
export async function registerPassDevice(
  db: Queryable,
  registration: { deviceLibraryId: string; ticketId: string; pushToken: string; now: Date },
): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO wallet_pass_registrations (device_library_id, ticket_id, push_token, registered_at)
     VALUES ($1, $2, $3, $4) ON CONFLICT (device_library_id, ticket_id) DO NOTHING RETURNING 1`,
    [registration.deviceLibraryId, registration.ticketId, registration.pushToken, registration.now],
  );
  if (inserted.rowCount > 0) return true;
  await db.query(
    `UPDATE wallet_pass_registrations SET push_token = $3 WHERE device_library_id = $1 AND ticket_id = $2`,
    [registration.deviceLibraryId, registration.ticketId, registration.pushToken],
  );
  return false;
}

export async function unregisterPassDevice(db: Queryable, deviceLibraryId: string, ticketId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'DELETE FROM wallet_pass_registrations WHERE device_library_id = $1 AND ticket_id = $2',
    [deviceLibraryId, ticketId],
  );
  return rowCount > 0;
}

/** The passes a device registered that changed after `since` (all when null), and the newest version among them. */
export async function listUpdatedPasses(
  db: Queryable,
  deviceLibraryId: string,
  since: Date | null,
): Promise<{ ticket_id: string; updated_at: Date }[]> {
  const { rows } = await db.query<{ ticket_id: string; updated_at: Date }>(
    `SELECT p.ticket_id, p.updated_at FROM wallet_pass_registrations r JOIN wallet_passes p ON p.ticket_id = r.ticket_id
     WHERE r.device_library_id = $1 AND ($2::timestamptz IS NULL OR p.updated_at > $2::timestamptz)
     ORDER BY p.ticket_id`,
    [deviceLibraryId, since],
  );
  return rows;
}

/** The registrations of devices APNs called gone (410): Apple asks that nothing more is sent to them. */
export async function deletePassRegistrationsOfPushTokens(
  db: Queryable,
  pushTokens: readonly string[],
): Promise<number> {
  if (pushTokens.length === 0) return 0;
  const { rowCount } = await db.query('DELETE FROM wallet_pass_registrations WHERE push_token = ANY($1::text[])', [
    pushTokens,
  ]);
  return rowCount;
}

/** Where to push: every registered device of these tickets, once a token. */
export async function listPushTokens(db: Queryable, ticketIds: readonly string[]): Promise<string[]> {
  if (ticketIds.length === 0) return [];
  const { rows } = await db.query<{ push_token: string }>(
    `SELECT DISTINCT push_token FROM wallet_pass_registrations WHERE ticket_id = ANY($1::uuid[]) ORDER BY push_token`,
    [ticketIds],
  );
  return rows.map((row) => row.push_token);
}
