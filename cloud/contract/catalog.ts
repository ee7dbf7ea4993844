// Venues, events, price tiers and the availability snapshot.
import { z } from 'zod';
import { Money, Timestamp, Uuid } from './common.ts';
import { EventPrices } from './commerce-api.ts';

export const EventStatus = z.enum(['draft', 'on_sale', 'paused', 'cancelled']);
export type EventStatus = z.infer<typeof EventStatus>;

/**
 * What the door takes for the event's tickets (cloud/domain/tickets/README.md): `static` codes only (the default);
 * `rotating` (phones show rotating codes, static codes still admitted); `rotating_only` (a static code is refused
 * unless the ticket was printed or sold at a counter; wallet passes are not offered).
 */
export const CodePolicy = z.enum(['static', 'rotating', 'rotating_only']);
export type CodePolicy = z.infer<typeof CodePolicy>;

/** A venue's brand colour, `#rrggbb`. */
export const BrandColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb')
  .transform((color) => color.toLowerCase());

export const Venue = z.object({
  id: Uuid,
  name: z.string(),
  city: z.string(),
  timezone: z.string(),
  /** The venue's colour (`#rrggbb`) for the shop, kiosk, emails and tickets; null: TicketBoss's own. */
  brandColor: z.string().nullable(),
  /** The logo's same-origin address (versioned by its content: cache it for good), or null. */
  logoUrl: z.string().nullable(),
  /** The street address in one line, for directions. */
  address: z.string().nullable(),
});
export type Venue = z.infer<typeof Venue>;

export const CreateVenue = z.object({
  name: z.string().trim().min(1).max(120),
  city: z.string().trim().min(1).max(120),
  timezone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
  /** Shown with white text on it, so it must contrast with white at 4.5:1 or more (checked by the API). */
  brandColor: BrandColor.nullable().optional(),
  address: z.string().trim().min(1).max(300).nullable().optional(),
});
export type CreateVenue = z.infer<typeof CreateVenue>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const PriceTier = z.object({
  id: Uuid,
  name: z.string(),
  price: Money,
  color: z.string(),
  /** 0 is the best tier; best-available tries better tiers first. */
  rank: z.int(),
});
export type PriceTier = z.infer<typeof PriceTier>;

export const EventSummary = z.object({
  id: Uuid,
  name: z.string(),
  startsAt: Timestamp,
  /** When the doors open, before the start; null when not given. */
  doorsAt: Timestamp.nullable(),
  status: EventStatus,
  /** Which ticket codes the door takes: the phone shows a rotating code unless `static`. */
  codePolicy: CodePolicy,
  venue: Venue,
  priceRange: z.object({ min: Money, max: Money }).nullable(),
  onSaleFrom: Timestamp,
  onSaleUntil: Timestamp,
});
export type EventSummary = z.infer<typeof EventSummary>;

export const EventDetail = EventSummary.extend({
  description: z.string(),
  seatmapId: Uuid,
  perOrderLimit: z.int(),
  holdTtlSeconds: z.int(),
  currency: z.string(),
  tiers: z.array(PriceTier),
  /** Seat → tier as runs in seat-map order: [firstSeatIndex, seatCount, tierIndex into `tiers`]. */
  seatTiers: z.array(z.tuple([z.int(), z.int(), z.int()])),
  ga: z.array(z.object({ sectionId: z.string(), tierId: Uuid, capacity: z.int() })),
  /** Each tier's ticket types and prices; tiers sold only with a presale code appear only with such a code. */
  prices: EventPrices,
  /** The on-sale (issue 20): the event's waiting room when it has one turned on (absent or null: none). */
  waitingRoom: z.object({ opensAt: Timestamp }).nullable().optional(),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const EventQuery = z
  .object({ presaleCode: z.string().trim().min(1).max(60).optional().describe('Shows the tiers it unlocks') })
  .strict();

export const EventList = z.object({ events: z.array(EventSummary) });

export const SeatStatus = z.enum(['available', 'held', 'sold', 'unavailable']);
export type SeatStatus = z.infer<typeof SeatStatus>;
/** The 2-bit code of each status in the packed snapshot. */
export const SEAT_STATUS_CODES: readonly SeatStatus[] = ['available', 'held', 'sold', 'unavailable'];

export const Availability = z.object({
  eventId: Uuid,
  seatmapId: Uuid,
  seatCount: z.int(),
  /** 2 bits a seat in seat-map order, 4 seats a byte, low bits first; codes as in `statusCodes`. */
  encoding: z.literal('status2-le-base64'),
  statusCodes: z.array(SeatStatus),
  statuses: z.string(),
  tiers: z.array(z.object({ tierId: Uuid, available: z.int(), held: z.int(), sold: z.int() })),
  ga: z.array(z.object({ sectionId: z.string(), capacity: z.int(), remaining: z.int() })),
  generatedAt: Timestamp,
});
export type Availability = z.infer<typeof Availability>;

export const TierInput = z.object({
  name: z.string().trim().min(1).max(60),
  price: Money,
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  /** Sections whose seats (or standing places) are sold at this tier. */
  sectionIds: z.array(z.string().min(1).max(40)).max(2_000).default([]),
  /** Individual seats, overriding their section's tier. */
  seatIds: z.array(z.string().min(1).max(64)).max(250_000).default([]),
});

export const CreateEvent = z
  .object({
    name: z.string().trim().min(1).max(160),
    description: z.string().max(4_000).default(''),
    seatmapId: Uuid,
    startsAt: Timestamp,
    /** When the doors open: before the start. */
    doorsAt: Timestamp.nullable().optional(),
    onSaleFrom: Timestamp,
    onSaleUntil: Timestamp,
    perOrderLimit: z.int().min(1).max(100).default(10),
    holdTtlSeconds: z
      .int()
      .min(5)
      .max(7 * 24 * 3600)
      .default(600),
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** Which ticket codes the door takes; `static` when left out. */
    codePolicy: CodePolicy.optional(),
    /** Best tier first. Every seat and GA section must end up in exactly one tier. */
    tiers: z.array(TierInput).min(1).max(20),
  })
  .refine((event) => Date.parse(event.onSaleFrom) < Date.parse(event.onSaleUntil), {
    message: 'onSaleFrom must be before onSaleUntil',
    path: ['onSaleUntil'],
  })
  .refine((event) => !event.doorsAt || Date.parse(event.doorsAt) < Date.parse(event.startsAt), {
    message: 'the doors open before the start',
    path: ['doorsAt'],
  })
  .refine((event) => event.tiers.every((tier) => tier.price.currency === event.currency), {
    message: 'every tier is priced in the event currency',
    path: ['tiers'],
  });
export type CreateEvent = z.infer<typeof CreateEvent>;

export const SetEventStatus = z.object({ status: EventStatus });
