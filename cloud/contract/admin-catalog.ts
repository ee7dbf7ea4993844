// The back office's venues, seat-map versions and events: lists with filters, the edit forms' shapes, copies of an
// event (a duplicate, a series of dates) and its sales windows per channel.
import { z } from 'zod';
import { Money, Timestamp, Uuid } from './common.ts';
import { CodePolicy, CreateVenue, EventStatus, TierInput, Venue } from './catalog.ts';

export const VenueList = z.object({ venues: z.array(Venue) });
export type VenueList = z.infer<typeof VenueList>;

/** Only the fields sent change. */
export const UpdateVenue = CreateVenue.partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' });
export type UpdateVenue = z.infer<typeof UpdateVenue>;

export const SeatMapVersion = z.object({
  id: Uuid,
  venueId: Uuid,
  name: z.string(),
  version: z.int(),
  seatCount: z.int(),
  gaCapacity: z.int(),
  createdAt: Timestamp,
  /** The events built on this version (they keep it whatever versions come later). */
  events: z.array(z.object({ id: Uuid, name: z.string(), startsAt: Timestamp, status: EventStatus })),
});
export type SeatMapVersion = z.infer<typeof SeatMapVersion>;
export const SeatMapVersionList = z.object({ seatMaps: z.array(SeatMapVersion) });
export type SeatMapVersionList = z.infer<typeof SeatMapVersionList>;

export const SalesChannel = z.enum(['web', 'kiosk', 'boxoffice']);
export type SalesChannel = z.infer<typeof SalesChannel>;

export const SalesWindow = z
  .object({ channel: SalesChannel, opensAt: Timestamp, closesAt: Timestamp })
  .refine((window) => Date.parse(window.opensAt) < Date.parse(window.closesAt), {
    message: 'closes after it opens',
    path: ['closesAt'],
  });
export type SalesWindow = z.infer<typeof SalesWindow>;

/** A channel without a window sells in the event's on-sale period; a window narrows it for its channel. */
export const SalesWindows = z
  .object({ windows: z.array(SalesWindow).max(3) })
  .refine((body) => new Set(body.windows.map((w) => w.channel)).size === body.windows.length, {
    message: 'one window per channel',
    path: ['windows'],
  });
export type SalesWindows = z.infer<typeof SalesWindows>;

export const StaffEventQuery = z
  .object({
    status: EventStatus.optional(),
    venueId: Uuid.optional(),
    /** Events starting at or after. */
    from: Timestamp.optional(),
    /** Events starting before. */
    to: Timestamp.optional(),
    /** Words of the name or description. */
    q: z.string().trim().min(1).max(100).optional(),
    sort: z.enum(['soonest', 'newest']).default('soonest'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type StaffEventQuery = z.infer<typeof StaffEventQuery>;

export const StaffEventSummary = z.object({
  id: Uuid,
  name: z.string(),
  status: EventStatus,
  startsAt: Timestamp,
  onSaleFrom: Timestamp,
  onSaleUntil: Timestamp,
  venue: z.object({ id: Uuid, name: z.string(), timezone: z.string() }),
  seatmapId: Uuid,
  currency: z.string(),
  createdAt: Timestamp,
});
export type StaffEventSummary = z.infer<typeof StaffEventSummary>;

export const StaffEventList = z.object({
  events: z.array(StaffEventSummary),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
export type StaffEventList = z.infer<typeof StaffEventList>;

/** A tier as the edit form shows it: its sections, and the seats it takes out of other tiers' sections. */
export const StaffTier = z.object({
  id: Uuid,
  name: z.string(),
  price: Money,
  color: z.string(),
  rank: z.int(),
  sectionIds: z.array(z.string()),
  seatIds: z.array(z.string()),
});
export type StaffTier = z.infer<typeof StaffTier>;

/** Everything the event's edit form needs (prices per ticket type, fees and refund policy have their own routes). */
export const StaffEvent = StaffEventSummary.extend({
  description: z.string(),
  /** When the doors open, or null. */
  doorsAt: Timestamp.nullable(),
  perOrderLimit: z.int(),
  holdTtlSeconds: z.int(),
  codePolicy: CodePolicy,
  seatmap: z.object({ id: Uuid, name: z.string(), version: z.int() }),
  tiers: z.array(StaffTier),
  salesWindows: z.array(SalesWindow),
});
export type StaffEvent = z.infer<typeof StaffEvent>;

/** Only the fields sent change; the dates are checked together with the ones kept. */
export const UpdateEvent = z
  .object({
    name: z.string().trim().min(1).max(160),
    description: z.string().max(4_000),
    startsAt: Timestamp,
    /** When the doors open (before the start); null removes it. */
    doorsAt: Timestamp.nullable(),
    onSaleFrom: Timestamp,
    onSaleUntil: Timestamp,
    perOrderLimit: z.int().min(1).max(100),
    holdTtlSeconds: z
      .int()
      .min(5)
      .max(7 * 24 * 3600),
    /** Which ticket codes the door takes (see CodePolicy). */
    codePolicy: CodePolicy,
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' });
export type UpdateEvent = z.infer<typeof UpdateEvent>;

/** A draft's tiers replaced (and, for a draft only, its seat map): every seat and standing section in one tier. */
export const SetEventTiers = z.object({
  seatmapId: Uuid.optional(),
  tiers: z.array(TierInput).min(1).max(20),
});
export type SetEventTiers = z.infer<typeof SetEventTiers>;

/** A new draft like the event: its tiers, prices, fees, refund policy and sales windows, moved to a new start. */
export const DuplicateEvent = z
  .object({ name: z.string().trim().min(1).max(160).optional(), startsAt: Timestamp.optional() })
  .strict();
export type DuplicateEvent = z.infer<typeof DuplicateEvent>;

/** Drafts like the template event, one per start (e.g. every Friday for ten weeks), made in one transaction. */
export const CreateEventSeries = z
  .object({ startsAt: z.array(Timestamp).min(1).max(104) })
  .strict()
  .refine((body) => new Set(body.startsAt.map((at) => Date.parse(at))).size === body.startsAt.length, {
    message: 'each date once',
    path: ['startsAt'],
  });
export type CreateEventSeries = z.infer<typeof CreateEventSeries>;

export const EventSeries = z.object({ events: z.array(StaffEventSummary) });
export type EventSeries = z.infer<typeof EventSeries>;
