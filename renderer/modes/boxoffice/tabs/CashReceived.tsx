// The cash a clerk takes: what was handed over (typed), and the change or the shortfall against what is due. The
// counter's sale and the exchange's difference both take cash this way.
import { useState } from 'react';
import { formatMoney } from '../../../ui/format.ts';
import { parseAmount } from '../../device/device-parts.tsx';

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

export function CashReceivedField({ cash }: { cash: CashReceived }) {
  const { received, setReceived, change, currency } = cash;
  return (
    <>
      <label>
        Cash received
        <input inputMode="decimal" value={received} onChange={(e) => setReceived(e.target.value)} />
      </label>
      {change !== null && (
        <p role="status">
          {change >= 0
            ? `Change: ${formatMoney({ amount: change, currency })}`
            : `Short by ${formatMoney({ amount: -change, currency })}`}
        </p>
      )}
    </>
  );
}
