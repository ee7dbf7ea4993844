// Standing places: how many, and a hold button per standing area with its name, price and what is left there (the
// live count the legend shows too).
import { useState } from 'react';
import type { Availability, CreateHold, EventDetail } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { QuantitySelect } from './QuantitySelect.tsx';
import { Button } from '../../../ui/kit/index.ts';

export function Standing({
  event,
  ga,
  busy,
  onHold,
  nameOf = (sectionId) => sectionId,
}: {
  event: EventDetail;
  ga: Availability['ga'];
  busy: boolean;
  onHold(request: CreateHold): void;
  /** A standing area's name ("Standing Floor"); its id when not given. */
  nameOf?(sectionId: string): string;
}) {
  const t = useT();
  const [quantity, setQuantity] = useState(Math.min(2, event.perOrderLimit));
  return (
    <section className="chooser-standing" aria-labelledby="standing-heading">
      <h2 id="standing-heading">{t('event.standing.heading')}</h2>
      <QuantitySelect
        label={t('event.standing.places')}
        max={event.perOrderLimit}
        value={quantity}
        onChange={setQuantity}
      />
      <ul>
        {ga.map((section) => {
          const tier = event.tiers.find(
            (t) => t.id === event.ga.find((g) => g.sectionId === section.sectionId)?.tierId,
          );
          return (
            <li key={section.sectionId} data-section={section.sectionId}>
              <span className="standing-left">
                {t('event.standing.left', { section: nameOf(section.sectionId), count: section.remaining })}
              </span>
              {tier ? <span className="standing-price"> · {formatMoney(tier.price)}</span> : null}{' '}
              <Button
                variant="secondary"
                disabled={busy || section.remaining < quantity}
                onClick={() => onHold({ ga: { sectionId: section.sectionId, quantity } })}
              >
                {t('event.standing.hold', { count: quantity })}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
