// SQL for tickets: one a seat or standing place of a paid order, refunded or voided with its refund, admitted once at
// the door.
import type { Queryable } from './port.ts';
import type { CodePolicy, Delivery } from '../contract/index.ts';

export interface TicketRow {
  id: string;
  order_id: string;
  event_id: string;
  seat_no: number | null;
  seat_id: string | null;
  ga_section_id: string | null;
  tier_id: string;
  price_amount: number;
  currency: string;
  status: 'valid' | 'refunded' | 'void' | 'transferred';
  code: string;
  issued_at: Date;
  refund_id: string | null;
  /** What it was sold as (the type's name kept as it was then) and what the door checks; null before 0010. */
  ticket_type_id: string | null;
  ticket_type_name: string | null;
  requires_check: string | null;
  /** When the door admitted it; read with the ticket, never written by insertTickets. */
  used_at?: Date | null;
}

export const TICKET_COLUMNS = `id, order_id, event_id, seat_no, seat_id, ga_section_id, tier_id, price_amount, currency,
  status, code, issued_at, refund_id, ticket_type_id, ticket_type_name, requires_check, used_at`;

/** The INSERT of tickets from the 15 arrays of `ticketArrays`, numbered from $first: insertTickets, and the sale's
 * one statement (markOrderPaid) as a step of it. */
export const insertTicketsSql = (first: number) => {
  const p = (i: number) => `$${first + i}`;
  return `INSERT INTO tickets (id, order_id, event_id, seat_no, seat_id, ga_section_id, tier_id, price_amount, currency,
       status, code, issued_at, ticket_type_id, ticket_type_name, requires_check)
     SELECT * FROM unnest(${p(0)}::uuid[], ${p(1)}::uuid[], ${p(2)}::uuid[], ${p(3)}::int[], ${p(4)}::text[], ${p(5)}::text[],
       ${p(6)}::uuid[], ${p(7)}::int[], ${p(8)}::char(3)[], ${p(9)}::text[], ${p(10)}::text[], ${p(11)}::timestamptz[],
       ${p(12)}::uuid[], ${p(13)}::text[], ${p(14)}::text[])`;
};

export const ticketArrays = (tickets: TicketRow[]): unknown[] => [
  tickets.map((t) => t.id),
  tickets.map((t) => t.order_id),
  tickets.map((t) => t.event_id),
  tickets.map((t) => t.seat_no),
  tickets.map((t) => t.seat_id),
  tickets.map((t) => t.ga_section_id),
  tickets.map((t) => t.tier_id),
  tickets.map((t) => t.price_amount),
  tickets.map((t) => t.currency),
  tickets.map((t) => t.status),
  tickets.map((t) => t.code),
  tickets.map((t) => t.issued_at.toISOString()),
  tickets.map((t) => t.ticket_type_id),
  tickets.map((t) => t.ticket_type_name),
  tickets.map((t) => t.requires_check),
];

export async function insertTickets(db: Queryable, tickets: TicketRow[]): Promise<void> {
  if (tickets.length === 0) return;
  await db.query(insertTicketsSql(1), ticketArrays(tickets));
}

export async function listTickets(db: Queryable, orderIds: string[]): Promise<TicketRow[]> {
  const result = await db.query<TicketRow>(
    `SELECT ${TICKET_COLUMNS}
     FROM tickets WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, seat_no NULLS LAST, id`,
    [orderIds],
  );
  return result.rows;
}

/** Marks tickets refunded under a refund; returns those that were still valid. */
export async function refundTickets(
  db: Queryable,
  orderId: string,
  ticketIds: string[],
  refundId: string,
  status: 'refunded' | 'void',
): Promise<TicketRow[]> {
  const result = await db.query<TicketRow>(
    `UPDATE tickets SET status = $4, refund_id = $3 WHERE order_id = $1 AND id = ANY($2::uuid[]) AND status = 'valid'
     RETURNING ${TICKET_COLUMNS}`,
    [orderId, ticketIds, refundId, status],
  );
  return result.rows;
}

export interface ScannedTicketRow {
  id: string;
  event_id: string;
  status: 'valid' | 'refunded' | 'void' | 'transferred';
  venue_id: string;
  event_status: string;
  used_at: Date | null;
  used_gate: string | null;
  /** What the door takes for the event (migration 0030), and how the ticket was sold: a static code may be refused. */
  code_policy: CodePolicy;
  channel: 'web' | 'kiosk' | 'boxoffice';
  delivery_method: Delivery['method'];
  /** The phone's key the ticket is bound to (rotating codes), or null. */
  device_public_key: Uint8Array | null;
}

export async function findTicketForScan(db: Queryable, ticketId: string): Promise<ScannedTicketRow | null> {
  const result = await db.query<ScannedTicketRow>(
    `SELECT t.id, t.event_id, t.status, e.venue_id, e.status AS event_status, t.used_at, t.used_gate, e.code_policy,
       o.channel, o.delivery->>'method' AS delivery_method, k.public_key AS device_public_key
     FROM tickets t JOIN events e ON e.id = t.event_id JOIN orders o ON o.id = t.order_id
       LEFT JOIN ticket_device_keys k ON k.ticket_id = t.id
     WHERE t.id = $1`,
    [ticketId],
  );
  return result.rows[0] ?? null;
}

/** Admits a valid ticket not used yet, in one statement: of two gates scanning at once, one wins. */
export async function admitTicket(
  db: Queryable,
  ticketId: string,
  at: { when: Date; gate: string; by: string },
): Promise<boolean> {
  const result = await db.query(
    `UPDATE tickets SET used_at = $2, used_gate = $3, used_by = $4
     WHERE id = $1 AND status = 'valid' AND used_at IS NULL RETURNING id`,
    [ticketId, at.when.toISOString(), at.gate, at.by],
  );
  return result.rows.length > 0;
}
