// The designer's checks: everything the server refuses (validate.ts) and what a venue would regret (seats on top of
// each other, seats off the map, a block without seats), each problem naming the offending seats (ids and indexes)
// and sections so the editor highlights them. Overlaps are found on a spatial grid, so 60,000 seats stay fast.
import type { DesignMap } from './document.ts';

export type DesignRule =
  | 'no_sections'
  | 'duplicate_section_id'
  | 'duplicate_seat_id'
  | 'duplicate_label'
  | 'overlapping_seats'
  | 'outside_map'
  | 'empty_section'
  | 'unknown_section'
  | 'ga_section_seats'
  | 'ga_capacity_missing'
  | 'seated_section_capacity'
  | 'unknown_tier'
  | 'duplicate_tier';

export interface DesignProblem {
  rule: DesignRule;
  message: string;
  seatIds: string[];
  seatIndexes: number[];
  sectionIds: string[];
}

export interface DesignCheck {
  problems: DesignProblem[];
  /** How many problems each rule found (the list keeps the first 50 of each). */
  totals: Partial<Record<DesignRule, number>>;
}

const MAX_LISTED = 50;

export function checkDesign(map: DesignMap, options: { minSeatDistance?: number } = {}): DesignCheck {
  const problems: DesignProblem[] = [];
  const totals: DesignCheck['totals'] = {};
  const report = (rule: DesignRule, message: string, seatIndexes: number[] = [], sectionIds: string[] = []) => {
    totals[rule] = (totals[rule] ?? 0) + 1;
    if (totals[rule]! > MAX_LISTED) return;
    const seatIds = seatIndexes.map((index) => map.seats[index]!.id);
    problems.push({ rule, message, seatIds, seatIndexes, sectionIds });
  };

  if (map.sections.length === 0) report('no_sections', 'The map has no sections yet.');
  const tierKeys = map.tiers ? new Set<string>() : null;
  for (const tier of map.tiers ?? []) {
    if (tierKeys!.has(tier.key)) report('duplicate_tier', `Tier ${tier.key} is listed twice.`);
    tierKeys!.add(tier.key);
  }
  const sections = new Map<string, DesignMap['sections'][number]>();
  for (const section of map.sections) {
    if (sections.has(section.id))
      report('duplicate_section_id', `Section code ${section.id} is used twice.`, [], [section.id]);
    sections.set(section.id, section);
    if (section.kind === 'ga' && section.capacity === undefined)
      report('ga_capacity_missing', `Standing area ${section.name} needs a capacity.`, [], [section.id]);
    if (section.kind === 'seated' && section.capacity !== undefined)
      report(
        'seated_section_capacity',
        `Block ${section.name} is counted by its seats, not a capacity.`,
        [],
        [section.id],
      );
    if (section.tier !== undefined && tierKeys && !tierKeys.has(section.tier))
      report(
        'unknown_tier',
        `${section.name} has tier ${section.tier}, which the map does not list.`,
        [],
        [section.id],
      );
    const outside = section.polygon.some(([x, y]) => x < 0 || y < 0 || x > map.width || y > map.height);
    if (outside) report('outside_map', `${section.name} reaches outside the map.`, [], [section.id]);
  }

  if (map.stage.polygon.some(([x, y]) => x < 0 || y < 0 || x > map.width || y > map.height))
    report('outside_map', `The stage reaches outside the map.`);

  const byId = new Map<string, number[]>();
  const byLabel = new Map<string, number[]>();
  const bySection = new Map<string, number[]>();
  const unknownTier: number[] = [];
  map.seats.forEach((seat, index) => {
    group(byId, seat.id, index);
    group(byLabel, `${seat.sectionId}\u0000${seat.row}\u0000${seat.number}`, index);
    group(bySection, seat.sectionId, index);
    if (seat.tier !== undefined && tierKeys && !tierKeys.has(seat.tier)) unknownTier.push(index);
  });
  for (const [id, seats] of byId)
    if (seats.length > 1) report('duplicate_seat_id', `Seat id ${id} is used ${seats.length} times.`, seats);
  for (const seats of byLabel.values()) {
    if (seats.length < 2) continue;
    const seat = map.seats[seats[0]!]!;
    const name = sections.get(seat.sectionId)?.name ?? seat.sectionId;
    report('duplicate_label', `${name} row ${seat.row} seat ${seat.number} is labelled ${seats.length} times.`, seats, [
      seat.sectionId,
    ]);
  }
  if (unknownTier.length > 0)
    report('unknown_tier', `${unknownTier.length} seat(s) have a tier the map does not list.`, unknownTier);

  for (const [sectionId, seats] of bySection) {
    const section = sections.get(sectionId);
    if (!section)
      report('unknown_section', `${seats.length} seat(s) are in section ${sectionId}, which does not exist.`, seats);
    else if (section.kind === 'ga')
      report('ga_section_seats', `Standing area ${section.name} cannot have seats.`, seats, [sectionId]);
    const off = seats.filter((index) => {
      const { x, y } = map.seats[index]!;
      return x < 0 || y < 0 || x > map.width || y > map.height;
    });
    if (off.length > 0)
      report('outside_map', `${off.length} seat(s) of ${section?.name ?? sectionId} lie outside the map.`, off, [
        sectionId,
      ]);
  }
  for (const section of map.sections)
    if (section.kind === 'seated' && !bySection.has(section.id))
      report('empty_section', `Block ${section.name} has no seats.`, [], [section.id]);

  // Closer than a third of the usual pitch: two seats on one spot, not a tight row (the stadium's inner rows).
  const minDistance = options.minSeatDistance ?? typicalSeatSpacing(map) * 0.3;
  for (const [a, b] of overlappingPairs(map, minDistance)) {
    const [first, second] = [map.seats[a]!, map.seats[b]!];
    report(
      'overlapping_seats',
      `Seats ${first.id} and ${second.id} overlap.`,
      [a, b],
      [...new Set([first.sectionId, second.sectionId])],
    );
  }
  return { problems, totals };
}

function group<K>(groups: Map<K, number[]>, key: K, index: number): void {
  const list = groups.get(key);
  if (list) list.push(index);
  else groups.set(key, [index]);
}

/** The median distance between neighbours of a row (sampled), the pitch seats are drawn at. */
export function typicalSeatSpacing(map: DesignMap): number {
  const distances: number[] = [];
  const step = Math.max(1, Math.floor(map.seats.length / 2000));
  for (let i = 1; i < map.seats.length; i += step) {
    const [a, b] = [map.seats[i - 1]!, map.seats[i]!];
    if (a.sectionId !== b.sectionId || a.row !== b.row) continue;
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    if (distance > 0) distances.push(distance);
  }
  distances.sort((p, q) => p - q);
  return distances[Math.floor(distances.length / 2)] ?? 10;
}

/**
 * Pairs of seats closer than `minDistance` (at most `maxPairs`), each seat compared only with the seats of its own and
 * the 8 neighbouring cells of a grid stored flat in typed arrays (cells at least `minDistance` wide, and no more cells
 * than seats), so the work grows with the seats, not their square.
 */
export function overlappingPairs(map: DesignMap, minDistance: number, maxPairs = 10_000): [number, number][] {
  const n = map.seats.length;
  const pairs: [number, number][] = [];
  if (n < 2) return pairs;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  map.seats.forEach((seat, i) => {
    xs[i] = seat.x;
    ys[i] = seat.y;
    minX = Math.min(minX, seat.x);
    minY = Math.min(minY, seat.y);
    maxX = Math.max(maxX, seat.x);
    maxY = Math.max(maxY, seat.y);
  });
  const cell = Math.max(minDistance, Math.sqrt(((maxX - minX) * (maxY - minY)) / n), 1e-6);
  const columns = Math.floor((maxX - minX) / cell) + 1;
  const rows = Math.floor((maxY - minY) / cell) + 1;
  const cellOf = new Int32Array(n);
  const start = new Int32Array(columns * rows + 1);
  for (let i = 0; i < n; i++) {
    cellOf[i] = Math.floor((ys[i]! - minY) / cell) * columns + Math.floor((xs[i]! - minX) / cell);
    start[cellOf[i]! + 1]!++;
  }
  for (let c = 0; c < columns * rows; c++) start[c + 1]! += start[c]!;
  const members = new Int32Array(n);
  const fill = start.slice(0, columns * rows);
  for (let i = 0; i < n; i++) members[fill[cellOf[i]!]!++] = i;
  const limit = minDistance * minDistance;
  for (let i = 0; i < n && pairs.length < maxPairs; i++) {
    const cx = cellOf[i]! % columns;
    const cy = Math.floor(cellOf[i]! / columns);
    for (let y = Math.max(0, cy - 1); y <= Math.min(rows - 1, cy + 1); y++) {
      for (let x = Math.max(0, cx - 1); x <= Math.min(columns - 1, cx + 1); x++) {
        const c = y * columns + x;
        for (let k = start[c]!; k < start[c + 1]!; k++) {
          const j = members[k]!;
          if (j <= i) continue;
          const dx = xs[j]! - xs[i]!;
          const dy = ys[j]! - ys[i]!;
          if (dx * dx + dy * dy < limit && pairs.length < maxPairs) pairs.push([i, j]);
        }
      }
    }
  }
  return pairs;
}
