// What the buyer should know of their held seats before paying: a restricted view (part of the stage may be hidden),
// a wheelchair space, a companion seat, as the designer flagged them on the seat map. The map comes from the browser's
// cache (the chooser loaded it; its geometry is immutable per version); until it is here, or if it fails, nothing.
import type { Hold } from '../../../../cloud/contract/index.ts';
import { flagWords } from '../../../seatmap/seat-flags.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useShop } from '../../shared/shop-context.ts';
import { useT } from '../../../i18n/index.ts';
import { seatPlace } from '../../shared/summary/index.ts';

export function SeatNotes({ seatmapId, hold }: { seatmapId: string; hold: Pick<Hold, 'seats'> }) {
  const t = useT();
  const { client } = useShop();
  const [map] = useAsync(() => client.getSeatMap(seatmapId), [seatmapId]);
  if (map.status !== 'loaded' || hold.seats.length === 0) return null;
  const byId = new Map(map.value.seats.map((seat) => [seat.id, seat]));
  const notes = hold.seats.flatMap((held) => {
    const seat = byId.get(held.seatId);
    // The seat's flags, not their (translated) words, say which: an aisle is no news before paying.
    const words = seat ? flagWords({ ...seat, aisle: false }) : [];
    if (!seat || words.length === 0) return [];
    const id = seat.restrictedView ? 'checkout.notes.restricted' : 'checkout.notes.flags';
    return [{ id: held.seatId, text: t(id, { seat: seatPlace(held, map.value.sections), flags: words.join(', ') }) }];
  });
  if (notes.length === 0) return null;
  return (
    <ul className="notice seat-notes" aria-label={t('checkout.notes.label')}>
      {notes.map((note) => (
        <li key={note.id}>{note.text}</li>
      ))}
    </ul>
  );
}
