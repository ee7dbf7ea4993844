// SQL for seats and standing places an organizer takes off sale (migration 0019): seats blocked with a kind and a
// note (event_seats in status 'unavailable'), given back to sale; standing places held back (event_ga.held_back and
// one event_ga_holdbacks row each). Every move is one conditional statement, all or nothing, and locks its seats in
// seat-map order like hold_seats(), so a block and a hold racing for a seat never deadlock and exactly one wins.
import type { Queryable } from '../port.ts';
import type { SeatChangeRow } from './seats.ts';

export type BlockKind = 'block' | 'kill' | 'house' | 'production';

export interface SeatBlock {
  kind: BlockKind;
  note: string;
  by: string;
  now: Date;
}

/**
 * Blocks these seats if every one is available (or held by an expired hold), or already blocked (its kind and note
 * are then changed): all or none. Returns the changed seats, or the seats refused (held or sold).
 */
export async function blockSeats(
  db: Queryable,
  eventId: string,
  seatNos: number[],
  block: SeatBlock,
): Promise<{ blocked: SeatChangeRow[] } | { refusedSeatIds: string[] }> {
  const result = await db.query<{ seat_id: string; version: number }>(
    `WITH locked AS (
       SELECT seat_no FROM event_seats WHERE event_id = $1 AND seat_no = ANY($2::int[]) ORDER BY seat_no FOR UPDATE
     )
     UPDATE event_seats s
     SET status = 'unavailable', hold_id = NULL, hold_expires_at = NULL, block_kind = $3, block_note = $4,
         blocked_at = $5, blocked_by = $6, version = s.version + 1
     FROM locked
     WHERE s.event_id = $1 AND s.seat_no = locked.seat_no
       AND (s.status IN ('available', 'unavailable') OR (s.status = 'held' AND s.hold_expires_at <= $5))
     RETURNING s.seat_id, s.version`,
    [eventId, seatNos, block.kind, block.note, block.now.toISOString(), block.by],
  );
  if (result.rows.length === seatNos.length) {
    return {
      blocked: result.rows.map((row) => ({
        event_id: eventId,
        seat_id: row.seat_id,
        status: 'unavailable',
        version: row.version,
      })),
    };
  }
  const refused = await db.query<{ seat_id: string }>(
    `SELECT seat_id FROM event_seats
     WHERE event_id = $1 AND seat_no = ANY($2::int[])
       AND NOT (status IN ('available', 'unavailable') OR (status = 'held' AND hold_expires_at <= $3))
     ORDER BY seat_no`,
    [eventId, seatNos, block.now.toISOString()],
  );
  return { refusedSeatIds: refused.rows.map((row) => row.seat_id) };
}

/** Gives blocked seats back to sale; seats of these that are not blocked are left as they are. */
export async function releaseSeatBlocks(db: Queryable, eventId: string, seatNos: number[]): Promise<SeatChangeRow[]> {
  const result = await db.query<{ seat_id: string; version: number }>(
    `WITH locked AS (
       SELECT seat_no FROM event_seats WHERE event_id = $1 AND seat_no = ANY($2::int[]) ORDER BY seat_no FOR UPDATE
     )
     UPDATE event_seats s
     SET status = 'available', block_kind = NULL, block_note = '', blocked_at = NULL, blocked_by = NULL,
         version = s.version + 1
     FROM locked
     WHERE s.event_id = $1 AND s.seat_no = locked.seat_no AND s.status = 'unavailable'
     RETURNING s.seat_id, s.version`,
    [eventId, seatNos],
  );
  return result.rows.map((row) => ({
    event_id: eventId,
    seat_id: row.seat_id,
    status: 'available',
    version: row.version,
  }));
}

export interface SeatBlockRow {
  seat_no: number;
  seat_id: string;
  block_kind: BlockKind;
  block_note: string;
  blocked_at: Date;
  blocked_by: string;
}

/** The event's blocked seats with why, in seat-map order. */
export async function listSeatBlocks(db: Queryable, eventId: string): Promise<SeatBlockRow[]> {
  const result = await db.query<SeatBlockRow>(
    `SELECT seat_no, seat_id, block_kind, block_note, blocked_at, blocked_by FROM event_seats
     WHERE event_id = $1 AND status = 'unavailable' ORDER BY seat_no`,
    [eventId],
  );
  return result.rows;
}

export interface GaHoldbackRow {
  id: string;
  event_id: string;
  section_id: string;
  quantity: number;
  kind: BlockKind;
  note: string;
  created_at: Date;
  created_by: string;
}

/**
 * Holds back standing places if that many are free now (places of live holds and sold places are not): the counter
 * and the hold-back row together. Null when too few are free.
 */
export async function holdBackGaPlaces(
  db: Queryable,
  holdback: Omit<GaHoldbackRow, 'created_at' | 'created_by'> & { by: string; now: Date },
): Promise<{ remaining: number } | null> {
  const moved = await db.query<{ remaining: number }>(
    `UPDATE event_ga g SET held_back = g.held_back + $3::int, version = g.version + 1
     WHERE g.event_id = $1 AND g.section_id = $2 AND g.capacity - g.held - g.sold - g.held_back >= $3::int
     RETURNING (g.capacity - g.held - g.sold - g.held_back)::int AS remaining`,
    [holdback.event_id, holdback.section_id, holdback.quantity],
  );
  if (moved.rows.length === 0) return null;
  await db.query(
    `INSERT INTO event_ga_holdbacks (id, event_id, section_id, quantity, kind, note, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      holdback.id,
      holdback.event_id,
      holdback.section_id,
      holdback.quantity,
      holdback.kind,
      holdback.note,
      holdback.now.toISOString(),
      holdback.by,
    ],
  );
  return moved.rows[0]!;
}

/** Gives a hold-back's places back to sale and removes it; null when the event has no such hold-back. */
export async function releaseGaHoldback(
  db: Queryable,
  eventId: string,
  holdbackId: string,
): Promise<{ holdback: GaHoldbackRow; remaining: number } | null> {
  const removed = await db.query<GaHoldbackRow>(
    `DELETE FROM event_ga_holdbacks WHERE id = $1 AND event_id = $2
     RETURNING id, event_id, section_id, quantity, kind, note, created_at, created_by`,
    [holdbackId, eventId],
  );
  const holdback = removed.rows[0];
  if (!holdback) return null;
  const moved = await db.query<{ remaining: number }>(
    `UPDATE event_ga g SET held_back = g.held_back - $3::int, version = g.version + 1
     WHERE g.event_id = $1 AND g.section_id = $2
     RETURNING (g.capacity - g.held - g.sold - g.held_back)::int AS remaining`,
    [eventId, holdback.section_id, holdback.quantity],
  );
  return { holdback, remaining: moved.rows[0]!.remaining };
}

/** The event's standing hold-backs, oldest first. */
export async function listGaHoldbacks(db: Queryable, eventId: string): Promise<GaHoldbackRow[]> {
  const result = await db.query<GaHoldbackRow>(
    `SELECT id, event_id, section_id, quantity, kind, note, created_at, created_by FROM event_ga_holdbacks
     WHERE event_id = $1 ORDER BY created_at, id`,
    [eventId],
  );
  return result.rows;
}
