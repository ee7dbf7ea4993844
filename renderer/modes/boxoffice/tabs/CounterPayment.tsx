// Taking payment for a hold at the counter: a ticket type per place (adult unless the clerk picks another), a promo
// code, the buyer, how the tickets go to them, the priced breakdown (fees, tax) the cloud quotes for that, then cash
// with change from the quoted total, or the card terminal. One idempotency key per cash sale as priced, so a retried
// request cannot charge twice.
import { useMemo, useState } from 'react';
import type { CreatedHold, EventPrices, EventSummary } from '../../../../cloud/contract/index.ts';
import type { SaleResult } from '../../../../preload/bridge.ts';
import { ErrorMessage, Pending } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { lineDescriber } from '../../shared/basket/basket-lines.ts';
import { PriceBreakdownView } from '../../shared/basket/PriceBreakdownView.tsx';
import { PromoCodeField } from '../../shared/basket/PromoCodeField.tsx';
import { TicketTypePicker } from '../../shared/basket/TicketTypePicker.tsx';
import { newKey } from '../idempotency.ts';
import { CashReceivedField, useCashReceived } from './CashReceived.tsx';
import { useCounterBasket, type CounterDelivery } from './counter-basket.ts';

interface CounterPaymentProps {
  hold: CreatedHold;
  event: EventSummary;
  onSold(result: SaleResult): void;
  onCancel(): void;
}

/** Loads the event's ticket types and prices, then the payment screen. */
export function CounterPayment(props: CounterPaymentProps) {
  const { client } = useDevice();
  const [detail, retry] = useAsync(() => client.getEvent(props.event.id), [client, props.event.id]);
  if (detail.status !== 'loaded') return <Pending state={detail} retry={retry} what="the ticket types" />;
  return <Payment {...props} prices={detail.value.prices} />;
}

function Payment({ hold, event, prices, onSold, onCancel }: CounterPaymentProps & { prices: EventPrices }) {
  const { client } = useDevice();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [delivery, setDelivery] = useState<CounterDelivery>('print');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const basket = useCounterBasket(client, hold, prices, delivery);
  const breakdown = basket.quote?.breakdown ?? null;
  const currency = breakdown?.currency ?? hold.total.currency;
  const due = basket.ready && breakdown ? breakdown.totals.total : null;
  const cash = useCashReceived(due, currency);
  const { tendered, change } = cash;
  const buyer = { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) };
  // A new key for each sale as priced: a retry of the same sale is the same request.
  const cashKey = useMemo(newKey, [JSON.stringify(basket.sale), delivery]);

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
  const payable = valid && !busy && due !== null && !basket.invalid;
  return (
    <section className="counter-payment" aria-labelledby="payment-heading">
      <h1 id="payment-heading">{event.name}</h1>
      <TicketTypePicker hold={hold} prices={prices} lines={basket.lines} onChange={basket.setLines} disabled={busy} />
      <PromoCodeField applied={basket.code} error={basket.codeError} onApply={basket.applyCode} disabled={busy} />
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
        <select value={delivery} onChange={(e) => setDelivery(e.target.value as CounterDelivery)}>
          <option value="print">Print now</option>
          <option value="email">Email them</option>
          <option value="will_call">Will-call (pick up later)</option>
        </select>
      </label>
      {breakdown && (
        <div aria-busy={!basket.ready}>
          <PriceBreakdownView
            breakdown={breakdown}
            describeLine={lineDescriber(hold, prices, breakdown)}
            caption="To pay"
          />
        </div>
      )}
      {!basket.ready && basket.error === null && <p role="status">Pricing…</p>}
      {basket.error !== null && <ErrorMessage error={basket.error} />}
      <fieldset>
        <legend>Cash</legend>
        {due !== null && (
          <p className="amount-due">
            Due <strong>{formatMoney({ amount: due, currency })}</strong>
          </p>
        )}
        <CashReceivedField cash={cash} />
        <button
          type="button"
          className="primary"
          disabled={!payable || change === null || change < 0}
          onClick={() =>
            void run(() =>
              client.call('sale:cash', {
                holdId: hold.id,
                holdToken: hold.token,
                buyer,
                delivery,
                ...basket.sale,
                tendered: { amount: tendered!, currency },
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
        disabled={!payable}
        onClick={() =>
          void run(() =>
            client.call('sale:terminal', { holdId: hold.id, holdToken: hold.token, buyer, delivery, ...basket.sale }),
          )
        }
      >
        {due === null ? 'Pay by card' : `Pay ${formatMoney({ amount: due, currency })} by card`}
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
