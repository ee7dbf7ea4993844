// Bringing seats in: a CSV of `section,row,seat,x,y[,tier][,flags]` (a header line is optional; flags are words
// separated by `;`, `|` or spaces: wheelchair, companion, restricted, aisle) added to the design, and a whole map as
// JSON in the SeatMapImport format, which replaces it. CSV is parsed with papaparse (quotes, BOM, line endings).
import Papa from 'papaparse';
import { SeatMapImport, type SeatMapSeat, type SeatMapSection } from '../../../contract/index.ts';
import { freeSeatIds, seatIdOf, type DesignMap, type DesignResult } from './document.ts';

export interface ImportProblem {
  /** 1-based line of the CSV, or 0 for the file as a whole / a JSON document. */
  line: number;
  /** The column (CSV) or the path in the document (JSON), e.g. `seats.3.x`. */
  field: string;
  message: string;
}

export interface CsvSeat {
  section: string;
  row: string;
  number: string;
  x: number;
  y: number;
  tier?: string;
  wheelchair?: true;
  companion?: true;
  restrictedView?: true;
  aisle?: true;
}

const COLUMNS = ['section', 'row', 'seat', 'x', 'y', 'tier', 'flags'] as const;
const FLAG_WORDS: Record<string, 'wheelchair' | 'companion' | 'restrictedView' | 'aisle'> = {
  wheelchair: 'wheelchair',
  wc: 'wheelchair',
  companion: 'companion',
  restricted: 'restrictedView',
  restrictedview: 'restrictedView',
  restricted_view: 'restrictedView',
  aisle: 'aisle',
};
const KEY = /^[A-Za-z0-9_.:-]+$/;
const MAX_ROWS = 250_000;
const MAX_PROBLEMS = 100;

/** Reads the CSV; rows with a problem are left out and each problem names its line and column. */
export function parseSeatCsv(text: string): { seats: CsvSeat[]; problems: ImportProblem[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const problems: ImportProblem[] = [];
  const report = (problem: ImportProblem) => problems.length < MAX_PROBLEMS && problems.push(problem);
  for (const error of parsed.errors) report({ line: (error.row ?? 0) + 1, field: '', message: error.message });
  const lines = parsed.data;
  const hasHeader = lines.length > 0 && lines[0]![0]?.trim().toLowerCase() === 'section';
  if (lines.length - (hasHeader ? 1 : 0) > MAX_ROWS)
    return { seats: [], problems: [{ line: 0, field: '', message: `More than ${MAX_ROWS} seats.` }] };
  const seats: CsvSeat[] = [];
  lines.forEach((cells, index) => {
    if (hasHeader && index === 0) return;
    const line = index + 1;
    const cell = (column: (typeof COLUMNS)[number]) => (cells[COLUMNS.indexOf(column)] ?? '').trim();
    const fail = (field: string, message: string) => (report({ line, field, message }), false);
    const [section, row, number] = [cell('section'), cell('row'), cell('seat')];
    if (!KEY.test(section) || section.length > 40) return fail('section', 'a section code: letters, digits, _.:-');
    if (row === '' || row.length > 40) return fail('row', 'a row label of 1 to 40 characters');
    if (number === '' || number.length > 40) return fail('seat', 'a seat number of 1 to 40 characters');
    const x = Number(cell('x'));
    const y = Number(cell('y'));
    if (cell('x') === '' || !Number.isFinite(x) || Math.abs(x) > 1_000_000) return fail('x', 'a number');
    if (cell('y') === '' || !Number.isFinite(y) || Math.abs(y) > 1_000_000) return fail('y', 'a number');
    const seat: CsvSeat = { section, row, number, x, y };
    const tier = cell('tier');
    if (tier !== '') {
      if (!KEY.test(tier) || tier.length > 40) return fail('tier', 'a tier key: letters, digits, _.:-');
      seat.tier = tier;
    }
    for (const word of cell('flags')
      .split(/[;|\s]+/)
      .filter(Boolean)) {
      const flag = FLAG_WORDS[word.toLowerCase()];
      if (!flag) return fail('flags', `unknown flag ${word} (wheelchair, companion, restricted, aisle)`);
      seat[flag] = true;
    }
    seats.push(seat);
    return true;
  });
  return { seats, problems };
}

/** Adds CSV seats to the design: to their section when it exists, else to a new seated section drawn round them. */
export function addCsvSeats(map: DesignMap, rows: CsvSeat[]): DesignResult {
  const known = new Set(map.sections.map((section) => section.id));
  const newSections = new Map<string, CsvSeat[]>();
  for (const row of rows) {
    if (known.has(row.section)) continue;
    let list = newSections.get(row.section);
    if (!list) newSections.set(row.section, (list = []));
    list.push(row);
  }
  const sections: SeatMapSection[] = [...newSections].map(([id, seats]) => ({
    id,
    name: id,
    kind: 'seated',
    polygon: outlineAround(seats),
  }));
  const ids = freeSeatIds(
    map,
    rows.map((row) => seatIdOf(row.section, row.row, row.number)),
    '',
  );
  const seats = rows.map(({ section, number, ...rest }, index): SeatMapSeat => ({
    ...rest,
    id: ids[index]!,
    sectionId: section,
    number,
  }));
  const tierKeys = new Set((map.tiers ?? []).map((tier) => tier.key));
  const tiers = [...(map.tiers ?? [])];
  for (const row of rows) {
    if (row.tier !== undefined && !tierKeys.has(row.tier)) {
      tierKeys.add(row.tier);
      tiers.push({ key: row.tier, name: row.tier });
    }
  }
  const onlyAppended = tiers.length === (map.tiers ?? []).length;
  return {
    map: { ...map, tiers, sections: [...map.sections, ...sections], seats: map.seats.concat(seats) },
    change: onlyAppended ? { kind: 'append', sections: sections.length, seats: seats.length } : { kind: 'replace' },
  };
}

/** A rectangle round the seats with half a seat's room on each side. */
function outlineAround(seats: CsvSeat[]): [number, number][] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { x, y } of seats) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const margin = 6;
  return [
    [minX - margin, minY - margin],
    [maxX + margin, minY - margin],
    [maxX + margin, maxY + margin],
    [minX - margin, maxY + margin],
  ];
}

/** Reads a whole map in the SeatMapImport format; problems name the path of each bad value. */
export function parseSeatMapJson(text: string): { map: DesignMap | null; problems: ImportProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { map: null, problems: [{ line: 0, field: '', message: `Not JSON: ${(error as Error).message}` }] };
  }
  const parsed = SeatMapImport.safeParse(value);
  if (parsed.success) return { map: parsed.data, problems: [] };
  return {
    map: null,
    problems: parsed.error.issues
      .slice(0, MAX_PROBLEMS)
      .map((issue) => ({ line: 0, field: issue.path.join('.'), message: issue.message })),
  };
}
