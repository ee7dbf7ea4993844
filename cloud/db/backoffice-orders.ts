// SQL for the back office's orders: the organizer's search (filters combined, within the principal's venues, newest
// first, a keyset page at a time), what the order page shows beside the order (its event, the emails sent, staff
// notes), the buyer's email changed, and notes appended (order_notes, migration 0019: append-only).
import type { Queryable } from './port.ts';

export interface StaffOrderFilter {
  /** Only these venues' orders; undefined: every venue's (an admin's). */
  venueIds?: readonly string[];
  /** An email (has an @), a part of the name or email, an order code, or a ticket's id or code. */
  text?: { words: string; code: string | null; uuid: string | null };
  eventId?: string;
  state?: string;
  /** Placed on or after this day (YYYY-MM-DD) began at the order's venue, in the venue's time zone. */
  fromDay?: string;
  /** Placed before the day after this one (YYYY-MM-DD) began at the order's venue. */
  toDay?: string;
  after?: { createdAt: Date; id: string };
  limit: number;
}

export interface StaffOrderRow {
  id: string;
  code: string;
  event_id: string;
  event_name: string;
  event_starts_at: Date;
  venue_id: string;
  venue_timezone: string;
  state: string;
  channel: 'web' | 'kiosk' | 'boxoffice';
  buyer_email: string;
  buyer_name: string;
  total_amount: number;
  refunded_amount: number;
  currency: string;
  tickets: number;
  created_at: Date;
}

/** Orders matching every filter given, newest first; at most `limit`. */
export async function searchStaffOrders(db: Queryable, filter: StaffOrderFilter): Promise<StaffOrderRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.venueIds) where.push(`o.venue_id = ANY(${param(filter.venueIds)}::uuid[])`);
  if (filter.text) {
    const { words, code, uuid } = filter.text;
    const either = [];
    if (words.includes('@')) {
      either.push(`lower(o.buyer_email) = ${param(words.toLowerCase())}`);
    } else {
      const like = param(`%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      either.push(`o.buyer_name ILIKE ${like}`, `o.buyer_email ILIKE ${like}`);
    }
    if (code) either.push(`o.code = ${param(code)}`);
    if (uuid) {
      const id = param(uuid);
      either.push(
        `o.id = ${id}::uuid`,
        `EXISTS (SELECT 1 FROM tickets t WHERE t.order_id = o.id AND t.id = ${id}::uuid)`,
      );
    }
    if (words.length >= 16) either.push(`o.id = (SELECT t.order_id FROM tickets t WHERE t.code = ${param(words)})`);
    where.push(`(${either.join(' OR ')})`);
  }
  if (filter.eventId) where.push(`o.event_id = ${param(filter.eventId)}::uuid`);
  if (filter.state) where.push(`o.state = ${param(filter.state)}`);
  // Days are the venue's: its midnight as an instant (v is the order's venue, joined below).
  if (filter.fromDay) where.push(`o.created_at >= (${param(filter.fromDay)}::date::timestamp AT TIME ZONE v.timezone)`);
  if (filter.toDay)
    where.push(`o.created_at < ((${param(filter.toDay)}::date + 1)::timestamp AT TIME ZONE v.timezone)`);
  if (filter.after) {
    where.push(
      `(o.created_at, o.id) < (${param(filter.after.createdAt.toISOString())}::timestamptz, ${param(filter.after.id)}::uuid)`,
    );
  }
  const result = await db.query<StaffOrderRow>(
    `SELECT o.id, o.code, o.event_id, e.name AS event_name, e.starts_at AS event_starts_at, o.venue_id,
            v.timezone AS venue_timezone, o.state,
            o.channel, o.buyer_email, o.buyer_name, o.total_amount, o.refunded_amount, o.currency, o.created_at,
            (SELECT count(*) FROM tickets t WHERE t.order_id = o.id)::int AS tickets
     FROM orders o JOIN events e ON e.id = o.event_id JOIN venues v ON v.id = o.venue_id
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY o.created_at DESC, o.id DESC LIMIT ${param(filter.limit)}`,
    params,
  );
  return result.rows;
}

export interface OrderEventRow {
  id: string;
  name: string;
  starts_at: Date;
  venue_id: string;
  timezone: string;
}

/** The order's event and its venue's time zone. */
export async function findOrderEvent(db: Queryable, eventId: string): Promise<OrderEventRow | null> {
  const result = await db.query<OrderEventRow>(
    `SELECT e.id, e.name, e.starts_at, e.venue_id, v.timezone FROM events e JOIN venues v ON v.id = e.venue_id
     WHERE e.id = $1`,
    [eventId],
  );
  return result.rows[0] ?? null;
}

export interface SentEmailRow {
  kind: string;
  recipient: string;
  sent_at: Date;
}

/** The emails sent about an order, oldest first. */
export async function listSentEmails(db: Queryable, orderId: string): Promise<SentEmailRow[]> {
  const result = await db.query<SentEmailRow>(
    'SELECT kind, recipient, sent_at FROM sent_emails WHERE order_id = $1 ORDER BY sent_at, message_id',
    [orderId],
  );
  return result.rows;
}

/** The buyer's email changed; the address it had. Null when there is no such order. */
export async function updateBuyerEmail(
  db: Queryable,
  orderId: string,
  email: string,
  now: Date,
): Promise<{ previous: string } | null> {
  const result = await db.query<{ previous: string }>(
    `UPDATE orders o SET buyer_email = $2, updated_at = $3
     FROM (SELECT id, buyer_email FROM orders WHERE id = $1 FOR UPDATE) AS before
     WHERE o.id = before.id RETURNING before.buyer_email AS previous`,
    [orderId, email, now.toISOString()],
  );
  return result.rows[0] ?? null;
}

export interface OrderNoteRow {
  id: string;
  order_id: string;
  at: Date;
  author_sub: string;
  author_email: string | null;
  text: string;
}

export async function insertOrderNote(db: Queryable, note: OrderNoteRow): Promise<void> {
  await db.query(
    `INSERT INTO order_notes (id, order_id, at, author_sub, author_email, text) VALUES ($1, $2, $3, $4, $5, $6)`,
    [note.id, note.order_id, note.at.toISOString(), note.author_sub, note.author_email, note.text],
  );
}

/** An order's notes, oldest first. */
export async function listOrderNotes(db: Queryable, orderId: string): Promise<OrderNoteRow[]> {
  const result = await db.query<OrderNoteRow>(
    'SELECT id, order_id, at, author_sub, author_email, text FROM order_notes WHERE order_id = $1 ORDER BY at, id',
    [orderId],
  );
  return result.rows;
}
