// SQL for holds (the holds table and the seats and places they keep): made over seats or standing places, locked by
// a sale, extended once, ended (released or expired, giving back what they still hold) and split off an allotment.
// Making a hold over seats is one statement, all or nothing; an expired hold counts as free in it.
import type { Queryable } from '../port.ts';
import { SEATS_TAKEN, seatsTaken, type SeatChangeRow } from './seats.ts';

export interface NewHold {
  holdId: string;
  eventId: string;
  tokenHash: string;
  ownerSub: string | null;
  totalAmount: number;
  currency: string;
  now: Date;
  expiresAt: Date;
  /** A presale code's earlier start of sales for this hold; null or absent: the public on-sale. */
  salesOpenFrom?: Date | null;
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
  /** The presale code the hold was made with (its hidden tiers may be bought), or null. */
  presale_code_id: string | null;
  /** Made through the waiting room's gate or by a waitlist offer (migration 0034): checkout asks no admission. */
  queue_admitted: boolean;
}

const HOLD_COLUMNS = `id, event_id, token_hash, owner_sub, state, seat_nos, ga_section_id, ga_quantity, total_amount,
  currency, expires_at, extended, created_at, kind, presale_code_id, queue_admitted`;

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
      'SELECT out_seat_id, out_version, outcome FROM hold_seats($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
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
        hold.salesOpenFrom?.toISOString() ?? null,
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
    const taken = seatsTaken(error);
    if (taken) return { outcome: 'unavailable', seatIds: taken };
    throw error;
  }
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

/** Notes the presale code a just-made hold was made with. */
export async function setHoldPresaleCode(db: Queryable, holdId: string, presaleCodeId: string): Promise<void> {
  await db.query('UPDATE holds SET presale_code_id = $2 WHERE id = $1', [holdId, presaleCodeId]);
}

/** Marks the hold as let in by the waiting room (or by a waitlist offer): its checkout trusts the mark. */
export async function markHoldQueueAdmitted(db: Queryable, holdId: string): Promise<void> {
  await db.query('UPDATE holds SET queue_admitted = true WHERE id = $1', [holdId]);
}

export async function findHold(db: Queryable, holdId: string): Promise<HoldRow | null> {
  const result = await db.query<HoldRow>(`SELECT ${HOLD_COLUMNS} FROM holds WHERE id = $1`, [holdId]);
  return result.rows[0] ?? null;
}

/** The hold row, locked: a sale, a release and the sweeper all take it first, so they queue up in one order. */
export async function lockHold(
  db: Queryable,
  holdId: string,
): Promise<Pick<HoldRow, 'state' | 'expires_at' | 'seat_nos' | 'ga_section_id' | 'ga_quantity' | 'extended'> | null> {
  const result = await db.query<
    Pick<HoldRow, 'state' | 'expires_at' | 'seat_nos' | 'ga_section_id' | 'ga_quantity' | 'extended'>
  >('SELECT state, expires_at, seat_nos, ga_section_id, ga_quantity, extended FROM holds WHERE id = $1 FOR UPDATE', [
    holdId,
  ]);
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
  // One statement: the hold and its seats' copy of its expiry move together (the seats only if the hold did).
  const result = await db.query<{ extended: number }>(
    `WITH hold AS (
       UPDATE holds SET expires_at = GREATEST(expires_at, $2), extended = true
       WHERE id = $1 AND state = 'active' AND NOT extended AND expires_at > $3
       RETURNING id
     ), seats AS (
       UPDATE event_seats SET hold_expires_at = GREATEST(hold_expires_at, $2)
       WHERE hold_id = $1 AND status = 'held' AND EXISTS (SELECT 1 FROM hold)
     )
     SELECT count(*)::int AS extended FROM hold`,
    [holdId, expiresAt.toISOString(), now.toISOString()],
  );
  return result.rows[0]!.extended > 0;
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
    if (code === SEATS_TAKEN) return 'not_in_allotment';
    throw error;
  }
}

/**
 * Locks an allotment of this event that is still active, for taking it back: the check and the release are one
 * transaction, so of two releases (or a release and a sale from it, which locks it too) the second sees the first's
 * outcome. Null when there is none such (any more).
 */
export async function lockActiveAllotment(
  db: Queryable,
  allotmentId: string,
  eventId: string,
): Promise<HoldRow | null> {
  const result = await db.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds
     WHERE id = $1 AND event_id = $2 AND kind = 'allotment' AND state = 'active' FOR UPDATE`,
    [allotmentId, eventId],
  );
  return result.rows[0] ?? null;
}

/** An event's live allotments (or, with `ownerSub`, one owner's across events), oldest first. */
export async function listActiveAllotments(
  db: Queryable,
  filter: { eventId?: string; ownerSub?: string },
  now: Date,
): Promise<HoldRow[]> {
  const result = await db.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM holds
     WHERE kind = 'allotment' AND state = 'active' AND expires_at > $3
       AND ($1::uuid IS NULL OR event_id = $1) AND ($2::text IS NULL OR owner_sub = $2)
     ORDER BY created_at, id`,
    [filter.eventId ?? null, filter.ownerSub ?? null, now.toISOString()],
  );
  return result.rows;
}
