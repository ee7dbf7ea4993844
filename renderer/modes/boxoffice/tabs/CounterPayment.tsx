// Taking payment for a hold at the counter: a ticket type per place (adult unless the clerk picks another), a promo
// code, the buyer, how the tickets go to them, the priced breakdown (fees, tax) the cloud quotes for that, then cash
// (exact at one key, quick tender, change from the quoted total) or the card terminal. Keys: X exact cash, C the
// cash field, K card, Esc cancels. One idempotency key per cash sale as priced, so a retried request cannot charge
// twice.
import { useMemo, useRef, useState } from 'react';
import type { CreatedHold, EventDetail, EventSummary } from '../../../../cloud/contract/index.ts';
import type { DeviceNotice, SaleResult } from '../../../../preload/bridge.ts';
import { currentLocale, useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import { Button, Field, TextInput, Select } from '../../../ui/kit/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useDevice } from '../../device/device-context.ts';
import { noticeWords } from '../../device/notice-words.ts';
import { PromoCodeField } from '../../shared/basket/PromoCodeField.tsx';
import { TicketTypePicker } from '../../shared/basket/TicketTypePicker.tsx';
import { loadSectionNames, OrderSummary, summaryLinesOfHold, type SectionNames } from '../../shared/summary/index.ts';
import { newKey } from '../idempotency.ts';
import { Kbd } from '../keys/Kbd.tsx';
import { ShortcutHelp } from '../keys/ShortcutHelp.tsx';
import { useShortcuts } from '../keys/shortcuts.ts';
import { Waiting } from '../Waiting.tsx';
import { cashProblem, useCashReceived } from './CashReceived.tsx';
import { CashTender } from './CashTender.tsx';
import { useCounterBasket, type CounterDelivery } from './counter-basket.ts';

interface CounterPaymentProps {
  hold: CreatedHold;
  event: EventSummary;
  onSold(result: SaleResult): void;
  onCancel(): void;
}

/** Loads the event (its ticket types and prices, for the basket and the summary), then the payment screen. */
export function CounterPayment(props: CounterPaymentProps) {
  const { client } = useDevice();
  const [loaded, retry] = useAsync(async () => {
    const detail = await client.getEvent(props.event.id);
    // The map the clerk sold from (cached on the machine) names the summary's sections.
    return { detail, sections: await loadSectionNames(client, detail.seatmapId) };
  }, [client, props.event.id]);
  if (loaded.status !== 'loaded') return <Waiting state={loaded} retry={retry} lines={6} />;
  return <Payment {...props} {...loaded.value} />;
}

function Payment({
  hold,
  event,
  detail,
  sections,
  onSold,
  onCancel,
}: CounterPaymentProps & { detail: EventDetail; sections: SectionNames }) {
  const { prices } = detail;
  const t = useT();
  const { client } = useDevice();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [delivery, setDelivery] = useState<CounterDelivery>('print');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<DeviceNotice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cashField = useRef<HTMLInputElement>(null);
  const basket = useCounterBasket(client, hold, prices, delivery);
  const breakdown = basket.quote?.breakdown ?? null;
  const currency = breakdown?.currency ?? hold.total.currency;
  const due = basket.ready && breakdown ? breakdown.totals.total : null;
  const cash = useCashReceived(due, currency);
  const buyer = { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) };
  // A new key for each sale as priced: a retry of the same sale is the same request.
  const cashKey = useMemo(newKey, [JSON.stringify(basket.sale), delivery]);

  const run = async (sale: () => Promise<SaleResult>) => {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      const result = await sale();
      if (result.status === 'paid') onSold(result);
      else setNotice(result.notice);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  // Why no payment can be taken yet, in the order the clerk would fix it; null when it can.
  const blocked = busy
    ? t('boxoffice.pay.working')
    : !name.trim()
      ? t('boxoffice.pay.needName')
      : delivery === 'email' && !email.trim()
        ? t('boxoffice.pay.needEmail')
        : basket.invalid
          ? t('boxoffice.pay.fixTypes')
          : due === null
            ? t('boxoffice.pay.pricing')
            : null;
  const takeCash = (tendered: number) =>
    void run(() =>
      client.call('sale:cash', {
        locale: currentLocale(),
        holdId: hold.id,
        holdToken: hold.token,
        buyer,
        delivery,
        ...basket.sale,
        tendered: { amount: tendered, currency },
        idempotencyKey: cashKey,
      }),
    );
  const payByCard = () =>
    void run(() =>
      client.call('sale:terminal', {
        holdId: hold.id,
        holdToken: hold.token,
        buyer,
        delivery,
        ...basket.sale,
        locale: currentLocale(),
      }),
    );
  useShortcuts({
    x: () => !blocked && due !== null && takeCash(due),
    c: () => cashField.current?.focus(),
    k: () => !blocked && payByCard(),
    Escape: () => !busy && onCancel(),
  });
  const cashReady = !blocked && cashProblem(cash, t) === null;
  return (
    <section className="counter-payment" aria-labelledby="payment-heading">
      <div className="pay-details">
        <h1 id="payment-heading">{event.name}</h1>
        <TicketTypePicker hold={hold} prices={prices} lines={basket.lines} onChange={basket.setLines} disabled={busy} />
        <PromoCodeField applied={basket.code} error={basket.codeError} onApply={basket.applyCode} disabled={busy} />
        <Field label={t('boxoffice.pay.name')}>
          <TextInput value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} autoFocus />
        </Field>
        <Field label={t('boxoffice.pay.email')}>
          <TextInput type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t('boxoffice.pay.delivery')}>
          <Select value={delivery} onChange={(e) => setDelivery(e.target.value as CounterDelivery)}>
            <option value="print">{t('boxoffice.pay.print')}</option>
            <option value="email">{t('boxoffice.pay.emailThem')}</option>
            <option value="will_call">{t('boxoffice.pay.willCall')}</option>
          </Select>
        </Field>
        <ShortcutHelp screen="pay" />
      </div>
      <div className="pay-tender">
        <div aria-busy={!basket.ready}>
          <OrderSummary
            compact
            heading={t('boxoffice.pay.toPay')}
            event={detail}
            lines={summaryLinesOfHold(detail, hold, sections, basket.quote)}
            breakdown={breakdown}
            total={hold.total}
          />
        </div>
        {basket.error !== null && <ErrorMessage error={basket.error} />}
        <CashTender cash={cash} due={due} blocked={blocked} inputRef={cashField} onTake={takeCash} />
        <div className="pay-actions">
          <Button
            aria-keyshortcuts="K"
            size="lg"
            variant={cashReady ? 'secondary' : 'primary'}
            disabledReason={blocked ?? undefined}
            onClick={payByCard}
          >
            {due === null
              ? t('boxoffice.pay.card')
              : t('boxoffice.pay.cardAmount', { amount: formatMoney({ amount: due, currency }) })}{' '}
            <Kbd>K</Kbd>
          </Button>
          <Button variant="ghost" size="lg" disabled={busy} onClick={onCancel} aria-keyshortcuts="Escape">
            {t('boxoffice.pay.cancel')} <Kbd>Esc</Kbd>
          </Button>
        </div>
        {notice && (
          <p className="notice" role="alert">
            {noticeWords(t, notice)}
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
      </div>
    </section>
  );
}
