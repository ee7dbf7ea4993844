// Drawing sections: a block of straight or curved rows (rows curve around a centre, e.g. facing the stage), with
// its row and seat numbering and aisles; a standing area with a capacity; the stage. Seats are laid out in a local
// frame (x along the row, y away from the stage), then rotated about the section's origin.
import type {
  SeatMapSeat,
  SeatMapSection,
  SeatedSectionSpec,
  StageSpec,
  StandingAreaSpec,
} from '../../../contract/index.ts';
import { freeSeatIds, requireNewSectionId, seatIdOf, type DesignMap, type DesignResult } from './document.ts';
import { rowLabels, seatNumbers } from './numbering.ts';

type Point = [number, number];

const round = (value: number) => Math.round(value * 100) / 100;

/** Seats of row `rowIndex`: the first row's count plus the growth, at least one. */
export const seatsInRow = (spec: SeatedSectionSpec, rowIndex: number): number =>
  Math.max(1, spec.seatsPerRow + (spec.seatsAddedPerRow ?? 0) * rowIndex);

/** Offsets along a row of `count` seats, centred on 0, with a gap after each aisle position. */
function rowOffsets(spec: SeatedSectionSpec, count: number): number[] {
  const aisles = [...new Set(spec.aislesAfter)].filter((after) => after < count).sort((a, b) => a - b);
  const offsets: number[] = [];
  let gaps = 0;
  for (let i = 0; i < count; i++) {
    if (gaps < aisles.length && aisles[gaps]! <= i) gaps++;
    offsets.push((i + gaps * spec.aisleWidth) * spec.seatPitch);
  }
  const middle = (offsets[0]! + offsets[count - 1]!) / 2;
  return offsets.map((offset) => offset - middle);
}

/** A local point (along, depth) of row `depth` to map coordinates: bent around the centre if curved, then rotated. */
function placer(spec: SeatedSectionSpec): (along: number, depth: number) => Point {
  const rad = (spec.rotation * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const [ox, oy] = spec.origin;
  return (along, depth) => {
    let x = along;
    let y = depth;
    if (spec.curveRadius !== undefined) {
      const radius = spec.curveRadius + depth;
      const angle = along / radius;
      x = radius * Math.sin(angle);
      y = radius * Math.cos(angle);
    }
    return [round(ox + x * cos - y * sin), round(oy + x * sin + y * cos)];
  };
}

/** The section's seats and outline, not yet placed in a map. */
export function layOutSeatedSection(spec: SeatedSectionSpec): { section: SeatMapSection; seats: SeatMapSeat[] } {
  const place = placer(spec);
  const rows = rowLabels(spec.rows, spec.rowNumbering);
  const seats: SeatMapSeat[] = [];
  let widest = 0;
  let widestAngle = 0;
  rows.forEach((row, rowIndex) => {
    const count = seatsInRow(spec, rowIndex);
    const offsets = rowOffsets(spec, count);
    const numbers = seatNumbers(count, spec.seatNumbering);
    const aisleSeats = new Set(spec.aislesAfter.flatMap((after) => [after - 1, after]));
    const halfRow = Math.max(-offsets[0]!, offsets[count - 1]!);
    widest = Math.max(widest, halfRow);
    if (spec.curveRadius !== undefined) {
      const rowRadius = spec.curveRadius + rowIndex * spec.rowPitch;
      widestAngle = Math.max(widestAngle, (halfRow + spec.seatPitch / 2) / rowRadius);
    }
    for (let i = 0; i < count; i++) {
      const [x, y] = place(offsets[i]!, rowIndex * spec.rowPitch);
      const seat: SeatMapSeat = {
        id: seatIdOf(spec.id, row, numbers[i]!),
        sectionId: spec.id,
        row,
        number: numbers[i]!,
        x,
        y,
      };
      if (i === 0 || i === count - 1 || aisleSeats.has(i)) seat.aisle = true;
      seats.push(seat);
    }
  });
  const margin = Math.max(spec.seatPitch, spec.rowPitch) / 2;
  const front = -spec.rowPitch / 2;
  const back = (spec.rows - 1) * spec.rowPitch + spec.rowPitch / 2;
  const radius = spec.curveRadius;
  // The outline's edge at a depth, t from -1 (left) to 1 (right): straight, or the arc the rows' ends lie within.
  const edge = (depth: number, t: number): Point =>
    radius === undefined
      ? place(t * (widest + margin), depth)
      : place(t * widestAngle * Math.max(1, radius + depth), depth);
  // Enough points along an arc that no chord cuts off a seat (a step of 0.1 rad bows in by R/200).
  const steps = radius === undefined ? 1 : Math.min(200, Math.max(8, Math.ceil((2 * widestAngle) / 0.1)));
  const polygon: Point[] = [];
  for (let s = 0; s <= steps; s++) polygon.push(edge(front, -1 + (2 * s) / steps));
  for (let s = steps; s >= 0; s--) polygon.push(edge(back, -1 + (2 * s) / steps));
  const section: SeatMapSection = { id: spec.id, name: spec.name, kind: 'seated', polygon };
  if (spec.level) section.level = spec.level;
  if (spec.tier) section.tier = spec.tier;
  return { section, seats };
}

/** Adds a block of rows: the section's seats go at the end of the map, in row order. */
export function addSeatedSection(map: DesignMap, spec: SeatedSectionSpec): DesignResult {
  requireNewSectionId(map, spec.id);
  const { section, seats } = layOutSeatedSection(spec);
  const ids = freeSeatIds(
    map,
    seats.map((seat) => seat.id),
    `${spec.id}-`,
  );
  seats.forEach((seat, index) => (seat.id = ids[index]!));
  return {
    map: { ...map, sections: [...map.sections, section], seats: map.seats.concat(seats) },
    change: { kind: 'append', sections: 1, seats: seats.length },
  };
}

const rectangle = (x: number, y: number, width: number, height: number): Point[] => [
  [round(x), round(y)],
  [round(x + width), round(y)],
  [round(x + width), round(y + height)],
  [round(x), round(y + height)],
];

/** A standing (general admission) area: counted by its capacity, no seats. */
export function addStandingArea(map: DesignMap, spec: StandingAreaSpec): DesignResult {
  requireNewSectionId(map, spec.id);
  const section: SeatMapSection = {
    id: spec.id,
    name: spec.name,
    kind: 'ga',
    polygon: rectangle(spec.x, spec.y, spec.width, spec.height),
    capacity: spec.capacity,
  };
  if (spec.level) section.level = spec.level;
  if (spec.tier) section.tier = spec.tier;
  return { map: { ...map, sections: [...map.sections, section] }, change: { kind: 'append', sections: 1, seats: 0 } };
}

/** Places the stage (a map has exactly one). */
export function placeStage(map: DesignMap, spec: StageSpec): DesignResult {
  return {
    map: { ...map, stage: { label: spec.label, polygon: rectangle(spec.x, spec.y, spec.width, spec.height) } },
    change: { kind: 'outline' },
  };
}
