// The API's addresses, written once: every route's method and Hono path pattern, the header names its callers send,
// and path builders whose parameters follow from the pattern. The Hono routes declare themselves from this table and
// the clients build their URLs from it, so a path cannot drift between the server and its callers; a unit test
// (test/unit/contract/routes.test.ts) holds the table and the app's registered routes to each other.

/** The version prefix every API route lives under (CloudFront and API Gateway pass `/v1/*` to the API). */
export const API_PREFIX = '/v1';

/** The live seat view's WebSocket (an upgrade, not a Hono route; see contract/live.ts for its messages). */
export const LIVE_PATH = `${API_PREFIX}/live`;

/** Every path pattern of the API, Hono style (`:name` is one encoded segment), named after what lives there. */
export const apiPatterns = {
  // catalog
  events: '/v1/events',
  event: '/v1/events/:eventId',
  availability: '/v1/events/:eventId/availability',
  seatMap: '/v1/seatmaps/:seatmapId',
  // holds
  eventHolds: '/v1/events/:eventId/holds',
  eventAllotments: '/v1/events/:eventId/allotments',
  hold: '/v1/holds/:holdId',
  holdExtension: '/v1/holds/:holdId/extend',
  // orders
  shopConfig: '/v1/shop/config',
  orders: '/v1/orders',
  order: '/v1/orders/:orderId',
  orderPayments: '/v1/orders/:orderId/payments',
  orderPaymentCompletion: '/v1/orders/:orderId/payments/complete',
  orderRefunds: '/v1/orders/:orderId/refunds',
  orderRefundQuote: '/v1/orders/:orderId/refund-quote',
  orderCancellation: '/v1/orders/:orderId/cancel',
  orderExchangeQuote: '/v1/orders/:orderId/exchange-quote',
  orderExchanges: '/v1/orders/:orderId/exchanges',
  orderPickup: '/v1/orders/:orderId/pickup',
  orderResend: '/v1/orders/:orderId/resend',
  orderTicketsPdf: '/v1/orders/:orderId/tickets.pdf', // wallet (issue 18)
  ticketDeviceKey: '/v1/orders/:orderId/tickets/:ticketId/device-key', // rotating codes (issue 19)
  myOrders: '/v1/me/orders',
  shiftReport: '/v1/boxoffice/shift-report',
  // identity
  signUp: '/v1/auth/signup',
  signIn: '/v1/auth/signin',
  deviceSignIn: '/v1/auth/device',
  me: '/v1/me',
  myOrderClaims: '/v1/me/order-claims', // accounts
  devicePairing: '/v1/devices/pair',
  // admin
  staff: '/v1/admin/staff',
  devices: '/v1/admin/devices',
  pairingCodes: '/v1/admin/devices/pairing-codes',
  venues: '/v1/admin/venues',
  venueSeatMaps: '/v1/admin/venues/:venueId/seatmaps',
  adminEvents: '/v1/admin/events',
  eventStatus: '/v1/admin/events/:eventId/status',
  deadJobs: '/v1/admin/jobs/dead',
  jobRetry: '/v1/admin/jobs/:jobId/retry',
  // waitlist
  eventWaitlist: '/v1/events/:eventId/waitlist',
  waitlistEntry: '/v1/waitlist/:entryId',
  waitlistClaim: '/v1/waitlist/claims/:token',
  adminEventWaitlist: '/v1/admin/events/:eventId/waitlist',
  adminWaitlistSettings: '/v1/admin/events/:eventId/waitlist/settings',
  // transfer (issue 19)
  orderTransfers: '/v1/orders/:orderId/transfers',
  orderTransfer: '/v1/orders/:orderId/transfers/:transferId',
  receivedTransfer: '/v1/transfers/:token',
  transferAcceptance: '/v1/transfers/:token/accept',
  adminTransferRules: '/v1/admin/events/:eventId/transfer-rules',
  // commerce
  eventPriceList: '/v1/admin/events/:eventId/price-list',
  eventFees: '/v1/admin/events/:eventId/fees',
  eventRefundPolicy: '/v1/admin/events/:eventId/refund-policy',
  venueTax: '/v1/admin/venues/:venueId/tax',
  promoCodes: '/v1/admin/promo-codes',
  presaleCodes: '/v1/admin/presale-codes',
  eventCodes: '/v1/admin/events/:eventId/codes',
  codeDisabling: '/v1/admin/codes/:codeId/disable',
  holdQuote: '/v1/holds/:holdId/quote',
  // door and webhooks
  scans: '/v1/scans',
  ticketKeys: '/v1/tickets/keys',
  mailingWebhook: '/v1/webhooks/mailing',
  // the API's own description
  openApi: '/v1/openapi.json',
  // event cancellation
  eventCancel: '/v1/admin/events/:eventId/cancel',
  eventCancellation: '/v1/admin/events/:eventId/cancellation',
  eventCancellationRetry: '/v1/admin/events/:eventId/cancellation/retry',
  eventPostpone: '/v1/admin/events/:eventId/postpone',
  orderRefundRequest: '/v1/orders/:orderId/refund-request',
  orderCounterHandBack: '/v1/orders/:orderId/counter-hand-back',
  ticketRevocations: '/v1/tickets/revocations',
  // admin: reports
  adminDashboard: '/v1/admin/reports/dashboard',
  salesReport: '/v1/admin/reports/sales',
  checkInReport: '/v1/admin/reports/events/:eventId/check-ins',
  shiftReports: '/v1/admin/reports/shifts',
  // admin: events
  venue: '/v1/admin/venues/:venueId',
  adminSeatMap: '/v1/admin/seatmaps/:seatmapId',
  adminEvent: '/v1/admin/events/:eventId',
  eventTiers: '/v1/admin/events/:eventId/tiers',
  eventDuplicate: '/v1/admin/events/:eventId/duplicate',
  eventSeries: '/v1/admin/events/:eventId/series',
  eventSalesWindows: '/v1/admin/events/:eventId/sales-windows',
  // admin: seat management and orders
  adminEventSeats: '/v1/admin/events/:eventId/seats',
  adminSeatBlocks: '/v1/admin/events/:eventId/seat-blocks',
  adminSeatRelease: '/v1/admin/events/:eventId/seat-blocks/release',
  adminStandingHoldbacks: '/v1/admin/events/:eventId/standing-holdbacks',
  adminStandingHoldback: '/v1/admin/events/:eventId/standing-holdbacks/:holdbackId',
  adminOrders: '/v1/admin/orders',
  adminOrder: '/v1/admin/orders/:orderId',
  adminOrderRefundQuote: '/v1/admin/orders/:orderId/refund-quote',
  adminOrderRefunds: '/v1/admin/orders/:orderId/refunds',
  adminOrderCancellation: '/v1/admin/orders/:orderId/cancel',
  adminOrderResend: '/v1/admin/orders/:orderId/resend',
  adminOrderBuyerEmail: '/v1/admin/orders/:orderId/buyer-email',
  adminOrderNotes: '/v1/admin/orders/:orderId/notes',
  adminEventAllotments: '/v1/admin/events/:eventId/allotments',
  adminEventAllotment: '/v1/admin/events/:eventId/allotments/:allotmentId',
  boxOfficeAllotments: '/v1/boxoffice/allotments', // admin: seat management and orders
  // admin: staff and devices
  staffInvitations: '/v1/admin/staff/invitations',
  staffMember: '/v1/admin/staff/:staffId',
  staffDisabling: '/v1/admin/staff/:staffId/disable',
  staffSignOut: '/v1/admin/staff/:staffId/sign-out',
  deviceRevocation: '/v1/admin/devices/:deviceId/revoke',
  mySignOut: '/v1/me/sign-out-everywhere',
  passwordReset: '/v1/auth/password-reset',
  password: '/v1/auth/password',
  // admin: operations
  auditLog: '/v1/admin/audit',
  // admin: exports (asked for under /v1/admin; read by their maker, or an admin, under /v1/exports)
  adminExports: '/v1/admin/exports',
  exports: '/v1/exports',
  exportJob: '/v1/exports/:exportId',
  exportFile: '/v1/exports/:exportId/file',
  staffEnabling: '/v1/admin/staff/:staffId/enable', // admin: cognito
  signUpConfirmation: '/v1/auth/signup/confirm', // redirects
  // venue brand
  venueLogo: '/v1/venues/:venueId/logo',
  adminVenueLogo: '/v1/admin/venues/:venueId/logo',
  // passes (issue 19): a ticket's wallet pass for its buyer, and Apple's web service (its base is the pass's
  // webServiceURL, /v1/passes/apple; Wallet appends its own /v1/… paths)
  ticketApplePass: '/v1/orders/:orderId/tickets/:ticketId/apple-pass',
  ticketGoogleWalletLink: '/v1/orders/:orderId/tickets/:ticketId/google-wallet',
  applePassRegistration: '/v1/passes/apple/v1/devices/:deviceLibraryId/registrations/:passTypeId/:serialNumber',
  applePassUpdates: '/v1/passes/apple/v1/devices/:deviceLibraryId/registrations/:passTypeId',
  applePassLatest: '/v1/passes/apple/v1/passes/:passTypeId/:serialNumber',
  applePassLog: '/v1/passes/apple/v1/log',
} as const;

export type ApiPatternName = keyof typeof apiPatterns;

/** Methods as they go on the wire (fetch upper-cases only some of them itself, so clients send these as they are). */
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  method: ApiMethod;
  path: string;
}

/**
 * Every route of the API, by its OpenAPI operationId. The Hono app registers exactly these (the route test walks the
 * built app); routes that differ by method only share a pattern (GET and DELETE of a hold; POST and GET of
 * /v1/orders).
 */
export const apiRoutes = {
  // catalog
  listEvents: { method: 'GET', path: apiPatterns.events },
  getEvent: { method: 'GET', path: apiPatterns.event },
  getSeatMap: { method: 'GET', path: apiPatterns.seatMap },
  getAvailability: { method: 'GET', path: apiPatterns.availability },
  // holds
  createAllotment: { method: 'POST', path: apiPatterns.eventAllotments },
  createHold: { method: 'POST', path: apiPatterns.eventHolds },
  getHold: { method: 'GET', path: apiPatterns.hold },
  extendHold: { method: 'POST', path: apiPatterns.holdExtension },
  releaseHold: { method: 'DELETE', path: apiPatterns.hold },
  // orders
  shopConfig: { method: 'GET', path: apiPatterns.shopConfig },
  createOrder: { method: 'POST', path: apiPatterns.orders },
  getOrder: { method: 'GET', path: apiPatterns.order },
  completePayment: { method: 'POST', path: apiPatterns.orderPaymentCompletion },
  retryPayment: { method: 'POST', path: apiPatterns.orderPayments },
  shiftReport: { method: 'GET', path: apiPatterns.shiftReport },
  listMyOrders: { method: 'GET', path: apiPatterns.myOrders },
  searchOrders: { method: 'GET', path: apiPatterns.orders },
  refundOrder: { method: 'POST', path: apiPatterns.orderRefunds },
  quoteRefund: { method: 'POST', path: apiPatterns.orderRefundQuote },
  cancelOrder: { method: 'POST', path: apiPatterns.orderCancellation },
  quoteExchange: { method: 'POST', path: apiPatterns.orderExchangeQuote },
  exchangeTickets: { method: 'POST', path: apiPatterns.orderExchanges },
  pickUpOrder: { method: 'POST', path: apiPatterns.orderPickup },
  resendTickets: { method: 'POST', path: apiPatterns.orderResend },
  downloadTicketsPdf: { method: 'GET', path: apiPatterns.orderTicketsPdf }, // wallet (issue 18)
  bindTicketDevice: { method: 'POST', path: apiPatterns.ticketDeviceKey }, // rotating codes (issue 19)
  // identity
  signUp: { method: 'POST', path: apiPatterns.signUp },
  signIn: { method: 'POST', path: apiPatterns.signIn },
  signInDevice: { method: 'POST', path: apiPatterns.deviceSignIn },
  whoAmI: { method: 'GET', path: apiPatterns.me },
  listClaimableOrders: { method: 'GET', path: apiPatterns.myOrderClaims }, // accounts
  claimOrders: { method: 'POST', path: apiPatterns.myOrderClaims }, // accounts
  createStaff: { method: 'POST', path: apiPatterns.staff },
  registerDevice: { method: 'POST', path: apiPatterns.devices },
  createPairingCode: { method: 'POST', path: apiPatterns.pairingCodes },
  pairDevice: { method: 'POST', path: apiPatterns.devicePairing },
  // admin
  createVenue: { method: 'POST', path: apiPatterns.venues },
  importSeatMap: { method: 'POST', path: apiPatterns.venueSeatMaps },
  createEvent: { method: 'POST', path: apiPatterns.adminEvents },
  setEventStatus: { method: 'POST', path: apiPatterns.eventStatus },
  listDeadJobs: { method: 'GET', path: apiPatterns.deadJobs },
  retryDeadJob: { method: 'POST', path: apiPatterns.jobRetry },
  // waitlist
  joinWaitlist: { method: 'POST', path: apiPatterns.eventWaitlist },
  leaveWaitlist: { method: 'DELETE', path: apiPatterns.waitlistEntry },
  claimWaitlistOffer: { method: 'POST', path: apiPatterns.waitlistClaim },
  listWaitlist: { method: 'GET', path: apiPatterns.adminEventWaitlist },
  setWaitlistSettings: { method: 'PUT', path: apiPatterns.adminWaitlistSettings },
  // transfer (issue 19)
  listTransfers: { method: 'GET', path: apiPatterns.orderTransfers },
  sendTransfer: { method: 'POST', path: apiPatterns.orderTransfers },
  cancelTransfer: { method: 'DELETE', path: apiPatterns.orderTransfer },
  getReceivedTransfer: { method: 'GET', path: apiPatterns.receivedTransfer },
  acceptTransfer: { method: 'POST', path: apiPatterns.transferAcceptance },
  getTransferRules: { method: 'GET', path: apiPatterns.adminTransferRules },
  setTransferRules: { method: 'PUT', path: apiPatterns.adminTransferRules },
  // commerce
  getPriceList: { method: 'GET', path: apiPatterns.eventPriceList },
  setPriceList: { method: 'PUT', path: apiPatterns.eventPriceList },
  getFees: { method: 'GET', path: apiPatterns.eventFees },
  setFees: { method: 'PUT', path: apiPatterns.eventFees },
  getRefundPolicy: { method: 'GET', path: apiPatterns.eventRefundPolicy },
  setRefundPolicy: { method: 'PUT', path: apiPatterns.eventRefundPolicy },
  getVenueTax: { method: 'GET', path: apiPatterns.venueTax },
  setVenueTax: { method: 'PUT', path: apiPatterns.venueTax },
  createPromoCode: { method: 'POST', path: apiPatterns.promoCodes },
  createPresaleCode: { method: 'POST', path: apiPatterns.presaleCodes },
  listEventCodes: { method: 'GET', path: apiPatterns.eventCodes },
  disableCode: { method: 'POST', path: apiPatterns.codeDisabling },
  quoteHold: { method: 'POST', path: apiPatterns.holdQuote },
  // door and webhooks
  scanTicket: { method: 'POST', path: apiPatterns.scans },
  ticketKeys: { method: 'GET', path: apiPatterns.ticketKeys },
  mailingWebhook: { method: 'POST', path: apiPatterns.mailingWebhook },
  // the API's own description
  openApiDocument: { method: 'GET', path: apiPatterns.openApi },
  // event cancellation
  cancelEvent: { method: 'POST', path: apiPatterns.eventCancel },
  getEventCancellation: { method: 'GET', path: apiPatterns.eventCancellation },
  retryEventCancellation: { method: 'POST', path: apiPatterns.eventCancellationRetry },
  postponeEvent: { method: 'POST', path: apiPatterns.eventPostpone },
  requestRefund: { method: 'POST', path: apiPatterns.orderRefundRequest },
  handBackAtCounter: { method: 'POST', path: apiPatterns.orderCounterHandBack },
  ticketRevocations: { method: 'GET', path: apiPatterns.ticketRevocations },
  // admin: reports
  getDashboard: { method: 'GET', path: apiPatterns.adminDashboard },
  getSalesReport: { method: 'GET', path: apiPatterns.salesReport },
  getCheckInReport: { method: 'GET', path: apiPatterns.checkInReport },
  listShiftReports: { method: 'GET', path: apiPatterns.shiftReports },
  listVenues: { method: 'GET', path: apiPatterns.venues },
  getVenue: { method: 'GET', path: apiPatterns.venue },
  updateVenue: { method: 'PATCH', path: apiPatterns.venue },
  listSeatMapVersions: { method: 'GET', path: apiPatterns.venueSeatMaps },
  getSeatMapVersion: { method: 'GET', path: apiPatterns.adminSeatMap },
  listStaffEvents: { method: 'GET', path: apiPatterns.adminEvents },
  getStaffEvent: { method: 'GET', path: apiPatterns.adminEvent },
  updateEvent: { method: 'PATCH', path: apiPatterns.adminEvent },
  setEventTiers: { method: 'PUT', path: apiPatterns.eventTiers },
  duplicateEvent: { method: 'POST', path: apiPatterns.eventDuplicate },
  createEventSeries: { method: 'POST', path: apiPatterns.eventSeries },
  getSalesWindows: { method: 'GET', path: apiPatterns.eventSalesWindows },
  setSalesWindows: { method: 'PUT', path: apiPatterns.eventSalesWindows },
  getSeatManagement: { method: 'GET', path: apiPatterns.adminEventSeats },
  listSeatBlocks: { method: 'GET', path: apiPatterns.adminSeatBlocks },
  blockSeats: { method: 'POST', path: apiPatterns.adminSeatBlocks },
  releaseSeats: { method: 'POST', path: apiPatterns.adminSeatRelease },
  holdBackPlaces: { method: 'POST', path: apiPatterns.adminStandingHoldbacks },
  releaseHeldBackPlaces: { method: 'DELETE', path: apiPatterns.adminStandingHoldback },
  searchAdminOrders: { method: 'GET', path: apiPatterns.adminOrders },
  getAdminOrder: { method: 'GET', path: apiPatterns.adminOrder },
  quoteAdminRefund: { method: 'POST', path: apiPatterns.adminOrderRefundQuote },
  refundAdminOrder: { method: 'POST', path: apiPatterns.adminOrderRefunds },
  cancelAdminOrder: { method: 'POST', path: apiPatterns.adminOrderCancellation },
  resendAdminOrder: { method: 'POST', path: apiPatterns.adminOrderResend },
  changeBuyerEmail: { method: 'PUT', path: apiPatterns.adminOrderBuyerEmail },
  addOrderNote: { method: 'POST', path: apiPatterns.adminOrderNotes },
  listEventAllotments: { method: 'GET', path: apiPatterns.adminEventAllotments },
  assignAllotment: { method: 'POST', path: apiPatterns.adminEventAllotments },
  releaseAllotment: { method: 'DELETE', path: apiPatterns.adminEventAllotment },
  listMyAllotments: { method: 'GET', path: apiPatterns.boxOfficeAllotments }, // admin: seat management and orders
  listStaff: { method: 'GET', path: apiPatterns.staff },
  inviteStaff: { method: 'POST', path: apiPatterns.staffInvitations },
  updateStaff: { method: 'PUT', path: apiPatterns.staffMember },
  disableStaff: { method: 'POST', path: apiPatterns.staffDisabling },
  signOutStaffEverywhere: { method: 'POST', path: apiPatterns.staffSignOut },
  listDevices: { method: 'GET', path: apiPatterns.devices },
  revokeDevice: { method: 'POST', path: apiPatterns.deviceRevocation },
  signOutEverywhere: { method: 'POST', path: apiPatterns.mySignOut },
  requestPasswordReset: { method: 'POST', path: apiPatterns.passwordReset },
  resetPassword: { method: 'POST', path: apiPatterns.password },
  // admin: operations
  searchAuditLog: { method: 'GET', path: apiPatterns.auditLog },
  // admin: exports
  createExport: { method: 'POST', path: apiPatterns.adminExports },
  listMyExports: { method: 'GET', path: apiPatterns.exports },
  getExport: { method: 'GET', path: apiPatterns.exportJob },
  downloadExportFile: { method: 'GET', path: apiPatterns.exportFile },
  enableStaff: { method: 'POST', path: apiPatterns.staffEnabling }, // admin: cognito
  confirmSignUp: { method: 'POST', path: apiPatterns.signUpConfirmation }, // redirects
  // venue brand
  getVenueLogo: { method: 'GET', path: apiPatterns.venueLogo },
  setVenueLogo: { method: 'PUT', path: apiPatterns.adminVenueLogo },
  removeVenueLogo: { method: 'DELETE', path: apiPatterns.adminVenueLogo },
  // passes (issue 19)
  downloadApplePass: { method: 'GET', path: apiPatterns.ticketApplePass },
  getGoogleWalletLink: { method: 'GET', path: apiPatterns.ticketGoogleWalletLink },
  registerPassDevice: { method: 'POST', path: apiPatterns.applePassRegistration },
  unregisterPassDevice: { method: 'DELETE', path: apiPatterns.applePassRegistration },
  listUpdatedPasses: { method: 'GET', path: apiPatterns.applePassUpdates },
  getLatestPass: { method: 'GET', path: apiPatterns.applePassLatest },
  logPassMessages: { method: 'POST', path: apiPatterns.applePassLog },
} as const satisfies Record<string, ApiRoute>;

export type ApiRouteName = keyof typeof apiRoutes;

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

function fill(pattern: string, values: readonly string[]): string {
  let next = 0;
  return pattern.replace(/:[A-Za-z]+/g, (name) => {
    const value = values[next++];
    if (value === undefined) throw new Error(`No value for ${name} in ${pattern}`);
    return encodeURIComponent(value);
  });
}

export type ApiPaths = {
  [K in ApiPatternName]: (...values: PathValues<(typeof apiPatterns)[K]>) => string;
};

/** Path builders, one per pattern: `apiPaths.order(orderId)` → `/v1/orders/${encodeURIComponent(orderId)}`. */
export const apiPaths = Object.fromEntries(
  Object.entries(apiPatterns).map(([name, pattern]) => [name, (...values: string[]) => fill(pattern, values)]),
) as unknown as ApiPaths; // fromEntries forgets the names; ApiPaths is what the loop builds, name for name

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
} as const;

type ApiHeaderKeys = { [K in keyof typeof apiHeaders]: Lowercase<(typeof apiHeaders)[K]> };

/** The same names lower-cased, as the clients send them (the HTTP/2 spelling) and as Hono's `header()` reads them. */
export const apiHeaderKeys = Object.fromEntries(
  Object.entries(apiHeaders).map(([name, header]) => [name, header.toLowerCase()]),
) as ApiHeaderKeys;
