// Many seat changes of one event become one message: per seat the newest version, per general-admission section the
// last count. A watcher then gets one push per batch instead of one per hold, which is what keeps a stadium on-sale's
// live view affordable (API Gateway bills each message to each connection).
import type { LiveChanges, SeatChange } from '../../contract/index.ts';

export function coalesceChanges(messages: LiveChanges[]): LiveChanges[] {
  const byEvent = new Map<string, { seats: Map<string, SeatChange>; ga: Map<string, number> }>();
  for (const message of messages) {
    let merged = byEvent.get(message.eventId);
    if (!merged) byEvent.set(message.eventId, (merged = { seats: new Map(), ga: new Map() }));
    for (const change of message.changes) {
      const known = merged.seats.get(change.seatId);
      if (!known || change.version > known.version) merged.seats.set(change.seatId, change);
    }
    for (const section of message.ga ?? []) merged.ga.set(section.sectionId, section.remaining);
  }
  return [...byEvent].map(([eventId, merged]) => ({
    type: 'changes',
    eventId,
    changes: [...merged.seats.values()],
    ...(merged.ga.size > 0 ? { ga: [...merged.ga].map(([sectionId, remaining]) => ({ sectionId, remaining })) } : {}),
  }));
}
