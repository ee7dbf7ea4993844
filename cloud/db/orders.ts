// SQL for orders (the orders table): placed over a hold, searched by staff, paid, refunded or cancelled, handed over
// at will-call; and an order's view read in one round trip with its tickets, payments, refunds and shipment.
import type { Queryable } from './port.ts';
import type { OrderLocale, OrderState, StoredPaymentMethod } from '../contract/index.ts';
import { PAYMENT_COLUMNS, type PaymentRow } from './payments.ts';
import { REFUND_COLUMNS, type RefundRow } from './refunds.ts';
import { insertTicketsSql, ticketArrays, TICKET_COLUMNS, type TicketRow } from './tickets.ts';
import { insertOutboxJobsSql, outboxJobArrays, type NewOutboxJob } from './outbox.ts';
import { idempotentAnswerParams, saveIdempotentResponseSql, type IdempotentAnswer } from './idempotency.ts';

export interface OrderRow {
  id: string;
  code: string;
  event_id: string;
  venue_id: string;
  hold_id: string;
  state: OrderState;
  channel: 'web' | 'kiosk' | 'boxoffice';
  customer_sub: string | null;
  device_id: string | null;
  clerk_sub: string | null;
  buyer_email: string;
  buyer_name: string;
  buyer_phone: string | null;
  delivery: unknown;
  payment_method: StoredPaymentMethod;
  total_amount: number;
  refunded_amount: number;
  /** Credit given to other orders by exchanges (db/exchanges.ts): with refunded_amount, never past the total. */
  credit_out_amount: number;
  currency: string;
  access_token_hash: string;
  cancel_reason: string | null;
  created_at: Date;
  paid_at: Date | null;
  updated_at: Date;
  picked_up_at: Date | null;
  picked_up_by: string | null;
  /** The PriceBreakdown the order was priced by (contract/commerce.ts); null on orders older than migration 0010. */
  price_breakdown: unknown;
  /** The promo code whose use the order counts, if any. */
  promo_code_id: string | null;
  /** The language of the order's emails and PDFs (migration 0027). */
  locale: OrderLocale;
}

export const ORDER_COLUMNS = `id, code, event_id, venue_id, hold_id, state, channel, customer_sub, device_id, clerk_sub,
  buyer_email, buyer_name, buyer_phone, delivery, payment_method, total_amount, refunded_amount, credit_out_amount,
  currency, access_token_hash, cancel_reason, created_at, paid_at, updated_at, picked_up_at, picked_up_by, price_breakdown,
  promo_code_id, locale`;

const ORDER_COLUMNS_OF_O = ORDER_COLUMNS.split(',')
  .map((column) => `o.${column.trim()}`)
  .join(', ');

export type NewOrderRow = Omit<
  OrderRow,
  'refunded_amount' | 'credit_out_amount' | 'paid_at' | 'picked_up_at' | 'picked_up_by'
>;

/** An order's values in the column order of insertOrder (and of writeOrder, which writes it in one statement). */
export function orderValues(order: NewOrderRow): unknown[] {
  return [
    order.id,
    order.code,
    order.event_id,
    order.venue_id,
    order.hold_id,
    order.state,
    order.channel,
    order.customer_sub,
    order.device_id,
    order.clerk_sub,
    order.buyer_email,
    order.buyer_name,
    order.buyer_phone,
    JSON.stringify(order.delivery),
    order.payment_method,
    order.total_amount,
    order.currency,
    order.access_token_hash,
    order.cancel_reason,
    order.created_at.toISOString(),
    order.updated_at.toISOString(),
    order.price_breakdown === null ? null : JSON.stringify(order.price_breakdown),
    order.promo_code_id,
    order.locale,
  ];
}

export async function insertOrder(db: Queryable, order: NewOrderRow): Promise<void> {
  await db.query(
    `INSERT INTO orders (id, code, event_id, venue_id, hold_id, state, channel, customer_sub, device_id, clerk_sub,
       buyer_email, buyer_name, buyer_phone, delivery, payment_method, total_amount, currency, access_token_hash,
       cancel_reason, created_at, updated_at, price_breakdown, promo_code_id, locale)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
       $24)`,
    orderValues(order),
  );
}

export async function findOrder(db: Queryable, orderId: string): Promise<OrderRow | null> {
  const result = await db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [orderId]);
  return result.rows[0] ?? null;
}

export async function findOrderByHold(db: Queryable, holdId: string): Promise<OrderRow | null> {
  const result = await db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE hold_id = $1`, [holdId]);
  return result.rows[0] ?? null;
}

/** The order, locked for the rest of the transaction: every change of an order's state goes through this. */
export async function lockOrder(db: Queryable, orderId: string): Promise<OrderRow | null> {
  const result = await db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1 FOR UPDATE`, [orderId]);
  return result.rows[0] ?? null;
}

export async function updateOrderState(
  db: Queryable,
  orderId: string,
  change: { state: OrderState; now: Date; paidAt?: Date; cancelReason?: string; refundedAmount?: number },
): Promise<void> {
  await db.query(
    `UPDATE orders SET state = $2, updated_at = $3, paid_at = COALESCE($4, paid_at),
       cancel_reason = COALESCE($5, cancel_reason), refunded_amount = COALESCE($6, refunded_amount)
     WHERE id = $1`,
    [
      orderId,
      change.state,
      change.now.toISOString(),
      change.paidAt?.toISOString() ?? null,
      change.cancelReason ?? null,
      change.refundedAmount ?? null,
    ],
  );
}

/** Marks a will-call order handed over; null when it was already (the first hand-over wins). */
export async function markPickedUp(db: Queryable, orderId: string, by: string, now: Date): Promise<Date | null> {
  const result = await db.query<{ picked_up_at: Date }>(
    `UPDATE orders SET picked_up_at = $3, picked_up_by = $2, updated_at = $3
     WHERE id = $1 AND picked_up_at IS NULL RETURNING picked_up_at`,
    [orderId, by, now.toISOString()],
  );
  return result.rows[0]?.picked_up_at ?? null;
}

export interface OrderSearchFilter {
  /** Only orders of these venues (a clerk's, a venue manager's); undefined: every venue. */
  venueIds?: readonly string[];
  code?: string;
  email?: string;
  last4?: string;
  name?: string;
  limit: number;
}

/** Staff search: one of code, email, card's last 4 digits or a part of the name; within these venues when given. */
export async function searchOrders(db: Queryable, filter: OrderSearchFilter): Promise<OrderRow[]> {
  const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const result = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS_OF_O} FROM orders o
     WHERE ($1::uuid[] IS NULL OR o.venue_id = ANY($1::uuid[]))
       AND ($2::text IS NULL OR o.code = $2)
       AND ($3::text IS NULL OR lower(o.buyer_email) = $3)
       AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.card_last4 = $4))
       AND ($5::text IS NULL OR o.buyer_name ILIKE $5)
     ORDER BY o.created_at DESC LIMIT $6`,
    [
      filter.venueIds ?? null,
      filter.code ?? null,
      filter.email?.toLowerCase() ?? null,
      filter.last4 ?? null,
      filter.name ? `%${escapeLike(filter.name)}%` : null,
      filter.limit,
    ],
  );
  return result.rows;
}

export async function listCustomerOrders(db: Queryable, customerSub: string, limit: number): Promise<OrderRow[]> {
  const result = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE customer_sub = $1 ORDER BY created_at DESC LIMIT $2`,
    [customerSub, limit],
  );
  return result.rows;
}

/** Pending orders whose hold ended before `endedBefore` and whose payment is not being completed. */
export async function findAbandonedOrders(db: Queryable, endedBefore: Date, limit: number): Promise<OrderRow[]> {
  const result = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS_OF_O} FROM orders o JOIN holds h ON h.id = o.hold_id
     WHERE o.state = 'pending_payment' AND h.expires_at <= $1
       AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.state IN ('completing', 'captured'))
     ORDER BY o.created_at LIMIT $2`,
    [endedBefore.toISOString(), limit],
  );
  return result.rows;
}

/** What a sale writes: the order paid, its payment captured (with the provider's charge), its hold converted. */
export interface SaleWrite {
  orderId: string;
  holdId: string;
  paymentId: string;
  chargeId: string | null;
  now: Date;
}

/**
 * The sale's writes as steps of one statement (CTEs named payment, hold, tickets, jobs, answer when `answered`, and
 * paid): the order paid, its payment captured, its hold converted, its tickets and fulfilment jobs inserted, and the
 * request's answer on its Idempotency-Key. Their parameters are numbered from `$first`, in the order of
 * saleWriteParams; each step is taken only when the SQL condition `when` holds (markOrderPaid: always; the sale as
 * read, db/sales.ts: only when nothing it read has changed).
 */
export function saleWritesSql(first: number, answered: boolean, when = 'true'): string {
  const p = (i: number) => `$${first + i}`;
  const answerStep = answered ? `, answer AS (${saveIdempotentResponseSql(first + 24)} AND ${when})` : '';
  return `payment AS (
       UPDATE payments SET state = 'captured', provider_charge_id = COALESCE(${p(3)}, provider_charge_id),
         updated_at = ${p(4)}
       WHERE id = ${p(2)} AND ${when}
     ), hold AS (
       UPDATE holds SET state = 'converted', ended_at = COALESCE(ended_at, ${p(4)}) WHERE id = ${p(1)} AND ${when}
     ), tickets AS (${insertTicketsSql(first + 5)} WHERE ${when}
     ), jobs AS (${insertOutboxJobsSql(first + 20, first + 4)} WHERE ${when}
     )${answerStep}, paid AS (
       UPDATE orders SET state = 'paid', paid_at = ${p(4)}, updated_at = ${p(4)} WHERE id = ${p(0)} AND ${when}
     )`;
}

/** The parameters of saleWritesSql's steps, in its order. */
export function saleWriteParams(
  sale: SaleWrite,
  issued: { tickets: TicketRow[]; jobs: NewOutboxJob[] },
  answer?: IdempotentAnswer,
): unknown[] {
  return [
    sale.orderId,
    sale.holdId,
    sale.paymentId,
    sale.chargeId,
    sale.now.toISOString(),
    ...ticketArrays(issued.tickets),
    ...outboxJobArrays(issued.jobs),
    ...(answer ? idempotentAnswerParams(answer) : []),
  ];
}

/**
 * The sale's writes in one statement (saleWritesSql), the request's answer on its Idempotency-Key when given: round
 * trips fewer than a statement each, and no trigger reads across them.
 */
export async function markOrderPaid(
  db: Queryable,
  sale: SaleWrite,
  issued: { tickets: TicketRow[]; jobs: NewOutboxJob[] },
  answer?: IdempotentAnswer,
): Promise<void> {
  await db.query(`WITH ${saleWritesSql(1, answer !== undefined)} SELECT 1`, saleWriteParams(sale, issued, answer));
}

export type PaymentJson = Omit<PaymentRow, 'created_at'> & { created_at: string };

// json_agg gives times as text: read back as Dates like a plain row's.
export const paymentsFromJson = (payments: PaymentJson[]): PaymentRow[] =>
  payments.map((p) => ({ ...p, created_at: new Date(p.created_at) }));

export interface OrderParts {
  tickets: TicketRow[];
  payments: PaymentRow[];
  refunds: RefundRow[];
  holdExpiresAt: Date | null;
  shipment: { state: string; carrier: string | null; tracking_number: string | null; updated_at: string } | null;
  /** What a cancelled event's counter order still waits to be handed back at the box office. */
  owedAtCounter: number | null;
}

/** Everything an order's view shows besides the order row, in one round trip. */
export async function loadOrderParts(db: Queryable, order: { id: string; hold_id: string }): Promise<OrderParts> {
  const result = await db.query<{
    tickets: TicketRow[];
    payments: PaymentJson[];
    refunds: (Omit<RefundRow, 'created_at'> & { created_at: string })[];
    hold_expires_at: Date | null;
    shipment: OrderParts['shipment'];
    owed_at_counter: number | null;
  }>(
    `SELECT
       (SELECT COALESCE(json_agg(t ORDER BY t.seat_no NULLS LAST, t.id), '[]') FROM (
          SELECT ${TICKET_COLUMNS} FROM tickets WHERE order_id = $1) t) AS tickets,
       (SELECT COALESCE(json_agg(p ORDER BY p.attempt), '[]') FROM (
          SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = $1) p) AS payments,
       (SELECT COALESCE(json_agg(r ORDER BY r.created_at, r.id), '[]') FROM (
          SELECT ${REFUND_COLUMNS} FROM refunds WHERE order_id = $1) r) AS refunds,
       (SELECT expires_at FROM holds WHERE id = $2) AS hold_expires_at,
       (SELECT row_to_json(s) FROM (SELECT state, carrier, tracking_number, updated_at FROM shipments
          WHERE order_id = $1) s) AS shipment,
       (SELECT amount FROM event_cancellation_orders WHERE order_id = $1 AND state = 'counter') AS owed_at_counter`,
    [order.id, order.hold_id],
  );
  const row = result.rows[0]!;
  return {
    // json_agg gives times as text: the door's time is read back as a Date like a plain row's.
    tickets: row.tickets.map((t) => ({ ...t, used_at: t.used_at ? new Date(t.used_at) : null })),
    payments: paymentsFromJson(row.payments),
    refunds: row.refunds.map((r) => ({ ...r, created_at: new Date(r.created_at) })),
    holdExpiresAt: row.hold_expires_at,
    shipment: row.shipment,
    owedAtCounter: row.owed_at_counter,
  };
}
