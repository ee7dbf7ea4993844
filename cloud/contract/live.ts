// The live seat view: messages over the WebSocket at /v1/live.
import { z } from 'zod';
import { Uuid } from './common.ts';
import { SeatStatus } from './catalog.ts';

export const LiveClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), eventId: Uuid }),
  z.object({ type: z.literal('unsubscribe'), eventId: Uuid }),
  z.object({ type: z.literal('ping') }),
]);
export type LiveClientMessage = z.infer<typeof LiveClientMessage>;

export const SeatChange = z.object({ seatId: z.string(), status: SeatStatus, version: z.int() });
export type SeatChange = z.infer<typeof SeatChange>;

export const GaChange = z.object({ sectionId: z.string(), remaining: z.int() });
export type GaChange = z.infer<typeof GaChange>;

/** Pushed after every committed change; a client keeps a seat change only if its version is newer. */
export const LiveChanges = z.object({
  type: z.literal('changes'),
  eventId: Uuid,
  changes: z.array(SeatChange),
  ga: z.array(GaChange).optional(),
});
export type LiveChanges = z.infer<typeof LiveChanges>;

export const LiveServerMessage = z.discriminatedUnion('type', [
  LiveChanges,
  /** Sent once the subscription is in place: every change committed after it is pushed, so a client reads its
   * snapshot after this answer (one read before it may miss a change made in between). */
  z.object({ type: z.literal('subscribed'), eventId: Uuid }),
  z.object({ type: z.literal('unsubscribed'), eventId: Uuid }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), code: z.string(), detail: z.string() }),
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessage>;

export { LIVE_CLOSE_IDLE } from './live-close.ts';
