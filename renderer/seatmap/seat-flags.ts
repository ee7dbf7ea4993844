// A seat's flags as the doors name them (shop, kiosk, box office): in a seat's label and summary, in the legend (each
// with the mark the canvas draws: a square, a dot, a stroke), in the map's tooltip and in the basket before payment.
// The words are the shown language's (the seatmap area of renderer/i18n), read when asked for, never at import.
import type { SeatMapSeat } from '../../cloud/contract/index.ts';
import { i18n } from '../i18n/index.ts';

export type SeatFlag = 'wheelchair' | 'companion' | 'restrictedView';

const FLAG_IDS: Record<SeatFlag | 'aisle', string> = {
  wheelchair: 'seatmap.flag.wheelchair',
  companion: 'seatmap.flag.companion',
  restrictedView: 'seatmap.flag.restrictedView',
  aisle: 'seatmap.flag.aisle',
};

/** The flags a buyer is told of, in the order they are named; `words` in the language shown now. */
export const SEAT_FLAGS: readonly { flag: SeatFlag; readonly words: string }[] = (
  ['wheelchair', 'companion', 'restrictedView'] as const
).map((flag) => ({
  flag,
  get words() {
    return i18n._(FLAG_IDS[flag]);
  },
}));

type Flagged = Partial<Pick<SeatMapSeat, SeatFlag | 'aisle'>>;

/** "wheelchair space", "restricted view" … of one seat (an aisle seat says so last). */
export const flagWords = (seat: Flagged): string[] => [
  ...SEAT_FLAGS.filter(({ flag }) => seat[flag]).map(({ words }) => words),
  ...(seat.aisle ? [i18n._(FLAG_IDS.aisle)] : []),
];

/** "row C seat 4, wheelchair space": a seat as the summary of a choice names it. */
export const seatSummary = (seat: Pick<SeatMapSeat, 'row' | 'number'> & Flagged): string =>
  [
    i18n._('seatmap.seat.summary', { row: seat.row, number: seat.number }),
    ...flagWords({ ...seat, aisle: false }),
  ].join(', ');

/** The flags that some seat of the map has (the legend lists only these). */
export function flagsIn(seats: readonly Flagged[]): SeatFlag[] {
  const present = new Set<SeatFlag>();
  for (const seat of seats) for (const { flag } of SEAT_FLAGS) if (seat[flag]) present.add(flag);
  return SEAT_FLAGS.map(({ flag }) => flag).filter((flag) => present.has(flag));
}
