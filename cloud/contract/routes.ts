// The API's addresses, written once: every route's method and Hono path pattern, the header names its callers send,
// and path builders whose parameters follow from the pattern. The Hono routes declare themselves from this table and
// the clients build their URLs from it, so a path cannot drift between the server and its callers; a unit test
// (test/unit/contract/routes.test.ts) holds the table and the app's registered routes to each other. The shop's own
// routes live in shop-routes.ts (the shop's first load carries only those) and are spread in first.

import { pathBuilders, shopPatterns, shopRoutes, type ApiRoute } from './shop-routes.ts';

export {
  API_PREFIX,
  LIVE_PATH,
  apiHeaderKeys,
  apiHeaders,
  pathOf,
  type ApiMethod,
  type ApiRoute,
  type PathParamNames,
  type PathValues,
} from './shop-routes.ts';

/** Every path pattern of the API, Hono style (`:name` is one encoded segment), named after what lives there. */
export const apiPatterns = {
  ...shopPatterns,
  // holds
  eventAllotments: '/v1/events/:eventId/allotments',
  // orders
  orderRefunds: '/v1/orders/:orderId/refunds',
  orderRefundQuote: '/v1/orders/:orderId/refund-quote',
  orderCancellation: '/v1/orders/:orderId/cancel',
  orderExchangeQuote: '/v1/orders/:orderId/exchange-quote',
  orderExchanges: '/v1/orders/:orderId/exchanges',
  orderPickup: '/v1/orders/:orderId/pickup',
  orderResend: '/v1/orders/:orderId/resend',
  ticketDeviceKey: '/v1/orders/:orderId/tickets/:ticketId/device-key', // rotating codes (issue 19)
  shiftReport: '/v1/boxoffice/shift-report',
  // identity
  deviceSignIn: '/v1/auth/device',
  me: '/v1/me',
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
  waitlistEntry: '/v1/waitlist/:entryId',
  adminEventWaitlist: '/v1/admin/events/:eventId/waitlist',
  adminWaitlistSettings: '/v1/admin/events/:eventId/waitlist/settings',
  // transfer (issue 19)
  orderTransfers: '/v1/orders/:orderId/transfers',
  orderTransfer: '/v1/orders/:orderId/transfers/:transferId',
  receivedTransfer: '/v1/transfers/:token',
  transferAcceptance: '/v1/transfers/:token/accept',
  adminTransferRules: '/v1/admin/events/:eventId/transfer-rules',
  adminEventQueue: '/v1/admin/events/:eventId/queue', // the on-sale (issue 20)
  // commerce
  eventPriceList: '/v1/admin/events/:eventId/price-list',
  eventFees: '/v1/admin/events/:eventId/fees',
  eventRefundPolicy: '/v1/admin/events/:eventId/refund-policy',
  venueTax: '/v1/admin/venues/:venueId/tax',
  promoCodes: '/v1/admin/promo-codes',
  presaleCodes: '/v1/admin/presale-codes',
  eventCodes: '/v1/admin/events/:eventId/codes',
  codeDisabling: '/v1/admin/codes/:codeId/disable',
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
  adminTicketDeviceKey: '/v1/admin/orders/:orderId/tickets/:ticketId/device-key', // rotating codes (issue 19)
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
  // admin: operations
  auditLog: '/v1/admin/audit',
  // admin: exports (asked for under /v1/admin; read by their maker, or an admin, under /v1/exports)
  adminExports: '/v1/admin/exports',
  exports: '/v1/exports',
  exportJob: '/v1/exports/:exportId',
  exportFile: '/v1/exports/:exportId/file',
  staffEnabling: '/v1/admin/staff/:staffId/enable', // admin: cognito
  // venue brand
  venueLogo: '/v1/venues/:venueId/logo',
  adminVenueLogo: '/v1/admin/venues/:venueId/logo',
  // passes (issue 19): Apple's web service (its base is the pass's
  // webServiceURL, /v1/passes/apple; Wallet appends its own /v1/… paths)
  applePassRegistration: '/v1/passes/apple/v1/devices/:deviceLibraryId/registrations/:passTypeId/:serialNumber',
  applePassUpdates: '/v1/passes/apple/v1/devices/:deviceLibraryId/registrations/:passTypeId',
  applePassLatest: '/v1/passes/apple/v1/passes/:passTypeId/:serialNumber',
  applePassLog: '/v1/passes/apple/v1/log',
} as const;

export type ApiPatternName = keyof typeof apiPatterns;

/**
 * Every route of the API, by its OpenAPI operationId. The Hono app registers exactly these (the route test walks the
 * built app); routes that differ by method only share a pattern (GET and DELETE of a hold; POST and GET of
 * /v1/orders).
 */
export const apiRoutes = {
  ...shopRoutes,
  // holds
  createAllotment: { method: 'POST', path: apiPatterns.eventAllotments },
  // orders
  shiftReport: { method: 'GET', path: apiPatterns.shiftReport },
  searchOrders: { method: 'GET', path: apiPatterns.orders },
  refundOrder: { method: 'POST', path: apiPatterns.orderRefunds },
  quoteRefund: { method: 'POST', path: apiPatterns.orderRefundQuote },
  cancelOrder: { method: 'POST', path: apiPatterns.orderCancellation },
  quoteExchange: { method: 'POST', path: apiPatterns.orderExchangeQuote },
  exchangeTickets: { method: 'POST', path: apiPatterns.orderExchanges },
  pickUpOrder: { method: 'POST', path: apiPatterns.orderPickup },
  resendTickets: { method: 'POST', path: apiPatterns.orderResend },
  bindTicketDevice: { method: 'POST', path: apiPatterns.ticketDeviceKey }, // rotating codes (issue 19)
  // identity
  signInDevice: { method: 'POST', path: apiPatterns.deviceSignIn },
  whoAmI: { method: 'GET', path: apiPatterns.me },
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
  leaveWaitlist: { method: 'DELETE', path: apiPatterns.waitlistEntry },
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
  getEventQueue: { method: 'GET', path: apiPatterns.adminEventQueue }, // the on-sale (issue 20)
  putEventQueue: { method: 'PUT', path: apiPatterns.adminEventQueue },
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
  rekeyTicketDevice: { method: 'DELETE', path: apiPatterns.adminTicketDeviceKey }, // rotating codes (issue 19)
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
  // admin: operations
  searchAuditLog: { method: 'GET', path: apiPatterns.auditLog },
  // admin: exports
  createExport: { method: 'POST', path: apiPatterns.adminExports },
  listMyExports: { method: 'GET', path: apiPatterns.exports },
  getExport: { method: 'GET', path: apiPatterns.exportJob },
  downloadExportFile: { method: 'GET', path: apiPatterns.exportFile },
  enableStaff: { method: 'POST', path: apiPatterns.staffEnabling }, // admin: cognito
  // venue brand
  getVenueLogo: { method: 'GET', path: apiPatterns.venueLogo },
  setVenueLogo: { method: 'PUT', path: apiPatterns.adminVenueLogo },
  removeVenueLogo: { method: 'DELETE', path: apiPatterns.adminVenueLogo },
  // passes (issue 19)
  registerPassDevice: { method: 'POST', path: apiPatterns.applePassRegistration },
  unregisterPassDevice: { method: 'DELETE', path: apiPatterns.applePassRegistration },
  listUpdatedPasses: { method: 'GET', path: apiPatterns.applePassUpdates },
  getLatestPass: { method: 'GET', path: apiPatterns.applePassLatest },
  logPassMessages: { method: 'POST', path: apiPatterns.applePassLog },
} as const satisfies Record<string, ApiRoute>;

export type ApiRouteName = keyof typeof apiRoutes;

export const apiPaths = pathBuilders(apiPatterns);
export type ApiPaths = typeof apiPaths;
