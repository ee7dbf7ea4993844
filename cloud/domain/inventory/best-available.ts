// Best available: adjacent seats in one row, never stranding a single empty seat when another choice exists,
// then the best tier, then clear view, then nearest the stage centre.
import { SEAT_FLAG, type SeatLayout } from '../seatmap/layout.ts';

export interface BestAvailableRequest {
  quantity: number;
  /** Only seats of this tier (index into the event's tiers). */
  tierIndex?: number;
  /** Wheelchair spaces and companion seats, at least one wheelchair space. Otherwise those are left out. */
  accessible?: boolean;
}

export interface SeatInventoryView {
  /** 1 where the seat can be held now. */
  free: Uint8Array;
  /** Tier index per seat, -1 where the seat is not sold at all. */
  tierOf: Int16Array;
  /** Rank per tier index (0 best). */
  tierRank: number[];
}

interface Candidate {
  seats: number[];
  strands: boolean;
  tierRank: number;
  restricted: number;
  distance: number;
}

const ACCESSIBLE = SEAT_FLAG.wheelchair | SEAT_FLAG.companion;

function better(a: Candidate, b: Candidate): boolean {
  if (a.strands !== b.strands) return !a.strands;
  if (a.tierRank !== b.tierRank) return a.tierRank < b.tierRank;
  if (a.restricted !== b.restricted) return a.restricted < b.restricted;
  return a.distance < b.distance - 1e-9;
}

/** Returns the chosen seat indexes in row order, or null when no block of that size exists. */
export function findBestAvailable(
  layout: SeatLayout,
  inventory: SeatInventoryView,
  request: BestAvailableRequest,
  exclude?: ReadonlySet<number>,
): number[] | null {
  const { quantity } = request;
  const { free, tierOf, tierRank } = inventory;
  const eligible = (seat: number): boolean => {
    if (exclude?.has(seat)) return false;
    const tier = tierOf[seat]!;
    if (tier < 0) return false;
    if (request.tierIndex !== undefined && tier !== request.tierIndex) return false;
    const accessible = (layout.flags[seat]! & ACCESSIBLE) !== 0;
    return request.accessible ? accessible : !accessible;
  };
  const isFree = (seat: number): boolean => free[seat] === 1 && !exclude?.has(seat);

  let best: Candidate | null = null;
  for (const row of layout.rows) {
    const seats = row.seats;
    let runStart = 0;
    while (runStart < seats.length) {
      if (!isFree(seats[runStart]!)) {
        runStart++;
        continue;
      }
      let runEnd = runStart;
      while (runEnd + 1 < seats.length && row.adjacentToPrevious[runEnd + 1] && isFree(seats[runEnd + 1]!)) runEnd++;
      const runLength = runEnd - runStart + 1;
      if (runLength >= quantity) {
        for (let start = runStart; start + quantity - 1 <= runEnd; start++) {
          const candidate = evaluateWindow(
            layout,
            seats,
            start,
            quantity,
            runStart,
            runEnd,
            eligible,
            tierOf,
            tierRank,
            request,
          );
          if (candidate && (!best || better(candidate, best))) best = candidate;
        }
      }
      runStart = runEnd + 1;
    }
  }
  return best ? best.seats : null;
}

function evaluateWindow(
  layout: SeatLayout,
  rowSeats: number[],
  start: number,
  quantity: number,
  runStart: number,
  runEnd: number,
  eligible: (seat: number) => boolean,
  tierOf: Int16Array,
  tierRank: number[],
  request: BestAvailableRequest,
): Candidate | null {
  const seats = rowSeats.slice(start, start + quantity);
  const tier = tierOf[seats[0]!]!;
  let sumX = 0;
  let sumY = 0;
  let restricted = 0;
  let wheelchair = 0;
  for (const seat of seats) {
    if (!eligible(seat) || tierOf[seat] !== tier) return null;
    sumX += layout.x[seat]!;
    sumY += layout.y[seat]!;
    if (layout.flags[seat]! & SEAT_FLAG.restrictedView) restricted++;
    if (layout.flags[seat]! & SEAT_FLAG.wheelchair) wheelchair++;
  }
  if (request.accessible && wheelchair === 0) return null;
  const leftOver = start - runStart;
  const rightOver = runEnd - (start + quantity - 1);
  return {
    seats,
    strands: leftOver === 1 || rightOver === 1,
    tierRank: tierRank[tier] ?? Number.MAX_SAFE_INTEGER,
    restricted,
    distance: Math.hypot(sumX / quantity - layout.stageCentre.x, sumY / quantity - layout.stageCentre.y),
  };
}

/** Would holding these seats leave a single free seat stranded in its row? Used by tests and diagnostics. */
export function strandsASeat(layout: SeatLayout, free: Uint8Array, taken: ReadonlySet<number>): boolean {
  for (const row of layout.rows) {
    const seats = row.seats;
    for (let i = 0; i < seats.length; i++) {
      const seat = seats[i]!;
      if (free[seat] !== 1 || taken.has(seat)) continue;
      const leftFree = i > 0 && row.adjacentToPrevious[i] && free[seats[i - 1]!] === 1 && !taken.has(seats[i - 1]!);
      const rightFree =
        i + 1 < seats.length && row.adjacentToPrevious[i + 1] && free[seats[i + 1]!] === 1 && !taken.has(seats[i + 1]!);
      const touchesTaken =
        (i > 0 && row.adjacentToPrevious[i] && taken.has(seats[i - 1]!)) ||
        (i + 1 < seats.length && row.adjacentToPrevious[i + 1] && taken.has(seats[i + 1]!));
      if (!leftFree && !rightFree && touchesTaken) return true;
    }
  }
  return false;
}
