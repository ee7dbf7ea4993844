// The legend as one row of chips that scrolls sideways: each tier with its colour, name, price and what is left (the
// one count of places-left.ts, live), then the taken seats' colour and the seat flags this map has, each with its mark.
import type { CSSProperties } from 'react';
import type { EventDetail } from '../../../../cloud/contract/index.ts';
import type { SeatFlag } from '../../../seatmap/seat-flags.ts';
import { useT } from '../../../i18n/index.ts';
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
    <ul className="legend chooser-legend" aria-label={t('event.legend.label')}>
      {event.tiers.map((tier) => {
        const left = placesLeft.get(tier.id);
        return (
          <li key={tier.id} className="legend-chip" data-tier={tier.id}>
            <span className="swatch" style={{ '--swatch': tier.color } as CSSProperties} aria-hidden="true" />
            <span className="chip-name">{tier.name}</span> <span className="chip-price">{formatMoney(tier.price)}</span>{' '}
            {left !== undefined && <span className="chip-left">{t('event.legend.left', { count: left })}</span>}
          </li>
        );
      })}
      <li className="legend-chip">
        <span className="swatch taken" aria-hidden="true" />
        {t('event.legend.taken')}
      </li>
      <FlagLegend flags={flags} />
    </ul>
  );
}
