// SQL of a sale's locked section (services/orders/sale.ts): what the sale reads before it sells (the hold, locked as
// well; the event's status; the names and door checks of the event's ticket types; the order's payments, for the
// answer it gives) comes in one round trip, and for a payment's completion with the order's lock in the same one.
// The sale holds the order's and the hold's locks until it commits, so every round trip it saves there is time other
// buyers of the same rows do not wait.
import type { HoldRow } from './inventory/holds.ts';
import type { TicketTypeRow } from './commerce/price-lists.ts';
import {
  ORDER_COLUMNS,
  paymentsFromJson,
  saleWriteParams,
  saleWritesSql,
  type OrderRow,
  type PaymentJson,
} from './orders.ts';
import { PAYMENT_COLUMNS, type PaymentRow } from './payments.ts';
import type { Queryable } from './port.ts';
import { seatsTaken, type SoldSeat } from './inventory/seats.ts';
import type { IdempotentAnswer } from './idempotency.ts';
import type { NewOutboxJob } from './outbox.ts';
import type { TicketRow } from './tickets.ts';

export type SaleHold = Pick<
  HoldRow,
  'state' | 'expires_at' | 'seat_nos' | 'ga_section_id' | 'ga_quantity' | 'extended'
>;

export interface SaleParts {
  hold: SaleHold;
  eventStatus: string | null;
  /** The event's ticket types by id: what a ticket is sold as. */
  ticketTypes: Map<string, Pick<TicketTypeRow, 'name' | 'requires_check'>>;
  /** The order's payments by attempt, as they are before the sale. */
  payments: PaymentRow[];
}

interface PartsRow {
  hold_state: SaleHold['state'];
  hold_expires_at: Date;
  hold_seat_nos: number[];
  hold_ga_section_id: string | null;
  hold_ga_quantity: number | null;
  hold_extended: boolean;
  event_status: string | null;
  ticket_types: { id: string; name: string; requires_check: string | null }[];
  payments: PaymentJson[];
}

/** The columns of PartsRow, for a row of holds `h` and the given order's and event's ids. */
const partsColumns = (orderId: string, eventId: string) =>
  `h.state AS hold_state, h.expires_at AS hold_expires_at, h.seat_nos AS hold_seat_nos,
   h.ga_section_id AS hold_ga_section_id, h.ga_quantity AS hold_ga_quantity, h.extended AS hold_extended,
   (SELECT status FROM events WHERE id = ${eventId}) AS event_status,
   (SELECT COALESCE(json_agg(json_build_object('id', id, 'name', name, 'requires_check', requires_check)), '[]')
      FROM ticket_types WHERE event_id = ${eventId}) AS ticket_types,
   (SELECT COALESCE(json_agg(p ORDER BY p.attempt), '[]') FROM (
      SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = ${orderId}) p) AS payments`;

function partsOf(row: PartsRow): SaleParts {
  return {
    hold: {
      state: row.hold_state,
      expires_at: row.hold_expires_at,
      seat_nos: row.hold_seat_nos,
      ga_section_id: row.hold_ga_section_id,
      ga_quantity: row.hold_ga_quantity,
      extended: row.hold_extended,
    },
    eventStatus: row.event_status,
    ticketTypes: new Map(row.ticket_types.map(({ id, ...type }) => [id, type])),
    payments: paymentsFromJson(row.payments),
  };
}

/** Locks the order's hold (as lockHold does) and reads the rest of the sale's parts; null without the hold. */
export async function lockSaleParts(
  db: Queryable,
  order: { id: string; event_id: string; hold_id: string },
): Promise<SaleParts | null> {
  const result = await db.query<PartsRow>(
    `SELECT ${partsColumns('$3', '$2')} FROM holds h WHERE h.id = $1 FOR UPDATE OF h`,
    [order.hold_id, order.event_id, order.id],
  );
  const row = result.rows[0];
  return row ? partsOf(row) : null;
}

/**
 * Locks the order, then its hold (the order first, as everything that changes an order does), reads the sale's parts
 * with them and sells the hold's seats to the order (sell_hold_seats, as sellHoldSeats does, at `now`), in one
 * statement; null when there is no such order. The seats are sold only when the order still waits for its payment,
 * its event is not cancelled and the hold has seats: `sold` is what it sold (null when it sold nothing). When a seat
 * was gone, the statement failed (so has the caller's transaction, which must be undone) and only the seats gone are
 * answered.
 */
export async function lockOrderForSale(
  db: Queryable,
  orderId: string,
  now: Date,
): Promise<{ order: OrderRow; parts: SaleParts; sold: SoldSeat[] | null } | { takenSeatIds: string[] } | null> {
  let result;
  try {
    // The locks are taken in the CTEs, materialised, before the row is projected, where the seats are sold.
    result = await db.query<OrderRow & PartsRow & { sold_seats: Omit<SoldSeat, 'event_id' | 'status'>[] | null }>(
      `WITH o AS MATERIALIZED (SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1 FOR UPDATE),
         h AS MATERIALIZED (SELECT * FROM holds WHERE id = (SELECT hold_id FROM o) FOR UPDATE)
       SELECT o.*, ${partsColumns('o.id', 'o.event_id')},
         CASE WHEN o.state = 'pending_payment' AND cardinality(h.seat_nos) > 0
             AND (SELECT status FROM events WHERE id = o.event_id) IS DISTINCT FROM 'cancelled'
           THEN (SELECT COALESCE(json_agg(json_build_object('seat_no', s.out_seat_no, 'seat_id', s.out_seat_id,
                   'tier_id', s.out_tier_id, 'version', s.out_version)), '[]')
                 FROM sell_hold_seats(o.event_id, h.id, o.id, h.seat_nos, $2) s) END AS sold_seats
       FROM o CROSS JOIN h`,
      [orderId, now.toISOString()],
    );
  } catch (error) {
    const taken = seatsTaken(error);
    if (taken) return { takenSeatIds: taken };
    throw error;
  }
  const row = result.rows[0];
  if (!row) return null;
  const {
    hold_state: _state,
    hold_expires_at: _expires,
    hold_seat_nos: _seats,
    hold_ga_section_id: _section,
    hold_ga_quantity: _quantity,
    hold_extended: _extended,
    event_status: _status,
    ticket_types: _types,
    payments: _payments,
    sold_seats: sold,
    ...order
  } = row;
  return {
    order,
    parts: partsOf(row),
    sold: sold ? sold.map((seat) => ({ ...seat, event_id: order.event_id, status: 'sold' as const })) : null,
  };
}

/** What a payment's completion read of the order before the provider was called, for a sale in one statement. */
export interface ReadForSale {
  orderId: string;
  /** The order row's version as read (its xmin): the sale goes ahead only if the row is unchanged since. */
  orderVersion: string;
  eventId: string;
  holdId: string;
  /** The hold's seats as read: the sale goes ahead only if the hold still has these and no standing places. */
  seatNos: number[];
  /** The event's settings stamp of the context the tickets were made from (their prices, types and tiers). */
  settingsVersion: number;
  paymentId: string;
  /** How many payments the order had: the answer shows them, so none may have been added since. */
  paymentCount: number;
}

/**
 * A payment's sale in one statement, with no transaction around it: the order and its hold locked (the order
 * first), and, if nothing the caller read has changed since (the order's row and state, the hold's seats, the event
 * not cancelled and its settings stamp, this payment still `completing` and no other added), the hold's seats sold
 * (sell_hold_seats), the payment captured, the hold converted, the tickets and jobs inserted, the order marked paid
 * and the answer stored on its Idempotency-Key, as steps of it. `sold`: the seats sold; null when something changed
 * and nothing was written (the caller sells the long way). When a seat was gone the statement failed, writing
 * nothing, and only the seats gone are answered.
 */
export async function sellReadOrder(
  db: Queryable,
  read: ReadForSale,
  sale: { chargeId: string | null; now: Date },
  issued: { tickets: TicketRow[]; jobs: NewOutboxJob[] },
  answer?: IdempotentAnswer,
): Promise<{ sold: SoldSeat[] | null } | { takenSeatIds: string[] }> {
  const params = [
    read.orderId,
    read.orderVersion,
    read.holdId,
    read.seatNos,
    read.eventId,
    read.settingsVersion,
    read.paymentId,
    read.paymentCount,
    sale.now.toISOString(),
    ...saleWriteParams(
      { orderId: read.orderId, holdId: read.holdId, paymentId: read.paymentId, chargeId: sale.chargeId, now: sale.now },
      issued,
      answer,
    ),
  ];
  const go = 'EXISTS (SELECT 1 FROM go)';
  let result;
  try {
    // `go` is materialised (with the locks) before any write; every write is conditional on it, and the seats are
    // sold only through it.
    result = await db.query<{ went: boolean; sold_seats: Omit<SoldSeat, 'event_id' | 'status'>[] | null }>(
      `WITH o AS MATERIALIZED (
         SELECT id FROM orders WHERE id = $1 AND state = 'pending_payment' AND xmin = $2::text::xid FOR UPDATE
       ), h AS MATERIALIZED (
         SELECT id FROM holds WHERE id = $3 AND EXISTS (SELECT 1 FROM o) AND seat_nos = $4::int[]
           AND ga_section_id IS NULL FOR UPDATE
       ), go AS MATERIALIZED (
         SELECT h.id FROM h
         WHERE (SELECT status IS DISTINCT FROM 'cancelled' AND settings_version = $6 FROM events WHERE id = $5)
           AND EXISTS (SELECT 1 FROM payments WHERE id = $7 AND order_id = $1 AND state = 'completing')
           AND (SELECT count(*) FROM payments WHERE order_id = $1) = $8
       ), sold AS MATERIALIZED (
         SELECT s.* FROM go CROSS JOIN LATERAL sell_hold_seats($5, $3, $1, $4::int[], $9) s
       ), ${saleWritesSql(10, answer !== undefined, go)}
       SELECT ${go} AS went,
         (SELECT json_agg(json_build_object('seat_no', out_seat_no, 'seat_id', out_seat_id, 'tier_id', out_tier_id,
            'version', out_version)) FROM sold) AS sold_seats`,
      params,
    );
  } catch (error) {
    const taken = seatsTaken(error);
    if (taken) return { takenSeatIds: taken };
    throw error;
  }
  const row = result.rows[0]!;
  if (!row.went) return { sold: null };
  return {
    sold: (row.sold_seats ?? []).map((seat) => ({ ...seat, event_id: read.eventId, status: 'sold' as const })),
  };
}
