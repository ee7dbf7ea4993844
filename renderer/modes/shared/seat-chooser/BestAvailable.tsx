// Seats chosen for the buyer: how many, optionally a price and wheelchair spaces; the server finds seats together.
// Compact: the quantity and the button in one row, the price and access choices folded beneath them.
import { useState } from 'react';
import type { CreateHold, EventDetail } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { QuantitySelect } from './QuantitySelect.tsx';

export function BestAvailable({
  event,
  busy,
  onHold,
}: {
  event: EventDetail;
  busy: boolean;
  onHold(request: CreateHold): void;
}) {
  const t = useT();
  const [quantity, setQuantity] = useState(Math.min(2, event.perOrderLimit));
  const [tierId, setTierId] = useState('');
  const [accessible, setAccessible] = useState(false);
  return (
    <form
      className="best-available"
      aria-labelledby="best-heading"
      onSubmit={(e) => {
        e.preventDefault();
        onHold({ bestAvailable: { quantity, ...(tierId ? { tierId } : {}), ...(accessible ? { accessible } : {}) } });
      }}
    >
      <h2 id="best-heading" className="visually-hidden">
        {t('event.best.heading')}
      </h2>
      <div className="best-row">
        <QuantitySelect
          label={t('event.best.tickets')}
          max={event.perOrderLimit}
          value={quantity}
          onChange={setQuantity}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('event.best.submit')}
        </button>
      </div>
      <details className="best-options">
        <summary>{t('event.best.options')}</summary>
        <label>
          {t('event.best.price')}
          <select value={tierId} onChange={(e) => setTierId(e.target.value)}>
            <option value="">{t('event.best.anyPrice')}</option>
            {event.tiers.map((tier) => (
              <option key={tier.id} value={tier.id}>
                {tier.name} ({formatMoney(tier.price)})
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={accessible} onChange={(e) => setAccessible(e.target.checked)} />{' '}
          {t('event.best.wheelchair')}
        </label>
      </details>
    </form>
  );
}
