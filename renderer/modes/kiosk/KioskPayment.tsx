// The kiosk's pay screen: what is being bought (event, date in the venue's zone, venue, seats) with the hold's
// countdown, a ticket type for each seat, a promo code and the price line by line as the cloud quotes it, the name
// on the tickets and how to get them; then the card terminal is asked for the quote's total and the sale carries the
// same lines and code (sale:terminal), so what the buyer saw is what is charged.
import { useState } from 'react';
import type {
  BasketLineInput,
  CreatedHold,
  EventDetail,
  EventPrices,
  EventSummary,
} from '../../../cloud/contract/index.ts';
import type { DeviceNotice, SaleResult } from '../../../preload/bridge.ts';
import { currentLocale, useT } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { formatMoney } from '../../ui/format.ts';
import { Button, Skeleton, Radio, Field, TextInput } from '../../ui/kit/index.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useDevice } from '../device/device-context.ts';
import { noticeWords } from '../device/notice-words.ts';
import { DeviceRetry } from '../device/device-parts.tsx';
import { linesToSend } from '../shared/basket/basket-lines.ts';
import { promoCodeError } from '../shared/basket/code-errors.ts';
import { PromoCodeField } from '../shared/basket/PromoCodeField.tsx';
import { hasBasketProblems, TicketTypePicker } from '../shared/basket/TicketTypePicker.tsx';
import { useQuote } from '../shared/basket/use-quote.ts';
import { useRefusedCode } from '../shared/basket/use-refused-code.ts';
import { loadSectionNames, OrderSummary, summaryLinesOfHold, type SectionNames } from '../shared/summary/index.ts';
import { HoldCountdown, useTimeLeft } from './HoldCountdown.tsx';

interface KioskPaymentProps {
  hold: CreatedHold;
  event: EventSummary;
  offline: boolean;
  onPaid(result: SaleResult): void;
}

/** Loads the event's ticket types and prices (cached on the machine, so also offline), then the pay screen. */
export function KioskPayment(props: KioskPaymentProps) {
  const { client } = useDevice();
  const t = useT();
  const [state, retry] = useAsync(async () => {
    const detail = await client.getEvent(props.event.id);
    // The map the buyer chose on (cached on the machine) names the summary's sections.
    return { detail, sections: await loadSectionNames(client, detail.seatmapId) };
  }, [client, props.event.id]);
  if (state.status === 'loading') return <Skeleton block label={t('kiosk.pay.loading')} />;
  if (state.status === 'failed') return <DeviceRetry error={state.error} retry={retry} />;
  const { detail, sections } = state.value;
  return <KioskCheckout {...props} detail={detail} prices={detail.prices} sections={sections} />;
}

function KioskCheckout({
  hold,
  offline,
  onPaid,
  detail,
  prices,
  sections,
}: KioskPaymentProps & { detail: EventDetail; prices: EventPrices; sections: SectionNames }) {
  const { client } = useDevice();
  const t = useT();
  const left = useTimeLeft(hold.expiresAt);
  const [name, setName] = useState('');
  const [delivery, setDelivery] = useState<'print' | 'email'>('print');
  const [email, setEmail] = useState('');
  const [lines, setLines] = useState<BasketLineInput[]>(() => linesToSend(hold, prices, []));
  const [code, setCode] = useState<string | null>(null);
  const [step, setStep] = useState<'form' | 'terminal'>('form');
  const [notice, setNotice] = useState<DeviceNotice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const quote = useQuote(client, hold, {
    lines,
    ...(code !== null ? { code } : {}),
    delivery: { method: delivery === 'email' ? 'email' : 'print_at_venue' },
  });
  const [codeError, setCodeError] = useRefusedCode(quote.error, () => setCode(null));
  const applyCode = (next: string | null) => {
    setCodeError(null);
    setCode(next);
  };
  const total = quote.quote && !quote.pending ? quote.quote.breakdown.totals.total : null;
  const money = (amount: number) =>
    formatMoney({ amount, currency: quote.quote?.breakdown.currency ?? prices.currency });
  const basketError = quote.error !== null && promoCodeError(quote.error) === null ? quote.error : null;
  /** Why paying is not possible now, said beside the button. */
  const blocked = offline
    ? t('kiosk.pay.pausedShort')
    : left === 0
      ? t('kiosk.pay.expiredShort')
      : hasBasketProblems(hold, prices, lines)
        ? t('kiosk.pay.fixTickets')
        : undefined;

  const pay = async () => {
    setStep('terminal');
    setNotice(null);
    setError(null);
    try {
      const result = await client.call('sale:terminal', {
        locale: currentLocale(),
        holdId: hold.id,
        holdToken: hold.token,
        buyer: { name: name.trim(), ...(delivery === 'email' ? { email: email.trim() } : {}) },
        delivery,
        lines,
        ...(code !== null ? { code } : {}),
      });
      if (result.status === 'paid' || result.status === 'queued') onPaid(result);
      else setNotice(result.notice);
    } catch (failure) {
      const refused = promoCodeError(failure);
      if (refused !== null) applyCode(null);
      setCodeError(refused);
      setError(refused === null ? failure : null);
    } finally {
      setStep('form');
    }
  };

  if (step === 'terminal') {
    return (
      <section className="terminal-prompt" aria-live="assertive">
        <h1>
          {total !== null ? t('kiosk.pay.terminalTitle', { total: money(total) }) : t('kiosk.pay.terminalTitleNoTotal')}
        </h1>
        <p>{t('kiosk.pay.terminalHelp')}</p>
      </section>
    );
  }
  return (
    <section className="kiosk-pay" aria-labelledby="kiosk-pay-title">
      <h1 id="kiosk-pay-title" className="visually-hidden">
        {t('kiosk.pay.title')}
      </h1>
      <aside className="kiosk-pay-side">
        <HoldCountdown left={left} />
        <OrderSummary
          compact
          event={detail}
          lines={summaryLinesOfHold(detail, hold, sections, quote.quote)}
          breakdown={quote.quote?.breakdown ?? null}
          total={hold.total}
        />
      </aside>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void pay();
        }}
      >
        <TicketTypePicker hold={hold} prices={prices} lines={lines} onChange={setLines} />
        <PromoCodeField applied={code} error={codeError} onApply={applyCode} />
        <div aria-live="polite" aria-busy={quote.pending}>
          {basketError !== null ? (
            <ErrorMessage error={basketError} />
          ) : (
            quote.pending && !quote.quote && <Skeleton lines={2} label={t('kiosk.pay.pricing')} />
          )}
        </div>
        <Field label={t('kiosk.pay.name')}>
          <TextInput
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={120}
            autoComplete="off"
          />
        </Field>
        <fieldset>
          <legend>{t('kiosk.pay.delivery')}</legend>
          <Radio checked={delivery === 'print'} onChange={() => setDelivery('print')} label={t('kiosk.pay.print')} />
          <Radio checked={delivery === 'email'} onChange={() => setDelivery('email')} label={t('kiosk.pay.email')} />
        </fieldset>
        {delivery === 'email' && (
          <Field label={t('kiosk.pay.emailLabel')}>
            <TextInput
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              autoComplete="off"
            />
          </Field>
        )}
        {offline && (
          <p className="notice paused" role="status">
            {t('kiosk.pay.paused')}
          </p>
        )}
        {notice && (
          <p className="notice" role="alert">
            {noticeWords(t, notice)}
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <Button
          type="submit"
          size="touch"
          className="kiosk-pay-button"
          disabled={total === null || blocked !== undefined}
          disabledReason={blocked}
        >
          {total !== null ? t('kiosk.pay.payTotal', { total: money(total) }) : t('kiosk.pay.pay')}
        </Button>
      </form>
    </section>
  );
}
