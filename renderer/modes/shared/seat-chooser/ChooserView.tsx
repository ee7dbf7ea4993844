// The seat chooser's page, phone first: a compact header (event, date in the venue's zone, venue), the quantity and
// best available, then the map filling most of the screen; the legend chips, the choice and standing places follow
// it on a phone and sit in a side panel beside the map on wider screens. Seats the buyer already holds are theirs:
// chosen, not grey, the map centred on them, and the button goes on with that hold.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CreateHold } from '../../../../cloud/contract/index.ts';
import { ApiError } from '../../../client/ticketing-client.ts';
import { useT } from '../../../i18n/index.ts';
import type { SeatMapEngine } from '../../../seatmap/engine.ts';
import { SeatMapView } from '../../../seatmap/SeatMapView.tsx';
import { STATUS } from '../../../seatmap/model.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { useBrand, VenueLogo } from '../../../ui/kit/brand.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useShop } from '../shop-context.ts';
import { flagsIn } from '../../../seatmap/seat-flags.ts';
import { BestAvailable, BestAvailableOptions, useBestAvailableChoice } from './BestAvailable.tsx';
import type { ChooserOptions, Loaded } from './chooser-types.ts';
import { placesLeftByTier, sectionName } from './places-left.ts';
import { SeatList } from './SeatList.tsx';
import { SelectionPanel } from './SelectionPanel.tsx';
import { Standing } from './Standing.tsx';
import { TierLegend } from './TierLegend.tsx';
import { RetryCountdown } from './RetryCountdown.tsx';
import { useAutoRetry } from './use-auto-retry.ts';
import { useLiveAvailability } from './use-live-availability.ts';
import { useSeatSelection } from './use-seat-selection.ts';
import { Button } from '../../../ui/kit/index.ts';

const sameSeats = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((seat) => b.includes(seat));

export function ChooserView({
  event,
  map,
  availability: initial,
  tierOf,
  onChoose,
  actionLabel,
  paused = null,
  bestAvailable = true,
  standing = true,
  heldSeatIds = [],
  selectSeatIds = [],
  errorNote = null,
  continueHeld,
}: Loaded & ChooserOptions) {
  const t = useT();
  // The venue's colour on its event's page (the kiosk and box office show the same venue's).
  useBrand(event.venue);
  const { client } = useShop();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const autoRetry = useAutoRetry();
  const [view, setView] = useState<'map' | 'list'>('map');
  const engineRef = useRef<SeatMapEngine | null>(null);
  const indexById = useMemo(() => new Map(map.seats.map((seat, i) => [seat.id, i])), [map]);
  const flags = useMemo(() => flagsIn(map.seats), [map]);
  const tierColors = event.tiers.map((tier) => tier.color);
  const heldKey = heldSeatIds.join(',');
  const held = useMemo(
    () => heldSeatIds.map((id) => indexById.get(id)).filter((seat): seat is number => seat !== undefined),
    // The ids' content, not the array's identity, says when the hold changed.
    [heldKey, indexById],
  );
  const ownSeats = useRef<ReadonlySet<number>>(new Set(held));
  const { first, ga, live, claim } = useLiveAvailability({
    client,
    eventId: event.id,
    initial,
    indexById,
    ownSeats,
    // live deltas (issue 20): a queued event's crowd watches through delta documents.
    queued: event.waitingRoom != null,
    // Runs from the subscription, after this render has set `selection`.
    onSeatChanges(changes) {
      engineRef.current?.applyChanges(changes);
      selection.seatsChanged(changes);
    },
  });
  const selection = useSeatSelection({ event, map, tierOf, live });
  const bestChoice = useBestAvailableChoice();
  const { selected, notice, announcement, setAnnouncement, describe, toggle, replace } = selection;

  // The buyer's own hold (on arrival, or a best-available result): theirs on the map, chosen, and in view. When it
  // ends (released, expired), those seats are no longer theirs: others' holds on them show as taken.
  useEffect(() => {
    ownSeats.current = new Set(held);
    if (held.length === 0) return;
    const changes = claim(held);
    if (changes.length > 0) engineRef.current?.applyChanges(changes);
    replace(held);
  }, [held, claim, replace]);

  // Seats asked for on open (back from an expired hold): chosen if still free, and in view. Once: not held ones.
  const [chosenOnOpen, setChosenOnOpen] = useState<number[]>([]);
  useEffect(() => {
    if (held.length > 0 || selectSeatIds.length === 0) return;
    const seats = selectSeatIds
      .map((id) => indexById.get(id))
      .filter((seat): seat is number => seat !== undefined && live.current[seat] === STATUS.available);
    replace(seats);
    setChosenOnOpen(seats);
  }, []);

  const hold = async (request: CreateHold) => {
    autoRetry.cancel();
    setBusy(true);
    setError(null);
    try {
      await onChoose(request);
      autoRetry.succeeded();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'seats_unavailable' && failure.body.seatIds) {
        const gone = failure.body.seatIds.map((id) => indexById.get(id)).filter((s): s is number => s !== undefined);
        selection.drop(gone);
      }
      setError(failure);
      // Too many requests (429, refused before any work): the same request again by itself after a countdown.
      autoRetry.plan(failure, () => void hold(request));
    } finally {
      setBusy(false);
    }
  };

  const placesLeft = placesLeftByTier(event, tierOf, live.current, ga);
  const isHeldChoice = continueHeld !== undefined && held.length > 0 && sameSeats(selected, held);
  const label =
    selected.length === 0 ? t('event.action.choose') : isHeldChoice ? continueHeld.label : actionLabel(selected.length);
  const act = () => {
    if (isHeldChoice) continueHeld.onContinue();
    else void hold({ seatIds: selected.map((seat) => map.seats[seat]!.id) });
  };

  return (
    <section className="seat-chooser event-page" data-view={view}>
      <header className="chooser-head">
        {event.venue.logoUrl && <VenueLogo venue={event.venue} size="sm" />}
        <h1>{event.name}</h1>
        <p className="chooser-meta">
          <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.venue.timezone)}</time>
          <span aria-hidden="true"> · </span>
          <span>{t('event.page.venue', { venue: event.venue.name, city: event.venue.city })}</span>
        </p>
      </header>
      {bestAvailable && (
        <div className="chooser-tools">
          <BestAvailable
            event={event}
            busy={busy || !!paused}
            choice={bestChoice}
            onHold={(request) => void hold(request)}
          />
        </div>
      )}
      <div className="chooser-stage">
        {view === 'map' ? (
          <SeatMapView
            map={map}
            tierOf={tierOf}
            statuses={first}
            selected={selected}
            tierColors={tierColors}
            label={t('event.map.label')}
            onActivate={toggle}
            onFocus={(seat) => setAnnouncement(describe(seat))}
            onEngine={(engine) => {
              engineRef.current = engine;
              // Made from the first statuses: given what the live view heard since (changes and snapshots read again),
              // whole once; each change after this reaches the engine through onSeatChanges.
              if (live.current !== first) engine?.setStatuses(live.current);
            }}
            viewKey={event.id}
            priceOf={(seat) => event.tiers[tierOf[seat]!]?.price ?? null}
            focusSeats={held.length > 0 ? held : chosenOnOpen}
          />
        ) : (
          <SeatList map={map} statuses={live.current} selected={selected} describe={describe} onToggle={toggle} />
        )}
        <div className="view-switch" role="group" aria-label={t('event.view.label')}>
          <Button variant="secondary" aria-pressed={view === 'map'} onClick={() => setView('map')}>
            {t('event.view.map')}
          </Button>
          <Button variant="secondary" aria-pressed={view === 'list'} onClick={() => setView('list')}>
            {t('event.view.list')}
          </Button>
        </div>
      </div>
      <div className="chooser-panel">
        <TierLegend event={event} placesLeft={placesLeft} flags={flags} />
        {bestAvailable && <BestAvailableOptions event={event} choice={bestChoice} />}
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
        {error !== null && autoRetry.secondsLeft !== null && (
          <RetryCountdown seconds={autoRetry.secondsLeft} onTryNow={autoRetry.tryNow} />
        )}
        {error !== null && autoRetry.secondsLeft === null && (
          <ErrorMessage error={error}>{errorNote && <p>{errorNote}</p>}</ErrorMessage>
        )}
        <SelectionPanel
          event={event}
          map={map}
          tierOf={tierOf}
          selected={selected}
          held={isHeldChoice}
          actionLabel={label}
          disabledReason={paused}
          busy={busy}
          onRemove={toggle}
          onAction={act}
        />
        {standing && ga.length > 0 && (
          <Standing
            event={event}
            ga={ga}
            busy={busy || !!paused}
            nameOf={(sectionId) => sectionName(map, sectionId)}
            onHold={(request) => void hold(request)}
          />
        )}
      </div>
    </section>
  );
}
