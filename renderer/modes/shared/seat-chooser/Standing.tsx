// Standing places: how many, and a hold button per standing area with what is left there.
import { useState } from 'react';
import type { Availability, CreateHold, EventDetail } from '../../../../cloud/contract/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { QuantitySelect } from './QuantitySelect.tsx';

export function Standing({
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
