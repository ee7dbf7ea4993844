// The back office's dashboard: one read of today's and the season's sales, sell-through per event, sales over time,
// entries per gate and failed jobs, for the venues the reader may see. Read straight from the tables on every call
// (cheap indexed queries, no cache), so a sale shows on the next refresh.
import type { Dashboard, DashboardQuery } from '../../contract/index.ts';
import {
  countDeadJobs,
  entriesToday,
  reportVenues,
  salesPaidToday,
  salesTodayByHour,
  seasonEvents,
  seasonSales,
  seasonSalesByDay,
  type SalesTotalsRow,
  type VenueScope,
} from '../../db/reports-dashboard.ts';
import type { Queryable } from '../../db/port.ts';
import { authorizeStaff, staffVenueScope } from '../access/staff-access.ts';
import type { Principal } from '../ports.ts';

/** How far back the season starts when the reader does not say: events of the last 30 days and all to come. */
export const DEFAULT_SEASON_DAYS = 30;

/** The venues a dashboard covers: the one asked for (checked), or all the reader may see (null: every venue). */
export function reportScope(principal: Principal | undefined, venueId: string | undefined): VenueScope {
  if (venueId) {
    authorizeStaff(principal, 'reports:read', venueId);
    return [venueId];
  }
  const scope = staffVenueScope(principal, 'reports:read');
  return scope === 'all' ? null : scope;
}

const figures = (rows: SalesTotalsRow[]) => ({
  orders: rows.reduce((sum, row) => sum + row.orders, 0),
  tickets: rows.reduce((sum, row) => sum + row.tickets, 0),
  revenue: rows.map((row) => ({ amount: Number(row.revenue), currency: row.currency })),
});

export async function readDashboard(
  db: Queryable,
  principal: Principal | undefined,
  query: DashboardQuery,
  now: Date,
): Promise<Dashboard> {
  const scope = reportScope(principal, query.venueId);
  const seasonFrom =
    query.seasonFrom ?? new Date(now.getTime() - DEFAULT_SEASON_DAYS * 86_400_000).toISOString().slice(0, 10);
  // The venue filter offers every venue the reader may read, whichever one the figures are of.
  const readable = staffVenueScope(principal, 'reports:read');
  const [venues, today, season, events, byHour, byDay, entries, failedJobs] = await Promise.all([
    reportVenues(db, readable === 'all' ? null : readable),
    salesPaidToday(db, scope, now),
    seasonSales(db, scope, seasonFrom),
    seasonEvents(db, scope, seasonFrom),
    salesTodayByHour(db, scope, now),
    seasonSalesByDay(db, scope, seasonFrom),
    entriesToday(db, scope, now),
    countDeadJobs(db, scope),
  ]);
  return {
    at: now.toISOString(),
    seasonFrom,
    venueId: query.venueId ?? null,
    venues,
    today: figures(today),
    season: figures(season),
    events: events.map((row) => ({
      eventId: row.id,
      name: row.name,
      venueId: row.venue_id,
      venueName: row.venue_name,
      timezone: row.timezone,
      startsAt: new Date(row.starts_at).toISOString(),
      status: row.status,
      sold: row.sold,
      capacity: row.capacity,
      revenue: Number(row.revenue) > 0 ? [{ amount: Number(row.revenue), currency: row.currency }] : [],
    })),
    salesToday: byHour,
    salesSeason: byDay,
    entries: entries.map((row) => ({
      eventId: row.event_id,
      name: row.name,
      gate: row.gate,
      admitted: row.admitted,
      expected: row.expected,
    })),
    failedJobs,
  };
}
