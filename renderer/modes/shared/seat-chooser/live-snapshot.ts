// A fresh availability snapshot laid under what the live view said while it was read, as a pure function: the seat
// chooser reads the snapshot again once its subscription is confirmed, and a change heard during that read may be
// newer than the snapshot (or not in it), so the heard status wins. What the result shows differently from the screen
// is returned as changes, for the chooser to repaint and drop chosen seats that went.
import type { StatusCode } from '../../../seatmap/model.ts';

export interface SeatChange {
  seat: number;
  status: StatusCode;
}

export function snapshotUnderHeard(
  shown: Uint8Array,
  fresh: Uint8Array,
  heard: ReadonlyMap<number, StatusCode>,
  /** The status as this buyer sees it (their own held seats are theirs to choose). */
  seenAs: (seat: number, status: StatusCode) => StatusCode,
): { statuses: Uint8Array; changed: SeatChange[] } {
  const statuses = fresh.slice();
  for (const [seat, status] of heard) statuses[seat] = seenAs(seat, status);
  const changed: SeatChange[] = [];
  for (let seat = 0; seat < statuses.length; seat++) {
    if (statuses[seat] !== shown[seat]) changed.push({ seat, status: statuses[seat]! as StatusCode });
  }
  return { statuses, changed };
}

/** The wait before the next try of a failed snapshot read: exponential from 1 s, capped at 30 s, with jitter (half
 * to all of it) so many screens that lost the cloud together do not ask again together. */
export function snapshotRetryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(SNAPSHOT_RETRY_CAP_MS, SNAPSHOT_RETRY_BASE_MS * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}
const SNAPSHOT_RETRY_BASE_MS = 1_000;
const SNAPSHOT_RETRY_CAP_MS = 30_000;

export interface SnapshotReads {
  /** Reads the snapshot again (a newer read replaces one still running or waiting to retry). */
  read(): void;
  /** The subscription ended: no more reads, retries or answers. */
  stop(): void;
}

/**
 * The snapshot read again each time the subscription is confirmed, retried with back-off until one succeeds while the
 * subscription lives. A read that fails, or answers `offline` (a device's cached copy because the cloud did not
 * answer: older than what the live view may have heard), counts as failed and is never applied over the live state.
 */
export function snapshotReads<A extends { offline?: boolean }>(options: {
  fetch(): Promise<A>;
  /** A read began: what is heard from now on wins over its answer. */
  begin(): void;
  /** The newest read's live answer. */
  apply(fresh: A): void;
  random?: () => number;
}): SnapshotReads {
  let reads = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const current = (read: number) => !stopped && read === reads;

  const attempt = async (read: number, tries: number) => {
    let fresh: A | undefined;
    try {
      fresh = await options.fetch();
    } catch {
      fresh = undefined;
    }
    if (!current(read)) return;
    if (fresh && !fresh.offline) {
      options.apply(fresh);
      return;
    }
    timer = setTimeout(
      () => {
        if (current(read)) void attempt(read, tries + 1);
      },
      snapshotRetryDelay(tries, options.random),
    );
  };

  return {
    read() {
      if (stopped) return;
      clearTimeout(timer);
      const read = ++reads;
      options.begin();
      void attempt(read, 0);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
