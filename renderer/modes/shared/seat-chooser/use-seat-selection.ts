// The seats a buyer has chosen, and what they hear about them: a seat is added only while it is available and within
// the per-order limit, each change is announced for screen readers, and a chosen seat someone else takes is dropped
// with a notice saying which.
import { useCallback, useRef, useState, type RefObject } from 'react';
import type { EventDetail, SeatMap } from '../../../../cloud/contract/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { STATUS } from '../../../seatmap/model.ts';
import { flagWords } from '../../../seatmap/seat-flags.ts';
import type { SeatChange } from './use-live-availability.ts';

const STATUS_WORDS = ['available', 'held by someone else', 'sold', 'not for sale'];

export function useSeatSelection({
  event,
  map,
  tierOf,
  live,
}: {
  event: EventDetail;
  map: SeatMap;
  tierOf: Uint8Array;
  /** The seats' current statuses (see useLiveAvailability). */
  live: RefObject<Uint8Array>;
}) {
  const [selected, setSelected] = useState<number[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const describe = useCallback(
    (seat: number) => {
      const s = map.seats[seat]!;
      const section = map.sections.find((x) => x.id === s.sectionId)?.name ?? s.sectionId;
      const tier = event.tiers[tierOf[seat]!];
      const features = flagWords(s);
      return `${section}, row ${s.row}, seat ${s.number}${tier ? `, ${formatMoney(tier.price)}` : ''}${features.length ? `, ${features.join(', ')}` : ''}, ${STATUS_WORDS[live.current[seat]!]}${selectedRef.current.includes(seat) ? ', selected' : ''}`;
    },
    [map, event, tierOf, live],
  );

  const toggle = useCallback(
    (seat: number) => {
      setNotice(null);
      const current = selectedRef.current;
      if (current.includes(seat)) {
        setSelected(current.filter((s) => s !== seat));
        setAnnouncement(`Removed ${describe(seat)}`);
        return;
      }
      if (live.current[seat] !== STATUS.available) {
        setNotice(`That seat is ${STATUS_WORDS[live.current[seat]!]}. Please choose another.`);
        return;
      }
      if (current.length >= event.perOrderLimit) {
        setNotice(`You can buy up to ${event.perOrderLimit} tickets in one order.`);
        return;
      }
      setSelected([...current, seat]);
      setAnnouncement(`Selected ${describe(seat)}`);
    },
    [describe, event.perOrderLimit, live],
  );

  /** Live changes: a chosen seat that goes is dropped and explained. */
  const seatsChanged = (changes: SeatChange[]) => {
    const lost = changes.filter((c) => c.status !== STATUS.available && selectedRef.current.includes(c.seat));
    if (lost.length > 0) {
      setSelected(selectedRef.current.filter((s) => !lost.some((c) => c.seat === s)));
      setNotice(
        `Sorry, ${lost.map((c) => `row ${map.seats[c.seat]!.row} seat ${map.seats[c.seat]!.number}`).join(' and ')} ${lost.length === 1 ? 'was' : 'were'} just taken by someone else. Please choose another.`,
      );
    }
  };

  /** Seats the server says are gone (a hold refused with seats_unavailable). */
  const drop = (gone: number[]) => setSelected(selectedRef.current.filter((s) => !gone.includes(s)));

  return { selected, notice, announcement, setAnnouncement, describe, toggle, seatsChanged, drop };
}
