// The designer's changes to the engine's model, without rebuilding it: new sections and seats appended at the end
// (typed arrays grown by one copy, only the new seats read), seats restyled in place (tier, flags), and seats moved
// in place (positions, their sections' outlines). The shop and
// kiosk never call these; their model is built once per seat map (model.ts).
import type { SeatMapImport, SeatMapSeat } from '../../cloud/contract/index.ts';
import { FLAG, type SeatMapModel } from './model.ts';

export function flagsOf(seat: SeatMapSeat): number {
  return (
    (seat.wheelchair ? FLAG.wheelchair : 0) |
    (seat.companion ? FLAG.companion : 0) |
    (seat.aisle ? FLAG.aisle : 0) |
    (seat.restrictedView ? FLAG.restrictedView : 0)
  );
}

function grown<T extends Float32Array | Uint8Array | Uint16Array | Int32Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}

/**
 * A model for `map`, whose last `sectionCount` sections and `seatCount` seats are new and everything before is what
 * `model` already holds. `tierOf` gives a new seat's tier index (the editor's colour). O(new seats) plus one copy of
 * each typed array: the id index and label arrays are taken over, not copied, so `model` is spent (an undo rebuilds
 * its model from the map).
 */
export function appendToModel(
  model: SeatMapModel,
  map: Pick<SeatMapImport, 'sections' | 'seats'>,
  sectionCount: number,
  seatCount: number,
  tierOf: (seat: SeatMapSeat) => number,
): SeatMapModel {
  const n = model.seatCount + seatCount;
  const sections = map.sections.slice(map.sections.length - sectionCount).map((s) => {
    const polygon = s.polygon as [number, number][];
    const xs = polygon.map((p) => p[0]);
    const ys = polygon.map((p) => p[1]);
    const bounds = { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
    return { id: s.id, name: s.name, kind: s.kind, polygon, bounds };
  });
  const next: SeatMapModel = {
    ...model,
    sections: [...model.sections, ...sections],
    seatCount: n,
    ids: model.ids,
    rows: model.rows,
    numbers: model.numbers,
    x: grown(model.x, n),
    y: grown(model.y, n),
    section: grown(model.section, n),
    tier: grown(model.tier, n),
    flags: grown(model.flags, n),
    status: grown(model.status, n),
    sectionSeats: grown(model.sectionSeats, model.sections.length + sectionCount),
    sectionFree: grown(model.sectionFree, model.sections.length + sectionCount),
    indexById: model.indexById,
  };
  const sectionIndex = new Map(next.sections.map((s, i) => [s.id, i]));
  for (let i = model.seatCount; i < n; i++) {
    const seat = map.seats[i]!;
    next.ids[i] = seat.id;
    next.rows[i] = seat.row;
    next.numbers[i] = seat.number;
    next.x[i] = seat.x;
    next.y[i] = seat.y;
    const section = sectionIndex.get(seat.sectionId) ?? 0;
    next.section[i] = section;
    next.tier[i] = tierOf(seat);
    next.flags[i] = flagsOf(seat);
    next.sectionSeats[section]!++;
    next.sectionFree[section]!++;
    next.indexById.set(seat.id, i);
  }
  if (model.seatCount === 0 && n > 1) next.seatSpacing = spacingOf(next);
  return next;
}

/** A new map's typical spacing, from its first rows (the model's own estimate needs a whole map). */
function spacingOf(model: SeatMapModel): number {
  const distances: number[] = [];
  for (let i = 1; i < Math.min(model.seatCount, 2000); i++) {
    if (model.section[i] !== model.section[i - 1] || model.rows[i] !== model.rows[i - 1]) continue;
    distances.push(Math.hypot(model.x[i]! - model.x[i - 1]!, model.y[i]! - model.y[i - 1]!));
  }
  distances.sort((a, b) => a - b);
  return distances[Math.floor(distances.length / 2)] || 10;
}

/** Restyles seats in place (tier index, flags); returns the seats whose look changed. */
export function restyleSeats(model: SeatMapModel, seats: { seat: number; tier: number; flags: number }[]): number[] {
  const changed: number[] = [];
  for (const { seat, tier, flags } of seats) {
    if (model.tier[seat] === tier && model.flags[seat] === flags) continue;
    model.tier[seat] = tier;
    model.flags[seat] = flags;
    changed.push(seat);
  }
  return changed;
}

/**
 * A model whose `seatIndexes` stand where `map` has them now and whose `sectionIds` outlines are the map's (a move):
 * positions written in place, no strings or index maps rebuilt. Returns a new model object, for the engine to index
 * again (setModel); `model` is spent, as with appendToModel.
 */
export function moveInModel(
  model: SeatMapModel,
  map: Pick<SeatMapImport, 'sections' | 'seats'>,
  seatIndexes: readonly number[],
  sectionIds: readonly string[],
): SeatMapModel {
  for (const seat of seatIndexes) {
    model.x[seat] = map.seats[seat]!.x;
    model.y[seat] = map.seats[seat]!.y;
  }
  const moved = new Set(sectionIds);
  const outlines = new Map(map.sections.filter((s) => moved.has(s.id)).map((s) => [s.id, s.polygon]));
  const sections = model.sections.map((section) => {
    const polygon = outlines.get(section.id) as [number, number][] | undefined;
    if (!polygon) return section;
    const xs = polygon.map((p) => p[0]);
    const ys = polygon.map((p) => p[1]);
    const bounds = { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
    return { ...section, polygon, bounds };
  });
  return { ...model, sections };
}
