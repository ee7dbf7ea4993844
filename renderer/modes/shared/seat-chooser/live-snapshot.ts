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
