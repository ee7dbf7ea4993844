// The back office's seat management and orders: seats blocked or held back on an event (a kind and a note), standing
// places held back, and the organizer's order search, order page, email change and notes.
import { z } from 'zod';
import { Money, Timestamp, Uuid } from './common.ts';
import { Availability, EventDetail } from './catalog.ts';
import { Hold } from './holds.ts';
import { Order, OrderState } from './orders.ts';

/** Why seats are off sale: block (e.g. broken), kill (never sold: sightlines, camera), house seats, production holds. */
export const BLOCK_KINDS = ['block', 'kill', 'house', 'production'] as const;
export const BlockKind = z.enum(BLOCK_KINDS);
export type BlockKind = z.infer<typeof BlockKind>;

const SeatIds = z
  .array(z.string().min(1).max(64))
  .min(1)
  .max(5000)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'a seat is listed twice' });

export const BlockSeats = z
  .object({
    seatIds: SeatIds,
    kind: BlockKind,
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export type BlockSeats = z.infer<typeof BlockSeats>;

export const ReleaseSeats = z.object({ seatIds: SeatIds }).strict();
export type ReleaseSeats = z.infer<typeof ReleaseSeats>;

export const HoldBackPlaces = z
  .object({
    sectionId: z.string().min(1).max(64),
    quantity: z.int().min(1).max(100_000),
    kind: BlockKind,
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export type HoldBackPlaces = z.infer<typeof HoldBackPlaces>;

export const BlockedSeat = z.object({
  seatId: z.string(),
  sectionId: z.string(),
  row: z.string(),
  number: z.string(),
  kind: BlockKind,
  note: z.string(),
  blockedAt: Timestamp,
  blockedBy: z.string(),
});
export type BlockedSeat = z.infer<typeof BlockedSeat>;

export const PlacesHeldBack = z.object({
  id: Uuid,
  sectionId: z.string(),
  quantity: z.int(),
  kind: BlockKind,
  note: z.string(),
  createdAt: Timestamp,
  createdBy: z.string(),
});
export type PlacesHeldBack = z.infer<typeof PlacesHeldBack>;

/** An event's seats off sale and standing places held back, with the standing places still free per section. */
export const SeatBlocks = z.object({
  eventId: Uuid,
  seats: z.array(BlockedSeat),
  standing: z.array(PlacesHeldBack),
});
export type SeatBlocks = z.infer<typeof SeatBlocks>;

/** Everything the seat management screen shows of an event, drafts and paused events too. */
export const SeatManagementView = z.object({
  event: EventDetail,
  availability: Availability,
  blocks: SeatBlocks,
});
export type SeatManagementView = z.infer<typeof SeatManagementView>;

/** What a block, release or hold-back changed: the seats, or the section's places left. */
export const SeatBlockChange = z.object({
  seatIds: z.array(z.string()),
  /** Seats of a release that were not blocked (left as they were). */
  unchangedSeatIds: z.array(z.string()).optional(),
  standing: z.object({ sectionId: z.string(), remaining: z.int() }).optional(),
  holdbackId: Uuid.optional(),
});
export type SeatBlockChange = z.infer<typeof SeatBlockChange>;

/** Seats given to one of the venue's box office devices as its allotment (sold there, also offline). */
export const AssignAllotment = z.object({ deviceId: Uuid, seatIds: SeatIds }).strict();
export type AssignAllotment = z.infer<typeof AssignAllotment>;

export const EventAllotments = z.object({
  allotments: z.array(Hold.extend({ deviceId: Uuid.nullable(), deviceName: z.string().nullable() })),
  /** The venue's box offices an allotment can be given to. */
  boxOffices: z.array(z.object({ id: Uuid, name: z.string() })),
});
export type EventAllotments = z.infer<typeof EventAllotments>;

/**
 * A box office device's own allotments, each with when the counter may sell from it: the event's box-office sales
 * window, or its on-sale period when it sets none (the device refuses a sale outside it, offline too).
 */
export const BoxOfficeAllotment = Hold.extend({
  sellingWindow: z.object({ opensAt: Timestamp, closesAt: Timestamp }),
});
export type BoxOfficeAllotment = z.infer<typeof BoxOfficeAllotment>;
export const MyAllotments = z.object({ allotments: z.array(BoxOfficeAllotment) });
export type MyAllotments = z.infer<typeof MyAllotments>;

const Day = z.iso.date();

/** The organizer's order search: every filter optional and combined; newest first, a keyset page at a time. */
export const AdminOrderSearch = z
  .object({
    /** Words: a buyer's email, a part of the name, an order code (TB-…), a ticket's id or code. */
    q: z.string().trim().min(2).max(200).optional(),
    eventId: Uuid.optional(),
    state: OrderState.optional(),
    /** Placed on or after this day, and before the day after `to`: days of the order's venue (its time zone). */
    from: Day.optional(),
    to: Day.optional(),
    /** The `next` of the previous page. */
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'the first day is after the last',
    path: ['to'],
  });
export type AdminOrderSearch = z.infer<typeof AdminOrderSearch>;

export const AdminOrderRow = z.object({
  id: Uuid,
  code: z.string(),
  eventId: Uuid,
  eventName: z.string(),
  eventStartsAt: Timestamp,
  venueId: Uuid,
  /** The venue's time zone, to show times in. */
  venueTimezone: z.string(),
  state: OrderState,
  channel: z.enum(['web', 'kiosk', 'boxoffice']),
  buyer: z.object({ email: z.string(), name: z.string() }),
  total: Money,
  refunded: Money,
  tickets: z.int(),
  createdAt: Timestamp,
});
export type AdminOrderRow = z.infer<typeof AdminOrderRow>;

export const AdminOrderPage = z.object({
  orders: z.array(AdminOrderRow),
  /** Pass as `cursor` for the next page; null on the last. */
  next: z.string().nullable(),
});
export type AdminOrderPage = z.infer<typeof AdminOrderPage>;

export const OrderNote = z.object({
  id: Uuid,
  at: Timestamp,
  author: z.string(),
  text: z.string(),
});
export type OrderNote = z.infer<typeof OrderNote>;

export const AddOrderNote = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
export type AddOrderNote = z.infer<typeof AddOrderNote>;

export const OrderDelivery = z.object({
  kind: z.string(),
  recipient: z.string(),
  sentAt: Timestamp,
});

export const OrderHistoryEntry = z.object({
  id: Uuid,
  at: Timestamp,
  actor: z.string(),
  action: z.string(),
  summary: z.string(),
});

/** A ticket of the order passed on by transfer (its money is still here), and who holds its place now: the ticket to
 * choose for its refund here (by `ticketId`), and whether it can be (`refundable`: valid and not used at the door). */
export const PassedOnTicketHolder = z.object({
  ticketId: Uuid,
  holderTicketId: Uuid,
  holderOrderId: Uuid,
  holderOrderCode: z.string(),
  holder: z.object({ name: z.string(), email: z.string().nullable() }),
  refundable: z.boolean(),
});
export type PassedOnTicketHolder = z.infer<typeof PassedOnTicketHolder>;

/** The order page: the order as the API shows it, with where it is, what was sent, what staff did and noted. */
export const AdminOrder = z.object({
  order: Order,
  event: z.object({ id: Uuid, name: z.string(), startsAt: Timestamp, venueId: Uuid, timezone: z.string() }),
  deliveries: z.array(OrderDelivery),
  history: z.array(OrderHistoryEntry),
  notes: z.array(OrderNote),
  /** Its passed-on tickets with their holders now (none for most orders). */
  passedOn: z.array(PassedOnTicketHolder),
});
export type AdminOrder = z.infer<typeof AdminOrder>;

export const ChangeBuyerEmail = z
  .object({
    email: z.email().max(254),
    /** Send the tickets to the new address at once (a paid order). */
    resend: z.boolean().default(true),
  })
  .strict();
export type ChangeBuyerEmail = z.infer<typeof ChangeBuyerEmail>;

export const ResentTickets = z.object({ jobId: Uuid, recipient: z.string() });
export type ResentTickets = z.infer<typeof ResentTickets>;
