// The version rules of the live delta documents (issue 20), shared by the writer (cloud) and the poller (shop).
// A document's version is a per-event counter: each document is the one before it plus one, so a client that has
// version v and reads head h knows the addresses of exactly what it lacks (v+1 … h) and fetches them at once, and every
// address is immutable (the CDN keeps it a year). A writer numbers from its start second (Unix seconds) and writes a
// version only in a second at or after it (version ≤ the clock's second, strictly: never in its start second), so a
// writer restarted even within the same second numbers above every version its predecessor made and never reuses one
// a CDN may hold; a client that knew the old numbering sees a gap and reads the snapshot again.
import { LIVE_DELTA_KEPT_SECONDS } from '../../contract/live-delta-storage.ts';

/** How long documents are kept (and served) after their second: a client further behind reads the snapshot. */
export const LIVE_DELTA_WINDOW_SECONDS = 600;

/** A client behind by more documents than this reads the snapshot instead of fetching them one by one. */
export const LIVE_DELTA_MAX_FETCH = 30;

/** The UTC second of a moment (Unix seconds): the unit one document covers. */
export const secondOf = (moment: Date): number => Math.floor(moment.getTime() / 1000);

/** A writer's numbering base: its start second (an event's head before its first document). */
export const versionBase = (startedAt: Date): number => secondOf(startedAt);

/**
 * Whether an event's changes may become a document now: its version (head + 1) must not pass the clock's second, and
 * at most one document per second.
 */
export function mayWriteDelta(head: number, lastDocumentSecond: number | null, now: Date): boolean {
  const second = secondOf(now);
  return head < second && (lastDocumentSecond === null || second > lastDocumentSecond);
}

/**
 * How a store without a list of its documents keeps `oldest` honest: two checkpoints (a version and its second).
 * `oldest` is a version written before the newest document, at most two windows before it while the event is busy;
 * every `windowSeconds` the mark becomes the oldest and the new document the mark. A mark so old that its document
 * may have left the store (within a window of `keptSeconds`) is not made the oldest: the numbering's window starts
 * again at the new document.
 */
export interface DeltaWindow {
  oldest: number;
  oldestSecond: number;
  mark: number;
  markSecond: number;
}

export function advanceWindow(
  window: DeltaWindow | null,
  version: number,
  second: number,
  windowSeconds = LIVE_DELTA_WINDOW_SECONDS,
  keptSeconds = LIVE_DELTA_KEPT_SECONDS,
): DeltaWindow {
  const fresh = { oldest: version, oldestSecond: second, mark: version, markSecond: second };
  if (!window || second - window.markSecond >= keptSeconds - windowSeconds) return fresh;
  if (second - window.markSecond < windowSeconds) return window;
  return { oldest: window.mark, oldestSecond: window.markSecond, mark: version, markSecond: second };
}

/** What a reader asked for, against the kept window [oldest, head]. */
export function deltaLookup(version: number, head: number, oldest: number): 'kept' | 'gone' | 'not_yet' {
  if (version > head) return 'not_yet';
  return version < oldest ? 'gone' : 'kept';
}

/** What a client holding `known` does on reading the head: nothing, fetch these versions in order, or re-read. */
export type CatchUp = { kind: 'current' } | { kind: 'fetch'; versions: number[] } | { kind: 'reread' };

export function catchUp(
  known: number,
  head: { version: number; oldest: number },
  maxFetch = LIVE_DELTA_MAX_FETCH,
): CatchUp {
  // An older head than one already read is a cache's copy from a moment before: nothing new (a restarted writer
  // numbers above its predecessor, so its head is never lower; what it lost shows as a missing document).
  if (head.version <= known) return { kind: 'current' };
  if (known + 1 < head.oldest || head.version - known > maxFetch) return { kind: 'reread' };
  const versions: number[] = [];
  for (let version = known + 1; version <= head.version; version++) versions.push(version);
  return { kind: 'fetch', versions };
}
