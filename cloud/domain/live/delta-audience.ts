// live deltas (issue 20): which events are watched through the delta documents. A file of its own, with no imports:
// the shop's first-load code decides its live channel by it.
/**
 * Events this large (or with a waiting room) are watched through the delta documents; smaller ones over the
 * WebSocket. The shop decides its channel by it and the fan-out writes documents only for these (small events cost
 * no document writes).
 */
export const LIVE_DELTAS_MIN_SEATS = 20_000;

export const usesLiveDeltas = (seatCount: number, queued = false): boolean =>
  queued || seatCount >= LIVE_DELTAS_MIN_SEATS;
