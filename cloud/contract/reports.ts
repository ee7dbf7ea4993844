// The back office's dashboard, reports and exports: what staff with `reports:read` ask for and get back. Amounts are
// integer minor units with their currency; calendar dates (YYYY-MM-DD) and hours are the venue's own, so a day is
// the venue's day wherever the reader sits.
import { z } from 'zod';
import { Money, Timestamp } from './common.ts';
import { STORED_PAYMENT_METHODS } from './orders.ts';
import { SalesChannel } from './admin-catalog.ts';

const amountOrLess = z.int().min(-1_000_000_000_000).max(1_000_000_000_000);
/** A sum of money: one currency, possibly negative (net of refunds), possibly beyond one order's limit. */
export const MoneyTotal = z.object({ amount: amountOrLess, currency: Money.shape.currency });
export type MoneyTotal = z.infer<typeof MoneyTotal>;

export const SALES_CHANNELS = SalesChannel.options;

/** A calendar date, checked to exist (no 2027-02-30). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((text) => {
    const day = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
  }, 'no such date');

// --- dashboard -----------------------------------------------------------------------------------------------------

export const DashboardQuery = z.object({
  /** One venue only; every venue the reader may see when left out. */
  venueId: z.uuid().optional(),
  /** The season: events starting on or after this date (the venue's); 30 days before today when left out. */
  seasonFrom: CalendarDate.optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const SalesFigures = z.object({
  orders: z.int(),
  tickets: z.int(),
  /** What the orders brought in, per currency: paid less refunds and exchange credit given out (the sales report's net). */
  revenue: z.array(MoneyTotal),
});

export const Dashboard = z.object({
  /** When the figures were read (the server's clock). */
  at: Timestamp,
  seasonFrom: CalendarDate,
  /** The venue the figures are of; null: every venue the reader may read. */
  venueId: z.uuid().nullable(),
  /** Every venue the reader may read reports of (by name), whatever the figures are of: the venue filter's list. */
  venues: z.array(z.object({ id: z.uuid(), name: z.string(), timezone: z.string() })),
  /** Paid today, the venue's today. */
  today: SalesFigures,
  /** Paid for the season's events, whenever. */
  season: SalesFigures,
  events: z.array(
    z.object({
      eventId: z.uuid(),
      name: z.string(),
      venueId: z.uuid(),
      venueName: z.string(),
      /** The venue's time zone, to show the start in. */
      timezone: z.string(),
      startsAt: Timestamp,
      status: z.string(),
      /** Valid tickets: seats and standing places sold and not given back. */
      sold: z.int(),
      /** Seats of the map plus standing capacity. */
      capacity: z.int(),
      revenue: z.array(MoneyTotal),
    }),
  ),
  /** Today per hour of the venue's clock (0–23) and channel. */
  salesToday: z.array(z.object({ hour: z.int(), channel: SalesChannel, orders: z.int(), tickets: z.int() })),
  /** The season's events' sales per day (the venue's) and channel. */
  salesSeason: z.array(z.object({ day: CalendarDate, channel: SalesChannel, orders: z.int(), tickets: z.int() })),
  /** Events starting today (the venue's): who came in, per gate. */
  entries: z.array(
    z.object({ eventId: z.uuid(), name: z.string(), gate: z.string(), admitted: z.int(), expected: z.int() }),
  ),
  /** Background jobs parked after failing too often (for a venue manager: those of their venues' orders). */
  failedJobs: z.int(),
});
export type Dashboard = z.infer<typeof Dashboard>;

// --- reports -------------------------------------------------------------------------------------------------------

export const SALES_GROUPINGS = ['day', 'tier', 'channel', 'seller'] as const;

export const SalesReportQuery = z.object({
  venueId: z.uuid(),
  eventId: z.uuid().optional(),
  /** First and last day (both included) on which orders were paid, the venue's days; at most 366 days. */
  from: CalendarDate,
  to: CalendarDate,
  groupBy: z.enum(SALES_GROUPINGS),
});
export type SalesReportQuery = z.infer<typeof SalesReportQuery>;

export const SalesReport = z.object({
  venueId: z.uuid(),
  timezone: z.string(),
  groupBy: z.enum(SALES_GROUPINGS),
  from: CalendarDate,
  to: CalendarDate,
  /**
   * One row per group and currency. By tier the figures are tickets' face values (fees are the order's, not a
   * tier's); otherwise the orders' totals. `net` is `gross` less `refunded` and `voided`.
   */
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      orders: z.int(),
      tickets: z.int(),
      /** Tickets given back for money: refunded, or void by a cancellation that paid them back. */
      refundedTickets: z.int(),
      /** Tickets void otherwise: exchanged for another order, or cancelled with nothing given back. */
      voidTickets: z.int(),
      gross: MoneyTotal,
      /** Money given back (by tier: the face value of the refunded tickets). */
      refunded: MoneyTotal,
      /**
       * Value that went to other orders as exchange credit (by tier: the face value of the exchanged tickets). A ticket
       * cancelled whose money is not handed back yet is in `voidTickets`, its money still taken, in every grouping.
       */
      voided: MoneyTotal,
      net: MoneyTotal,
    }),
  ),
});
export type SalesReport = z.infer<typeof SalesReport>;

export const CheckInReport = z.object({
  eventId: z.uuid(),
  name: z.string(),
  timezone: z.string(),
  /** Valid tickets: who may still come in or came in. */
  expected: z.int(),
  admitted: z.int(),
  byGate: z.array(z.object({ gate: z.string(), admitted: z.int() })),
  /** Per hour of the venue's clock (`2027-05-12T19:00`) and gate. */
  byHour: z.array(z.object({ hour: z.string(), gate: z.string(), admitted: z.int() })),
});
export type CheckInReport = z.infer<typeof CheckInReport>;

export const ShiftListQuery = z.object({
  venueId: z.uuid(),
  /** First and last day, the venue's; at most 31 days. */
  from: CalendarDate,
  to: CalendarDate,
});
export type ShiftListQuery = z.infer<typeof ShiftListQuery>;

export const ShiftList = z.object({
  venueId: z.uuid(),
  timezone: z.string(),
  /** One per seller (a box-office machine, or a clerk selling without one) and day they sold or refunded. */
  shifts: z.array(
    z.object({
      day: CalendarDate,
      seller: z.string(),
      sellerLabel: z.string(),
      from: Timestamp,
      to: Timestamp,
      lines: z.array(
        z.object({
          method: z.enum(STORED_PAYMENT_METHODS),
          orders: z.int(),
          tickets: z.int(),
          taken: MoneyTotal,
          refunds: z.int(),
          refunded: MoneyTotal,
          net: MoneyTotal,
        }),
      ),
    }),
  ),
});
export type ShiftList = z.infer<typeof ShiftList>;

// --- exports -------------------------------------------------------------------------------------------------------

export const EXPORT_DATASETS = ['orders', 'tickets', 'attendees'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An export's rows: of one event (`eventId`), or of a venue's orders paid from one day to another. */
export const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS),
  eventId: z.uuid().optional(),
  venueId: z.uuid().optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});
export type ExportQuery = z.infer<typeof ExportQuery>;
