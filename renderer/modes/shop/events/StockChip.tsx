// An event's stock on its card: "Sold out", "Few left" (a tenth or less of its places), or nothing; "Not on sale now"
// for an event that is not selling.
import type { Availability } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Chip } from '../../../ui/kit/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useShop } from '../../shared/shop-context.ts';

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

export default function StockChip({ eventId, onSale }: { eventId: string; onSale: boolean }) {
  const t = useT();
  const { client } = useShop();
  const [state] = useAsync(async () => (onSale ? client.getAvailability(eventId) : null), [eventId, onSale]);
  if (!onSale) return <Chip className="event-card__stock">{t('shop.events.notOnSale')}</Chip>;
  if (state.status !== 'loaded' || !state.value) return null;
  const stock = stockOf(state.value);
  if (stock === 'available') return null;
  return (
    <Chip className={`event-card__stock event-card__stock--${stock}`}>
      {t(stock === 'soldOut' ? 'shop.events.soldOut' : 'shop.events.fewLeft')}
    </Chip>
  );
}
