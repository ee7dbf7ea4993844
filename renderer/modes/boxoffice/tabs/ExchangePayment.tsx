// The money of an exchange: a ticket type per new place, the cloud's quote of the credit (what the returned tickets
// were paid), the new total and the difference; then cash or the card terminal for a difference to pay, or what goes
// back to the buyer, and the confirmation. One idempotency key per exchange as priced, so a retry cannot act twice.
import { useMemo, useState } from 'react';
import type { BasketLineInput, CreatedHold, EventPrices, Order } from '../../../../cloud/contract/index.ts';
import type { ExchangeOutcome } from '../../../../preload/bridge.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { linesToSend } from '../../shared/basket/basket-lines.ts';
import { TicketTypePicker } from '../../shared/basket/TicketTypePicker.tsx';
import { newKey } from '../idempotency.ts';
import { CashReceivedField, useCashReceived } from './CashReceived.tsx';

interface ExchangePaymentProps {
  order: Order;
  ticketIds: string[];
  hold: CreatedHold;
  prices: EventPrices;
  onDone(outcome: ExchangeOutcome): void;
  onBack(): void;
}

export function ExchangePayment({ order, ticketIds, hold, prices, onDone, onBack }: ExchangePaymentProps) {
  const { client } = useDevice();
  const [chosen, setChosen] = useState<BasketLineInput[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lines = useMemo(() => linesToSend(hold, prices, chosen), [hold, prices, chosen]);
  const ask = { orderId: order.id, ticketIds, holdId: hold.id, holdToken: hold.token, lines };
  const asked = JSON.stringify(ask);
  const [quoted] = useAsync(() => client.call('orders:exchangeQuote', ask), [client, asked]);
  const key = useMemo(newKey, [asked]);
  const quote = quoted.status === 'loaded' ? quoted.value : null;
  const difference = quote?.difference ?? null;
  const currency = difference?.currency ?? order.total.currency;
  const cash = useCashReceived(difference?.amount ?? null, currency);
  const { tendered, change } = cash;

  const run = async (
    payment?: { method: 'cash'; tendered: { amount: number; currency: string } } | { method: 'card_terminal' },
  ) => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const outcome = await client.call('orders:exchange', {
        ...ask,
        ...(payment ? { payment } : {}),
        idempotencyKey: key,
      });
      if (outcome.status === 'exchanged') onDone(outcome);
      else setMessage(outcome.message);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="exchange-payment">
      <TicketTypePicker hold={hold} prices={prices} lines={chosen} onChange={setChosen} disabled={busy} />
      {quoted.status === 'loading' && <p role="status">Pricing…</p>}
      {quoted.status === 'failed' && <ErrorMessage error={quoted.error} />}
      {quote && difference && (
        <dl className="exchange-money" aria-busy={quoted.status !== 'loaded'}>
          <dt>Credit for the returned tickets</dt>
          <dd data-testid="exchange-credit">{formatMoney(quote.credit)}</dd>
          <dt>New tickets</dt>
          <dd data-testid="exchange-new-total">{formatMoney(quote.newTotal)}</dd>
          <dt>{difference.amount > 0 ? 'To pay' : difference.amount < 0 ? 'To give back' : 'Difference'}</dt>
          <dd data-testid="exchange-difference">
            {formatMoney({ ...difference, amount: Math.abs(difference.amount) })}
          </dd>
        </dl>
      )}
      {difference && difference.amount > 0 && (
        <fieldset>
          <legend>Pay the difference</legend>
          <CashReceivedField cash={cash} />
          <button
            type="button"
            className="primary"
            disabled={busy || change === null || change < 0}
            onClick={() => void run({ method: 'cash', tendered: { amount: tendered!, currency } })}
          >
            Take cash and exchange
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void run({ method: 'card_terminal' })}>
            Pay {formatMoney(difference)} by card and exchange
          </button>
        </fieldset>
      )}
      {difference && difference.amount <= 0 && (
        <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
          {difference.amount < 0
            ? `Exchange and give back ${formatMoney({ ...difference, amount: -difference.amount })}`
            : 'Exchange'}
        </button>
      )}{' '}
      <button type="button" disabled={busy} onClick={onBack}>
        Other seats
      </button>
      {busy && <p role="status">Working…</p>}
      {message && (
        <p className="notice" role="alert">
          {message}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}
