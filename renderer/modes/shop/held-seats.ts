// The buyer's live hold for one event, as the shop keeps it between pages (browser-storage.ts): what the event page
// shows as the buyer's own seats when they come back from checkout. An expired or another event's hold is none.
import { holdStore, type StoredHold } from './browser-storage.ts';

export function liveHoldFor(eventId: string, now: number = Date.now()): StoredHold | null {
  const stored = holdStore.get();
  if (!stored || stored.eventId !== eventId) return null;
  return Date.parse(stored.hold.expiresAt) > now ? stored : null;
}
