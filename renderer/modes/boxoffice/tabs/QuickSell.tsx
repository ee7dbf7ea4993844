// Best available at the top of Sell: how many (a digit key sets it), which price, and "Hold best" (Enter), so most
// sales never touch the map below. The cloud picks seats together; the hold goes on to payment.
import { useState } from 'react';
import type { CreateHold, EventDetail } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { Button, Field, Select } from '../../../ui/kit/index.ts';
import { Kbd } from '../keys/Kbd.tsx';

import { useShortcuts } from '../keys/shortcuts.ts';

interface QuickSellProps {
  event: EventDetail;
  busy: boolean;
  /** Why holding is not possible now (offline), or null. */
  paused: string | null;
  onHold(request: CreateHold): void;
  onBack(): void;
}

export function QuickSell({ event, busy, paused, onHold, onBack }: QuickSellProps) {
  const t = useT();
  const max = Math.max(1, event.perOrderLimit);
  const [quantity, setQuantity] = useState(Math.min(2, max));
  const [tierId, setTierId] = useState('');
  const hold = () => {
    if (busy || paused) return;
    onHold({ bestAvailable: { quantity, ...(tierId ? { tierId } : {}) } });
  };
  useShortcuts({
    digit: (key) => {
      const n = Number(key);
      if (n >= 1 && n <= max) setQuantity(n);
    },
    Enter: hold,
    Escape: onBack,
  });
  return (
    <form
      className="quick-sell"
      aria-labelledby="quick-sell-heading"
      onSubmit={(e) => {
        e.preventDefault();
        hold();
      }}
    >
      <h2 id="quick-sell-heading">{t('boxoffice.sell.bestHeading')}</h2>
      <Field label={t('boxoffice.sell.quantity')}>
        <Select
          value={quantity}
          onChange={(e) => setQuantity(Number(e.target.value))}
          aria-keyshortcuts="1 2 3 4 5 6 7 8 9"
        >
          {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('boxoffice.sell.price')}>
        <Select value={tierId} onChange={(e) => setTierId(e.target.value)}>
          <option value="">{t('boxoffice.sell.bestPrice')}</option>
          {event.tiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {t('boxoffice.sell.tierOption', { tier: tier.name, price: formatMoney(tier.price) })}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" size="lg" aria-keyshortcuts="Enter" busy={busy} disabledReason={paused ?? undefined}>
        {t('boxoffice.sell.holdBest', { count: quantity })} <Kbd>↵</Kbd>
      </Button>
    </form>
  );
}
