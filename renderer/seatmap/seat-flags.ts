// A seat's flags as the doors name them (shop, kiosk, box office): in a seat's label and summary, in the legend (each
// with the mark the canvas draws: a square, a dot, a stroke) and in the basket before payment.
import type { SeatMapSeat } from '../../cloud/contract/index.ts';

export type SeatFlag = 'wheelchair' | 'companion' | 'restrictedView';

/** The flags a buyer is told of, in the order they are named. */
export const SEAT_FLAGS: readonly { flag: SeatFlag; words: string }[] = [
  { flag: 'wheelchair', words: 'wheelchair space' },
  { flag: 'companion', words: 'companion seat' },
  { flag: 'restrictedView', words: 'restricted view' },
];

type Flagged = Partial<Pick<SeatMapSeat, SeatFlag | 'aisle'>>;

/** "wheelchair space", "restricted view" … of one seat (an aisle seat says so last). */
export const flagWords = (seat: Flagged): string[] => [
  ...SEAT_FLAGS.filter(({ flag }) => seat[flag]).map(({ words }) => words),
  ...(seat.aisle ? ['aisle'] : []),
];

/** "row C seat 4, wheelchair space": a seat as the summary of a choice names it. */
export const seatSummary = (seat: Pick<SeatMapSeat, 'row' | 'number'> & Flagged): string =>
  [`row ${seat.row} seat ${seat.number}`, ...flagWords(seat).filter((words) => words !== 'aisle')].join(', ');

/** The flags that some seat of the map has (the legend lists only these). */
export function flagsIn(seats: readonly Flagged[]): SeatFlag[] {
  const present = new Set<SeatFlag>();
  for (const seat of seats) for (const { flag } of SEAT_FLAGS) if (seat[flag]) present.add(flag);
  return SEAT_FLAGS.map(({ flag }) => flag).filter((flag) => present.has(flag));
}
