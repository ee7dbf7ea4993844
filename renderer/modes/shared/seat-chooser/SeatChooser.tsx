// Choosing seats at an event, for every door: the seat map with its price legend, seats by map, list or best
// available, standing places, live updates of what others take. What happens to the choice is the door's: the shop
// holds it and goes to checkout, the kiosk and counter hold it and take payment, an allotment reserves it.
import { useMemo, useRef, useState } from 'react';
import type { Availability, CreateHold, EventDetail, SeatMap } from '../../../../cloud/contract/index.ts';
import { ApiError } from '../../../client/ticketing-client.ts';
import type { SeatMapEngine } from '../../../seatmap/engine.ts';
import { SeatMapView } from '../../../seatmap/SeatMapView.tsx';
import { ErrorMessage, Pending } from '../../../ui/feedback.tsx';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useShop } from '../shop-context.ts';
import { flagsIn, seatSummary } from '../../../seatmap/seat-flags.ts';
import { BestAvailable } from './BestAvailable.tsx';
import { FlagLegend } from './FlagLegend.tsx';
import { SeatList } from './SeatList.tsx';
import { Standing } from './Standing.tsx';
import { useLiveAvailability } from './use-live-availability.ts';
import { useSeatSelection } from './use-seat-selection.ts';

interface Loaded {
  event: EventDetail;
  map: SeatMap;
  availability: Availability;
  tierOf: Uint8Array;
}

function tierIndexes(event: EventDetail, seatCount: number): Uint8Array {
  const tierOf = new Uint8Array(seatCount);
  for (const [first, count, tier] of event.seatTiers) tierOf.fill(tier, first, first + count);
  return tierOf;
}

export interface ChooserOptions {
  /** Holds (or reserves) the choice; a rejection is shown, and seats someone else took are dropped. */
  onChoose(request: CreateHold): Promise<void>;
  /** The button under chosen seats, e.g. "Hold these 2 seats and check out". */
  actionLabel(count: number): string;
  /** When set, choosing is paused and this says why (e.g. the kiosk is offline). */
  paused?: string | null;
  bestAvailable?: boolean;
  standing?: boolean;
}

export default function SeatChooser({
  eventId,
  presaleCode,
  ...options
}: { eventId: string; /** Shows the tiers this presale code unlocks. */ presaleCode?: string } & ChooserOptions) {
  const { client } = useShop();
  const [state, retry] = useAsync<Loaded>(async () => {
    const event = await client.getEvent(eventId, presaleCode);
    const [map, availability] = await Promise.all([
      client.getSeatMap(event.seatmapId),
      client.getAvailability(eventId),
    ]);
    return { event, map, availability, tierOf: tierIndexes(event, map.seats.length) };
  }, [eventId, presaleCode]);

  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="the event" />;
  return <EventView {...state.value} {...options} />;
}

function EventView({
  event,
  map,
  availability: initial,
  tierOf,
  onChoose,
  actionLabel,
  paused = null,
  bestAvailable = true,
  standing = true,
}: Loaded & ChooserOptions) {
  const { client } = useShop();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<'map' | 'list'>('map');
  const engineRef = useRef<SeatMapEngine | null>(null);
  const indexById = useMemo(() => new Map(map.seats.map((seat, i) => [seat.id, i])), [map]);
  const flags = useMemo(() => flagsIn(map.seats), [map]);
  const tierColors = event.tiers.map((tier) => tier.color);
  const { statuses, ga, live } = useLiveAvailability({
    client,
    eventId: event.id,
    initial,
    indexById,
    // Runs from the subscription, after this render has set `selection`.
    onSeatChanges(changes) {
      engineRef.current?.applyChanges(changes);
      selection.seatsChanged(changes);
    },
  });
  const selection = useSeatSelection({ event, map, tierOf, live });
  const { selected, notice, announcement, setAnnouncement, describe, toggle } = selection;

  const hold = async (request: CreateHold) => {
    setBusy(true);
    setError(null);
    try {
      await onChoose(request);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'seats_unavailable' && failure.body.seatIds) {
        const gone = failure.body.seatIds.map((id) => indexById.get(id)).filter((s): s is number => s !== undefined);
        selection.drop(gone);
      }
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const total = selected.reduce((sum, seat) => sum + (event.tiers[tierOf[seat]!]?.price.amount ?? 0), 0);
  const tierAvailable = (tierId: string) => initial.tiers.find((t) => t.tierId === tierId);

  return (
    <section className="event-page">
      <h1>{event.name}</h1>
      <p>
        {event.venue.name}, {event.venue.city} ·{' '}
        <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.venue.timezone)}</time>
      </p>
      <ul className="legend" aria-label="Prices and seats">
        {event.tiers.map((tier) => (
          <li key={tier.id}>
            <span className="swatch" style={{ background: tier.color }} aria-hidden="true" />
            {tier.name} {formatMoney(tier.price)}
            {tierAvailable(tier.id) ? ` · ${tierAvailable(tier.id)!.available} left` : ''}
          </li>
        ))}
        <li>
          <span className="swatch taken" aria-hidden="true" /> Taken
        </li>
        <FlagLegend flags={flags} />
      </ul>
      <div className="view-switch" role="group" aria-label="Show seats as">
        <button type="button" aria-pressed={view === 'map'} onClick={() => setView('map')}>
          Map
        </button>
        <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')}>
          List
        </button>
      </div>
      {view === 'map' ? (
        <SeatMapView
          map={map}
          tierOf={tierOf}
          statuses={statuses}
          selected={selected}
          tierColors={tierColors}
          label="Seat map. Arrow keys move between seats, Page Up and Page Down change section, Enter or Space selects, plus and minus zoom."
          onActivate={toggle}
          onFocus={(seat) => setAnnouncement(describe(seat))}
          onEngine={(engine) => (engineRef.current = engine)}
        />
      ) : (
        <SeatList map={map} statuses={live.current} selected={selected} describe={describe} onToggle={toggle} />
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      {paused && (
        <p className="notice paused" role="status">
          {paused}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <div className="selection" aria-live="polite">
        {selected.length === 0 ? (
          <p>Choose seats on the map or in the list, or let us pick the best ones.</p>
        ) : (
          <>
            <p>
              {selected.length} {selected.length === 1 ? 'seat' : 'seats'}:{' '}
              {selected.map((seat) => seatSummary(map.seats[seat]!)).join('; ')} ·{' '}
              <strong>{formatMoney({ amount: total, currency: event.currency })}</strong>
            </p>
            <button
              type="button"
              className="primary"
              disabled={busy || !!paused}
              onClick={() => void hold({ seatIds: selected.map((seat) => map.seats[seat]!.id) })}
            >
              {actionLabel(selected.length)}
            </button>
          </>
        )}
      </div>
      {bestAvailable && (
        <BestAvailable event={event} busy={busy || !!paused} onHold={(request) => void hold(request)} />
      )}
      {standing && ga.length > 0 && (
        <Standing event={event} ga={ga} busy={busy || !!paused} onHold={(request) => void hold(request)} />
      )}
    </section>
  );
}
