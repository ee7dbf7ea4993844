// SQL for event cancellations and postponements (migration 0011): the change itself, and for a cancellation the
// refund job state of each paid order, from which its progress is counted.
import type { Queryable } from './port.ts';

export interface EventChangeRow {
  id: string;
  event_id: string;
  kind: 'cancelled' | 'postponed';
  reason: string;
  changed_by: string;
  changed_at: Date;
  previous_starts_at: Date;
  new_starts_at: Date | null;
  refund_deadline: Date | null;
  orders_total: number;
}

const CHANGE_COLUMNS = `id, event_id, kind, reason, changed_by, changed_at, previous_starts_at, new_starts_at,
  refund_deadline, orders_total`;

export async function insertEventChange(db: Queryable, change: EventChangeRow): Promise<void> {
  await db.query(`INSERT INTO event_changes (${CHANGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
    change.id,
    change.event_id,
    change.kind,
    change.reason,
    change.changed_by,
    change.changed_at.toISOString(),
    change.previous_starts_at.toISOString(),
    change.new_starts_at?.toISOString() ?? null,
    change.refund_deadline?.toISOString() ?? null,
    change.orders_total,
  ]);
}

/** The latest change of this kind to the event, or null. */
export async function findEventChange(
  db: Queryable,
  eventId: string,
  kind: EventChangeRow['kind'],
): Promise<EventChangeRow | null> {
  const result = await db.query<EventChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM event_changes WHERE event_id = $1 AND kind = $2 ORDER BY changed_at DESC LIMIT 1`,
    [eventId, kind],
  );
  return result.rows[0] ?? null;
}

/** The event row locked, with what a cancellation or postponement needs (the lock orders them after any sale). */
export async function lockEventForChange(
  db: Queryable,
  eventId: string,
): Promise<{ id: string; venue_id: string; status: string; starts_at: Date } | null> {
  const result = await db.query<{ id: string; venue_id: string; status: string; starts_at: Date }>(
    'SELECT id, venue_id, status, starts_at FROM events WHERE id = $1 FOR UPDATE',
    [eventId],
  );
  return result.rows[0] ?? null;
}

export async function markEventCancelled(db: Queryable, eventId: string): Promise<void> {
  await db.query(`UPDATE events SET status = 'cancelled' WHERE id = $1`, [eventId]);
}

export async function moveEventStart(db: Queryable, eventId: string, startsAt: Date): Promise<void> {
  await db.query(
    // The doors move with the start, as long before it as they were.
    `UPDATE events SET starts_at = $2, on_sale_until = LEAST(on_sale_until, $2),
       doors_at = doors_at + ($2::timestamptz - starts_at)
     WHERE id = $1`,
    [eventId, startsAt.toISOString()],
  );
}

/**
 * The event's orders that are paid or still waiting for a payment, locked in id order: a sale in flight (it holds its
 * order's lock) commits first and is then seen as paid.
 */
export async function lockOpenOrdersOfEvent(
  db: Queryable,
  eventId: string,
): Promise<{ id: string; state: string; hold_id: string }[]> {
  const result = await db.query<{ id: string; state: string; hold_id: string }>(
    `SELECT id, state, hold_id FROM orders
     WHERE event_id = $1 AND state IN ('pending_payment', 'paid', 'partially_refunded')
     ORDER BY id FOR UPDATE`,
    [eventId],
  );
  return result.rows;
}

/** Active holds of the event (allotments too), locked. */
export async function lockActiveHoldsOfEvent(db: Queryable, eventId: string): Promise<{ id: string }[]> {
  const result = await db.query<{ id: string }>(
    `SELECT id FROM holds WHERE event_id = $1 AND state = 'active' ORDER BY id FOR UPDATE`,
    [eventId],
  );
  return result.rows;
}

export async function insertCancellationOrders(
  db: Queryable,
  eventId: string,
  orderIds: string[],
  now: Date,
): Promise<void> {
  if (orderIds.length === 0) return;
  await db.query(
    `INSERT INTO event_cancellation_orders (event_id, order_id, updated_at)
     SELECT $1, order_id, $3 FROM unnest($2::uuid[]) AS o(order_id)`,
    [eventId, orderIds, now.toISOString()],
  );
}

export interface CancellationOrderRow {
  event_id: string;
  order_id: string;
  state: 'pending' | 'refunded' | 'counter' | 'failed';
  refund_id: string | null;
  amount: number | null;
  attempts: number;
  last_error: string | null;
}

const CANCELLATION_ORDER_COLUMNS = 'event_id, order_id, state, refund_id, amount, attempts, last_error';

export async function lockCancellationOrder(db: Queryable, orderId: string): Promise<CancellationOrderRow | null> {
  const result = await db.query<CancellationOrderRow>(
    `SELECT ${CANCELLATION_ORDER_COLUMNS} FROM event_cancellation_orders WHERE order_id = $1 FOR UPDATE`,
    [orderId],
  );
  return result.rows[0] ?? null;
}

/** Moves one order's job on; answers false when it was already in that state (a job run twice counts once). */
export async function updateCancellationOrder(
  db: Queryable,
  orderId: string,
  change: { state: CancellationOrderRow['state']; refundId?: string; amount?: number; error?: string; now: Date },
): Promise<boolean> {
  const result = await db.query(
    `UPDATE event_cancellation_orders SET state = $2, refund_id = COALESCE($3, refund_id),
       amount = COALESCE($4, amount), last_error = $5, updated_at = $6,
       attempts = attempts + CASE WHEN $2 = 'failed' THEN 1 ELSE 0 END
     WHERE order_id = $1 AND state NOT IN ('refunded', 'counter') AND (state <> $2 OR $2 = 'failed')
     RETURNING order_id`,
    [
      orderId,
      change.state,
      change.refundId ?? null,
      change.amount ?? null,
      change.error?.slice(0, 2000) ?? null,
      change.now.toISOString(),
    ],
  );
  return result.rows.length > 0;
}

export async function countCancellationOrders(
  db: Queryable,
  eventId: string,
): Promise<Record<CancellationOrderRow['state'], number>> {
  const result = await db.query<{ state: CancellationOrderRow['state']; n: number }>(
    `SELECT state, count(*)::int AS n FROM event_cancellation_orders WHERE event_id = $1 GROUP BY state`,
    [eventId],
  );
  const counts = { pending: 0, refunded: 0, counter: 0, failed: 0 };
  for (const row of result.rows) counts[row.state] = row.n;
  return counts;
}

export async function listFailedCancellationOrders(
  db: Queryable,
  eventId: string,
  limit: number,
): Promise<(CancellationOrderRow & { code: string })[]> {
  const result = await db.query<CancellationOrderRow & { code: string }>(
    `SELECT c.event_id, c.order_id, c.state, c.refund_id, c.amount, c.attempts, c.last_error, o.code
     FROM event_cancellation_orders c JOIN orders o ON o.id = c.order_id
     WHERE c.event_id = $1 AND c.state = 'failed' ORDER BY c.updated_at, c.order_id LIMIT $2`,
    [eventId, limit],
  );
  return result.rows;
}

/** Buyers of the event's valid tickets (one row an order): whom a postponement writes to. */
export async function listOrdersWithValidTickets(db: Queryable, eventId: string): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `SELECT id FROM orders WHERE event_id = $1 AND state IN ('paid', 'partially_refunded') ORDER BY id`,
    [eventId],
  );
  return result.rows.map((row) => row.id);
}

/** Tickets of the venue's events starting after `since` that may not be let in (void or refunded), for a door offline. */
export async function listRevokedTickets(
  db: Queryable,
  venueId: string,
  since: Date,
): Promise<{ id: string; event_id: string; status: 'refunded' | 'void' | 'transferred'; event_status: string }[]> {
  const result = await db.query<{
    id: string;
    event_id: string;
    status: 'refunded' | 'void' | 'transferred';
    event_status: string;
  }>(
    `SELECT t.id, t.event_id, t.status, e.status AS event_status FROM tickets t JOIN events e ON e.id = t.event_id
     WHERE e.venue_id = $1 AND t.status <> 'valid' AND e.starts_at > $2
     ORDER BY t.event_id, t.id`,
    [venueId, since.toISOString()],
  );
  return result.rows;
}

/** The refund a cancellation job made for its order: a job run again sends this one, never a second. */
export async function recordCancellationRefund(
  db: Queryable,
  orderId: string,
  refundId: string,
  amount: number,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE event_cancellation_orders SET refund_id = $2, amount = $3, updated_at = $4 WHERE order_id = $1`,
    [orderId, refundId, amount, now.toISOString()],
  );
}

/** A counter order of a cancelled event whose money the box office has handed back: refunded, with its refund row.
 * False when it was not waiting at the counter (never was, or handed back already). */
export async function markCounterOrderHandedBack(
  db: Queryable,
  orderId: string,
  change: { refundId: string; now: Date },
): Promise<boolean> {
  const result = await db.query(
    `UPDATE event_cancellation_orders SET state = 'refunded', refund_id = $2, updated_at = $3
     WHERE order_id = $1 AND state = 'counter'`,
    [orderId, change.refundId, change.now],
  );
  return result.rowCount === 1;
}
