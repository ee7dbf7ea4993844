// SQL for the seats of an event's inventory (event_seats): read for the seat view, sold to an order, given back by a
// refund. Every move is one conditional statement, all or nothing; a seat held by an expired hold counts as free in
// it, before any sweeper has been by. Holding seats and ending holds are in ./holds.ts.
import type { Queryable } from '../port.ts';

export interface SeatChangeRow {
  event_id: string;
  seat_id: string;
  status: 'available' | 'held' | 'sold' | 'unavailable';
  version: number;
}

/**
 * SQLSTATE raised by hold_seats(), sell_hold_seats() and split_allotment() when a seat is gone part-way: the
 * statement changed nothing.
 */
export const SEATS_TAKEN = 'TB409';

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

export interface SoldSeat extends SeatChangeRow {
  seat_no: number;
  tier_id: string;
}

/** The seats gone, when `error` is SEATS_TAKEN (hold_seats(), sell_hold_seats(), split_allotment()); else null. */
export function seatsTaken(error: unknown): string[] | null {
  const { code, detail } = error as { code?: string; detail?: string };
  return code === SEATS_TAKEN ? (detail ? detail.split(',') : []) : null;
}

/** Sells the hold's seats to the order, all or none (sell_hold_seats() of migration 0002). */
export async function sellHoldSeats(
  db: Queryable,
  sale: { eventId: string; holdId: string; orderId: string; seatNos: number[]; now: Date },
): Promise<{ sold: SoldSeat[] } | { takenSeatIds: string[] }> {
  try {
    const result = await db.query<{
      out_seat_no: number;
      out_seat_id: string;
      out_tier_id: string;
      out_version: number;
    }>('SELECT out_seat_no, out_seat_id, out_tier_id, out_version FROM sell_hold_seats($1, $2, $3, $4, $5)', [
      sale.eventId,
      sale.holdId,
      sale.orderId,
      sale.seatNos,
      sale.now.toISOString(),
    ]);
    return {
      sold: result.rows.map((row) => ({
        event_id: sale.eventId,
        seat_no: row.out_seat_no,
        seat_id: row.out_seat_id,
        tier_id: row.out_tier_id,
        status: 'sold',
        version: row.out_version,
      })),
    };
  } catch (error) {
    const taken = seatsTaken(error);
    if (taken) return { takenSeatIds: taken };
    throw error;
  }
}

/** Puts sold seats of an order back on sale. */
export async function returnSoldSeats(
  db: Queryable,
  eventId: string,
  orderId: string,
  seatNos: number[],
): Promise<SeatChangeRow[]> {
  const result = await db.query<{ seat_id: string; version: number }>(
    `UPDATE event_seats SET status = 'available', order_id = NULL, version = version + 1
     WHERE event_id = $1 AND order_id = $2 AND seat_no = ANY($3::int[]) AND status = 'sold'
     RETURNING seat_id, version`,
    [eventId, orderId, seatNos],
  );
  return result.rows.map((row) => ({
    event_id: eventId,
    seat_id: row.seat_id,
    status: 'available',
    version: row.version,
  }));
}
