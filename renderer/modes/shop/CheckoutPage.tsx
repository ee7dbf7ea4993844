// Checkout: the held seats with the countdown, a ticket type for each and a promo code, the price line by line as
// the cloud quotes it, the buyer's details, delivery and the payment method; then off to the payment provider's page.
// A reload keeps the hold (its token is in this tab's storage). Rooms: checkout/ (basket, form fields, the request).
import { useCallback, useState, type FormEvent } from 'react';
import type { BasketLineInput, EventPrices, Hold } from '../../../cloud/contract/index.ts';
import { useShop } from '../shared/shop-context.ts';
import { Empty, ErrorMessage, Pending } from '../../ui/feedback.tsx';
import { formatMoney } from '../../ui/format.ts';
import { HoldTimer } from './HoldTimer.tsx';
import { Link, navigate } from './router.tsx';
import { forgetKey, holdStore, idempotencyKey, orderTokens } from './browser-storage.ts';
import { useAsync } from '../../ui/use-async.ts';
import { ApiError, type ShopConfig } from '../../client/ticketing-client.ts';
import { linesToSend } from '../shared/basket/basket-lines.ts';
import { hasBasketProblems } from '../shared/basket/TicketTypePicker.tsx';
import { useQuote } from '../shared/basket/use-quote.ts';
import { promoCodeError } from '../shared/basket/code-errors.ts';
import { useRefusedCode } from '../shared/basket/use-refused-code.ts';
import { CheckoutBasket } from './checkout/CheckoutBasket.tsx';
import { BuyerDetails, DeliveryChoice, PaymentChoice, type WebDelivery } from './checkout/BuyerFields.tsx';
import { HoldExpired } from './checkout/HoldExpired.tsx';
import { SeatNotes } from './checkout/SeatNotes.tsx';
import { orderRequest, quoteRequest } from './checkout/order-request.ts';

export default function CheckoutPage() {
  const { client } = useShop();
  const stored = holdStore.get();
  const [state, retry] = useAsync(async () => {
    if (!stored) return null;
    const [hold, config, event] = await Promise.all([
      client.getHold(stored.hold.id, stored.hold.token),
      client.config(),
      client.getEvent(stored.eventId, stored.presaleCode),
    ]);
    return { hold, config, prices: event.prices, seatmapId: event.seatmapId };
  }, [stored?.hold.id]);
  if (!stored)
    return (
      <Empty>
        You have no seats on hold. <Link to="/">Choose an event</Link>.
      </Empty>
    );
  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="your seats" />;
  return <Checkout {...state.value!} token={stored.hold.token} eventId={stored.eventId} />;
}

function Checkout({
  hold,
  token,
  eventId,
  config,
  prices,
  seatmapId,
}: {
  hold: Hold;
  token: string;
  eventId: string;
  config: ShopConfig;
  prices: EventPrices;
  seatmapId: string;
}) {
  const { client, session } = useShop();
  const [expired, setExpired] = useState(hold.status !== 'active');
  const [delivery, setDelivery] = useState<WebDelivery>('email');
  const [method, setMethod] = useState(config.paymentMethods[0] ?? 'sandbox');
  const [lines, setLines] = useState<BasketLineInput[]>(() => linesToSend(hold, prices, []));
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onExpire = useCallback(() => setExpired(true), []);
  const quote = useQuote(client, { id: hold.id, token }, quoteRequest(lines, code, delivery));

  // A code the cloud refuses is said beside the field and taken off, so the rest is priced without it.
  const [codeError, setCodeError] = useRefusedCode(quote.error, () => setCode(null));

  if (expired) return <HoldExpired eventId={eventId} />;

  const applyCode = (next: string | null) => {
    setCodeError(null);
    setCode(next);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const purpose = `order.${hold.id}`;
    const request = orderRequest(new FormData(event.currentTarget), {
      holdId: hold.id,
      delivery,
      method,
      lines,
      code,
      returnUrl: `${window.location.origin}/checkout/return`,
    });
    setBusy(true);
    setError(null);
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
      if (failure instanceof ApiError && failure.code === 'hold_expired') setExpired(true);
      const refused = promoCodeError(failure);
      if (refused !== null) applyCode(null);
      setCodeError(refused);
      setError(refused === null ? failure : null);
      setBusy(false);
    }
  };

  const release = async () => {
    await client.releaseHold(hold.id, token).catch(() => undefined);
    holdStore.clear();
    navigate(`/events/${eventId}`);
  };

  const total = quote.quote && !quote.pending ? quote.quote.breakdown.totals : null;
  const currency = quote.quote?.breakdown.currency ?? prices.currency;
  const payable = total !== null && !hasBasketProblems(hold, prices, lines);
  return (
    <section className="checkout">
      <h1>Checkout</h1>
      <HoldTimer expiresAt={hold.expiresAt} onExpire={onExpire} />
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
        notes={<SeatNotes seatmapId={seatmapId} hold={hold} />}
      />
      {total !== null && (
        <p className="checkout-total">
          Total <strong>{formatMoney({ amount: total.total, currency })}</strong>
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} aria-describedby="checkout-note">
        <BuyerDetails session={session} />
        <DeliveryChoice delivery={delivery} onChange={setDelivery} />
        <PaymentChoice methods={config.paymentMethods} method={method} onChange={setMethod} />
        {error !== null && <ErrorMessage error={error} />}
        <p id="checkout-note">You will approve the payment on the payment provider’s page and come back here.</p>
        <button type="submit" className="primary" disabled={busy || !payable}>
          {total !== null ? `Pay ${formatMoney({ amount: total.total, currency })}` : 'Pay'}
        </button>{' '}
        <button type="button" onClick={() => void release()} disabled={busy}>
          Release seats
        </button>
      </form>
    </section>
  );
}
