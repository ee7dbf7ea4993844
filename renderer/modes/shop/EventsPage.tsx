// Upcoming events as cards (name, date and time in the venue's zone, venue, "from" price, sold-out or few-left),
// skeleton cards while they load, filters (search, dates, venue, price; in a sheet on phones) and an empty state with
// a way back to everything.
import { Suspense, useMemo, useState } from 'react';
import type { EventSummary } from '../../../cloud/contract/index.ts';
import { fractionDigits } from '../../../cloud/domain/format.ts';
import { lazyWithWords, useT } from '../../i18n/index.ts';
// The Button module, not the kit's index: the index reaches every component, which would all join the first load.
import { Button } from '../../ui/kit/Button.tsx';
import '../../styles/kit.css';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useShop } from '../shared/shop-context.ts';
import { EventCard, EventCardSkeletons } from './events/EventCard.tsx';
import { activeCount, NO_FILTERS, type Filters } from './events/filters.ts';
import './events/events.css';

// The filters come a moment after the cards (their fields and sheet are not in the first load); a placeholder of
// their height keeps the list from jumping.
const EventFilters = lazyWithWords(['filters'], () => import('./events/EventFilters.tsx'));

/** A price in its currency's major units (€12.50 → 12.5, ¥5000 → 5000): what a buyer types as the most they pay. */
const majorUnits = (money: { amount: number; currency: string }) => money.amount / 10 ** fractionDigits(money.currency);

export function EventsPage() {
  const t = useT();
  const { client } = useShop();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { search, from, to, venueId, maxPrice } = filters;
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
  const events = useMemo(() => (state.status === 'loaded' ? state.value : []), [state]);
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
  const filtered = search !== '' || activeCount(filters) > 0;

  return (
    <section className="events-page" aria-labelledby="events-heading">
      <h1 id="events-heading">{t('shop.events.title')}</h1>
      <Suspense fallback={<div className="event-filters event-filters--placeholder" />}>
        <EventFilters
          key={search}
          filters={filters}
          onChange={setFilters}
          venues={venues}
          shownCount={shown.length}
          activeCount={activeCount(filters)}
          onClear={() => setFilters({ ...NO_FILTERS, search })}
        />
      </Suspense>
      {state.status === 'loading' && <EventCardSkeletons />}
      {state.status === 'failed' && (
        <ErrorMessage error={state.error}>
          <Button variant="secondary" onClick={retry}>
            {t('common.error.retry')}
          </Button>
        </ErrorMessage>
      )}
      {state.status === 'loaded' && shown.length === 0 && (
        <div className="events-empty">
          <h2>{t(filtered ? 'shop.events.noneMatch' : 'shop.events.noneOnSale')}</h2>
          <p>{t(filtered ? 'shop.events.noneMatchHint' : 'shop.events.noneOnSaleHint')}</p>
          {filtered && <Button onClick={() => setFilters(NO_FILTERS)}>{t('shop.events.showAll')}</Button>}
        </div>
      )}
      {state.status === 'loaded' && shown.length > 0 && (
        <>
          <p className="events-count" role="status">
            {t('shop.events.count', { count: shown.length })}
          </p>
          <ul className="event-list">
            {shown.map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
