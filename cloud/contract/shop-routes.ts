// The shop's own addresses: the routes a buyer's browser calls (events, seat maps, holds, orders, its account, the
// waitlist), their path builders and the header names, apart from the staff's routes so that the shop's first load
// carries only these (routes.ts adds the rest and is the one table the API registers from).

/** The version prefix every API route lives under (CloudFront and API Gateway pass `/v1/*` to the API). */
export const API_PREFIX = '/v1';

/** The live seat view's WebSocket (an upgrade, not a Hono route; see contract/live.ts for its messages). */
export const LIVE_PATH = `${API_PREFIX}/live`;

/** The shop's path patterns (routes.ts spreads them into apiPatterns). */
export const shopPatterns = {
  events: '/v1/events',
  event: '/v1/events/:eventId',
  availability: '/v1/events/:eventId/availability',
  seatMap: '/v1/seatmaps/:seatmapId',
  eventHolds: '/v1/events/:eventId/holds',
  hold: '/v1/holds/:holdId',
  holdExtension: '/v1/holds/:holdId/extend',
  shopConfig: '/v1/shop/config',
  orders: '/v1/orders',
  order: '/v1/orders/:orderId',
  orderPayments: '/v1/orders/:orderId/payments',
  orderPaymentCompletion: '/v1/orders/:orderId/payments/complete',
  orderTicketsPdf: '/v1/orders/:orderId/tickets.pdf', // wallet (issue 18)
  myOrders: '/v1/me/orders',
  signUp: '/v1/auth/signup',
  signIn: '/v1/auth/signin',
  myOrderClaims: '/v1/me/order-claims', // accounts
  eventWaitlist: '/v1/events/:eventId/waitlist',
  waitlistClaim: '/v1/waitlist/claims/:token',
  holdQuote: '/v1/holds/:holdId/quote',
  passwordReset: '/v1/auth/password-reset',
  password: '/v1/auth/password',
  signUpConfirmation: '/v1/auth/signup/confirm', // redirects
  // passes (issue 19): a ticket's wallet pass for its buyer
  ticketApplePass: '/v1/orders/:orderId/tickets/:ticketId/apple-pass',
  ticketGoogleWalletLink: '/v1/orders/:orderId/tickets/:ticketId/google-wallet',
  // the on-sale (issue 20): the waiting room
  queueChallenge: '/v1/events/:eventId/queue/challenge',
  queueJoin: '/v1/events/:eventId/queue/join',
  queueState: '/v1/events/:eventId/queue/state',
  queueAdmission: '/v1/events/:eventId/queue/admission',
} as const;

/** Methods as they go on the wire (fetch upper-cases only some of them itself, so clients send these as they are). */
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  method: ApiMethod;
  path: string;
}

/** The shop's routes by operationId (routes.ts spreads them into apiRoutes). */
export const shopRoutes = {
  listEvents: { method: 'GET', path: shopPatterns.events },
  getEvent: { method: 'GET', path: shopPatterns.event },
  getSeatMap: { method: 'GET', path: shopPatterns.seatMap },
  getAvailability: { method: 'GET', path: shopPatterns.availability },
  createHold: { method: 'POST', path: shopPatterns.eventHolds },
  getHold: { method: 'GET', path: shopPatterns.hold },
  extendHold: { method: 'POST', path: shopPatterns.holdExtension },
  releaseHold: { method: 'DELETE', path: shopPatterns.hold },
  shopConfig: { method: 'GET', path: shopPatterns.shopConfig },
  createOrder: { method: 'POST', path: shopPatterns.orders },
  getOrder: { method: 'GET', path: shopPatterns.order },
  completePayment: { method: 'POST', path: shopPatterns.orderPaymentCompletion },
  retryPayment: { method: 'POST', path: shopPatterns.orderPayments },
  listMyOrders: { method: 'GET', path: shopPatterns.myOrders },
  downloadTicketsPdf: { method: 'GET', path: shopPatterns.orderTicketsPdf }, // wallet (issue 18)
  signUp: { method: 'POST', path: shopPatterns.signUp },
  signIn: { method: 'POST', path: shopPatterns.signIn },
  listClaimableOrders: { method: 'GET', path: shopPatterns.myOrderClaims }, // accounts
  claimOrders: { method: 'POST', path: shopPatterns.myOrderClaims }, // accounts
  joinWaitlist: { method: 'POST', path: shopPatterns.eventWaitlist },
  claimWaitlistOffer: { method: 'POST', path: shopPatterns.waitlistClaim },
  quoteHold: { method: 'POST', path: shopPatterns.holdQuote },
  requestPasswordReset: { method: 'POST', path: shopPatterns.passwordReset },
  resetPassword: { method: 'POST', path: shopPatterns.password },
  confirmSignUp: { method: 'POST', path: shopPatterns.signUpConfirmation }, // redirects
  // passes (issue 19)
  downloadApplePass: { method: 'GET', path: shopPatterns.ticketApplePass },
  getGoogleWalletLink: { method: 'GET', path: shopPatterns.ticketGoogleWalletLink },
  // the on-sale (issue 20): the waiting room (contract/queue.ts)
  queueChallenge: { method: 'GET', path: shopPatterns.queueChallenge },
  joinQueue: { method: 'POST', path: shopPatterns.queueJoin },
  getQueueState: { method: 'GET', path: shopPatterns.queueState },
  requestAdmission: { method: 'POST', path: shopPatterns.queueAdmission },
} as const satisfies Record<string, ApiRoute>;

/** The parameter names of a pattern, in order: `/v1/a/:x/b/:y` → ['x', 'y']. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? [Name, ...PathParamNames<Rest>]
  : P extends `${string}:${infer Name}`
    ? [Name]
    : [];

/** One string per parameter of the pattern, in its order. */
export type PathValues<P extends string> = StringsFor<PathParamNames<P>>;
type StringsFor<Names extends string[]> = { [I in keyof Names]: string };

/** A path of the pattern with these values, each encoded as one path segment. */
export function pathOf<P extends string>(pattern: P, ...values: PathValues<P>): string {
  return fill(pattern, values);
}

export function fill(pattern: string, values: readonly string[]): string {
  let next = 0;
  return pattern.replace(/:[A-Za-z]+/g, (name) => {
    const value = values[next++];
    if (value === undefined) throw new Error(`No value for ${name} in ${pattern}`);
    return encodeURIComponent(value);
  });
}

/** Path builders for each pattern of a table: `paths.order(orderId)` → `/v1/orders/${encodeURIComponent(orderId)}`. */
export function pathBuilders<T extends Record<string, string>>(patterns: T) {
  return Object.fromEntries(
    Object.entries(patterns).map(([name, pattern]) => [name, (...values: string[]) => fill(pattern, values)]),
  ) as unknown as { [K in keyof T]: (...values: PathValues<T[K]>) => string }; // fromEntries forgets the names
}

/** The shop's path builders. */
export const shopPaths = pathBuilders(shopPatterns);

/** Header names as the API documents them (OpenAPI, CORS); HTTP compares header names without regard to case. */
export const apiHeaders = {
  /** A key of the caller's own on every mutating request, the same on each retry of it. */
  idempotencyKey: 'Idempotency-Key',
  /** The hold's token, returned when it was made: a guest's proof of owning the hold. */
  holdToken: 'X-Hold-Token',
  /** The order's access token: a guest's proof of owning the order. */
  orderToken: 'X-Order-Token',
  /** The waitlist entry's token, returned when joining: a buyer's proof of owning the entry. */
  waitlistToken: 'X-Waitlist-Token',
  /** In AWS: a registered machine's API Gateway key (the devices' stage requires it on every call). */
  apiKey: 'x-api-key',
  /** The desktop app's version, sent by a machine on every call (the back office shows it per device). */
  appVersion: 'X-App-Version',
  ifNoneMatch: 'If-None-Match',
  /** Set on an answer that repeats the first answer to an Idempotency-Key. */
  idempotentReplayed: 'Idempotent-Replayed',
  /** The on-sale (issue 20): the waiting room's admission token, on holds and orders of a queued event. */
  queueAdmission: 'X-Queue-Admission',
  /** The on-sale (issue 20): the buyer's queue session the admission token is bound to. */
  queueSession: 'X-Queue-Session',
} as const;

type ApiHeaderKeys = { [K in keyof typeof apiHeaders]: Lowercase<(typeof apiHeaders)[K]> };

/** The same names lower-cased, as the clients send them (the HTTP/2 spelling) and as Hono's `header()` reads them. */
export const apiHeaderKeys = Object.fromEntries(
  Object.entries(apiHeaders).map(([name, header]) => [name, header.toLowerCase()]),
) as ApiHeaderKeys;
