// Checkout: the order summary beside the form (two columns from 1024 px, the summary sticky; one column on phones
// with the summary folded at the top), a ticket type for each seat and a promo code, the buyer's details, delivery
// and the payment method; then off to the payment provider's page. What the buyer types is kept in this tab (the
// provider's page, a decline, Back and an expiry do not lose it); a field the cloud refuses says why beneath it and
// gets the focus. Rooms: checkout/ (basket, fields, field errors, the request, the expired hold), hold/ (the banner).
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { BasketLineInput, EventDetail, Hold } from '../../../cloud/contract/index.ts';
import { useShop } from '../shared/shop-context.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { formatMoney } from '../../ui/format.ts';
import { Button, Skeleton, Tile } from '../../ui/kit/index.ts';
import { currentLocale, useT } from '../../i18n/index.ts';
import { Link, navigate } from './router.tsx';
import { checkoutDetails, forgetKey, idempotencyKey, orderTokens } from './browser-storage.ts';
import { useAsync } from '../../ui/use-async.ts';
import { ApiError, type ShopConfig } from '../../client/ticketing-client.ts';
import { linesToSend } from '../shared/basket/basket-lines.ts';
import { hasBasketProblems } from '../shared/basket/TicketTypePicker.tsx';
import { useQuote } from '../shared/basket/use-quote.ts';
import { promoCodeError } from '../shared/basket/code-errors.ts';
import { useRefusedCode } from '../shared/basket/use-refused-code.ts';
import { loadSectionNames, OrderSummary, summaryLinesOfHold, type SectionNames } from '../shared/summary/index.ts';
import { CheckoutBasket } from './checkout/CheckoutBasket.tsx';
import { BuyerDetails, DeliveryChoice, PaymentChoice, type FieldErrors } from './checkout/BuyerFields.tsx';
import { fieldErrorsOf, firstInvalid } from './checkout/field-errors.ts';
import { HoldExpired } from './checkout/HoldExpired.tsx';
import { SeatNotes } from './checkout/SeatNotes.tsx';
import { orderRequest, quoteRequest } from './checkout/order-request.ts';
import { useStoredHold, useTimeLeft } from './hold/use-hold.ts';
import { ADMISSION_LOST, queueStore } from './queue/queue-store.ts';
import './checkout/checkout.css';

export default function CheckoutPage() {
  const t = useT();
  const { client } = useShop();
  const stored = useStoredHold();
  const [state, retry] = useAsync(async () => {
    if (!stored) return null;
    const eventLoad = client.getEvent(stored.eventId, stored.presaleCode);
    const [hold, config, event, sections] = await Promise.all([
      client.getHold(stored.hold.id, stored.hold.token),
      client.config(),
      eventLoad,
      // The summary names places as the map does; the map is in the browser's cache from choosing the seats.
      eventLoad.then((loaded) => loadSectionNames(client, loaded.seatmapId)),
    ]);
    return { hold, config, event, sections };
  }, [stored?.hold.id]);
  if (!stored)
    return (
      <p className="empty">
        {t('checkout.page.noHold')} <Link to="/">{t('checkout.page.chooseEvent')}</Link>
      </p>
    );
  if (state.status === 'failed')
    return (
      <ErrorMessage error={state.error}>
        <Button onClick={retry}>{t('checkout.page.retry')}</Button>
      </ErrorMessage>
    );
  if (state.status !== 'loaded' || !state.value)
    return (
      <section className="checkout" aria-busy="true" aria-label={t('checkout.page.title')}>
        <Skeleton lines={2} />
        <Skeleton block />
      </section>
    );
  return <Checkout key={state.value.hold.id} {...state.value} token={stored.hold.token} />;
}

function Checkout({
  hold,
  token,
  config,
  event,
  sections,
}: {
  hold: Hold;
  token: string;
  config: ShopConfig;
  event: EventDetail;
  sections: SectionNames;
}) {
  const t = useT();
  const { client, session } = useShop();
  const stored = useStoredHold();
  const expiresAt = stored?.hold.id === hold.id ? stored.hold.expiresAt : hold.expiresAt;
  const left = useTimeLeft(expiresAt);
  const [refused, setRefused] = useState(hold.status !== 'active');
  const kept = useRef(checkoutDetails.get()).current;
  const [delivery, setDelivery] = useState(() => (kept.delivery as 'email' | 'mail' | 'will_call') ?? 'email');
  const [method, setMethod] = useState(config.paymentMethods[0] ?? 'sandbox');
  const prices = event.prices;
  const [lines, setLines] = useState<BasketLineInput[]>(() => linesToSend(hold, prices, []));
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [summaryOpen, setSummaryOpen] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const quote = useQuote(client, { id: hold.id, token }, quoteRequest(lines, code, delivery));
  const [codeError, setCodeError] = useRefusedCode(quote.error, () => setCode(null));

  // The first refused field takes the focus (after the errors are on screen, so it is read with its message).
  useEffect(() => {
    const name = firstInvalid(fieldErrors);
    if (name) form.current?.querySelector<HTMLInputElement>(`[name="${name}"]`)?.focus();
  }, [fieldErrors]);

  const keep = useCallback(() => {
    if (!form.current) return;
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form.current)) if (typeof value === 'string') values[name] = value;
    checkoutDetails.set({ ...checkoutDetails.get(), ...values });
  }, []);

  if (refused || left === 0)
    return <HoldExpired event={event} hold={hold} sections={sections} presaleCode={stored?.presaleCode} />;

  const applyCode = (next: string | null) => {
    setCodeError(null);
    setCode(next);
  };

  const submit = async (submitted: FormEvent<HTMLFormElement>) => {
    submitted.preventDefault();
    keep();
    const purpose = `order.${hold.id}`;
    const request = orderRequest(new FormData(submitted.currentTarget), {
      holdId: hold.id,
      delivery,
      method,
      lines,
      code,
      returnUrl: `${window.location.origin}/checkout/return`,
      locale: currentLocale(),
    });
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const order = await client.createOrder(request, token, idempotencyKey(purpose));
      orderTokens.set(order.id, order.accessToken);
      const redirect = order.payments.at(-1)?.redirectUrl;
      if (redirect) window.location.assign(redirect);
      else navigate(`/orders/${order.id}`);
    } catch (failure) {
      // A final refusal created nothing and is kept under its key: the next try (a changed basket) needs a new one.
      if (failure instanceof ApiError && failure.status >= 400 && failure.status < 500 && !failure.body.retryable) {
        forgetKey(purpose);
      }
      if (failure instanceof ApiError && failure.code === 'hold_expired') setRefused(true);
      // A queued event's admission ran out (or is not ours): back to its waiting room, with the kept place.
      if (failure instanceof ApiError && ADMISSION_LOST.has(failure.code)) {
        queueStore.dropAdmission(event.id);
        navigate(`/events/${event.id}`);
        return;
      }
      const refusedCode = promoCodeError(failure);
      if (refusedCode !== null) applyCode(null);
      setCodeError(refusedCode);
      const fields = fieldErrorsOf(failure);
      setFieldErrors(fields);
      setError(refusedCode === null && !firstInvalid(fields) ? failure : null);
      setBusy(false);
    }
  };

  const total = quote.quote && !quote.pending ? quote.quote.breakdown.totals : null;
  const currency = quote.quote?.breakdown.currency ?? prices.currency;
  const payable = total !== null && !hasBasketProblems(hold, prices, lines);
  const shownTotal = total !== null ? formatMoney({ amount: total.total, currency }) : null;
  return (
    <section className="checkout">
      <h1>{t('checkout.page.title')}</h1>
      <div className="checkout-layout">
        <aside className="checkout-aside" aria-label={t('checkout.summary.heading')}>
          <Tile
            className="checkout-summary-toggle"
            aria-expanded={summaryOpen}
            aria-controls="checkout-summary"
            onClick={() => setSummaryOpen((open) => !open)}
          >
            <span>{summaryOpen ? t('checkout.page.hideSummary') : t('checkout.page.showSummary')}</span>{' '}
            {shownTotal && <strong>{shownTotal}</strong>}
          </Tile>
          <div id="checkout-summary" className={summaryOpen ? 'checkout-summary open' : 'checkout-summary'}>
            <OrderSummary
              event={event}
              lines={summaryLinesOfHold(event, hold, sections, quote.quote)}
              breakdown={quote.quote && !quote.pending ? quote.quote.breakdown : null}
              total={hold.total}
            />
          </div>
        </aside>
        <div className="checkout-main">
          <CheckoutBasket
            hold={hold}
            prices={prices}
            lines={lines}
            onLines={setLines}
            code={code}
            codeError={codeError}
            onCode={applyCode}
            quote={quote}
            disabled={busy}
            notes={<SeatNotes seatmapId={event.seatmapId} hold={hold} />}
          />
          <form
            ref={form}
            noValidate
            onInput={keep}
            onChange={keep}
            onSubmit={(e) => void submit(e)}
            aria-describedby="checkout-note"
          >
            <BuyerDetails session={session} kept={kept} errors={fieldErrors} />
            <DeliveryChoice delivery={delivery} onChange={setDelivery} kept={kept} errors={fieldErrors} />
            <PaymentChoice methods={config.paymentMethods} method={method} onChange={setMethod} />
            {error !== null && <ErrorMessage error={error} />}
            <p id="checkout-note">{t('checkout.page.note')}</p>
            <Button type="submit" variant="primary" size="lg" busy={busy} disabled={busy || !payable}>
              {shownTotal !== null ? t('checkout.page.payTotal', { total: shownTotal }) : t('checkout.page.pay')}
            </Button>
          </form>
        </div>
      </div>
    </section>
  );
}
