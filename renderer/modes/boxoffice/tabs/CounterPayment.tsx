// Taking payment for a hold at the counter: the buyer, how the tickets go to them, cash with change, or the card
// terminal. One idempotency key per cash sale, so a retried request cannot charge twice.
import { useState } from 'react';
import type { CreatedHold, EventSummary } from '../../../../cloud/contract/index.ts';
import type { SaleResult } from '../../../../preload/bridge.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import { useDevice } from '../../device/device-context.ts';
import { HoldSummary, parseAmount } from '../../device/device-parts.tsx';
import { newKey } from '../idempotency.ts';

export function CounterPayment({
  hold,
  event,
  onSold,
  onCancel,
}: {
  hold: CreatedHold;
  event: EventSummary;
  onSold(result: SaleResult): void;
  onCancel(): void;
}) {
  const { client } = useDevice();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [delivery, setDelivery] = useState<'print' | 'email' | 'will_call'>('print');
  const [received, setReceived] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cashKey] = useState(newKey);
  const tendered = parseAmount(received, hold.total.currency);
  const change = tendered === null ? null : tendered - hold.total.amount;
  const buyer = { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) };

  const run = async (sale: () => Promise<SaleResult>) => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const result = await sale();
      if (result.status === 'paid') onSold(result);
      else setMessage(result.message);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const valid = name.trim().length > 0 && (delivery !== 'email' || email.trim().length > 0);
  return (
    <section className="counter-payment" aria-labelledby="payment-heading">
      <h1 id="payment-heading">{event.name}</h1>
      <HoldSummary hold={hold} />
      <label>
        Buyer's name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label>
        Email (optional)
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Tickets
        <select value={delivery} onChange={(e) => setDelivery(e.target.value as typeof delivery)}>
          <option value="print">Print now</option>
          <option value="email">Email them</option>
          <option value="will_call">Will-call (pick up later)</option>
        </select>
      </label>
      <fieldset>
        <legend>Cash</legend>
        <label>
          Cash received
          <input inputMode="decimal" value={received} onChange={(e) => setReceived(e.target.value)} />
        </label>
        {change !== null && (
          <p role="status">
            {change >= 0
              ? `Change: ${formatMoney({ amount: change, currency: hold.total.currency })}`
              : `Short by ${formatMoney({ amount: -change, currency: hold.total.currency })}`}
          </p>
        )}
        <button
          type="button"
          className="primary"
          disabled={busy || !valid || change === null || change < 0}
          onClick={() =>
            void run(() =>
              client.call('sale:cash', {
                holdId: hold.id,
                holdToken: hold.token,
                buyer,
                delivery,
                tendered: { amount: tendered!, currency: hold.total.currency },
                idempotencyKey: cashKey,
              }),
            )
          }
        >
          Take cash
        </button>
      </fieldset>
      <button
        type="button"
        disabled={busy || !valid}
        onClick={() =>
          void run(() => client.call('sale:terminal', { holdId: hold.id, holdToken: hold.token, buyer, delivery }))
        }
      >
        Pay {formatMoney(hold.total)} by card
      </button>{' '}
      <button type="button" disabled={busy} onClick={onCancel}>
        Cancel sale
      </button>
      {busy && <p role="status">Working…</p>}
      {message && (
        <p className="notice" role="alert">
          {message}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
