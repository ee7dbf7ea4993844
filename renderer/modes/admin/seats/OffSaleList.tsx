// What is off sale at the event and why: blocked seats (kind, note, who, when), which can be selected on the map to
// release or re-block them, and standing places held back, each given back with its button; and a form to hold back
// standing places of a section.
import { useMemo, useState } from 'react';
import type { Availability, EventDetail } from '../../../../cloud/contract/index.ts';
import type { BlockedSeat, SeatBlocks } from '../../../../cloud/contract/backoffice-orders.ts';
import { messageOf } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import type { AdminApi } from '../admin-api.ts';
import { adminColumns, DataTable } from '../kit/DataTable.tsx';
import { HoldBackForm } from './HoldBackForm.tsx';
import { KIND_LABELS } from './seat-words.ts';

export function OffSaleList({
  api,
  event,
  blocks,
  ga,
  onSelect,
  onChanged,
}: {
  api: AdminApi;
  event: EventDetail;
  blocks: SeatBlocks;
  ga: Availability['ga'];
  onSelect(seatIds: string[]): void;
  onChanged(): void;
}) {
  const [error, setError] = useState<unknown>(null);
  const zone = event.venue.timezone;
  const columns = useMemo(() => {
    const col = adminColumns<BlockedSeat>();
    return [
      col.accessor('seatId', {
        header: 'Seat',
        cell: (info) => `${info.row.original.row}-${info.row.original.number}`,
      }),
      col.accessor('sectionId', { header: 'Section' }),
      col.accessor('kind', { header: 'Kind', cell: (info) => KIND_LABELS[info.getValue<BlockedSeat['kind']>()] }),
      col.accessor('note', { header: 'Note', enableSorting: false }),
      col.accessor('blockedBy', { header: 'By' }),
      col.accessor('blockedAt', {
        header: 'When',
        cell: (info) => formatDateTime(info.getValue<string>(), zone),
      }),
    ];
  }, [zone]);

  const release = async (holdbackId: string) => {
    setError(null);
    try {
      await api.call('releaseHeldBackPlaces', { params: { eventId: event.id, holdbackId } });
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section className="seat-off-sale" aria-labelledby="off-sale-title">
      <h2 id="off-sale-title">Off sale</h2>
      {blocks.seats.length > 0 && (
        <button type="button" onClick={() => onSelect(blocks.seats.map((seat) => seat.seatId))}>
          Select all {blocks.seats.length} seats off sale
        </button>
      )}
      <DataTable
        caption="Seats off sale"
        columns={columns}
        rows={blocks.seats}
        rowId={(seat) => seat.seatId}
        empty="No seats are off sale."
      />
      {event.ga.length > 0 && (
        <>
          <h3>Standing places held back</h3>
          {blocks.standing.length === 0 ? (
            <p>None held back.</p>
          ) : (
            <ul className="seat-holdbacks">
              {blocks.standing.map((holdback) => (
                <li key={holdback.id}>
                  {holdback.quantity} in {holdback.sectionId} · {KIND_LABELS[holdback.kind]}
                  {holdback.note ? ` · ${holdback.note}` : ''}{' '}
                  <button type="button" onClick={() => void release(holdback.id)}>
                    Release {holdback.quantity} in {holdback.sectionId}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {error !== null && (
            <p className="admin-form-error" role="alert">
              {messageOf(error)}
            </p>
          )}
          <HoldBackForm api={api} eventId={event.id} ga={ga} onDone={onChanged} />
        </>
      )}
    </section>
  );
}
