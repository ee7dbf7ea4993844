// SQL for standing places (event_ga): general admission is counted, not seated. Every take, sale and return of places
// goes through one guarded counter update (moveGaPlaces), so held + sold never passes capacity; held places that a
// hold gives back on release or expiry go through end_hold() (migrations) and expireGaHolds below.
import type { Queryable } from '../port.ts';

export interface GaRemainingRow {
  section_id: string;
  tier_id: string;
  capacity: number;
  remaining: number;
}

/** Standing places left per GA section, counting only holds that are still live, net of places held back. */
export async function readGaRemaining(db: Queryable, eventId: string, now: Date): Promise<GaRemainingRow[]> {
  const result = await db.query<GaRemainingRow>(
    `SELECT g.section_id, g.tier_id, g.capacity,
            (g.capacity - g.sold - g.held_back - COALESCE((
              SELECT sum(h.ga_quantity) FROM holds h
              WHERE h.event_id = g.event_id AND h.ga_section_id = g.section_id AND h.state = 'active' AND h.expires_at > $2
            ), 0))::int AS remaining
     FROM event_ga g WHERE g.event_id = $1 ORDER BY g.section_id`,
    [eventId, now.toISOString()],
  );
  return result.rows;
}

/**
 * The one update of a section's counters: `held` and `sold` change by these amounts if the places that takes are
 * free (a move that frees places always passes: every row keeps held + sold within capacity), and with `onSaleAt`
 * only while the event is on sale then. Null when refused.
 */
async function moveGaPlaces(
  db: Queryable,
  eventId: string,
  sectionId: string,
  move: { held: number; sold: number; onSaleAt?: Date; salesOpenFrom?: Date | null },
): Promise<{ remaining: number } | null> {
  const result = await db.query<{ remaining: number }>(
    `UPDATE event_ga g SET held = g.held + $3::int, sold = g.sold + $4::int, version = g.version + 1
     WHERE g.event_id = $1 AND g.section_id = $2 AND g.capacity - g.held - g.sold - g.held_back >= $3::int + $4::int
       AND ($5::timestamptz IS NULL OR EXISTS (SELECT 1 FROM events e WHERE e.id = $1 AND e.status = 'on_sale'
         AND LEAST(e.on_sale_from, $6::timestamptz) <= $5::timestamptz AND e.on_sale_until > $5::timestamptz))
     RETURNING (g.capacity - g.held - g.sold - g.held_back)::int AS remaining`,
    [
      eventId,
      sectionId,
      move.held,
      move.sold,
      move.onSaleAt?.toISOString() ?? null,
      move.salesOpenFrom?.toISOString() ?? null,
    ],
  );
  return result.rows[0] ?? null;
}

/** Takes standing places for a hold if enough are left and the event is on sale (from `salesOpenFrom` if given, a
 * presale code's earlier start). */
export async function takeGaPlaces(
  db: Queryable,
  eventId: string,
  sectionId: string,
  quantity: number,
  now: Date,
  salesOpenFrom: Date | null = null,
): Promise<{ remaining: number } | null> {
  return moveGaPlaces(db, eventId, sectionId, { held: quantity, sold: 0, onSaleAt: now, salesOpenFrom });
}

/** Moves a live GA hold's places from held to sold. */
export async function sellHeldGaPlaces(
  db: Queryable,
  eventId: string,
  sectionId: string,
  quantity: number,
): Promise<{ remaining: number }> {
  return (await moveGaPlaces(db, eventId, sectionId, { held: -quantity, sold: quantity }))!;
}

/** Sells places straight from what is left (the hold that kept them has ended); null when too few are left. */
export async function sellFreeGaPlaces(
  db: Queryable,
  eventId: string,
  sectionId: string,
  quantity: number,
): Promise<{ remaining: number } | null> {
  return moveGaPlaces(db, eventId, sectionId, { held: 0, sold: quantity });
}

/** Puts sold places back on sale (a refund or a cancellation). */
export async function returnSoldGaPlaces(
  db: Queryable,
  eventId: string,
  sectionId: string,
  quantity: number,
): Promise<{ remaining: number }> {
  return (await moveGaPlaces(db, eventId, sectionId, { held: 0, sold: -quantity }))!;
}

/**
 * Marks this section's expired GA holds as expired and gives their places back, in one statement (the holds and the
 * counter together). Returns places freed.
 */
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
