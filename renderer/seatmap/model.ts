// The seat map as the engine holds it: flat typed arrays in seat-map order (positions, section, tier, status,
// accessibility flags), section outlines with their bounds and live counts of free seats. Built once per seat map;
// a status change touches one byte and one counter.
import type { SeatMapImport } from '../../cloud/contract/index.ts';

export const STATUS = { available: 0, held: 1, sold: 2, unavailable: 3 } as const;
export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

export const FLAG = { wheelchair: 1, companion: 2, aisle: 4, restrictedView: 8 } as const;

export interface SectionShape {
  id: string;
  name: string;
  kind: 'seated' | 'ga';
  polygon: [number, number][];
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

export interface SeatMapModel {
  width: number;
  height: number;
  stage: { label: string; polygon: [number, number][] };
  sections: SectionShape[];
  seatCount: number;
  ids: string[];
  rows: string[];
  numbers: string[];
  x: Float32Array;
  y: Float32Array;
  section: Uint16Array;
  tier: Uint8Array;
  flags: Uint8Array;
  status: Uint8Array;
  /** Seats per section, and how many of them are free now. */
  sectionSeats: Int32Array;
  sectionFree: Int32Array;
  /** Typical distance between neighbouring seats, in map units: what decides when seats are drawn one by one. */
  seatSpacing: number;
  indexById: Map<string, number>;
}

export function buildModel(
  map: Pick<SeatMapImport, 'width' | 'height' | 'stage' | 'sections' | 'seats'>,
): SeatMapModel {
  const n = map.seats.length;
  const sectionIndex = new Map(map.sections.map((s, i) => [s.id, i]));
  const model: SeatMapModel = {
    width: map.width,
    height: map.height,
    stage: { label: map.stage.label, polygon: map.stage.polygon as [number, number][] },
    sections: map.sections.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      polygon: s.polygon as [number, number][],
      bounds: boundsOf(s.polygon as [number, number][]),
    })),
    seatCount: n,
    ids: new Array<string>(n),
    rows: new Array<string>(n),
    numbers: new Array<string>(n),
    x: new Float32Array(n),
    y: new Float32Array(n),
    section: new Uint16Array(n),
    tier: new Uint8Array(n),
    flags: new Uint8Array(n),
    status: new Uint8Array(n),
    sectionSeats: new Int32Array(map.sections.length),
    sectionFree: new Int32Array(map.sections.length),
    seatSpacing: 1,
    indexById: new Map(),
  };
  for (let i = 0; i < n; i++) {
    const seat = map.seats[i]!;
    model.ids[i] = seat.id;
    model.rows[i] = seat.row;
    model.numbers[i] = seat.number;
    model.x[i] = seat.x;
    model.y[i] = seat.y;
    const section = sectionIndex.get(seat.sectionId) ?? 0;
    model.section[i] = section;
    model.flags[i] =
      (seat.wheelchair ? FLAG.wheelchair : 0) |
      (seat.companion ? FLAG.companion : 0) |
      (seat.aisle ? FLAG.aisle : 0) |
      (seat.restrictedView ? FLAG.restrictedView : 0);
    model.sectionSeats[section]!++;
    model.sectionFree[section]!++;
    model.indexById.set(seat.id, i);
  }
  model.seatSpacing = typicalSpacing(model);
  return model;
}

/** Sets every seat's status from a snapshot (codes in seat-map order) and recounts the free seats. */
export function applySnapshot(model: SeatMapModel, codes: Uint8Array): void {
  model.status.set(codes.subarray(0, model.seatCount));
  model.sectionFree.fill(0);
  for (let i = 0; i < model.seatCount; i++)
    if (model.status[i] === STATUS.available) model.sectionFree[model.section[i]!]!++;
}

/** One seat's new status; returns whether anything changed. */
export function setStatus(model: SeatMapModel, seat: number, status: StatusCode): boolean {
  const before = model.status[seat];
  if (before === status || before === undefined) return false;
  model.status[seat] = status;
  const section = model.section[seat]!;
  if (before === STATUS.available) model.sectionFree[section]!--;
  if (status === STATUS.available) model.sectionFree[section]!++;
  return true;
}

export function setTiers(model: SeatMapModel, tierOf: ArrayLike<number>): void {
  for (let i = 0; i < model.seatCount; i++) model.tier[i] = tierOf[i] ?? 0;
}

function boundsOf(points: [number, number][]) {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/** The median distance between a seat and the next one in the same row, from a sample. */
function typicalSpacing(model: SeatMapModel): number {
  const distances: number[] = [];
  const step = Math.max(1, Math.floor(model.seatCount / 2000));
  for (let i = 1; i < model.seatCount; i += step) {
    if (model.section[i] !== model.section[i - 1] || model.rows[i] !== model.rows[i - 1]) continue;
    distances.push(Math.hypot(model.x[i]! - model.x[i - 1]!, model.y[i]! - model.y[i - 1]!));
  }
  distances.sort((a, b) => a - b);
  return distances[Math.floor(distances.length / 2)] ?? 10;
}
