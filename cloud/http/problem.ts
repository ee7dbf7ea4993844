// problem+json (RFC 9457): every error the API returns, with a stable `type` per error code.
import type { ErrorCode, ErrorExtras } from '../domain/errors.ts';
import { PROBLEM_BASE, type ProblemDetails } from '../contract/index.ts';
import { STANDARD_HEADERS } from './headers.ts';

const STATUS: Record<ErrorCode, [number, string]> = {
  validation_failed: [400, 'The request is not valid'],
  malformed_json: [400, 'The body is not valid JSON'],
  unsupported_media_type: [415, 'Send the body as application/json'],
  payload_too_large: [413, 'The body is too large'],
  not_found: [404, 'Not found'],
  live_delta_gone: [410, 'Delta no longer kept: read the availability again'], // live deltas (issue 20)
  download_link_expired: [410, 'Download link expired'], // admin: exports
  method_not_allowed: [405, 'Method not allowed'],
  unauthorized: [401, 'Sign-in required'],
  forbidden: [403, 'Not allowed'],
  seats_unavailable: [409, 'Seats not available'],
  no_adjacent_seats: [409, 'No seats together'],
  ga_unavailable: [409, 'Not enough standing places'],
  event_not_on_sale: [409, 'Event not on sale'],
  order_limit_exceeded: [422, 'Too many tickets for one order'],
  hold_expired: [410, 'Hold expired'],
  hold_not_active: [409, 'Hold not active'],
  hold_already_extended: [409, 'Hold already extended'],
  seatmap_invalid: [422, 'The seat map is not valid'],
  event_invalid: [422, 'The event is not valid'],
  contention: [409, 'Busy, try again'],
  conflict: [409, 'Conflict'],
  order_state_conflict: [409, "Not possible in the order's state"],
  ticket_bound_elsewhere: [409, 'The ticket is bound to another phone'],
  payment_declined: [402, 'Payment declined'],
  payment_unavailable: [503, 'Payment provider not answering'],
  idempotency_key_required: [400, 'Idempotency-Key header required'],
  idempotency_key_reused: [422, 'Idempotency-Key used for another request'],
  request_in_progress: [409, 'The same request is still in progress'],
  rate_limited: [429, 'Too many requests'],
  invalid_credentials: [401, 'Wrong email or password'],
  email_taken: [409, 'Email already registered'],
  email_unverified: [403, 'Email not confirmed'], // accounts
  waitlist_not_sold_out: [409, 'Not sold out: buy tickets instead of waiting'],
  waitlist_quantity_out_of_range: [422, 'Quantity out of range for the waitlist'],
  waitlist_email_invalid: [400, 'Not an email address'],
  waitlist_already_joined: [409, 'Already on this waitlist'],
  waitlist_offer_expired: [410, 'Waitlist offer expired'],
  event_cancelled: [409, 'Event cancelled'],
  refund_deadline_passed: [409, 'Refund deadline passed'],
  no_refund_offer: [409, 'No refund offered for this order'],
  // transfer (issue 19)
  transfer_not_allowed: [409, 'Transfers not allowed for this event'],
  transfer_closed: [409, 'Too late to transfer'],
  transfer_limit_reached: [409, 'Ticket transferred as often as allowed'],
  transfer_name_mismatch: [422, "Only to a recipient of the buyer's name"],
  ticket_not_transferable: [409, 'Ticket cannot be transferred'],
  transfer_not_pending: [409, 'Transfer no longer pending'],
  refund_at_original_order: [409, 'Refund from the original order'],
  order_has_transferred_tickets: [409, 'Tickets of this order were passed on'],
  ticket_already_used: [409, 'Ticket already used at the door'],
  ticket_type_unavailable: [422, 'Ticket type not sold here'],
  ticket_type_limit: [422, 'Too many tickets of a type'],
  ticket_type_needs_adult: [422, 'An adult ticket is needed'],
  tier_locked: [403, 'Sold only with a presale code'],
  code_unknown: [422, 'No such code'],
  code_expired: [422, 'Code expired'],
  code_not_yet_valid: [422, 'Code not valid yet'],
  code_other_event: [422, 'Code for another event'],
  code_not_applicable: [422, 'Code does not apply'],
  code_used_up: [409, 'Code used up'],
  code_taken: [409, 'Code already exists'],
  refund_not_allowed: [409, 'No refunds for this event'],
  refund_window_closed: [409, 'Too late for a refund'],
  refund_line_unknown: [422, 'No such ticket to refund'],
  already_refunded: [409, 'Already refunded'],
  refund_exceeds_remaining: [422, 'More than is left to refund'],
  // admin: events
  sales_window_closed: [409, 'Not on sale through this channel now'],
  // the on-sale (issue 20)
  admission_required: [428, 'Admission through the waiting room required'],
  admission_invalid: [403, 'Admission token not valid here'],
  admission_expired: [403, 'Admission token expired'],
  not_admitted_yet: [409, 'Not your turn yet'],
  admission_basket_full: [409, 'This admission has its tickets'],
  challenge_failed: [400, 'Challenge not solved'],
  queue_ticket_invalid: [403, 'Queue ticket not valid'],
  no_queue: [404, 'No waiting room for this event'],
  invalid_value: [400, 'A value cannot be stored'], // boundary
  overloaded: [503, 'Busy, try again shortly'],
  internal: [500, 'Internal error'],
};

/** Every 429 and 503 says when to come back (RFC 9110 §10.2.3): clients back off by it (cloud/domain/retry). */
export const DEFAULT_RETRY_AFTER_SECONDS = 2;

/** The Retry-After of an answer with this status: the error's own, else the default for 429 and 503, else none. */
export function retryAfterHeader(status: number, extras: ErrorExtras = {}): Record<string, string> {
  const seconds = extras.retryAfterSeconds ?? (status === 429 || status === 503 ? DEFAULT_RETRY_AFTER_SECONDS : null);
  return seconds === null ? {} : { 'retry-after': String(seconds) };
}

export function problemBody(
  code: ErrorCode,
  detail: string,
  extras: ErrorExtras = {},
  instance?: string,
): ProblemDetails {
  const [status, title] = STATUS[code];
  const errors = extras.errors ?? (extras.field ? [{ field: extras.field, message: detail }] : undefined);
  return {
    type: PROBLEM_BASE + code,
    title,
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors ? { errors } : {}),
    ...(extras.seatIds ? { seatIds: extras.seatIds } : {}),
    ...(extras.entries ? { entries: extras.entries } : {}),
    ...(extras.deadline ? { deadline: extras.deadline } : {}),
    ...(extras.originalOrderId ? { originalOrderId: extras.originalOrderId } : {}),
    ...(extras.originalOrderCode ? { originalOrderCode: extras.originalOrderCode } : {}),
    ...(extras.originalTickets ? { originalTickets: extras.originalTickets } : {}),
    ...(extras.place !== undefined ? { place: extras.place } : {}),
    ...(extras.admittedThrough !== undefined ? { admittedThrough: extras.admittedThrough } : {}),
    ...(extras.basketLeft !== undefined ? { basketLeft: extras.basketLeft } : {}),
    ...(extras.retryable || code === 'contention' || code === 'overloaded' ? { retryable: true } : {}),
  };
}

export function problemResponse(
  code: ErrorCode,
  detail: string,
  extras: ErrorExtras = {},
  instance?: string,
  headers: Record<string, string> = {},
): Response {
  const body = problemBody(code, detail, extras, instance);
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: {
      ...STANDARD_HEADERS,
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...retryAfterHeader(body.status, extras),
      ...headers,
    },
  });
}
