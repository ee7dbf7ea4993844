// SQL of the back office's reports: a venue's sales grouped by day, tier, channel or seller; an event's check-ins per
// gate and hour; the box-office sellers and days of a venue's shifts. Days and hours are the venue's (its time zone);
// a range is [first day's midnight, the day after the last day's midnight) on the venue's clock.
import type { Queryable } from './port.ts';

// The venue and its range as instants: every query below starts from this row.
const RANGE = `WITH r AS (
  SELECT v.timezone AS tz, ($2::date::timestamp AT TIME ZONE v.timezone) AS start_at,
         (($3::date + 1)::timestamp AT TIME ZONE v.timezone) AS end_at
  FROM venues v WHERE v.id = $1)`;

export interface VenueZoneRow {
  id: string;
  name: string;
  timezone: string;
}

export async function findVenueZone(db: Queryable, venueId: string): Promise<VenueZoneRow | null> {
  const result = await db.query<VenueZoneRow>('SELECT id, name, timezone FROM venues WHERE id = $1', [venueId]);
  return result.rows[0] ?? null;
}

export type SalesGrouping = 'day' | 'tier' | 'channel' | 'seller';

export interface SalesGroupRow {
  key: string;
  label: string;
  currency: string;
  orders: number;
  tickets: number;
  refunded_tickets: number;
  void_tickets: number;
  gross: string | number;
  refunded: string | number;
  voided: string | number;
}

// A ticket given back for money: refunded (a refund of tickets), or void by a cancellation that paid it back (a
// refund of more than nothing names it and it was not exchanged). Any other void ticket was not refunded: exchanged
// for another order (its credit paid that one), or cancelled with nothing given back (yet: a counter's cash).
const EXCHANGED = `EXISTS (SELECT 1 FROM exchanges x WHERE x.from_order_id = t.order_id AND t.id = ANY(x.returned_ticket_ids))`;
const MONEY_BACK = `(t.status = 'refunded' OR (t.status = 'void'
  AND EXISTS (SELECT 1 FROM refunds f WHERE f.order_id = t.order_id AND t.id = ANY(f.ticket_ids) AND f.amount > 0)
  AND NOT ${EXCHANGED}))`;
const VOIDED = `(t.status = 'void' AND NOT ${MONEY_BACK})`;
// Of the void tickets, those whose value left as exchange credit: the orders' `credit_out`. A cancelled ticket whose
// money has not been handed back yet is counted void but its money is still taken (as in every other grouping).
const CREDITED_OUT = `(t.status = 'void' AND ${EXCHANGED})`;

// A recipient's order (paid by 'transfer', costing 0) is no sale: its seats were sold, and are counted, in the sender's
// order, whose `transferred` tickets keep their price.
const A_SALE = `o.payment_method <> 'transfer'`;

// Fixed SQL per grouping (never text from a request): the group's key and its label for people.
const ORDER_GROUPS: Record<Exclude<SalesGrouping, 'tier'>, { key: string; label: string }> = {
  day: {
    key: `to_char(o.paid_at AT TIME ZONE r.tz, 'YYYY-MM-DD')`,
    label: `to_char(o.paid_at AT TIME ZONE r.tz, 'YYYY-MM-DD')`,
  },
  channel: {
    key: 'o.channel',
    label: `CASE o.channel WHEN 'web' THEN 'Web shop' WHEN 'kiosk' THEN 'Kiosk' ELSE 'Box office' END`,
  },
  // A clerk at a machine, a machine alone (a kiosk), a clerk without a machine, or the web shop.
  seller: {
    key: `CASE WHEN o.device_id IS NULL AND o.clerk_sub IS NULL THEN 'web'
               ELSE concat_ws('@', o.clerk_sub, o.device_id::text) END`,
    label: `CASE WHEN o.device_id IS NULL AND o.clerk_sub IS NULL THEN 'Web shop'
               ELSE concat_ws(' at ', COALESCE(u.email, o.clerk_sub), d.name) END`,
  },
};

/**
 * Orders of the venue paid in the range (of one event when `eventId` is set), per group and currency: orders, their
 * tickets (and of them those refunded and those void otherwise), what they were paid (gross), what went back
 * (refunded) and what left as exchange credit for other orders (voided). By tier: the tickets' face values, a
 * refunded ticket's in `refunded`, an exchanged ticket's in `voided` (a ticket cancelled whose money is not back yet
 * is counted void, its money still taken: every grouping's net is the same money).
 */
export async function salesByGroup(
  db: Queryable,
  filter: { venueId: string; from: string; to: string; eventId: string | null },
  grouping: SalesGrouping,
): Promise<SalesGroupRow[]> {
  const params = [filter.venueId, filter.from, filter.to, filter.eventId];
  if (grouping === 'tier') {
    const result = await db.query<SalesGroupRow>(
      `${RANGE}
       SELECT pt.id::text AS key, e.name || ': ' || pt.name AS label, t.currency,
              count(DISTINCT o.id)::int AS orders, count(*)::int AS tickets,
              (count(*) FILTER (WHERE ${MONEY_BACK}))::int AS refunded_tickets,
              (count(*) FILTER (WHERE ${VOIDED}))::int AS void_tickets,
              sum(t.price_amount)::bigint AS gross,
              (COALESCE(sum(t.price_amount) FILTER (WHERE ${MONEY_BACK}), 0))::bigint AS refunded,
              (COALESCE(sum(t.price_amount) FILTER (WHERE ${CREDITED_OUT}), 0))::bigint AS voided
       FROM r JOIN orders o ON o.venue_id = $1 AND o.paid_at >= r.start_at AND o.paid_at < r.end_at
       JOIN tickets t ON t.order_id = o.id
       JOIN price_tiers pt ON pt.id = t.tier_id JOIN events e ON e.id = t.event_id
       WHERE ($4::uuid IS NULL OR o.event_id = $4::uuid) AND ${A_SALE}
       GROUP BY pt.id, e.name, e.starts_at, pt.rank, pt.name, t.currency
       ORDER BY e.starts_at, pt.rank, t.currency`,
      params,
    );
    return result.rows;
  }
  const group = ORDER_GROUPS[grouping];
  const result = await db.query<SalesGroupRow>(
    `${RANGE}
     SELECT ${group.key} AS key, ${group.label} AS label, o.currency,
            count(*)::int AS orders, sum(tc.tickets)::int AS tickets,
            sum(tc.refunded_tickets)::int AS refunded_tickets, sum(tc.void_tickets)::int AS void_tickets,
            sum(o.total_amount)::bigint AS gross, sum(o.refunded_amount)::bigint AS refunded,
            sum(o.credit_out_amount)::bigint AS voided
     FROM r JOIN orders o ON o.venue_id = $1 AND o.paid_at >= r.start_at AND o.paid_at < r.end_at
     CROSS JOIN LATERAL (
       SELECT count(*) AS tickets, count(*) FILTER (WHERE ${MONEY_BACK}) AS refunded_tickets,
              count(*) FILTER (WHERE ${VOIDED}) AS void_tickets
       FROM tickets t WHERE t.order_id = o.id) tc
     LEFT JOIN devices d ON d.id = o.device_id
     LEFT JOIN users u ON u.id::text = o.clerk_sub
     WHERE ($4::uuid IS NULL OR o.event_id = $4::uuid) AND ${A_SALE}
     GROUP BY 1, 2, 3 ORDER BY 1, 3`,
    params,
  );
  return result.rows;
}

export interface CheckInRow {
  gate: string;
  hour: string;
  admitted: number;
}

/** An event's admissions per gate and hour of the venue's clock. */
export async function checkInsByGateAndHour(db: Queryable, eventId: string): Promise<CheckInRow[]> {
  const result = await db.query<CheckInRow>(
    `SELECT t.used_gate AS gate,
            to_char(date_trunc('hour', t.used_at AT TIME ZONE v.timezone), 'YYYY-MM-DD"T"HH24:00') AS hour,
            count(*)::int AS admitted
     FROM tickets t JOIN events e ON e.id = t.event_id JOIN venues v ON v.id = e.venue_id
     WHERE t.event_id = $1 AND t.used_gate IS NOT NULL
     GROUP BY 1, 2 ORDER BY 2, 1`,
    [eventId],
  );
  return result.rows;
}

export async function countValidTickets(db: Queryable, eventId: string): Promise<number> {
  const result = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM tickets WHERE event_id = $1 AND status = 'valid'`,
    [eventId],
  );
  return result.rows[0]?.count ?? 0;
}

export interface ShiftSellerDayRow {
  seller: string;
  label: string;
  day: string;
  day_start: Date;
  day_end: Date;
}

/**
 * Who kept a drawer at the venue's box office on which day of the range: each machine (or clerk selling without one)
 * that was paid for an order there or gave money back, with the day's bounds as instants.
 */
export async function shiftSellerDays(
  db: Queryable,
  filter: { venueId: string; from: string; to: string },
): Promise<ShiftSellerDayRow[]> {
  const result = await db.query<ShiftSellerDayRow>(
    `${RANGE},
     sold AS (
       SELECT COALESCE(o.device_id::text, o.clerk_sub) AS seller, o.paid_at AS at
       FROM r JOIN orders o ON o.venue_id = $1 AND o.paid_at >= r.start_at AND o.paid_at < r.end_at
       WHERE o.channel = 'boxoffice' AND COALESCE(o.device_id::text, o.clerk_sub) IS NOT NULL
     ),
     given AS (
       SELECT f.requested_by AS seller, f.created_at AS at
       FROM r JOIN refunds f ON f.created_at >= r.start_at AND f.created_at < r.end_at
       JOIN orders o ON o.id = f.order_id AND o.venue_id = $1
       WHERE f.amount > 0
         AND (f.requested_by IN (SELECT seller FROM sold)
              OR f.requested_by IN (SELECT id::text FROM devices WHERE venue_id = $1 AND kind = 'boxoffice'))
     ),
     days AS (
       SELECT DISTINCT x.seller, (x.at AT TIME ZONE r.tz)::date AS day FROM (SELECT * FROM sold UNION ALL SELECT * FROM given) x, r
     )
     SELECT days.seller, COALESCE(d.name, u.email, days.seller) AS label, to_char(days.day, 'YYYY-MM-DD') AS day,
            (days.day::timestamp AT TIME ZONE r.tz) AS day_start,
            ((days.day + 1)::timestamp AT TIME ZONE r.tz) AS day_end
     FROM days CROSS JOIN r
     LEFT JOIN devices d ON d.id::text = days.seller
     LEFT JOIN users u ON u.id::text = days.seller
     ORDER BY days.day, label, days.seller`,
    [filter.venueId, filter.from, filter.to],
  );
  return result.rows;
}
