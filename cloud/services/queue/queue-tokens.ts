// The waiting room's signed strings, all HMAC-SHA256 under keys derived from the server secret (one per purpose):
// the challenge (shared by everyone for a few seconds, so the CDN can cache it), the queue ticket (the buyer's arrival:
// no row per waiting buyer) and the admission token (short-lived, bound to the event and the buyer's session). Each
// is `<base64url JSON>.<mac>`; a wrong mac, purpose or shape reads as null, compared in constant time. The payload is
// readable, so tickets and admissions carry only the SHA-256 of the session, never the session: the session stays a
// second secret the buyer sends beside the token (X-Queue-Session). A verified_account queue's also carry the
// account's subject, which the gate matches against the bearer.
import { createHash, createHmac } from 'node:crypto';
import type { PermutationKey } from '../../domain/queue/permutation.ts';
import { deriveToken, sameToken } from '../access/derived-tokens.ts';

/** How long a challenge window lasts (everyone in it gets the same challenge). */
export const CHALLENGE_WINDOW_MS = 5_000;
/** How old a challenge may be when it is used to join. */
export const CHALLENGE_MAX_AGE_MS = 120_000;

/** The SHA-256 of a queue session (base64url): what tickets and admissions carry in its place. */
export const sessionHash = (session: string): string => createHash('sha256').update(session).digest('base64url');

export interface TicketClaims {
  eventId: string;
  sessionHash: string;
  /** The account's subject in a verified_account queue; null otherwise. */
  account: string | null;
  arrival: number;
  issuedAt: number;
}

export interface AdmissionClaims {
  eventId: string;
  sessionHash: string;
  /** The account's subject in a verified_account queue (the gate wants its bearer); null otherwise. */
  account: string | null;
  place: number;
  expiresAt: number;
  presaleCodeId: string | null;
}

export interface ChallengeClaims {
  eventId: string;
  windowStart: number;
  bits: number;
}

type Purpose = 'queue-ticket' | 'queue-admission' | 'queue-challenge';

export class QueueTokens {
  private readonly keys: Record<Purpose | 'queue-permutation', Buffer>;

  constructor(secret: Buffer) {
    const derive = (purpose: string) => createHmac('sha256', secret).update(`derive:${purpose}`).digest();
    this.keys = {
      'queue-ticket': derive('queue-ticket'),
      'queue-admission': derive('queue-admission'),
      'queue-challenge': derive('queue-challenge'),
      'queue-permutation': derive('queue-permutation'),
    };
  }

  /** The event's permutation key (the order of the arrivals before the opening): the same in every process. */
  permutationKey(eventId: string): PermutationKey {
    const bytes = createHmac('sha256', this.keys['queue-permutation']).update(eventId).digest();
    return [bytes.readUInt32BE(0), bytes.readUInt32BE(4), bytes.readUInt32BE(8), bytes.readUInt32BE(12)];
  }

  ticket(claims: Omit<TicketClaims, 'sessionHash'> & { session: string }): string {
    const { eventId: e, account: a, arrival: n, issuedAt: t } = claims;
    return this.sign('queue-ticket', { e, h: sessionHash(claims.session), a, n, t });
  }

  readTicket(token: string): TicketClaims | null {
    const body = this.open('queue-ticket', token);
    if (!body || !isString(body.e) || !isString(body.h) || !isCount(body.n) || !isCount(body.t)) return null;
    if (body.a !== null && !isString(body.a)) return null;
    return { eventId: body.e, sessionHash: body.h, account: body.a, arrival: body.n, issuedAt: body.t };
  }

  admission(claims: AdmissionClaims): string {
    return this.sign('queue-admission', {
      e: claims.eventId,
      h: claims.sessionHash,
      a: claims.account,
      p: claims.place,
      x: claims.expiresAt,
      c: claims.presaleCodeId,
    });
  }

  readAdmission(token: string): AdmissionClaims | null {
    const body = this.open('queue-admission', token);
    if (!body || !isString(body.e) || !isString(body.h) || !isCount(body.p) || !isCount(body.x)) return null;
    if ((body.c !== null && !isString(body.c)) || (body.a !== null && !isString(body.a))) return null;
    const { e: eventId, h: hash, a: account, p: place, x: expiresAt, c: presaleCodeId } = body;
    return { eventId, sessionHash: hash, account, place, expiresAt, presaleCodeId };
  }

  /** The challenge of the window `now` falls in: the same string for every caller until the window ends. */
  challenge(eventId: string, bits: number, now: number): ChallengeClaims & { challenge: string } {
    const windowStart = now - (now % CHALLENGE_WINDOW_MS);
    return {
      eventId,
      windowStart,
      bits,
      challenge: this.sign('queue-challenge', { e: eventId, w: windowStart, b: bits }),
    };
  }

  readChallenge(token: string): ChallengeClaims | null {
    const body = this.open('queue-challenge', token);
    if (!body || !isString(body.e) || !isCount(body.w) || !isCount(body.b)) return null;
    return { eventId: body.e, windowStart: body.w, bits: body.b };
  }

  private sign(purpose: Purpose, body: Record<string, unknown>): string {
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${payload}.${this.mac(purpose, payload)}`;
  }

  private open(purpose: Purpose, token: string): Record<string, unknown> | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 1024) return null;
    const payload = token.slice(0, dot);
    if (!sameToken(token.slice(dot + 1), this.mac(purpose, payload))) return null;
    try {
      const body: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
    } catch {
      return null; // signed by us, so never malformed; read as not ours all the same
    }
  }

  private mac(purpose: Purpose, payload: string): string {
    return deriveToken(this.keys[purpose], purpose, payload);
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
