// The contract: every request, response and live message, as zod schemas (a leaf: imports nothing of ours).
export * from './common.ts';
export * from './seatmap.ts';
export * from './catalog.ts';
export * from './holds.ts';
export * from './live.ts';
export * from './live-deltas.ts';
export * from './live-delta-storage.ts';
export * from './identity.ts';
export * from './orders.ts';
export * from './scans.ts';
export * from './jobs.ts';
export * from './commerce.ts';
export * from './waitlist.ts';
export * from './event-changes.ts';
export * from './commerce-api.ts';
export * from './exchanges.ts';
export * from './reports.ts'; // admin: reports
export * from './admin-catalog.ts'; // admin: events
export * from './backoffice-orders.ts'; // admin: seat management and orders
export * from './staff.ts'; // admin: staff and devices
// admin: operations
export * from './audit.ts';
// admin: seat-map designer
export * from './seatmap-design.ts';
export * from './exports.ts'; // admin: exports
export * from './order-claims.ts'; // accounts
