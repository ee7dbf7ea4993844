// SQL of the back office's dashboard: today's and the season's sales, sell-through per event, sales over time,
// entries per gate and failed jobs, read straight from orders, tickets and the outbox (indexes: migration 0021), so a
// sale shows on the next refresh. `venueIds` null means every venue (an owner); "today" is each venue's own day.
import type { Queryable } from './port.ts';

/** Venues in scope: null for all. */
export type VenueScope = readonly string[] | null;

const inScope = (column: string, param: string) => `(${param}::uuid[] IS NULL OR ${column} = ANY(${param}::uuid[]))`;

// Paid today on the venue's clock. The first bound lets the orders_paid index find the last ~day cheaply; no zone's
// day starts more than 26 hours before now.
const PAID_TODAY = `o.paid_at IS NOT NULL AND o.paid_at > $2::timestamptz - interval '26 hours'
  AND (o.paid_at AT TIME ZONE v.timezone)::date = ($2::timestamptz AT TIME ZONE v.timezone)::date`;

// A recipient's order (paid by 'transfer', total 0) is no sale: its seats were sold, and count, in the sender's order
// (whose tickets, `transferred` ones included, stay counted).
const A_SALE = `o.payment_method <> 'transfer'`;

const TICKETS_OF_ORDER = '(SELECT count(*) FROM tickets t WHERE t.order_id = o.id)';

// What an order brought in: its total less refunds and the exchange credit that left it for another order (which
// counts in that order's total). The sales report's `net` is the same sum, so the two always agree.
const NET_OF_ORDER = '(o.total_amount - o.refunded_amount - o.credit_out_amount)';

export interface SalesTotalsRow {
  currency: string;
  orders: number;
  tickets: number;
  revenue: string | number;
}

export async function salesPaidToday(db: Queryable, venueIds: VenueScope, now: Date): Promise<SalesTotalsRow[]> {
  const result = await db.query<SalesTotalsRow>(
    `SELECT o.currency, count(*)::int AS orders, sum(${TICKETS_OF_ORDER})::int AS tickets,
            sum(${NET_OF_ORDER})::bigint AS revenue
     FROM orders o JOIN venues v ON v.id = o.venue_id
     WHERE ${PAID_TODAY} AND ${A_SALE} AND ${inScope('o.venue_id', '$1')}
     GROUP BY o.currency ORDER BY o.currency`,
    [venueIds, now.toISOString()],
  );
  return result.rows;
}

// The season: events starting on or after the given date at their venue.
const SEASON_EVENT = `e.status <> 'draft' AND e.starts_at >= ($2::date::timestamp AT TIME ZONE v.timezone)`;

export async function seasonSales(db: Queryable, venueIds: VenueScope, seasonFrom: string): Promise<SalesTotalsRow[]> {
  const result = await db.query<SalesTotalsRow>(
    `SELECT o.currency, count(*)::int AS orders, sum(${TICKETS_OF_ORDER})::int AS tickets,
            sum(${NET_OF_ORDER})::bigint AS revenue
     FROM events e JOIN venues v ON v.id = e.venue_id
     JOIN orders o ON o.event_id = e.id AND o.paid_at IS NOT NULL
     WHERE ${SEASON_EVENT} AND ${A_SALE} AND ${inScope('e.venue_id', '$1')}
     GROUP BY o.currency ORDER BY o.currency`,
    [venueIds, seasonFrom],
  );
  return result.rows;
}

export interface EventSellThroughRow {
  id: string;
  name: string;
  venue_id: string;
  venue_name: string;
  timezone: string;
  starts_at: Date;
  status: string;
  currency: string;
  sold: number;
  capacity: number;
  revenue: string | number;
}

/** The season's events (at most 200, soonest first) with valid tickets, places and what their orders were paid. */
export async function seasonEvents(
  db: Queryable,
  venueIds: VenueScope,
  seasonFrom: string,
): Promise<EventSellThroughRow[]> {
  const result = await db.query<EventSellThroughRow>(
    `SELECT e.id, e.name, e.venue_id, v.name AS venue_name, v.timezone, e.starts_at, e.status, e.currency,
            (SELECT count(*) FROM tickets t WHERE t.event_id = e.id AND t.status = 'valid')::int AS sold,
            (m.seat_count + COALESCE((SELECT sum(g.capacity) FROM event_ga g WHERE g.event_id = e.id), 0))::int
              AS capacity,
            (SELECT COALESCE(sum(${NET_OF_ORDER}), 0) FROM orders o
             WHERE o.event_id = e.id AND o.paid_at IS NOT NULL)::bigint AS revenue
     FROM events e JOIN venues v ON v.id = e.venue_id JOIN seatmaps m ON m.id = e.seatmap_id
     WHERE ${SEASON_EVENT} AND ${inScope('e.venue_id', '$1')}
     ORDER BY e.starts_at, e.id
     LIMIT 200`,
    [venueIds, seasonFrom],
  );
  return result.rows;
}

export interface HourlySalesRow {
  hour: number;
  channel: 'web' | 'kiosk' | 'boxoffice';
  orders: number;
  tickets: number;
}

export async function salesTodayByHour(db: Queryable, venueIds: VenueScope, now: Date): Promise<HourlySalesRow[]> {
  const result = await db.query<HourlySalesRow>(
    `SELECT extract(hour FROM o.paid_at AT TIME ZONE v.timezone)::int AS hour, o.channel,
            count(*)::int AS orders, sum(${TICKETS_OF_ORDER})::int AS tickets
     FROM orders o JOIN venues v ON v.id = o.venue_id
     WHERE ${PAID_TODAY} AND ${A_SALE} AND ${inScope('o.venue_id', '$1')}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [venueIds, now.toISOString()],
  );
  return result.rows;
}

export interface DailySalesRow {
  day: string;
  channel: 'web' | 'kiosk' | 'boxoffice';
  orders: number;
  tickets: number;
}

export async function seasonSalesByDay(
  db: Queryable,
  venueIds: VenueScope,
  seasonFrom: string,
): Promise<DailySalesRow[]> {
  const result = await db.query<DailySalesRow>(
    `SELECT to_char(o.paid_at AT TIME ZONE v.timezone, 'YYYY-MM-DD') AS day, o.channel,
            count(*)::int AS orders, sum(${TICKETS_OF_ORDER})::int AS tickets
     FROM events e JOIN venues v ON v.id = e.venue_id
     JOIN orders o ON o.event_id = e.id AND o.paid_at IS NOT NULL
     WHERE ${SEASON_EVENT} AND ${A_SALE} AND ${inScope('e.venue_id', '$1')}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [venueIds, seasonFrom],
  );
  return result.rows;
}

export interface GateEntriesRow {
  event_id: string;
  name: string;
  gate: string;
  admitted: number;
  expected: number;
}

/** Events starting today at their venue, each gate's admissions (one row with gate '' while nobody came in). */
export async function entriesToday(db: Queryable, venueIds: VenueScope, now: Date): Promise<GateEntriesRow[]> {
  const result = await db.query<GateEntriesRow>(
    `SELECT e.id AS event_id, e.name, COALESCE(t.used_gate, '') AS gate, count(t.used_gate)::int AS admitted,
            (SELECT count(*) FROM tickets x WHERE x.event_id = e.id AND x.status = 'valid')::int AS expected
     FROM events e JOIN venues v ON v.id = e.venue_id
     LEFT JOIN tickets t ON t.event_id = e.id AND t.used_gate IS NOT NULL
     WHERE e.status <> 'draft'
       AND e.starts_at BETWEEN $2::timestamptz - interval '26 hours' AND $2::timestamptz + interval '26 hours'
       AND (e.starts_at AT TIME ZONE v.timezone)::date = ($2::timestamptz AT TIME ZONE v.timezone)::date
       AND ${inScope('e.venue_id', '$1')}
     GROUP BY e.id, e.name, e.starts_at, t.used_gate
     ORDER BY e.starts_at, e.id, 3`,
    [venueIds, now.toISOString()],
  );
  return result.rows;
}

/** Dead jobs; for a venue scope, those whose aggregate is an order of one of its venues. */
export async function countDeadJobs(db: Queryable, venueIds: VenueScope): Promise<number> {
  const result = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM outbox j
     WHERE j.state = 'dead'
       AND ($1::uuid[] IS NULL
            OR EXISTS (SELECT 1 FROM orders o WHERE o.id = j.aggregate_id AND o.venue_id = ANY($1::uuid[])))`,
    [venueIds],
  );
  return result.rows[0]?.count ?? 0;
}

export interface ReportVenueRow {
  id: string;
  name: string;
  timezone: string;
}

/** The venues whose figures the reader may read (null: every venue), by name: the reports' venue filter. */
export async function reportVenues(db: Queryable, venueIds: VenueScope): Promise<ReportVenueRow[]> {
  const result = await db.query<ReportVenueRow>(
    `SELECT v.id, v.name, v.timezone FROM venues v WHERE ${inScope('v.id', '$1')} ORDER BY v.name, v.id LIMIT 500`,
    [venueIds],
  );
  return result.rows;
}
