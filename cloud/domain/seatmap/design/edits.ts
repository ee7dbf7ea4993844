// Changing what is drawn: move, rotate or delete a section (with its seats), delete seats, paint tier keys and flags
// on seats, define the map's tiers. Each returns a new map and what changed (document.ts).
import type { SeatFlagName, SeatMapSeat, SeatMapTier } from '../../../contract/index.ts';
import { DesignInputError, type DesignMap, type DesignResult } from './document.ts';

type Point = [number, number];

const round = (value: number) => Math.round(value * 100) / 100;

function requireSection(map: DesignMap, sectionId: string) {
  const section = map.sections.find((candidate) => candidate.id === sectionId);
  if (!section) throw new DesignInputError('section', `There is no section ${sectionId}.`);
  return section;
}

/** Applies a point transform to one section's outline and seats. */
function transformSection(map: DesignMap, sectionId: string, move: (point: Point) => Point): DesignResult {
  requireSection(map, sectionId);
  const sections = map.sections.map((section) =>
    section.id === sectionId ? { ...section, polygon: section.polygon.map((point) => move(point as Point)) } : section,
  );
  const seats = map.seats.map((seat) => {
    if (seat.sectionId !== sectionId) return seat;
    const [x, y] = move([seat.x, seat.y]);
    return { ...seat, x, y };
  });
  return { map: { ...map, sections, seats }, change: { kind: 'replace' } };
}

export function moveSection(map: DesignMap, sectionId: string, dx: number, dy: number): DesignResult {
  return transformSection(map, sectionId, ([x, y]) => [round(x + dx), round(y + dy)]);
}

/** Rotates a section clockwise by `degrees` about the centre of its outline. */
export function rotateSection(map: DesignMap, sectionId: string, degrees: number): DesignResult {
  const polygon = requireSection(map, sectionId).polygon;
  const cx = polygon.reduce((sum, point) => sum + point[0], 0) / polygon.length;
  const cy = polygon.reduce((sum, point) => sum + point[1], 0) / polygon.length;
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  return transformSection(map, sectionId, ([x, y]) => [
    round(cx + (x - cx) * cos - (y - cy) * sin),
    round(cy + (x - cx) * sin + (y - cy) * cos),
  ]);
}

export function deleteSection(map: DesignMap, sectionId: string): DesignResult {
  requireSection(map, sectionId);
  return {
    map: {
      ...map,
      sections: map.sections.filter((section) => section.id !== sectionId),
      seats: map.seats.filter((seat) => seat.sectionId !== sectionId),
    },
    change: { kind: 'replace' },
  };
}

export function deleteSeats(map: DesignMap, seatIds: Iterable<string>): DesignResult {
  const gone = new Set(seatIds);
  return { map: { ...map, seats: map.seats.filter((seat) => !gone.has(seat.id)) }, change: { kind: 'replace' } };
}

/** Changes some seats in place, by index; the rest of the seats array is shared with the input map. */
function changeSeats(map: DesignMap, seatIndexes: number[], change: (seat: SeatMapSeat) => SeatMapSeat): DesignResult {
  const seats = map.seats.slice();
  for (const index of seatIndexes) seats[index] = change(seats[index]!);
  return { map: { ...map, seats }, change: { kind: 'seats', seatIndexes } };
}

/** Paints a tier key on seats (null takes it off: the seat follows its section's tier). */
export function paintTier(map: DesignMap, seatIndexes: number[], tierKey: string | null): DesignResult {
  if (tierKey !== null && !(map.tiers ?? []).some((tier) => tier.key === tierKey))
    throw new DesignInputError('tier', `There is no tier ${tierKey}; add it first.`);
  return changeSeats(map, seatIndexes, ({ tier: _previous, ...seat }) =>
    tierKey === null ? seat : { ...seat, tier: tierKey },
  );
}

/** Sets or clears a flag (wheelchair, companion, restricted view, aisle) on seats. */
export function setSeatFlag(map: DesignMap, seatIndexes: number[], flag: SeatFlagName, on: boolean): DesignResult {
  return changeSeats(map, seatIndexes, (seat) => {
    const { [flag]: _previous, ...rest } = seat;
    return on ? { ...rest, [flag]: true } : rest;
  });
}

/** Adds a tier to the map's list, or renames/recolours the one with its key. */
export function defineTier(map: DesignMap, tier: SeatMapTier): DesignResult {
  const tiers = map.tiers ?? [];
  const exists = tiers.some((candidate) => candidate.key === tier.key);
  if (!exists && tiers.length >= 20) throw new DesignInputError('key', 'A map has at most 20 tiers.');
  return {
    map: { ...map, tiers: exists ? tiers.map((t) => (t.key === tier.key ? tier : t)) : [...tiers, tier] },
    change: { kind: 'outline' },
  };
}

/** Sets a section's tier: a standing area's price tier, and the default for a block's seats without their own. */
export function paintSectionTier(map: DesignMap, sectionId: string, tierKey: string | null): DesignResult {
  requireSection(map, sectionId);
  if (tierKey !== null && !(map.tiers ?? []).some((tier) => tier.key === tierKey))
    throw new DesignInputError('tier', `There is no tier ${tierKey}; add it first.`);
  const sections = map.sections.map((section) => {
    if (section.id !== sectionId) return section;
    const { tier: _previous, ...rest } = section;
    return tierKey === null ? rest : { ...rest, tier: tierKey };
  });
  const seatIndexes: number[] = [];
  map.seats.forEach((seat, index) => seat.sectionId === sectionId && seatIndexes.push(index));
  return { map: { ...map, sections }, change: { kind: 'seats', seatIndexes } };
}

/** The seat's tier key as an event will read it: its own, else its section's. */
export function tierOfSeat(map: DesignMap, seat: SeatMapSeat): string | undefined {
  return seat.tier ?? map.sections.find((section) => section.id === seat.sectionId)?.tier;
}
