// SQL for the seat inventory and holds. Every hold is one conditional statement, all-or-nothing; an expired hold
// counts as free in that statement, before any sweeper has been by.
import type { Queryable } from './port.ts';

export interface SeatChangeRow {
  event_id: string;
  seat_id: string;
  status: 'available' | 'held' | 'sold' | 'unavailable';
  version: number;
}

export interface NewHold {
  holdId: string;
  eventId: string;
  tokenHash: string;
  ownerSub: string | null;
  totalAmount: number;
  currency: string;
  now: Date;
  expiresAt: Date;
}

/** SQLSTATE raised by hold_seats() when a seat after the first was gone: the call changed nothing. */
const PARTLY_TAKEN = 'TB409';

export type HoldSeatsOutcome =
  | { outcome: 'held'; seats: SeatChangeRow[] }
  | { outcome: 'unavailable'; seatIds: string[] }
  | { outcome: 'not_on_sale' };

/**
 * Holds every listed seat or none, in one round trip (the hold_seats() function of migration 0001), and on refusal
 * says why in the same round trip. Pass the seats in seat-map order: all holds then lock rows in the same order.
 */
export async function holdSeats(db: Queryable, hold: NewHold, seatIds: string[]): Promise<HoldSeatsOutcome> {
  try {
    const result = await db.query<{ out_seat_id: string | null; out_version: number | null; outcome: string }>(
      'SELECT out_seat_id, out_version, outcome FROM hold_seats($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [
        hold.eventId,
        seatIds,
        hold.now.toISOString(),
        hold.holdId,
        hold.expiresAt.toISOString(),
        hold.tokenHash,
        hold.ownerSub,
        hold.totalAmount,
        hold.currency,
      ],
    );
    const first = result.rows[0];
    if (first?.outcome === 'not_on_sale') return { outcome: 'not_on_sale' };
    if (first?.outcome === 'unavailable')
      return { outcome: 'unavailable', seatIds: result.rows.map((row) => row.out_seat_id!) };
    return {
      outcome: 'held',
      seats: result.rows.map((row) => ({
        event_id: hold.eventId,
        seat_id: row.out_seat_id!,
        status: 'held',
        version: row.out_version!,
      })),
    };
  } catch (error) {
    const { code, detail } = error as { code?: string; detail?: string };
    if (code === PARTLY_TAKEN) return { outcome: 'unavailable', seatIds: detail ? detail.split(',') : [] };
    throw error;
  }
}

/** Which of these seats could not be held now: unknown, sold, blocked, or held by a live hold. */
export async function findUnavailableSeatIds(
  db: Queryable,
  eventId: string,
  seatIds: string[],
  now: Date,
): Promise<string[]> {
  const result = await db.query<{ seat_id: string }>(
    `SELECT wanted.seat_id FROM unnest($2::text[]) WITH ORDINALITY AS wanted(seat_id, position)
     LEFT JOIN event_seats s ON s.event_id = $1 AND s.seat_id = wanted.seat_id
     WHERE s.seat_id IS NULL OR NOT (s.status = 'available' OR (s.status = 'held' AND s.hold_expires_at <= $3))
     ORDER BY wanted.position`,
    [eventId, seatIds, now.toISOString()],
  );
  return result.rows.map((row) => row.seat_id);
}

/** One character a seat in seat-map order: 0 available, 1 held, 2 sold, 3 unavailable (expired holds read 0). */
export async function readSeatStatusCodes(db: Queryable, eventId: string, now: Date): Promise<string> {
  const result = await db.query<{ codes: string | null }>(
    `SELECT string_agg(CASE
         WHEN status = 'available' THEN '0'
         WHEN status = 'held' THEN CASE WHEN hold_expires_at <= $2 THEN '0' ELSE '1' END
         WHEN status = 'sold' THEN '2'
         ELSE '3' END, '' ORDER BY seat_no) AS codes
     FROM event_seats WHERE event_id = $1`,
    [eventId, now.toISOString()],
  );
  return result.rows[0]?.codes ?? '';
}

export interface GaRemainingRow {
  section_id: string;
  tier_id: string;
  capacity: number;
  remaining: number;
}

/** Standing places left per GA section, counting only holds that are still live. */
export async function readGaRemaining(db: Queryable, eventId: string, now: Date): Promise<GaRemainingRow[]> {
  const result = await db.query<GaRemainingRow>(
    `SELECT g.section_id, g.tier_id, g.capacity,
            (g.capacity - g.sold - COALESCE((
              SELECT sum(h.ga_quantity) FROM holds h
              WHERE h.event_id = g.event_id AND h.ga_section_id = g.section_id AND h.state = 'active' AND h.expires_at > $2
            ), 0))::int AS remaining
     FROM event_ga g WHERE g.event_id = $1 ORDER BY g.section_id`,
    [eventId, now.toISOString()],
  );
  return result.rows;
}

/** Marks this section's expired GA holds as expired and gives their places back. Returns places freed. */
export async function expireGaHolds(db: Queryable, eventId: string, sectionId: string, now: Date): Promise<number> {
  const result = await db.query<{ freed: number }>(
    `WITH expired AS (
       UPDATE holds SET state = 'expired', ended_at = $3
       WHERE event_id = $1 AND ga_section_id = $2 AND state = 'active' AND expires_at <= $3
       RETURNING ga_quantity
     ), total AS (SELECT COALESCE(sum(ga_quantity), 0)::int AS freed FROM expired)
     UPDATE event_ga g SET held = g.held - total.freed, version = g.version + 1
     FROM total WHERE g.event_id = $1 AND g.section_id = $2 AND total.freed > 0
     RETURNING total.freed`,
    [eventId, sectionId, now.toISOString()],
  );
  return result.rows[0]?.freed ?? 0;
}

/** Takes standing places if enough are left; the guard keeps held + sold within capacity. */
export async function takeGaPlaces(
  db: Queryable,
  eventId: string,
  sectionId: string,
  quantity: number,
  now: Date,
): Promise<{ remaining: number } | null> {
  const result = await db.query<{ remaining: number }>(
    `UPDATE event_ga g SET held = g.held + $3, version = g.version + 1
     WHERE g.event_id = $1 AND g.section_id = $2 AND g.capacity - g.held - g.sold >= $3
       AND EXISTS (SELECT 1 FROM events e WHERE e.id = $1 AND e.status = 'on_sale' AND e.on_sale_from <= $4 AND e.on_sale_until > $4)
     RETURNING (g.capacity - g.held - g.sold)::int AS remaining`,
    [eventId, sectionId, quantity, now.toISOString()],
  );
  return result.rows[0] ?? null;
}

export async function insertGaHold(db: Queryable, hold: NewHold, sectionId: string, quantity: number): Promise<void> {
  await db.query(
    `INSERT INTO holds (id, event_id, token_hash, owner_sub, ga_section_id, ga_quantity, total_amount, currency, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      hold.holdId,
      hold.eventId,
      hold.tokenHash,
      hold.ownerSub,
      sectionId,
      quantity,
      hold.totalAmount,
      hold.currency,
      hold.expiresAt.toISOString(),
      hold.now.toISOString(),
    ],
  );
}

export interface HoldRow {
  id: string;
  kind: 'standard' | 'allotment';
  event_id: string;
  token_hash: string;
  owner_sub: string | null;
  state: 'active' | 'released' | 'expired' | 'converted';
  seat_nos: number[];
  ga_section_id: string | null;
  ga_quantity: number | null;
  total_amount: number;
  currency: string;
  expires_at: Date;
  extended: boolean;
  created_at: Date;
}

const HOLD_COLUMNS = `id, event_id, token_hash, owner_sub, state, seat_nos, ga_section_id, ga_quantity, total_amount,
  currency, expires_at, extended, created_at, kind`;

export async function findHold(db: Queryable, holdId: string): Promise<HoldRow | null> {
  const result = await db.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM holds WHERE id = $1`, [holdId]);
  return result.rows[0] ?? null;
}

export interface EndedHold {
  seats: SeatChangeRow[];
  ga: { section_id: string; remaining: number } | null;
}

/**
 * Ends a hold in one round trip (end_hold() of migration 0001): expired if past its expiry, else released; frees the
 * seats still carrying its id and its GA places. A hold that already ended yields nothing.
 */
export async function endHold(db: Queryable, hold: Pick<HoldRow, 'id' | 'event_id'>, now: Date): Promise<EndedHold> {
  const result = await db.query<{
    out_seat_id: string | null;
    out_version: number | null;
    out_section_id: string | null;
    out_remaining: number | null;
  }>('SELECT out_seat_id, out_version, out_section_id, out_remaining FROM end_hold($1, $2)', [
    hold.id,
    now.toISOString(),
  ]);
  const seats: SeatChangeRow[] = [];
  let ga: EndedHold['ga'] = null;
  for (const row of result.rows) {
    if (row.out_seat_id !== null)
      seats.push({ event_id: hold.event_id, seat_id: row.out_seat_id, status: 'available', version: row.out_version! });
    else if (row.out_section_id !== null) ga = { section_id: row.out_section_id, remaining: row.out_remaining! };
  }
  return { seats, ga };
}

/** Active holds past their expiry, oldest first, skipping any another sweeper has locked. */
export async function lockExpiredHolds(db: Queryable, now: Date, limit: number): Promise<HoldRow[]> {
  const result = await db.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds WHERE state = 'active' AND expires_at <= $1
     ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now.toISOString(), limit],
  );
  return result.rows;
}

/** Moves a live hold's expiry later, never earlier (its row and its seats); false when it was already extended or is no longer live. */
export async function extendHoldExpiry(db: Queryable, holdId: string, expiresAt: Date, now: Date): Promise<boolean> {
  const hold = await db.query(
    `UPDATE holds SET expires_at = GREATEST(expires_at, $2), extended = true
     WHERE id = $1 AND state = 'active' AND NOT extended AND expires_at > $3`,
    [holdId, expiresAt.toISOString(), now.toISOString()],
  );
  if (hold.rowCount === 0) return false;
  await db.query(
    `UPDATE event_seats SET hold_expires_at = GREATEST(hold_expires_at, $2) WHERE hold_id = $1 AND status = 'held'`,
    [holdId, expiresAt.toISOString()],
  );
  return true;
}

export async function seatRowsByNo(
  db: Queryable,
  eventId: string,
  seatNos: number[],
): Promise<
  { seat_no: number; seat_id: string; tier_id: string; status: string; hold_id: string | null; version: number }[]
> {
  const result = await db.query<{
    seat_no: number;
    seat_id: string;
    tier_id: string;
    status: string;
    hold_id: string | null;
    version: number;
  }>(
    `SELECT seat_no, seat_id, tier_id, status, hold_id, version FROM event_seats
     WHERE event_id = $1 AND seat_no = ANY($2::int[]) ORDER BY seat_no`,
    [eventId, seatNos],
  );
  return result.rows;
}

export async function markAllotment(db: Queryable, holdId: string): Promise<void> {
  await db.query(`UPDATE holds SET kind = 'allotment' WHERE id = $1`, [holdId]);
}

/**
 * Moves seats of an allotment into a new hold (split_allotment() of migration 0003). Returns their seat numbers, or
 * 'gone' when the allotment is not active, or 'not_in_allotment' when a seat is not (any more) part of it.
 */
export async function splitAllotment(
  db: Queryable,
  split: { allotmentId: string; seatIds: string[]; holdId: string; tokenHash: string; totalAmount: number; now: Date },
): Promise<number[] | 'gone' | 'not_in_allotment'> {
  try {
    const result = await db.query<{ seat_nos: number[] }>(
      'SELECT split_allotment($1, $2, $3, $4, $5, $6) AS seat_nos',
      [split.allotmentId, split.seatIds, split.holdId, split.tokenHash, split.totalAmount, split.now.toISOString()],
    );
    return result.rows[0]!.seat_nos;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'TB410') return 'gone';
    if (code === PARTLY_TAKEN) return 'not_in_allotment';
    throw error;
  }
}
