// The seat map as best-available sees it: rows of seats in physical order, where an aisle or gap breaks a row,
// seat flags packed into bits, and the stage centre. Built once per (immutable) seat map.
import type { SeatMapImport } from '../../contract/index.ts';

export const SEAT_FLAG = { wheelchair: 1, companion: 2, aisle: 4, restrictedView: 8 } as const;

export interface SeatRow {
  sectionId: string;
  row: string;
  /** Seat indexes (seat-map order) in the row's physical order. */
  seats: number[];
  /** adjacentToPrevious[i]: seat i sits right beside seat i-1 (no aisle or gap between). */
  adjacentToPrevious: boolean[];
}

export interface SeatLayout {
  seatCount: number;
  seatIds: string[];
  indexById: Map<string, number>;
  x: Float64Array;
  y: Float64Array;
  flags: Uint8Array;
  rows: SeatRow[];
  stageCentre: { x: number; y: number };
}

export function seatFlags(seat: SeatMapImport['seats'][number]): number {
  return (
    (seat.wheelchair ? SEAT_FLAG.wheelchair : 0) |
    (seat.companion ? SEAT_FLAG.companion : 0) |
    (seat.aisle ? SEAT_FLAG.aisle : 0) |
    (seat.restrictedView ? SEAT_FLAG.restrictedView : 0)
  );
}

export function buildSeatLayout(map: Pick<SeatMapImport, 'seats' | 'stage'>): SeatLayout {
  const seatCount = map.seats.length;
  const x = new Float64Array(seatCount);
  const y = new Float64Array(seatCount);
  const flags = new Uint8Array(seatCount);
  const seatIds: string[] = new Array(seatCount);
  const indexById = new Map<string, number>();
  const rowsByKey = new Map<string, SeatRow>();

  map.seats.forEach((seat, index) => {
    x[index] = seat.x;
    y[index] = seat.y;
    flags[index] = seatFlags(seat);
    seatIds[index] = seat.id;
    indexById.set(seat.id, index);
    const key = `${seat.sectionId}\u0000${seat.row}`;
    let row = rowsByKey.get(key);
    if (!row) {
      row = { sectionId: seat.sectionId, row: seat.row, seats: [], adjacentToPrevious: [] };
      rowsByKey.set(key, row);
    }
    row.seats.push(index);
  });

  for (const row of rowsByKey.values()) markAdjacency(row, x, y);

  const stage = map.stage.polygon;
  const stageCentre = {
    x: stage.reduce((sum, point) => sum + point[0], 0) / stage.length,
    y: stage.reduce((sum, point) => sum + point[1], 0) / stage.length,
  };
  return { seatCount, seatIds, indexById, x, y, flags, rows: [...rowsByKey.values()], stageCentre };
}

/** Two neighbours in a row are adjacent unless the gap between them is well over the row's usual seat pitch. */
function markAdjacency(row: SeatRow, x: Float64Array, y: Float64Array): void {
  const gaps: number[] = [];
  for (let i = 1; i < row.seats.length; i++) {
    const a = row.seats[i - 1]!;
    const b = row.seats[i]!;
    gaps.push(Math.hypot(x[b]! - x[a]!, y[b]! - y[a]!));
  }
  const pitch = median(gaps);
  row.adjacentToPrevious = [false, ...gaps.map((gap) => gap <= pitch * 1.6)];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
