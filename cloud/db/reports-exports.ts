// SQL of the back office's exports: paid orders of an event, or of a venue paid in a range, a keyset page at a time
// in the order they were paid (indexes orders_paid_by_event / orders_paid_by_venue, migration 0021), and the tickets
// of a page of orders. Nothing is read whole: a 100,000-ticket export is a few hundred small queries.
import type { Queryable } from './port.ts';

export interface ExportFilter {
  eventId: string | null;
  venueId: string | null;
  /** Paid at or after; null for no bound. */
  paidFrom: Date | null;
  /** Paid before; null for no bound. */
  paidBefore: Date | null;
}

/** Where the last page ended: the paid_at of its last order as Postgres wrote it (microseconds kept), and its id. */
export interface ExportCursor {
  paidKey: string;
  id: string;
}

const FILTER = `o.paid_at IS NOT NULL
  AND ($1::uuid IS NULL OR o.event_id = $1::uuid) AND ($2::uuid IS NULL OR o.venue_id = $2::uuid)
  AND ($3::timestamptz IS NULL OR o.paid_at >= $3::timestamptz)
  AND ($4::timestamptz IS NULL OR o.paid_at < $4::timestamptz)`;

// The orders of a sales export (orders, tickets) leave out a recipient's order (paid by 'transfer', costing 0): its
// seats were sold, and are listed, in the sender's order (`transferred` tickets with their price). The attendees are
// who holds a valid ticket now, so there the recipients' orders count (`holders`).
const SALES_OR_HOLDERS = `($5::boolean OR o.payment_method <> 'transfer')`;

const filterParams = (filter: ExportFilter) => [
  filter.eventId,
  filter.venueId,
  filter.paidFrom?.toISOString() ?? null,
  filter.paidBefore?.toISOString() ?? null,
];

export async function countExportOrders(db: Queryable, filter: ExportFilter): Promise<number> {
  const result = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM orders o WHERE ${FILTER} AND ${SALES_OR_HOLDERS}`,
    [...filterParams(filter), false],
  );
  return result.rows[0]?.count ?? 0;
}

/** Tickets of the filter's orders; only valid ones, whoever holds them now, when `validOnly` (the attendees). */
export async function countExportTickets(db: Queryable, filter: ExportFilter, validOnly: boolean): Promise<number> {
  const result = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM orders o JOIN tickets t ON t.order_id = o.id
     WHERE ${FILTER} AND ${SALES_OR_HOLDERS} AND (NOT $5::boolean OR t.status = 'valid')`,
    [...filterParams(filter), validOnly],
  );
  return result.rows[0]?.count ?? 0;
}

export interface ExportOrderRow {
  id: string;
  code: string;
  paid_key: string;
  paid_at: Date;
  created_at: Date;
  state: string;
  channel: string;
  event_name: string;
  starts_at: Date;
  buyer_name: string;
  buyer_email: string;
  buyer_phone: string | null;
  payment_method: string;
  total_amount: number;
  refunded_amount: number;
  credit_out_amount: number;
  currency: string;
  clerk: string | null;
  device: string | null;
  tickets: number;
}

/**
 * The next page of the filter's orders after `after` (from the first when null), in the order they were paid; with
 * `holders`, the orders that received tickets by transfer too (the attendees).
 */
export async function exportOrdersPage(
  db: Queryable,
  filter: ExportFilter,
  after: ExportCursor | null,
  limit: number,
  holders = false,
): Promise<ExportOrderRow[]> {
  const result = await db.query<ExportOrderRow>(
    `SELECT o.id, o.code, o.paid_at::text AS paid_key, o.paid_at, o.created_at, o.state, o.channel,
            e.name AS event_name, e.starts_at, o.buyer_name, o.buyer_email, o.buyer_phone, o.payment_method,
            o.total_amount, o.refunded_amount, o.credit_out_amount, o.currency,
            COALESCE(u.email, o.clerk_sub) AS clerk, d.name AS device,
            (SELECT count(*) FROM tickets t WHERE t.order_id = o.id)::int AS tickets
     FROM orders o JOIN events e ON e.id = o.event_id
     LEFT JOIN devices d ON d.id = o.device_id
     LEFT JOIN users u ON u.id::text = o.clerk_sub
     WHERE ${FILTER} AND ($8::boolean OR o.payment_method <> 'transfer')
       AND ($5::timestamptz IS NULL OR (o.paid_at, o.id) > ($5::timestamptz, $6::uuid))
     ORDER BY o.paid_at, o.id
     LIMIT $7`,
    [...filterParams(filter), after?.paidKey ?? null, after?.id ?? null, limit, holders],
  );
  return result.rows;
}

export interface ExportTicketRow {
  id: string;
  order_id: string;
  status: string;
  price_amount: number;
  currency: string;
  issued_at: Date;
  used_at: Date | null;
  used_gate: string | null;
  ticket_type: string | null;
  tier: string;
  section: string | null;
  row_label: string | null;
  seat_number: string | null;
  seat_id: string | null;
}

/** The tickets of these orders (one page's), each order's in seat-map order, standing places last. */
export async function exportTicketsOfOrders(db: Queryable, orderIds: readonly string[]): Promise<ExportTicketRow[]> {
  const result = await db.query<ExportTicketRow>(
    `SELECT t.id, t.order_id, t.status, t.price_amount, t.currency, t.issued_at, t.used_at, t.used_gate,
            t.ticket_type_name AS ticket_type, pt.name AS tier, COALESCE(sec.name, t.ga_section_id) AS section,
            s.row_label, s.seat_number, t.seat_id
     FROM tickets t JOIN events e ON e.id = t.event_id JOIN price_tiers pt ON pt.id = t.tier_id
     LEFT JOIN seats s ON s.seatmap_id = e.seatmap_id AND s.seat_no = t.seat_no
     LEFT JOIN seatmap_sections sec
       ON sec.seatmap_id = e.seatmap_id AND sec.section_id = COALESCE(s.section_id, t.ga_section_id)
     WHERE t.order_id = ANY($1::uuid[])
     ORDER BY t.order_id, t.seat_no NULLS LAST, t.id`,
    [orderIds],
  );
  return result.rows;
}

/** A venue's days from one date to another (both included) as instants: [first midnight, midnight after the last). */
export async function venueDayBounds(
  db: Queryable,
  timezone: string,
  from: string,
  to: string,
): Promise<{ start: Date; end: Date }> {
  const result = await db.query<{ start_at: Date; end_at: Date }>(
    `SELECT ($2::date::timestamp AT TIME ZONE $1) AS start_at, (($3::date + 1)::timestamp AT TIME ZONE $1) AS end_at`,
    [timezone, from, to],
  );
  const row = result.rows[0]!;
  return { start: new Date(row.start_at), end: new Date(row.end_at) };
}
