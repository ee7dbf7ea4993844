// Upcoming events: search, filter by date and venue, and by price; each with its venue, date and price range.
import { useMemo, useState } from 'react';
import type { EventSummary } from '../../../cloud/contract/index.ts';
import { useShop } from '../shared/shop-context.ts';
import { Empty, ErrorMessage, Loading } from '../../ui/feedback.tsx';
import { formatDateTime, formatMoney } from '../../ui/format.ts';
import { Link } from './router.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { fractionDigits } from '../../../cloud/domain/format.ts';

/** A price in its currency's major units (€12.50 → 12.5, ¥5000 → 5000): what a buyer types as the most they pay. */
const majorUnits = (money: { amount: number; currency: string }) => money.amount / 10 ** fractionDigits(money.currency);

export function EventsPage() {
  const { client } = useShop();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [venueId, setVenueId] = useState('');
  const [maxPrice, setMaxPrice] = useState('');
  const [state, retry] = useAsync(
    () =>
      client.listEvents({
        ...(search ? { q: search } : {}),
        ...(from ? { from: new Date(`${from}T00:00:00`).toISOString() } : {}),
        ...(to ? { to: new Date(`${to}T23:59:59`).toISOString() } : {}),
        limit: 100,
      }),
    [search, from, to],
  );
  const events = state.status === 'loaded' ? state.value : [];
  const venues = useMemo(() => {
    const byId = new Map<string, EventSummary['venue']>();
    for (const event of events) byId.set(event.venue.id, event.venue);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [events]);
  const shown = events.filter(
    (event) =>
      (!venueId || event.venue.id === venueId) &&
      (!maxPrice || (event.priceRange !== null && majorUnits(event.priceRange.min) <= Number(maxPrice))),
  );

  return (
    <section>
      <h1>What’s on</h1>
      <form
        className="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label>
          Search
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Event or venue" />
        </label>
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          Venue
          <select value={venueId} onChange={(e) => setVenueId(e.target.value)}>
            <option value="">All venues</option>
            {venues.map((venue) => (
              <option key={venue.id} value={venue.id}>
                {venue.name}, {venue.city}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tickets up to
          <input
            type="number"
            min="0"
            inputMode="numeric"
            value={maxPrice}
            onChange={(e) => setMaxPrice(e.target.value)}
            placeholder="Any price"
          />
        </label>
        <button type="submit">Search</button>
      </form>
      {state.status === 'loading' && <Loading what="events" />}
      {state.status === 'failed' && (
        <ErrorMessage error={state.error}>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </ErrorMessage>
      )}
      {state.status === 'loaded' && shown.length === 0 && (
        <Empty>No events match. Try other dates or fewer filters.</Empty>
      )}
      <ul className="event-list">
        {shown.map((event) => (
          <li key={event.id} className="event-card">
            <h2>
              <Link to={`/events/${event.id}`}>{event.name}</Link>
            </h2>
            <p>
              {event.venue.name}, {event.venue.city}
            </p>
            <p>
              <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.venue.timezone)}</time>
            </p>
            {event.priceRange && (
              <p className="price">
                {formatMoney(event.priceRange.min)} – {formatMoney(event.priceRange.max)}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
