// Errors a caller can act on: a stable code, a human detail, and what went wrong where.
import type { CommerceErrorCode } from '../contract/index.ts';

export type ErrorCode =
  /** The commerce rules' codes (ticket types, codes, refunds: contract/commerce.ts). */
  | CommerceErrorCode
  /** A live promo or presale code of the venue already has this text. */
  | 'code_taken'
  | 'validation_failed'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  /** live deltas (issue 20): a delta document older than the kept window: read the snapshot again. */
  | 'live_delta_gone'
  | 'method_not_allowed'
  | 'unauthorized'
  | 'forbidden'
  | 'seats_unavailable'
  | 'no_adjacent_seats'
  | 'ga_unavailable'
  | 'event_not_on_sale'
  | 'order_limit_exceeded'
  | 'hold_expired'
  | 'hold_not_active'
  | 'hold_already_extended'
  | 'seatmap_invalid'
  | 'event_invalid'
  | 'contention'
  | 'conflict'
  | 'order_state_conflict'
  | 'payment_declined'
  | 'payment_unavailable'
  | 'idempotency_key_required'
  | 'idempotency_key_reused'
  | 'request_in_progress'
  | 'rate_limited'
  | 'invalid_credentials'
  | 'email_taken'
  /** accounts: guest orders are claimed only by an account whose email is proven (a mailed link opened). */
  | 'email_unverified'
  // waitlist
  | 'waitlist_not_sold_out'
  | 'waitlist_quantity_out_of_range'
  | 'waitlist_email_invalid'
  | 'waitlist_already_joined'
  | 'waitlist_offer_expired'
  | 'event_cancelled'
  | 'refund_deadline_passed'
  | 'no_refund_offer'
  // rotating codes
  /** The ticket is bound to another phone's key (staff re-key it for a new phone). */
  | 'ticket_bound_elsewhere'
  // transfer (issue 19)
  /** The event's organizer does not allow transfers. */
  | 'transfer_not_allowed'
  /** Too close to the event: transfers closed (`deadline` says when). */
  | 'transfer_closed'
  /** A ticket has moved as often as the event allows. */
  | 'transfer_limit_reached'
  /** The event transfers only to a recipient of the buyer's name. */
  | 'transfer_name_mismatch'
  /** A ticket that is not valid, already used, or already in a pending transfer. */
  | 'ticket_not_transferable'
  /** The transfer was accepted or cancelled already. */
  | 'transfer_not_pending'
  /** Staff asked to refund or cancel a recipient's order: its money is with the original order (`originalOrderId`). */
  | 'refund_at_original_order'
  /** A whole-order refund or cancellation of an order some of whose tickets were passed on (they are another's now). */
  | 'order_has_transferred_tickets'
  /** A passed-on ticket named for a refund whose holder was already let in at the door. */
  | 'ticket_already_used'
  // admin: events
  /** A hold through a channel (web, kiosk, box office) outside the event's sales window for that channel. */
  | 'sales_window_closed'
  // admin: exports
  /** A signed download link of an export followed after its time. */
  | 'download_link_expired'
  // the on-sale (issue 20): the waiting room (contract/queue.ts, QUEUE_PROBLEMS)
  /** A hold or order of a queued event came without an admission token. */
  | 'admission_required'
  /** The admission token is for another event or session, or tampered with. */
  | 'admission_invalid'
  /** The admission token's time is up. */
  | 'admission_expired'
  /** The buyer's place is not reached yet (`place`, `admittedThrough`, Retry-After). */
  | 'not_admitted_yet'
  | 'admission_basket_full'
  /** The proof of work does not solve the challenge, or the challenge is stale or not ours. */
  | 'challenge_failed'
  /** The queue ticket is not ours, for another event, or tampered with. */
  | 'queue_ticket_invalid'
  /** The event has no waiting room. */
  | 'no_queue'
  // boundary
  /** A value the database refused (a NUL, text too long, a number out of range…) that the boundary let through. */
  | 'invalid_value'
  /** The database has no room for the request right now (too many connections, starting up): 503, Retry-After. */
  | 'overloaded'
  /** Our fault, never the caller's: logged, and answered without internals. */
  | 'internal';

export interface ErrorExtras {
  field?: string;
  errors?: { field: string; message: string }[];
  seatIds?: string[];
  entries?: string[];
  retryable?: boolean;
  /** For refund_window_closed: the last moment refunds could be asked for (ISO 8601, UTC). */
  deadline?: string;
  /** For rate_limited (and any 429 or 503): when to come back. */
  retryAfterSeconds?: number;
  /** For refund_at_original_order: the order that paid for the passed-on tickets. */
  originalOrderId?: string;
  /** For refund_at_original_order: that order's code, and the ticket to choose there for each ticket named here. */
  originalOrderCode?: string;
  originalTickets?: { ticketId: string; originalTicketId: string }[];
  /** For not_admitted_yet: the buyer's place and how far admission has reached. */
  place?: number;
  admittedThrough?: number;
  /** For admission_basket_full: the seats the admission's place may still take (its held ones counted as taken). */
  basketLeft?: number;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly extras: ErrorExtras;

  constructor(code: ErrorCode, detail: string, extras: ErrorExtras = {}) {
    super(detail);
    this.name = 'DomainError';
    this.code = code;
    this.extras = extras;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/** Postgres error codes (lock timeout, deadlock, serialization failure, statement timeout) that mean "too many at
 * once, try again": the HTTP layer answers them with a retryable 409 rather than a 500. */
export const CONTENTION_CODES = new Set(['55P03', '40P01', '40001', '57014']);

export function isContentionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONTENTION_CODES.has(code);
}

/** Postgres error codes that mean the server is full or not ready (too many connections, a configuration limit,
 * starting up or shutting down): nothing the request did, so the HTTP layer answers 503 with Retry-After. */
export const OVERLOAD_CODES = new Set(['53300', '53400', '57P03']);

export function isOverloadError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && OVERLOAD_CODES.has(code);
}

// boundary
/** Postgres's data exceptions a client's value can raise, and what each says about the value. */
const REFUSED_VALUE_CODES: Record<string, string> = {
  '22021': 'holds a character that cannot be stored', // character_not_in_repertoire (a NUL)
  '22P05': 'holds a character that cannot be stored', // untranslatable_character
  '22001': 'is too long', // string_data_right_truncation
  '22P02': 'is not in the expected form', // invalid_text_representation (a uuid, a number, an enum)
  '22003': 'is out of range', // numeric_value_out_of_range
  '22007': 'is not a valid date or time', // invalid_datetime_format
  '22008': 'is not a valid date or time', // datetime_field_overflow
};

/** What is wrong with the client's value when Postgres refused it (pg's and PGlite's errors both carry `code`). */
export function refusedValueReason(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? (REFUSED_VALUE_CODES[code] ?? null) : null;
}
