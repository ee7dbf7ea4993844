// Cancelling and postponing an event: what staff send, the cancellation's progress (one refund job a paid order),
// what a buyer sends to ask for their money back after a postponement, and the door's offline revocation list.
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

export const CancelEvent = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export type CancelEvent = z.infer<typeof CancelEvent>;

export const PostponeEvent = z
  .object({
    startsAt: Timestamp,
    /** Buyers may ask for their money back until then. */
    refundDeadline: Timestamp,
    reason: z.string().trim().min(3).max(500).optional(),
  })
  .strict();
export type PostponeEvent = z.infer<typeof PostponeEvent>;

export const CancellationProgress = z.object({
  eventId: Uuid,
  reason: z.string(),
  cancelledBy: z.string(),
  cancelledAt: Timestamp,
  /** Paid orders when the event was cancelled. */
  total: z.int(),
  /** Refunded through their payment provider. */
  refunded: z.int(),
  /** Paid in cash or on a card terminal: tickets void, the money still to be given back at the box office (once a
   * clerk records handing it back, the order counts as refunded). */
  atCounter: z.int(),
  /** Whose last attempt failed (the job retries with backoff; POST …/cancellation/retry runs them now). */
  failed: z.int(),
  pending: z.int(),
  /** Every order is refunded or sent to the counter. */
  done: z.boolean(),
  failures: z.array(
    z.object({ orderId: Uuid, orderCode: z.string(), attempts: z.int(), reason: z.string().nullable() }),
  ),
});
export type CancellationProgress = z.infer<typeof CancellationProgress>;

export const Postponement = z.object({
  eventId: Uuid,
  previousStartsAt: Timestamp,
  startsAt: Timestamp,
  refundDeadline: Timestamp,
  /** Orders whose buyers are written to. */
  notified: z.int(),
});
export type Postponement = z.infer<typeof Postponement>;

export const RetriedCancellation = z.object({ retried: z.int() });

/** The buyer's request for their money back after a postponement (before its deadline). */
/** A buyer's refund request: the whole order (every valid ticket) or chosen tickets. After a postponement, until its
 * deadline, the whole order is refunded in full; otherwise the event's refund policy decides. */
export const RefundRequest = z
  .object({
    reason: z.string().trim().max(500).optional(),
    ticketIds: z.array(Uuid).min(1).max(100).optional(),
  })
  .strict()
  .refine((body) => !body.ticketIds || new Set(body.ticketIds).size === body.ticketIds.length, {
    message: 'a ticket is listed twice',
    path: ['ticketIds'],
  });
export type RefundRequest = z.infer<typeof RefundRequest>;

/** Tickets of a venue's coming events that are not to be let in, for a door that checks offline. */
export const TicketRevocations = z.object({
  venueId: Uuid,
  generatedAt: Timestamp,
  tickets: z.array(
    z.object({ id: Uuid, eventId: Uuid, reason: z.enum(['refunded', 'void', 'event_cancelled', 'transferred']) }),
  ),
});
export type TicketRevocations = z.infer<typeof TicketRevocations>;

/** The box office hands back the money of a cancelled event's order paid there: cash from the drawer, or a refund
 * made on the card terminal first (its reference). */
export const CounterHandBack = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash') }).strict(),
  z.object({ method: z.literal('card_terminal'), terminalReference: z.string().trim().min(1).max(100) }).strict(),
]);
export type CounterHandBack = z.infer<typeof CounterHandBack>;
