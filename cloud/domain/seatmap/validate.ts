// Seat-map import rules beyond shape: every seat in a known seated section, ids and labels unique, GA has capacity.
import type { SeatMapImport } from '../../contract/index.ts';

export interface SeatMapProblem {
  rule:
    | 'duplicate_seat_id'
    | 'duplicate_seat_label'
    | 'unknown_section'
    | 'duplicate_section_id'
    | 'ga_section_seats'
    | 'ga_capacity_missing'
    | 'seated_section_capacity'
    | 'unknown_tier'
    | 'duplicate_tier';
  entry: string;
}

const MAX_NAMED = 50;

/** Returns every problem found (the first 50 of each rule), empty when the map can be stored. */
export function findSeatMapProblems(map: SeatMapImport): SeatMapProblem[] {
  const problems: SeatMapProblem[] = [];
  const counts = new Map<SeatMapProblem['rule'], number>();
  const report = (rule: SeatMapProblem['rule'], entry: string) => {
    const seen = counts.get(rule) ?? 0;
    counts.set(rule, seen + 1);
    if (seen < MAX_NAMED) problems.push({ rule, entry });
  };

  // Tier keys are checked only against a map's own list: maps made before tiers carry neither.
  const tiers = map.tiers ? new Set<string>() : null;
  for (const tier of map.tiers ?? []) {
    if (tiers!.has(tier.key)) report('duplicate_tier', tier.key);
    tiers!.add(tier.key);
  }
  const checkTier = (key: string | undefined, entry: string) => {
    if (key !== undefined && tiers && !tiers.has(key)) report('unknown_tier', `${entry}: ${key}`);
  };

  const sections = new Map<string, SeatMapImport['sections'][number]>();
  for (const section of map.sections) {
    checkTier(section.tier, `section ${section.id}`);
    if (sections.has(section.id)) report('duplicate_section_id', section.id);
    sections.set(section.id, section);
    if (section.kind === 'ga' && section.capacity === undefined) report('ga_capacity_missing', section.id);
    if (section.kind === 'seated' && section.capacity !== undefined) report('seated_section_capacity', section.id);
  }

  const seatIds = new Set<string>();
  const labels = new Set<string>();
  for (const seat of map.seats) {
    if (seatIds.has(seat.id)) report('duplicate_seat_id', seat.id);
    seatIds.add(seat.id);
    checkTier(seat.tier, `seat ${seat.id}`);
    const label = `${seat.sectionId} row ${seat.row} seat ${seat.number}`;
    if (labels.has(label)) report('duplicate_seat_label', `${label} (${seat.id})`);
    labels.add(label);
    const section = sections.get(seat.sectionId);
    if (!section) report('unknown_section', `${seat.id} in ${seat.sectionId}`);
    else if (section.kind === 'ga') report('ga_section_seats', `${seat.id} in ${seat.sectionId}`);
  }
  return problems;
}

export function describeSeatMapProblem(problem: SeatMapProblem): string {
  switch (problem.rule) {
    case 'duplicate_seat_id':
      return `seat id ${problem.entry} is used twice`;
    case 'duplicate_seat_label':
      return `${problem.entry} is labelled twice`;
    case 'unknown_section':
      return `seat ${problem.entry}: no such section`;
    case 'duplicate_section_id':
      return `section id ${problem.entry} is used twice`;
    case 'ga_section_seats':
      return `seat ${problem.entry}: a general admission section has no seats`;
    case 'ga_capacity_missing':
      return `general admission section ${problem.entry} needs a capacity`;
    case 'seated_section_capacity':
      return `seated section ${problem.entry} is counted by its seats, not a capacity`;
    case 'unknown_tier':
      return `${problem.entry} is not a tier of the map`;
    case 'duplicate_tier':
      return `tier ${problem.entry} is listed twice`;
  }
}
