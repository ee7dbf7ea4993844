// Seats chosen for the buyer: how many, optionally a price and wheelchair spaces; the server finds seats together.
// Compact: the quantity and the button in one row (above the map on a phone); the price and access choices
// (BestAvailableOptions) can sit elsewhere, sharing their state through useBestAvailableChoice.
import { useState } from 'react';
import type { CreateHold, EventDetail } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { Button, Field, Select, Checkbox } from '../../../ui/kit/index.ts';

export interface BestAvailableChoice {
  tierId: string;
  setTierId(tierId: string): void;
  accessible: boolean;
  setAccessible(accessible: boolean): void;
}

export function useBestAvailableChoice(): BestAvailableChoice {
  const [tierId, setTierId] = useState('');
  const [accessible, setAccessible] = useState(false);
  return { tierId, setTierId, accessible, setAccessible };
}

export function BestAvailable({
  event,
  busy,
  onHold,
  choice,
}: {
  event: EventDetail;
  busy: boolean;
  onHold(request: CreateHold): void;
  /** The price and access choices shown elsewhere; without it they are folded under the button. */
  choice?: BestAvailableChoice;
}) {
  const t = useT();
  const own = useBestAvailableChoice();
  const { tierId, accessible } = choice ?? own;
  const [quantity, setQuantity] = useState(Math.min(2, event.perOrderLimit));
  return (
    <form
      className="best-available"
      aria-label={t('event.best.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        onHold({ bestAvailable: { quantity, ...(tierId ? { tierId } : {}), ...(accessible ? { accessible } : {}) } });
      }}
    >
      <div className="best-row">
        <Field className="best-quantity" label={t('event.best.tickets')} hideLabel>
          <Select value={quantity} onChange={(e) => setQuantity(Number(e.target.value))}>
            {Array.from({ length: event.perOrderLimit }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {t('event.best.quantity', { count: n })}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" busy={busy}>
          {t('event.best.submit')}
        </Button>
      </div>
      {!choice && <BestAvailableOptions event={event} choice={own} />}
    </form>
  );
}

/** The price tier and wheelchair choices of best available, folded away until asked for. */
export function BestAvailableOptions({ event, choice }: { event: EventDetail; choice: BestAvailableChoice }) {
  const t = useT();
  return (
    <details className="best-options">
      <summary>{t('event.best.options')}</summary>
      <Field label={t('event.best.price')}>
        <Select value={choice.tierId} onChange={(e) => choice.setTierId(e.target.value)}>
          <option value="">{t('event.best.anyPrice')}</option>
          {event.tiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name} ({formatMoney(tier.price)})
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox
        checked={choice.accessible}
        onChange={(e) => choice.setAccessible(e.target.checked)}
        label={t('event.best.wheelchair')}
      />
    </details>
  );
}
