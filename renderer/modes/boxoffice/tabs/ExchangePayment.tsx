// The money of an exchange: a ticket type per new place, the cloud's quote of the credit (what the returned tickets
// were paid), the new total and the difference; then cash or the card terminal for a difference to pay, or what goes
// back to the buyer, and the confirmation. One idempotency key per exchange as priced, so a retry cannot act twice.
import { useMemo, useState } from 'react';
import type { BasketLineInput, CreatedHold, EventPrices, Order } from '../../../../cloud/contract/index.ts';
import type { DeviceNotice, ExchangeOutcome } from '../../../../preload/bridge.ts';
import { useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { noticeWords } from '../../device/notice-words.ts';
import { linesToSend } from '../../shared/basket/basket-lines.ts';
import { TicketTypePicker } from '../../shared/basket/TicketTypePicker.tsx';
import { newKey } from '../idempotency.ts';
import { CashReceivedField, useCashReceived } from './CashReceived.tsx';
import { Button } from '../../../ui/kit/index.ts';

interface ExchangePaymentProps {
  order: Order;
  ticketIds: string[];
  hold: CreatedHold;
  prices: EventPrices;
  onDone(outcome: ExchangeOutcome): void;
  onBack(): void;
}

export function ExchangePayment({ order, ticketIds, hold, prices, onDone, onBack }: ExchangePaymentProps) {
  const t = useT();
  const { client } = useDevice();
  const [chosen, setChosen] = useState<BasketLineInput[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<DeviceNotice | null>(null);
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
    setNotice(null);
    setError(null);
    try {
      const outcome = await client.call('orders:exchange', {
        ...ask,
        ...(payment ? { payment } : {}),
        idempotencyKey: key,
      });
      if (outcome.status === 'exchanged') onDone(outcome);
      else setNotice(outcome.notice);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="exchange-payment">
      <TicketTypePicker hold={hold} prices={prices} lines={chosen} onChange={setChosen} disabled={busy} />
      {quoted.status === 'loading' && <p role="status">{t('boxoffice.pay.pricing')}</p>}
      {quoted.status === 'failed' && <ErrorMessage error={quoted.error} />}
      {quote && difference && (
        <dl className="exchange-money" aria-busy={quoted.status !== 'loaded'}>
          <dt>{t('boxoffice.exchange.credit')}</dt>
          <dd data-testid="exchange-credit">{formatMoney(quote.credit)}</dd>
          <dt>{t('boxoffice.exchange.newTickets')}</dt>
          <dd data-testid="exchange-new-total">{formatMoney(quote.newTotal)}</dd>
          <dt>
            {difference.amount > 0
              ? t('boxoffice.pay.toPay')
              : difference.amount < 0
                ? t('boxoffice.exchange.giveBack')
                : t('boxoffice.exchange.difference')}
          </dt>
          <dd data-testid="exchange-difference">
            {formatMoney({ ...difference, amount: Math.abs(difference.amount) })}
          </dd>
        </dl>
      )}
      {difference && difference.amount > 0 && (
        <fieldset>
          <legend>{t('boxoffice.exchange.payDifference')}</legend>
          <CashReceivedField cash={cash} />
          <Button
            disabled={busy || change === null || change < 0}
            onClick={() => void run({ method: 'cash', tendered: { amount: tendered!, currency } })}
          >
            {t('boxoffice.exchange.takeCash')}
          </Button>{' '}
          <Button variant="secondary" disabled={busy} onClick={() => void run({ method: 'card_terminal' })}>
            {t('boxoffice.exchange.card', { amount: formatMoney(difference) })}
          </Button>
        </fieldset>
      )}
      {difference && difference.amount <= 0 && (
        <Button disabled={busy} onClick={() => void run()}>
          {difference.amount < 0
            ? t('boxoffice.exchange.andGiveBack', {
                amount: formatMoney({ ...difference, amount: -difference.amount }),
              })
            : t('boxoffice.exchange.exchange')}
        </Button>
      )}{' '}
      <Button variant="secondary" disabled={busy} onClick={onBack}>
        {t('boxoffice.exchange.otherSeats')}
      </Button>
      {busy && <p role="status">{t('boxoffice.pay.working')}</p>}
      {notice && (
        <p className="notice" role="alert">
          {noticeWords(t, notice)}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}
