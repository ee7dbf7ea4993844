// Seats chosen for the buyer: how many, optionally a price and wheelchair spaces; the server finds seats together.
import { useState } from 'react';
import type { CreateHold, EventDetail } from '../../../../cloud/contract/index.ts';
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
  const [quantity, setQuantity] = useState(2);
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
      <h2 id="best-heading">Best available</h2>
      <QuantitySelect label="Tickets" max={event.perOrderLimit} value={quantity} onChange={setQuantity} />
      <label>
        Price
        <select value={tierId} onChange={(e) => setTierId(e.target.value)}>
          <option value="">Best there is</option>
          {event.tiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name} ({formatMoney(tier.price)})
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={accessible} onChange={(e) => setAccessible(e.target.checked)} /> Wheelchair
        space
      </label>
      <button type="submit" disabled={busy}>
        Find seats together
      </button>
    </form>
  );
}
