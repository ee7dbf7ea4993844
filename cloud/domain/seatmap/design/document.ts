// The designer's document is the seat map itself (SeatMapImport): every operation takes a map and returns a new one,
// never changing its input, with a note of what changed so an editor updates its index and drawing incrementally
// (new sections and seats at the end, a few seats changed in place, or everything).
import type { SeatMapImport } from '../../../contract/index.ts';

export type DesignMap = SeatMapImport;

export type DesignChange =
  /** The last `sections` sections and the last `seats` seats are new; nothing before them moved. */
  | { kind: 'append'; sections: number; seats: number }
  /** These seats (indexes in seat-map order) changed their tier or flags; nothing moved. */
  | { kind: 'seats'; seatIndexes: number[] }
  /** These seats moved by (dx, dy), and these sections' outlines with them; nothing else changed. */
  | { kind: 'moved'; seatIndexes: number[]; sectionIds: string[]; dx: number; dy: number }
  /** Sections, tiers or the stage changed; every seat stayed where it was. */
  | { kind: 'outline' }
  /** Seats moved, went or came: rebuild. */
  | { kind: 'replace' };

export interface DesignResult {
  map: DesignMap;
  change: DesignChange;
}

/** Input a tool cannot use, told beside its field (`field` is the tool form's field name). */
export class DesignInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DesignInputError';
  }
}

/** A new, empty design: a stage at the top centre and no sections yet. */
export function emptyDesign(name: string, width = 1000, height = 800): DesignMap {
  const stageWidth = Math.round(width * 0.4);
  const left = Math.round((width - stageWidth) / 2);
  return {
    name,
    width,
    height,
    stage: {
      label: 'Stage',
      polygon: [
        [left, 20],
        [left + stageWidth, 20],
        [left + stageWidth, 80],
        [left, 80],
      ],
    },
    sections: [],
    seats: [],
    tiers: [],
  };
}

/** Seat ids not yet used by the map: `wanted`, or with `~2`, `~3`… when taken. Scans the map once, only if needed. */
export function freeSeatIds(map: DesignMap, wanted: string[], prefix: string): string[] {
  const clash = map.seats.some((seat) => seat.id.startsWith(prefix));
  const taken = clash ? new Set(map.seats.map((seat) => seat.id)) : new Set<string>();
  return wanted.map((id) => {
    let candidate = id;
    for (let n = 2; taken.has(candidate); n++) candidate = `${id}~${n}`;
    taken.add(candidate);
    return candidate;
  });
}

export function requireNewSectionId(map: DesignMap, id: string): void {
  if (map.sections.some((section) => section.id === id))
    throw new DesignInputError('id', `There is already a section ${id}; give this one another code.`);
}

/** Where a seat's id comes from: its section, row and number, safe for the id's alphabet. */
export const seatIdOf = (sectionId: string, row: string, number: string): string =>
  `${sectionId}-${row}-${number}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 64);

/** The map's size (what seats must lie within); nothing drawn moves. */
export function resizeMap(map: DesignMap, width: number, height: number): DesignResult {
  if (!(width > 0 && width <= 1_000_000)) throw new DesignInputError('width', 'A width above 0, up to 1,000,000.');
  if (!(height > 0 && height <= 1_000_000)) throw new DesignInputError('height', 'A height above 0, up to 1,000,000.');
  return { map: { ...map, width, height }, change: { kind: 'replace' } };
}
