// The live seat view for large events (issue 20): versioned, immutable delta documents that a CDN can cache, polled
// by the shop instead of a WebSocket. Each second in which an event's seats or standing places changed becomes one
// document listing those changes (per seat the newest status and version; per standing section the places left),
// numbered by a per-event counter and naming the one before it, so a client that knows version v and reads head h
// fetches exactly v+1 … h (in parallel: each address is known) and applies them in order.
//   GET liveHead                 → LiveHead (cacheable for a second)
//   GET liveDelta (…/:version)   → LiveDelta (immutable); 410 `live_delta_gone` once it left the kept window (the
//                                  client then reads the availability snapshot again), 404 for a version not yet made.
// The availability snapshot carries `liveVersion`: the head it is current to (read before the seats were).
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';
import { GaChange, SeatChange } from './live.ts';

/** How long a head may be kept (by the CDN and the browser): a second. */
export const LIVE_HEAD_CACHE = 'public, max-age=1';
/** A document never changes once written: kept a year. */
export const LIVE_DELTA_CACHE = 'public, max-age=31536000, immutable';

/** A version: positive, growing by one per document of the event. */
export const LiveVersion = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

export const LiveHead = z.object({
  eventId: Uuid,
  /** The newest document's version; 0 (or the start of this writer's numbering, less one) when none was made yet. */
  version: LiveVersion,
  /** The oldest version still served: a client further behind reads the snapshot again instead. */
  oldest: LiveVersion,
  generatedAt: Timestamp,
});
export type LiveHead = z.infer<typeof LiveHead>;

export const LiveDelta = z.object({
  eventId: Uuid,
  version: LiveVersion,
  /** The version before this one (version − 1): a client holding it may apply this document. */
  previous: LiveVersion,
  /** The second (UTC) whose changes this document holds. */
  at: Timestamp,
  changes: z.array(SeatChange),
  ga: z.array(GaChange).optional(),
});
export type LiveDelta = z.infer<typeof LiveDelta>;
