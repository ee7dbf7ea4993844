// Choosing seats at an event, for every door: the seat map with its price legend, seats by map, list or best
// available, standing places, live updates of what others take. What happens to the choice is the door's: the shop
// holds it and goes to checkout, the kiosk and counter hold it and take payment, an allotment reserves it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Availability, CreateHold, EventDetail, SeatMap } from '../../../cloud/contract/index.ts';
import { unpackStatuses } from '../../../cloud/domain/inventory/availability-pack.ts';
import { useShop } from '../shared/shop-context.ts';
import { ErrorMessage, Pending } from '../../ui/feedback.tsx';
import { formatDateTime, formatMoney } from '../../ui/format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { SeatMapView } from '../../seatmap/SeatMapView.tsx';
import type { SeatMapEngine } from '../../seatmap/engine.ts';
import { STATUS, type StatusCode } from '../../seatmap/model.ts';
import { SeatList } from '../shop/SeatList.tsx';
import { ApiError } from '../../client/ticketing-client.ts';

interface Loaded {
  event: EventDetail;
  map: SeatMap;
  availability: Availability;
  tierOf: Uint8Array;
}

const STATUS_WORDS = ['available', 'held by someone else', 'sold', 'not for sale'];

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
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

export default function SeatChooser({ eventId, ...options }: { eventId: string } & ChooserOptions) {
  const { client } = useShop();
  const [state, retry] = useAsync<Loaded>(async () => {
    const event = await client.getEvent(eventId);
    const [map, availability] = await Promise.all([
      client.getSeatMap(event.seatmapId),
      client.getAvailability(eventId),
    ]);
    return { event, map, availability, tierOf: tierIndexes(event, map.seats.length) };
  }, [eventId]);

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
  const [statuses, setStatuses] = useState(() => unpackStatuses(fromBase64(initial.statuses), initial.seatCount));
  const [ga, setGa] = useState(initial.ga);
  const [selected, setSelected] = useState<number[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [view, setView] = useState<'map' | 'list'>('map');
  const engineRef = useRef<SeatMapEngine | null>(null);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  // The seats' statuses as of the last live change: the snapshot, then every change applied to it. The engine keeps
  // its own copy; this one is for choosing, describing and the list view (re-rendered on each change).
  const live = useRef(statuses);
  const [, setLiveVersion] = useState(0);
  const indexById = useMemo(() => new Map(map.seats.map((seat, i) => [seat.id, i])), [map]);
  const tierColors = event.tiers.map((tier) => tier.color);

  const describe = useCallback(
    (seat: number) => {
      const s = map.seats[seat]!;
      const section = map.sections.find((x) => x.id === s.sectionId)?.name ?? s.sectionId;
      const tier = event.tiers[tierOf[seat]!];
      const features = [
        s.wheelchair ? 'wheelchair space' : '',
        s.companion ? 'companion seat' : '',
        s.aisle ? 'aisle' : '',
        s.restrictedView ? 'restricted view' : '',
      ].filter(Boolean);
      return `${section}, row ${s.row}, seat ${s.number}${tier ? `, ${formatMoney(tier.price)}` : ''}${features.length ? `, ${features.join(', ')}` : ''}, ${STATUS_WORDS[live.current[seat]!]}${selectedRef.current.includes(seat) ? ', selected' : ''}`;
    },
    [map, event, tierOf],
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
    [describe, event.perOrderLimit],
  );

  const reload = useCallback(async () => {
    const fresh = await client.getAvailability(event.id);
    const codes = unpackStatuses(fromBase64(fresh.statuses), fresh.seatCount);
    live.current = codes;
    setStatuses(codes);
    setGa(fresh.ga);
  }, [client, event.id]);

  // Live: others' holds and sales change colour at once; a selected seat that goes is explained.
  useEffect(() => {
    const versions = new Map<number, number>();
    const subscription = client.subscribe(event.id, {
      onChanges(message) {
        const changes: { seat: number; status: StatusCode }[] = [];
        for (const change of message.changes) {
          const seat = indexById.get(change.seatId);
          if (seat === undefined || (versions.get(seat) ?? -1) >= change.version) continue;
          versions.set(seat, change.version);
          changes.push({ seat, status: STATUS[change.status] });
        }
        if (changes.length > 0) {
          const next = live.current.slice();
          for (const { seat, status } of changes) next[seat] = status;
          live.current = next;
          setLiveVersion((version) => version + 1);
          engineRef.current?.applyChanges(changes);
          const lost = changes.filter((c) => c.status !== STATUS.available && selectedRef.current.includes(c.seat));
          if (lost.length > 0) {
            setSelected(selectedRef.current.filter((s) => !lost.some((c) => c.seat === s)));
            setNotice(
              `Sorry, ${lost.map((c) => `row ${map.seats[c.seat]!.row} seat ${map.seats[c.seat]!.number}`).join(' and ')} ${lost.length === 1 ? 'was' : 'were'} just taken by someone else. Please choose another.`,
            );
          }
        }
        if (message.ga) {
          setGa((current) =>
            current.map((g) => {
              const update = message.ga!.find((u) => u.sectionId === g.sectionId);
              return update ? { ...g, remaining: update.remaining } : g;
            }),
          );
        }
      },
      onReconnect: () => void reload(),
    });
    return () => subscription.close();
  }, [client, event.id, indexById, map, reload]);

  const hold = async (request: CreateHold) => {
    setBusy(true);
    setError(null);
    try {
      await onChoose(request);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'seats_unavailable' && failure.body.seatIds) {
        const gone = failure.body.seatIds.map((id) => indexById.get(id)).filter((s): s is number => s !== undefined);
        setSelected(selectedRef.current.filter((s) => !gone.includes(s)));
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
      <ul className="legend" aria-label="Prices">
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
              {selected.map((seat) => `row ${map.seats[seat]!.row} seat ${map.seats[seat]!.number}`).join(', ')} ·{' '}
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

function BestAvailable({
  event,
  busy,
  onHold,
}: {
  event: EventDetail;
  busy: boolean;
  onHold(request: CreateHold): void;
}) {
  const [quantity, setQuantity] = useState(2);
  const [tierId, setTierId] = useState('');
  const [accessible, setAccessible] = useState(false);
  return (
    <form
      className="best-available"
      aria-labelledby="best-heading"
      onSubmit={(e) => {
        e.preventDefault();
        onHold({ bestAvailable: { quantity, ...(tierId ? { tierId } : {}), ...(accessible ? { accessible } : {}) } });
      }}
    >
      <h2 id="best-heading">Best available</h2>
      <QuantitySelect label="Tickets" max={event.perOrderLimit} value={quantity} onChange={setQuantity} />
      <label>
        Price
        <select value={tierId} onChange={(e) => setTierId(e.target.value)}>
          <option value="">Best there is</option>
          {event.tiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name} ({formatMoney(tier.price)})
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={accessible} onChange={(e) => setAccessible(e.target.checked)} /> Wheelchair
        space
      </label>
      <button type="submit" disabled={busy}>
        Find seats together
      </button>
    </form>
  );
}

function Standing({
  event,
  ga,
  busy,
  onHold,
}: {
  event: EventDetail;
  ga: Availability['ga'];
  busy: boolean;
  onHold(request: CreateHold): void;
}) {
  const [quantity, setQuantity] = useState(2);
  return (
    <section aria-labelledby="standing-heading">
      <h2 id="standing-heading">Standing</h2>
      <QuantitySelect label="Places" max={event.perOrderLimit} value={quantity} onChange={setQuantity} />
      <ul>
        {ga.map((section) => {
          const tier = event.tiers.find(
            (t) => t.id === event.ga.find((g) => g.sectionId === section.sectionId)?.tierId,
          );
          return (
            <li key={section.sectionId}>
              {section.sectionId}: {section.remaining} left{tier ? ` · ${formatMoney(tier.price)}` : ''}{' '}
              <button
                type="button"
                disabled={busy || section.remaining < quantity}
                onClick={() => onHold({ ga: { sectionId: section.sectionId, quantity } })}
              >
                Hold {quantity} standing
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function QuantitySelect({
  label,
  max,
  value,
  onChange,
}: {
  label: string;
  max: number;
  value: number;
  onChange(n: number): void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
