// Ticket transfers (issue 19): a buyer sends valid tickets to someone's email; the recipient accepts by the link in
// that email and gets new tickets (new codes, the same seats) in an order of their own; the old ones are
// `transferred`. The organizer's rules per event (allowed, until when, how often a place may move, same name only).
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';
import { Email, PersonName } from './identity.ts';
import { OrderLocale } from './orders.ts';

/** The organizer's rules for an event's transfers. */
export const TransferRules = z
  .object({
    allowed: z.boolean(),
    /** Transfers close this many hours before the event starts (0: until the start). */
    closeHoursBefore: z.int().min(0).max(8760),
    /** How many times one place may move from person to person. */
    maxTransfers: z.int().min(1).max(20),
    /** Only to a recipient of the buyer's own name (personalised tickets). */
    sameNameOnly: z.boolean(),
  })
  .strict();
export type TransferRules = z.infer<typeof TransferRules>;

export const CreateTransfer = z
  .object({
    ticketIds: z.array(Uuid).min(1).max(100),
    recipient: z.object({ email: Email, name: PersonName }).strict(),
    /** The language of the recipient's email (the sender's page's); the order's when left out. */
    locale: OrderLocale.optional(),
  })
  .strict()
  .refine((body) => new Set(body.ticketIds).size === body.ticketIds.length, {
    message: 'a ticket is listed twice',
    path: ['ticketIds'],
  });
export type CreateTransfer = z.infer<typeof CreateTransfer>;

export const TransferState = z.enum(['pending', 'accepted', 'cancelled']);

/** A transfer as its sender (and the venue's staff) sees it. */
export const Transfer = z.object({
  id: Uuid,
  orderId: Uuid,
  eventId: Uuid,
  ticketIds: z.array(Uuid),
  recipient: z.object({ email: z.string(), name: z.string() }),
  state: TransferState,
  channel: z.enum(['web', 'boxoffice']),
  createdAt: Timestamp,
  endedAt: Timestamp.nullable(),
});
export type Transfer = z.infer<typeof Transfer>;

/** An order's transfers and the rules its event follows now (`closesAt`: the last moment to send or accept). */
export const OrderTransfers = z.object({
  rules: TransferRules.extend({ closesAt: Timestamp }),
  transfers: z.array(Transfer),
});
export type OrderTransfers = z.infer<typeof OrderTransfers>;

/** What the recipient sees before accepting (by the link's token). */
export const ReceivedTransfer = z.object({
  id: Uuid,
  state: TransferState,
  eventId: Uuid,
  from: z.object({ name: z.string() }),
  recipient: z.object({ email: z.string(), name: z.string() }),
  places: z.array(z.object({ sectionId: z.string(), row: z.string().nullable(), number: z.string().nullable() })),
  sameNameOnly: z.boolean(),
  closesAt: Timestamp,
});
export type ReceivedTransfer = z.infer<typeof ReceivedTransfer>;

export const AcceptTransfer = z
  .object({
    /** The name the new tickets are held in; the one the sender gave when left out (and always, under same-name). */
    name: PersonName.optional(),
  })
  .strict();
export type AcceptTransfer = z.infer<typeof AcceptTransfer>;

/** The recipient's new order: its id and access token (a guest's way back; an account sees it under its orders). */
export const AcceptedTransfer = z.object({ orderId: Uuid, accessToken: z.string() });
export type AcceptedTransfer = z.infer<typeof AcceptedTransfer>;
