// The legend's entries for the seats' flags the map has: each with the mark the seat map draws on such a seat (a
// square, a dot, a stroke), so a flag is told by shape, not by colour alone.
import { SEAT_FLAGS, type SeatFlag } from '../../../seatmap/seat-flags.ts';

export function FlagLegend({ flags }: { flags: SeatFlag[] }) {
  return (
    <>
      {SEAT_FLAGS.filter(({ flag }) => flags.includes(flag)).map(({ flag, words }) => (
        <li key={flag}>
          <span className="kit-chip kit-chip--md">
            <span className={`swatch flag-mark flag-${flag}`} aria-hidden="true" />
            {words[0]!.toUpperCase() + words.slice(1)}
          </span>
        </li>
      ))}
    </>
  );
}
