// One event in the list: its name (the link to it), the date and time in the venue's zone, the venue and city, the
// lowest price ("from €49.00"), and whether it is sold out or nearly.
import type { Availability, EventSummary } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Card, Chip, Skeleton } from '../../../ui/kit/index.ts';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useShop } from '../../shared/shop-context.ts';
import { Link } from '../router.tsx';

/** Few left: a tenth or less of the places still to be had. */
const FEW_LEFT_SHARE = 0.1;

export type Stock = 'soldOut' | 'fewLeft' | 'available';

export function stockOf(availability: Availability): Stock {
  const left =
    availability.tiers.reduce((sum, tier) => sum + tier.available, 0) +
    availability.ga.reduce((sum, ga) => sum + ga.remaining, 0);
  const total =
    availability.tiers.reduce((sum, tier) => sum + tier.available + tier.held + tier.sold, 0) +
    availability.ga.reduce((sum, ga) => sum + ga.capacity, 0);
  if (left === 0) return 'soldOut';
  return left <= total * FEW_LEFT_SHARE ? 'fewLeft' : 'available';
}

function StockChip({ eventId }: { eventId: string }) {
  const t = useT();
  const { client } = useShop();
  const [state] = useAsync(() => client.getAvailability(eventId), [eventId]);
  if (state.status !== 'loaded') return null;
  const stock = stockOf(state.value);
  if (stock === 'available') return null;
  return (
    <Chip className={`event-card__stock event-card__stock--${stock}`}>
      {t(stock === 'soldOut' ? 'shop.events.soldOut' : 'shop.events.fewLeft')}
    </Chip>
  );
}

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
        {event.status === 'on_sale' ? (
          <StockChip eventId={event.id} />
        ) : (
          <Chip className="event-card__stock">{t('shop.events.notOnSale')}</Chip>
        )}
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
