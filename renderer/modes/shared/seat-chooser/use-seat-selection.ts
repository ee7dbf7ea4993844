// The seats a buyer has chosen, and what they hear about them: a seat is added only while it is available and within
// the per-order limit, each change is announced for screen readers, and a chosen seat someone else takes is dropped
// with a notice saying which. Seats the buyer already holds can be put in the choice as theirs (`replace`).
import { useCallback, useRef, useState, type RefObject } from 'react';
import type { EventDetail, SeatMap } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { STATUS } from '../../../seatmap/model.ts';
import { flagWords } from '../../../seatmap/seat-flags.ts';
import type { SeatChange } from './use-live-availability.ts';
import { sectionName } from './places-left.ts';

const STATUS_IDS = ['event.seat.available', 'event.seat.held', 'event.seat.sold', 'event.seat.unavailable'];

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
  const t = useT();
  const [selected, setSelected] = useState<number[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const describe = useCallback(
    (seat: number) => {
      const s = map.seats[seat]!;
      const tier = event.tiers[tierOf[seat]!];
      return [
        t('event.seat.describe', { section: sectionName(map, s.sectionId), row: s.row, seat: s.number }),
        ...(tier ? [formatMoney(tier.price)] : []),
        ...flagWords(s),
        t(STATUS_IDS[live.current[seat]!]!),
        ...(selectedRef.current.includes(seat) ? [t('event.seat.selected')] : []),
      ].join(', ');
    },
    [map, event, tierOf, live, t],
  );

  const toggle = useCallback(
    (seat: number) => {
      setNotice(null);
      const current = selectedRef.current;
      if (current.includes(seat)) {
        setSelected(current.filter((s) => s !== seat));
        setAnnouncement(t('event.seat.removed', { seat: describe(seat) }));
        return;
      }
      if (live.current[seat] !== STATUS.available) {
        setNotice(t('event.seat.notFree', { status: t(STATUS_IDS[live.current[seat]!]!) }));
        return;
      }
      if (current.length >= event.perOrderLimit) {
        setNotice(t('event.seat.limit', { limit: event.perOrderLimit }));
        return;
      }
      setSelected([...current, seat]);
      setAnnouncement(t('event.seat.added', { seat: describe(seat) }));
    },
    [describe, event.perOrderLimit, live, t],
  );

  /** Live changes: a chosen seat that goes is dropped and explained. */
  const seatsChanged = (changes: SeatChange[]) => {
    const lost = changes.filter((c) => c.status !== STATUS.available && selectedRef.current.includes(c.seat));
    if (lost.length > 0) {
      setSelected(selectedRef.current.filter((s) => !lost.some((c) => c.seat === s)));
      const seats = lost.map((c) =>
        t('event.seat.rowSeat', { row: map.seats[c.seat]!.row, seat: map.seats[c.seat]!.number }),
      );
      setNotice(t('event.seat.taken', { count: lost.length, seats: seats.join(', ') }));
    }
  };

  /** Seats the server says are gone (a hold refused with seats_unavailable). */
  const drop = (gone: number[]) => setSelected(selectedRef.current.filter((s) => !gone.includes(s)));

  /** The choice becomes exactly these seats (the buyer's hold, shown as theirs). */
  const replace = useCallback((seats: number[]) => {
    setNotice(null);
    selectedRef.current = seats;
    setSelected(seats);
  }, []);

  return { selected, notice, announcement, setAnnouncement, describe, toggle, seatsChanged, drop, replace };
}
