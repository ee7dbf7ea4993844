// The on-sale waiting room (issue 20): an event's queue settings (the organizer's), the challenge a browser solves to
// join, the signed queue ticket it keeps (its place; no row per waiting buyer), the one small state document per event
// that everyone polls (CDN-cacheable: how far admission has reached), and the admission token holds and orders of a
// queued event require.
//
// How a buyer goes through (see docs/ARCHITECTURE.md, "The on-sale"):
//   1. GET  queueChallenge   → a challenge shared by everyone for a few seconds (cacheable), with its difficulty.
//   2. POST queueJoin        → solves it (proof of work) and joins with a random session id of its own: the answer is
//                              the signed ticket (kept in the browser: a reload keeps the place). Before the opening
//                              the place is not known yet (arrivals before it are shuffled when it opens).
//   3. GET  queueState       → polled every few seconds (the CDN answers most): opening, how many arrived before it,
//                              and `admittedThrough`: every place up to it may be admitted now.
//   4. POST queueAdmission   → with the ticket (and a presale code, if any): before the opening, or while the place is
//                              not yet reached, 409 `not_admitted_yet` with the place (Retry-After); once reached, the
//                              admission token, bound to the ticket's session and the event, good for `tokenMinutes`.
//   5. holds and orders of a queued event carry it in `X-Queue-Admission` and the session in `X-Queue-Session`.
// Kiosks and box offices (their own channels) never queue.
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

/** What a proof of work may ask: leading zero bits of SHA-256(challenge ":" session ":" nonce). */
export const QUEUE_MAX_CHALLENGE_BITS = 24;

export const QueueSettings = z
  .object({
    enabled: z.boolean(),
    /** When admission starts. Everyone who arrives before it gets a random place among them when it opens. */
    opensAt: Timestamp,
    /** Buyers admitted per minute; null: as fast as the inventory drains (the system admits while seats are free). */
    admissionPerMinute: z.int().min(1).max(1_000_000).nullable(),
    /** `verified_account`: joining needs a signed-in account with a verified email, and gives it one place only. */
    onePlacePer: z.enum(['session', 'verified_account']),
    /** The proof of work asked at joining (0: none). 16 bits ≈ 65,000 hashes: a fraction of a second in a browser. */
    challengeBits: z.int().min(0).max(QUEUE_MAX_CHALLENGE_BITS),
    /** How long an admission token lets its buyer hold and buy. */
    tokenMinutes: z.int().min(1).max(120),
  })
  .strict();
export type QueueSettings = z.infer<typeof QueueSettings>;

/** The admin's view: the settings, and the queue as it stands (null when it never ran). */
export const QueueAdminView = z.object({
  eventId: Uuid,
  settings: QueueSettings.nullable(),
  state: z.lazy(() => QueueState).nullable(),
});
export type QueueAdminView = z.infer<typeof QueueAdminView>;

/** A buyer's own id in the queue: random, made in the browser and kept with its ticket (base64url, 16–64 chars). */
export const QueueSession = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'a random id of 16 to 64 letters, digits, - or _');

export const QueueChallenge = z.object({
  eventId: Uuid,
  /** Opaque and signed; good until `expiresAt`. */
  challenge: z.string(),
  bits: z.int().min(0).max(QUEUE_MAX_CHALLENGE_BITS),
  expiresAt: Timestamp,
});
export type QueueChallenge = z.infer<typeof QueueChallenge>;

export const JoinQueue = z
  .object({
    session: QueueSession,
    challenge: z.string().min(1).max(512),
    /** The nonce that solves the challenge for this session (decimal digits). */
    nonce: z.string().regex(/^[0-9]{1,20}$/, 'decimal digits'),
  })
  .strict();
export type JoinQueue = z.infer<typeof JoinQueue>;

/** The buyer's place, signed: kept by the browser, shown again on every admission request. */
export const QueueTicket = z.object({
  eventId: Uuid,
  /** Opaque and signed (the event, a hash of the session — never the session —, the arrival number, when it was
   * issued, and the account in verified_account mode). */
  ticket: z.string(),
  /** The place in line; null for an arrival before the opening until it opens (then ask queueAdmission for it). */
  place: z.int().min(1).nullable(),
  joinedAt: Timestamp,
});
export type QueueTicket = z.infer<typeof QueueTicket>;

/** The one document per event everyone polls: the same for every buyer, cacheable for `maxAgeSeconds`. */
export const QueueState = z.object({
  eventId: Uuid,
  /** Rises with every change of the document. */
  version: z.int().min(0),
  opensAt: Timestamp,
  open: z.boolean(),
  /** How many arrived before the opening (shuffled among themselves): null until it opens. */
  arrivedBeforeOpening: z.int().min(0).nullable(),
  /** Places 1..admittedThrough may be admitted now. */
  admittedThrough: z.int().min(0),
  /** About how many joined so far. */
  joined: z.int().min(0),
  /** The recent admission rate, for the buyer's estimate (places a minute; null before any). */
  admittingPerMinute: z.number().min(0).nullable(),
  /** The event sold out: no one else will be admitted. */
  soldOut: z.boolean(),
  updatedAt: Timestamp,
  /** How long a copy may be served (the CDN's and the browser's). */
  maxAgeSeconds: z.int().min(0),
});
export type QueueState = z.infer<typeof QueueState>;

export const RequestAdmission = z
  .object({
    ticket: z.string().min(1).max(1024),
    /** A presale code, applied at admission: the token carries it, and holds of its bearer sell its tiers. */
    presaleCode: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
export type RequestAdmission = z.infer<typeof RequestAdmission>;

export const Admission = z.object({
  eventId: Uuid,
  place: z.int().min(1),
  /** Signed and short-lived: send it as X-Queue-Admission (and the session as X-Queue-Session). */
  token: z.string(),
  expiresAt: Timestamp,
});
export type Admission = z.infer<typeof Admission>;

/** The problem types of the waiting room (the last segment of problem+json `type`). */
export const QUEUE_PROBLEMS = {
  /** 428: a hold or order of a queued event came without an admission token. */
  admissionRequired: 'admission_required',
  /** 403: the token is not ours, for another event, for another session, or tampered with. */
  admissionInvalid: 'admission_invalid',
  /** 403: the token's time is up (join again: the place is kept by the ticket). */
  admissionExpired: 'admission_expired',
  /** 409: the place is not reached yet (the body has `place`; Retry-After says when to ask again). */
  notAdmittedYet: 'not_admitted_yet',
  /** 400: the proof of work does not solve the challenge, or the challenge is stale. */
  challengeFailed: 'challenge_failed',
  /** 403: the ticket is not ours, for another event, or tampered with. */
  ticketInvalid: 'queue_ticket_invalid',
  /** 404: the event has no waiting room. */
  noQueue: 'no_queue',
} as const;
