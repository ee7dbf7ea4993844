// One event in the list: its name (the link to it), the date and time in the venue's zone, the venue and city, the
// lowest price ("from €49.00"), and whether it is sold out or nearly.
import { lazy, Suspense } from 'react';
import type { EventSummary } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Card } from '../../../ui/kit/Card.tsx';
import { Skeleton } from '../../../ui/kit/Skeleton.tsx';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { Link } from '../router.tsx';

// Whether an event is sold out or nearly comes with its availability, after the card: not in the first load.
const StockChip = lazy(() => import('./StockChip.tsx'));

export function EventCard({ event }: { event: EventSummary }) {
  const t = useT();
  return (
    <Card as="li" linked className="event-card">
      <h2 className="event-card__name">
        <Link to={`/events/${event.id}`}>{event.name}</Link>
      </h2>
      <p className="event-card__when">
        <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.venue.timezone)}</time>
      </p>
      <p className="event-card__where">{t('shop.events.venue', { venue: event.venue.name, city: event.venue.city })}</p>
      <div className="event-card__foot">
        {event.priceRange && (
          <p className="event-card__price">{t('shop.events.from', { price: formatMoney(event.priceRange.min) })}</p>
        )}
        <Suspense fallback={null}>
          <StockChip eventId={event.id} onSale={event.status === 'on_sale'} />
        </Suspense>
      </div>
    </Card>
  );
}

/** The list's first view before its data: cards in the shape of events. */
export function EventCardSkeletons({ count = 6 }: { count?: number }) {
  const t = useT();
  return (
    <ul className="event-list" aria-busy="true">
      {Array.from({ length: count }, (_, index) => (
        <Card as="li" key={index} className="event-card event-card--skeleton">
          <Skeleton lines={3} label={t('shop.events.loading')} decorative={index > 0} />
        </Card>
      ))}
    </ul>
  );
}
