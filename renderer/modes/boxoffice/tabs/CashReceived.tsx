// The cash a clerk takes: what was handed over (typed, or a quick-tender button), and the change or the shortfall
// against what is due, shown large. The counter's sale and the exchange's difference both take cash this way.
import { useState, type Ref } from 'react';
import { useT } from '../../../i18n/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { parseAmount } from '../../device/device-parts.tsx';
import { Kbd } from '../keys/Kbd.tsx';
import { Field, TextInput } from '../../../ui/kit/index.ts';

export interface CashReceived {
  received: string;
  setReceived(text: string): void;
  /** What was handed over, in minor units; null until it reads as an amount. */
  tendered: number | null;
  /** Tendered less due (negative: short); null until both are known. */
  change: number | null;
  currency: string;
}

export function useCashReceived(due: number | null, currency: string): CashReceived {
  const [received, setReceived] = useState('');
  const tendered = parseAmount(received, currency);
  const change = tendered === null || due === null ? null : tendered - due;
  return { received, setReceived, tendered, change, currency };
}

/** Why cash cannot be taken yet (nothing typed, not an amount, too little), or null when it can. */
export function cashProblem(cash: CashReceived, t: (id: string, values?: Record<string, unknown>) => string) {
  if (cash.received.trim() === '') return t('boxoffice.cash.enterAmount');
  if (cash.tendered === null) return t('boxoffice.cash.notAnAmount', { currency: cash.currency });
  if (cash.change !== null && cash.change < 0) return t('boxoffice.cash.short');
  return null;
}

export function CashReceivedField({
  cash,
  inputRef,
  shortcut,
}: {
  cash: CashReceived;
  inputRef?: Ref<HTMLInputElement>;
  /** The key that brings the clerk here (shown, and given as aria-keyshortcuts). */
  shortcut?: string;
}) {
  const t = useT();
  const { received, setReceived, change, currency } = cash;
  return (
    <>
      <Field
        label={
          // The words and the key hint on one line: a label stacks its children, which stretched the hint full width.
          <span>
            {t('boxoffice.cash.received')}
            {shortcut && <Kbd>{shortcut}</Kbd>}
          </span>
        }
      >
        <TextInput
          ref={inputRef}
          inputMode="decimal"
          aria-keyshortcuts={shortcut}
          value={received}
          onChange={(e) => setReceived(e.target.value)}
        />
      </Field>
      {change !== null && (
        <p role="status" className={change >= 0 ? 'change-due' : 'change-due short'}>
          {change >= 0
            ? t('boxoffice.cash.change', { amount: formatMoney({ amount: change, currency }) })
            : t('boxoffice.cash.shortBy', { amount: formatMoney({ amount: -change, currency }) })}
        </p>
      )}
    </>
  );
}
