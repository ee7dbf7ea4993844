// One event's seats in the back office: the map to paint a selection on, the actions on it (block with a kind and a
// note, release), and what is off sale now. After each change the map and the list are read again; while the screen
// is open, seats sold or held elsewhere change on the map as they go (the live seat view).
import { useMemo, useState } from 'react';
import type { SeatMap } from '../../../../cloud/contract/index.ts';
import type { SeatManagementView } from '../../../../cloud/contract/backoffice-orders.ts';
import { unpackStatuses } from '../../../../cloud/domain/inventory/availability-pack.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { AdminApi } from '../admin-api.ts';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AsyncView, ErrorState, LoadingState } from '../kit/states.tsx';
import { useReloadable } from '../orders/use-reloadable.ts';
import type { AdminScreenProps } from '../screen.ts';
import { AllotmentPanel } from './AllotmentPanel.tsx';
import { BlockPanel } from './BlockPanel.tsx';
import { OffSaleList } from './OffSaleList.tsx';
import { PaintableMap } from './PaintableMap.tsx';
import { useLiveStatuses } from './use-live-statuses.ts';

interface Loaded {
  event: SeatManagementView['event'];
  map: SeatMap;
  tierOf: Uint8Array;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function loadEvent(api: AdminApi, eventId: string): Promise<Loaded> {
  const { event } = await api.call<SeatManagementView>('getSeatManagement', { params: { eventId } });
  const map = await api.call<SeatMap>('getSeatMap', { params: { seatmapId: event.seatmapId } });
  const tierOf = new Uint8Array(map.seats.length);
  for (const [first, count, tier] of event.seatTiers) tierOf.fill(tier, first, first + count);
  return { event, map, tierOf };
}

export function EventSeats({ api, eventId, back }: AdminScreenProps & { eventId: string; back(): void }) {
  const [state, retry] = useAsync(() => loadEvent(api, eventId), [api, eventId]);
  return (
    <AsyncView state={state} retry={retry} what="the event">
      {(loaded) => <EventSeatsView api={api} loaded={loaded} back={back} />}
    </AsyncView>
  );
}

function EventSeatsView({ api, loaded, back }: { api: AdminApi; loaded: Loaded; back(): void }) {
  const { event, map, tierOf } = loaded;
  const [selected, setSelected] = useState<number[]>([]);
  const current = useReloadable(async () => {
    const { availability, blocks } = await api.call<SeatManagementView>('getSeatManagement', {
      params: { eventId: event.id },
    });
    return {
      statuses: unpackStatuses(fromBase64(availability.statuses), availability.seatCount),
      availability,
      blocks,
    };
  }, [api, event.id]);
  const changed = current.reload;
  const seatIds = useMemo(() => selected.map((seat) => map.seats[seat]!.id), [selected, map]);
  const indexById = useMemo(() => new Map(map.seats.map((seat, i) => [seat.id, i])), [map]);
  // Sales and holds elsewhere (shop, kiosk, counter) turn up on the open map at once.
  const statuses = useLiveStatuses({
    eventId: event.id,
    indexById,
    snapshot: current.value?.statuses ?? null,
    onSubscribed: changed,
  });

  return (
    <>
      <PageHeader
        title={`Seats of ${event.name}`}
        description={
          <>
            {event.venue.name} ·{' '}
            <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.venue.timezone)}</time>
          </>
        }
        actions={
          <button type="button" onClick={back}>
            All events
          </button>
        }
      />
      {current.failure !== null && <ErrorState error={current.failure} retry={current.reload} />}
      {current.value === null || statuses === null ? (
        current.failure === null && <LoadingState what="the seats" />
      ) : (
        <div className="seat-manage">
          <div className="seat-manage-map">
            <PaintableMap
              map={map}
              tierOf={tierOf}
              statuses={statuses}
              tierColors={event.tiers.map((tier) => tier.color)}
              selected={selected}
              onSelect={setSelected}
              label={`Seat map of ${event.name}: paint or choose seats to block or release`}
            />
          </div>
          <div className="seat-manage-side">
            <BlockPanel
              api={api}
              eventId={event.id}
              seatIds={seatIds}
              onClear={() => setSelected([])}
              onDone={() => {
                setSelected([]);
                changed();
              }}
              onRefused={(refused) => setSelected(selected.filter((seat) => !refused.includes(map.seats[seat]!.id)))}
            />
            <AllotmentPanel
              api={api}
              eventId={event.id}
              seatIds={seatIds}
              onDone={() => {
                setSelected([]);
                changed();
              }}
            />
            <OffSaleList
              api={api}
              event={event}
              blocks={current.value.blocks}
              ga={current.value.availability.ga}
              onSelect={(ids) => setSelected(ids.map((id) => indexById.get(id)!).filter((n) => n !== undefined))}
              onChanged={changed}
            />
          </div>
        </div>
      )}
    </>
  );
}
