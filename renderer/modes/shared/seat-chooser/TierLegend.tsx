// The legend as one row of chips that scrolls sideways: each tier with its colour, name, price and what is left (the
// one count of places-left.ts, live), then the taken seats' colour and the seat flags this map has, each with its mark.
import type { EventDetail } from '../../../../cloud/contract/index.ts';
import type { SeatFlag } from '../../../seatmap/seat-flags.ts';
import { useT } from '../../../i18n/index.ts';
import { Chip } from '../../../ui/kit/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { FlagLegend } from './FlagLegend.tsx';

export function TierLegend({
  event,
  placesLeft,
  flags,
}: {
  event: EventDetail;
  placesLeft: Map<string, number>;
  flags: SeatFlag[];
}) {
  const t = useT();
  return (
    // Focusable so a keyboard can scroll the row (its chips are not controls).
    <ul className="legend chooser-legend" aria-label={t('event.legend.label')} tabIndex={0}>
      {event.tiers.map((tier) => {
        const left = placesLeft.get(tier.id);
        return (
          <li key={tier.id} data-tier={tier.id}>
            <Chip swatch={tier.color}>
              <span className="chip-name">{tier.name}</span>{' '}
              <span className="chip-price">{formatMoney(tier.price)}</span>{' '}
              {left !== undefined && <span className="chip-left">{t('event.legend.left', { count: left })}</span>}
            </Chip>
          </li>
        );
      })}
      <li>
        <Chip swatch="var(--seat-held)">{t('event.legend.taken')}</Chip>
      </li>
      <FlagLegend flags={flags} />
    </ul>
  );
}
