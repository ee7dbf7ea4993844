// SQL for ticket transfers (migration 0031): an event's transfer rules, the transfers of an order (pending, accepted,
// cancelled), and the accept's steps: the old tickets marked `transferred`, a converted hold and new tickets (the
// same seats, new ids and codes) for the recipient's order.
import type { Queryable } from './port.ts';
import type { OrderLocale } from '../contract/index.ts';
import type { TransferRules } from '../contract/transfers.ts';

export interface TransferRow {
  id: string;
  order_id: string;
  event_id: string;
  venue_id: string;
  ticket_ids: string[];
  recipient_email: string;
  recipient_name: string;
  state: 'pending' | 'accepted' | 'cancelled';
  sent_by: string;
  channel: 'web' | 'boxoffice';
  locale: OrderLocale;
  to_order_id: string | null;
  accepted_by: string | null;
  created_at: Date;
  ended_at: Date | null;
}

const COLUMNS = `id, order_id, event_id, venue_id, ticket_ids, recipient_email, recipient_name, state, sent_by, channel,
  locale, to_order_id, accepted_by, created_at, ended_at`;

export async function findTransferRules(db: Queryable, eventId: string): Promise<TransferRules | null> {
  const result = await db.query<TransferRules>(
    `SELECT allowed, close_hours_before AS "closeHoursBefore", max_transfers AS "maxTransfers",
       same_name_only AS "sameNameOnly"
     FROM event_transfer_rules WHERE event_id = $1`,
    [eventId],
  );
  return result.rows[0] ?? null;
}

export async function saveTransferRules(
  db: Queryable,
  eventId: string,
  rules: TransferRules,
  by: string,
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO event_transfer_rules (event_id, allowed, close_hours_before, max_transfers, same_name_only,
       updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (event_id) DO UPDATE SET allowed = $2, close_hours_before = $3, max_transfers = $4,
       same_name_only = $5, updated_at = $6, updated_by = $7`,
    [eventId, rules.allowed, rules.closeHoursBefore, rules.maxTransfers, rules.sameNameOnly, now.toISOString(), by],
  );
}

export async function insertTransfer(
  db: Queryable,
  row: Omit<TransferRow, 'to_order_id' | 'accepted_by' | 'ended_at'>,
) {
  await db.query(
    `INSERT INTO ticket_transfers (id, order_id, event_id, venue_id, ticket_ids, recipient_email, recipient_name, state,
       sent_by, channel, locale, created_at)
     VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9, $10, $11, $12)`,
    [
      row.id,
      row.order_id,
      row.event_id,
      row.venue_id,
      row.ticket_ids,
      row.recipient_email,
      row.recipient_name,
      row.state,
      row.sent_by,
      row.channel,
      row.locale,
      row.created_at.toISOString(),
    ],
  );
}

export async function findTransfer(db: Queryable, transferId: string): Promise<TransferRow | null> {
  const result = await db.query<TransferRow>(`SELECT ${COLUMNS} FROM ticket_transfers WHERE id = $1`, [transferId]);
  return result.rows[0] ?? null;
}

export async function listOrderTransfers(db: Queryable, orderId: string): Promise<TransferRow[]> {
  const result = await db.query<TransferRow>(
    `SELECT ${COLUMNS} FROM ticket_transfers WHERE order_id = $1 ORDER BY created_at, id`,
    [orderId],
  );
  return result.rows;
}

/** Ends a pending transfer (accepted into `toOrderId`, or cancelled); false when it was not pending any more. */
export async function endTransfer(
  db: Queryable,
  transferId: string,
  end: { state: 'accepted' | 'cancelled'; now: Date; toOrderId?: string; acceptedBy?: string },
): Promise<boolean> {
  const result = await db.query(
    `UPDATE ticket_transfers SET state = $2, ended_at = $3, to_order_id = $4, accepted_by = $5
     WHERE id = $1 AND state = 'pending' RETURNING id`,
    [transferId, end.state, end.now.toISOString(), end.toOrderId ?? null, end.acceptedBy ?? null],
  );
  return result.rows.length > 0;
}

export interface TransferableTicketRow {
  id: string;
  seat_no: number | null;
  seat_id: string | null;
  ga_section_id: string | null;
  status: string;
  used_at: Date | null;
  transfer_count: number;
  /** In a pending transfer of the order already. */
  pending: boolean;
}

/** The order's tickets among `ticketIds`, with what a transfer checks (call under the order's lock). */
export async function findTransferableTickets(
  db: Queryable,
  orderId: string,
  ticketIds: string[],
): Promise<TransferableTicketRow[]> {
  const result = await db.query<TransferableTicketRow>(
    `SELECT t.id, t.seat_no, t.seat_id, t.ga_section_id, t.status, t.used_at, t.transfer_count,
       EXISTS (SELECT 1 FROM ticket_transfers x
               WHERE x.order_id = t.order_id AND x.state = 'pending' AND t.id = ANY(x.ticket_ids)) AS pending
     FROM tickets t WHERE t.order_id = $1 AND t.id = ANY($2::uuid[]) ORDER BY t.seat_no NULLS LAST, t.id`,
    [orderId, ticketIds],
  );
  return result.rows;
}

/** Marks the tickets transferred; returns those that were still valid and unused (the caller needs all of them). */
export async function markTicketsTransferred(db: Queryable, orderId: string, ticketIds: string[]): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `UPDATE tickets SET status = 'transferred'
     WHERE order_id = $1 AND id = ANY($2::uuid[]) AND status = 'valid' AND used_at IS NULL RETURNING id`,
    [orderId, ticketIds],
  );
  return result.rows.map((row) => row.id);
}

/** The recipient order's hold: already converted, over the same seats (every order has a hold; no seat moves). */
export async function insertTransferHold(
  db: Queryable,
  hold: { id: string; eventId: string; seatNos: number[]; currency: string; ownerSub: string | null; now: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO holds (id, event_id, token_hash, owner_sub, state, seat_nos, total_amount, currency, expires_at,
       created_at, ended_at)
     VALUES ($1, $2, '', $3, 'converted', $4::int[], 0, $5, $6, $6, $6)`,
    [hold.id, hold.eventId, hold.ownerSub, hold.seatNos, hold.currency, hold.now.toISOString()],
  );
}

/** The new tickets of a transfer: each copies its old ticket's place and type, with a new id and code, costing 0. */
export async function insertTransferredTickets(
  db: Queryable,
  orderId: string,
  tickets: { oldId: string; id: string; code: string }[],
  now: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO tickets (id, order_id, event_id, seat_no, seat_id, ga_section_id, tier_id, price_amount, currency,
       status, code, issued_at, ticket_type_id, ticket_type_name, requires_check, transfer_count)
     SELECT n.id, $4, t.event_id, t.seat_no, t.seat_id, t.ga_section_id, t.tier_id, 0, t.currency, 'valid', n.code, $5,
       t.ticket_type_id, t.ticket_type_name, t.requires_check, t.transfer_count + 1
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS n(old_id, id, code) JOIN tickets t ON t.id = n.old_id`,
    [tickets.map((t) => t.oldId), tickets.map((t) => t.id), tickets.map((t) => t.code), orderId, now.toISOString()],
  );
}

/** The recipient's order is paid from the start (it costs nothing: the money stays with the sender's order). */
export async function markOrderPaidByTransfer(db: Queryable, orderId: string, now: Date): Promise<void> {
  await db.query(`UPDATE orders SET paid_at = $2 WHERE id = $1`, [orderId, now.toISOString()]);
}

/** The sold seats of the transferred tickets now belong to the recipient's order (a refund or cancellation of it
 * gives them back); their status and version stay, so the live view hears nothing. */
export async function moveSoldSeats(
  db: Queryable,
  move: { eventId: string; fromOrderId: string; toOrderId: string; seatNos: number[] },
): Promise<void> {
  await db.query(
    `UPDATE event_seats SET order_id = $3 WHERE event_id = $1 AND order_id = $2 AND seat_no = ANY($4::int[])`,
    [move.eventId, move.fromOrderId, move.toOrderId, move.seatNos],
  );
}

/** The order whose tickets an accepted transfer passed on into `toOrderId` (its money is there), or null. */
export async function findTransferSourceOrder(
  db: Queryable,
  toOrderId: string,
): Promise<{ id: string; code: string } | null> {
  const result = await db.query<{ id: string; code: string }>(
    `SELECT o.id, o.code FROM ticket_transfers x JOIN orders o ON o.id = x.order_id
     WHERE x.to_order_id = $1 AND x.state = 'accepted' LIMIT 1`,
    [toOrderId],
  );
  return result.rows[0] ?? null;
}

/** One hop of a passed-on place: the ticket given away and the ticket its accepted transfer issued in its stead. */
export interface PassedOnPair {
  transfer_id: string;
  from_order_id: string;
  from_ticket_id: string;
  to_order_id: string;
  to_ticket_id: string;
}

/**
 * The hops of the accepted transfers out of `fromOrderId`, or of the one into `toOrderId`. No column names a new
 * ticket's old one: a seat's new ticket is the one of the same seat; standing tickets of one section, tier and type are
 * alike, so they are paired by rank of id, the same pairing every time it is asked.
 */
export async function listPassedOnPairs(
  db: Queryable,
  by: { fromOrderId: string } | { toOrderId: string },
): Promise<PassedOnPair[]> {
  const result = await db.query<PassedOnPair>(
    `WITH x AS (
       SELECT id, order_id, to_order_id, ticket_ids FROM ticket_transfers
       WHERE state = 'accepted' AND (order_id = $1::uuid OR to_order_id = $2::uuid)
     ), given AS (
       SELECT x.id AS transfer_id, t.id, t.seat_no, t.ga_section_id, t.tier_id, t.ticket_type_id,
         row_number() OVER (PARTITION BY x.id, t.seat_no, t.ga_section_id, t.tier_id, t.ticket_type_id ORDER BY t.id)
           AS rank
       FROM x JOIN tickets t ON t.order_id = x.order_id AND t.id = ANY(x.ticket_ids)
     ), issued AS (
       SELECT x.id AS transfer_id, t.id, t.seat_no, t.ga_section_id, t.tier_id, t.ticket_type_id,
         row_number() OVER (PARTITION BY x.id, t.seat_no, t.ga_section_id, t.tier_id, t.ticket_type_id ORDER BY t.id)
           AS rank
       FROM x JOIN tickets t ON t.order_id = x.to_order_id
     )
     SELECT x.id AS transfer_id, x.order_id AS from_order_id, g.id AS from_ticket_id, x.to_order_id,
       i.id AS to_ticket_id
     FROM given g JOIN issued i ON i.transfer_id = g.transfer_id AND i.rank = g.rank
       AND i.seat_no IS NOT DISTINCT FROM g.seat_no AND i.ga_section_id IS NOT DISTINCT FROM g.ga_section_id
       AND i.tier_id = g.tier_id AND i.ticket_type_id IS NOT DISTINCT FROM g.ticket_type_id
       JOIN x ON x.id = g.transfer_id
     ORDER BY g.id`,
    ['fromOrderId' in by ? by.fromOrderId : null, 'toOrderId' in by ? by.toOrderId : null],
  );
  return result.rows;
}

/** A passed-on ticket's original (`transferred`) marked refunded under the refund that paid it back; false when it
 * was not passed on any more. */
export async function markPassedOnRefunded(
  db: Queryable,
  orderId: string,
  ticketIds: string[],
  refundId: string,
): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `UPDATE tickets SET status = 'refunded', refund_id = $3
     WHERE order_id = $1 AND id = ANY($2::uuid[]) AND status = 'transferred' RETURNING id`,
    [orderId, ticketIds, refundId],
  );
  return result.rows.map((row) => row.id);
}

/** How many of the order's tickets are passed on and still paid for by it (not refunded). */
export async function countPassedOnTickets(db: Queryable, orderId: string): Promise<number> {
  const result = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM tickets WHERE order_id = $1 AND status = 'transferred'`,
    [orderId],
  );
  return result.rows[0]!.count;
}
