// SQL for rotating codes (migration 0030): the phone a ticket is bound to, with the credential issued for it, and the
// cloud door's replay memory (rotating codes seen, by ticket and the code's time).
import type { Queryable } from './port.ts';

export interface TicketDeviceKeyRow {
  ticket_id: string;
  public_key: Buffer;
  credential: string;
  bound_at: Date;
}

/** The ticket's binding, or null while it is unbound. */
export async function findTicketDeviceKey(db: Queryable, ticketId: string): Promise<TicketDeviceKeyRow | null> {
  const result = await db.query<TicketDeviceKeyRow>(
    'SELECT ticket_id, public_key, credential, bound_at FROM ticket_device_keys WHERE ticket_id = $1',
    [ticketId],
  );
  const row = result.rows[0];
  return row ? { ...row, public_key: Buffer.from(row.public_key) } : null;
}

/**
 * Binds the ticket to a key unless it is bound already; the binding that stands afterwards (this one, or the one
 * another request made first) is returned, so two phones racing for a ticket see the same winner.
 */
export async function bindTicketDeviceKey(db: Queryable, row: TicketDeviceKeyRow): Promise<TicketDeviceKeyRow> {
  await db.query(
    `INSERT INTO ticket_device_keys (ticket_id, public_key, credential, bound_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (ticket_id) DO NOTHING`,
    [row.ticket_id, row.public_key, row.credential, row.bound_at.toISOString()],
  );
  return (await findTicketDeviceKey(db, row.ticket_id))!;
}

/** Unbinds the ticket (staff re-key it for a new phone); true if it was bound. */
export async function unbindTicketDeviceKey(db: Queryable, ticketId: string): Promise<boolean> {
  const result = await db.query('DELETE FROM ticket_device_keys WHERE ticket_id = $1', [ticketId]);
  return (result.rowCount ?? 0) > 0;
}

/**
 * Records a rotating code's (ticket, time) as seen by the cloud's door; false if it was seen before (a replay).
 * Sightings older than `forgetBefore` are deleted first: the clock rule refuses their codes anyway.
 */
export async function recordRotatingCodeSighting(
  db: Queryable,
  sighting: { ticketId: string; codeTime: number; seenAt: Date; forgetBefore: Date },
): Promise<boolean> {
  await db.query('DELETE FROM rotating_code_sightings WHERE seen_at < $1', [sighting.forgetBefore.toISOString()]);
  const result = await db.query(
    `INSERT INTO rotating_code_sightings (ticket_id, code_time, seen_at) VALUES ($1, $2, $3)
     ON CONFLICT (ticket_id, code_time) DO NOTHING RETURNING ticket_id`,
    [sighting.ticketId, sighting.codeTime, sighting.seenAt.toISOString()],
  );
  return result.rows.length > 0;
}
