// The back office's reports: a venue's sales by day, tier, channel or seller; an event's door check-ins; the shift
// reports of every box office of a venue over a range of days. Each checks `reports:read` on the object's venue;
// days are the venue's.
import type { CheckInReport, SalesReport, SalesReportQuery, ShiftList, ShiftListQuery } from '../../contract/index.ts';
import { sellerTotals } from '../../db/reports.ts';
import {
  checkInsByGateAndHour,
  countValidTickets,
  findVenueZone,
  salesByGroup,
  shiftSellerDays,
  type VenueZoneRow,
} from '../../db/reports-sales.ts';
import type { Queryable } from '../../db/port.ts';
import { DomainError } from '../../domain/errors.ts';
import { daysBetween } from '../../domain/reports/zoned-time.ts';
import { authorizeStaff, eventFor } from '../access/staff-access.ts';
import type { Principal } from '../ports.ts';

/** A report's range of days: `to` not before `from`, at most `maxDays` long. */
export function checkDayRange(range: { from: string; to: string }, maxDays: number): void {
  const days = daysBetween(range.from, range.to);
  if (days < 0) throw new DomainError('validation_failed', 'to: the last day is before the first.', { field: 'to' });
  if (days >= maxDays) {
    throw new DomainError('validation_failed', `to: at most ${maxDays} days at a time.`, { field: 'to' });
  }
}

/** The venue, once the principal may read its reports; not_found for a venue that is not there or not theirs. */
export async function readableVenue(
  db: Queryable,
  principal: Principal | undefined,
  venueId: string,
): Promise<VenueZoneRow> {
  authorizeStaff(principal, 'reports:read', venueId);
  const venue = await findVenueZone(db, venueId);
  if (!venue) throw new DomainError('not_found', 'No such venue.');
  return venue;
}

export async function salesReport(
  db: Queryable,
  principal: Principal | undefined,
  query: SalesReportQuery,
): Promise<SalesReport> {
  const venue = await readableVenue(db, principal, query.venueId);
  checkDayRange(query, 366);
  if (query.eventId) {
    // Another venue's event is as unknown here as anywhere else.
    const event = await eventFor(db, principal, 'reports:read', query.eventId);
    if (event.venue_id !== venue.id) throw new DomainError('not_found', 'No such event at this venue.');
  }
  const rows = await salesByGroup(db, { ...query, eventId: query.eventId ?? null }, query.groupBy);
  return {
    venueId: venue.id,
    timezone: venue.timezone,
    groupBy: query.groupBy,
    from: query.from,
    to: query.to,
    rows: rows.map((row) => {
      const gross = Number(row.gross);
      const refunded = Number(row.refunded);
      const voided = Number(row.voided);
      return {
        key: row.key,
        label: row.label,
        orders: row.orders,
        tickets: row.tickets,
        refundedTickets: row.refunded_tickets,
        voidTickets: row.void_tickets,
        gross: { amount: gross, currency: row.currency },
        refunded: { amount: refunded, currency: row.currency },
        voided: { amount: voided, currency: row.currency },
        net: { amount: gross - refunded - voided, currency: row.currency },
      };
    }),
  };
}

export async function checkInReport(
  db: Queryable,
  principal: Principal | undefined,
  eventId: string,
): Promise<CheckInReport> {
  const found = await eventFor(db, principal, 'reports:read', eventId);
  const event = { ...found, timezone: found.venue_timezone };
  const [rows, expected] = await Promise.all([checkInsByGateAndHour(db, eventId), countValidTickets(db, eventId)]);
  const gates = new Map<string, number>();
  for (const row of rows) gates.set(row.gate, (gates.get(row.gate) ?? 0) + row.admitted);
  return {
    eventId,
    name: event.name,
    timezone: event.timezone,
    expected,
    admitted: rows.reduce((sum, row) => sum + row.admitted, 0),
    byGate: [...gates].sort(([a], [b]) => a.localeCompare(b)).map(([gate, admitted]) => ({ gate, admitted })),
    byHour: rows,
  };
}

export async function shiftList(
  db: Queryable,
  principal: Principal | undefined,
  query: ShiftListQuery,
): Promise<ShiftList> {
  const venue = await readableVenue(db, principal, query.venueId);
  checkDayRange(query, 31);
  const sellerDays = await shiftSellerDays(db, query);
  const shifts: ShiftList['shifts'] = [];
  // One shift report per seller and day: the box office's own report (db/reports.ts) over that day.
  for (const shift of sellerDays) {
    const from = new Date(shift.day_start);
    const to = new Date(shift.day_end);
    const rows = await sellerTotals(db, shift.seller, from, to, venue.id);
    shifts.push({
      day: shift.day,
      seller: shift.seller,
      sellerLabel: shift.label,
      from: from.toISOString(),
      to: to.toISOString(),
      lines: rows.map((row) => ({
        method: row.method as ShiftList['shifts'][number]['lines'][number]['method'],
        orders: row.orders,
        tickets: row.tickets,
        taken: { amount: row.taken, currency: row.currency },
        refunds: row.refunds,
        refunded: { amount: row.refunded, currency: row.currency },
        net: { amount: row.taken - row.refunded, currency: row.currency },
      })),
    });
  }
  return { venueId: venue.id, timezone: venue.timezone, shifts };
}
