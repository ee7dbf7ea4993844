// Checkout: the held seats with the countdown, the buyer's details, delivery, and the payment method; then off to
// the payment provider's page. A reload keeps the hold (its token is in this tab's storage).
import { useCallback, useState, type FormEvent } from 'react';
import type { CreateOrder, Hold } from '../../../cloud/contract/index.ts';
import { useShop } from '../shared/shop-context.ts';
import { Empty, ErrorMessage, Pending } from '../../ui/feedback.tsx';
import { formatMoney } from '../../ui/format.ts';
import { HoldTimer } from './HoldTimer.tsx';
import { Link, navigate } from './router.tsx';
import { holdStore, idempotencyKey, orderTokens } from './browser-storage.ts';
import { useAsync } from '../../ui/use-async.ts';
import { ApiError, type ShopConfig } from '../../client/ticketing-client.ts';

export default function CheckoutPage() {
  const { client } = useShop();
  const stored = holdStore.get();
  const [state, retry] = useAsync(async () => {
    if (!stored) return null;
    const [hold, config] = await Promise.all([client.getHold(stored.hold.id, stored.hold.token), client.config()]);
    return { hold, config };
  }, [stored?.hold.id]);
  if (!stored)
    return (
      <Empty>
        You have no seats on hold. <Link to="/">Choose an event</Link>.
      </Empty>
    );
  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="your seats" />;
  return (
    <Checkout
      hold={state.value!.hold}
      token={stored.hold.token}
      eventId={stored.eventId}
      config={state.value!.config}
    />
  );
}

function Checkout({
  hold,
  token,
  eventId,
  config,
}: {
  hold: Hold;
  token: string;
  eventId: string;
  config: ShopConfig;
}) {
  const { client, session } = useShop();
  const [expired, setExpired] = useState(hold.status !== 'active');
  const [delivery, setDelivery] = useState<'email' | 'mail' | 'will_call'>('email');
  const [method, setMethod] = useState(config.paymentMethods[0] ?? 'sandbox');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onExpire = useCallback(() => setExpired(true), []);

  if (expired) {
    return (
      <section>
        <h1>Your hold has expired</h1>
        <p role="alert">The seats were held for a limited time and have been released for others.</p>
        <p>
          <Link
            to={`/events/${eventId}`}
            onClick={() => {
              holdStore.clear();
            }}
          >
            Choose seats again
          </Link>
        </p>
      </section>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const request: CreateOrder = {
      holdId: hold.id,
      buyer: { email: text('email'), name: text('name'), ...(text('phone') ? { phone: text('phone') } : {}) },
      delivery:
        delivery === 'mail'
          ? {
              method: 'mail',
              address: {
                name: text('name'),
                line1: text('line1'),
                ...(text('line2') ? { line2: text('line2') } : {}),
                city: text('city'),
                postalCode: text('postalCode'),
                country: text('country').toUpperCase(),
              },
            }
          : { method: delivery },
      payment: { method, returnUrl: `${window.location.origin}/checkout/return` },
    };
    setBusy(true);
    setError(null);
    try {
      const order = await client.createOrder(request, token, idempotencyKey(`order.${hold.id}`));
      orderTokens.set(order.id, order.accessToken);
      const redirect = order.payments.at(-1)?.redirectUrl;
      if (redirect) window.location.assign(redirect);
      else navigate(`/orders/${order.id}`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'hold_expired') setExpired(true);
      setError(failure);
      setBusy(false);
    }
  };

  const release = async () => {
    await client.releaseHold(hold.id, token).catch(() => undefined);
    holdStore.clear();
    navigate(`/events/${eventId}`);
  };

  return (
    <section className="checkout">
      <h1>Checkout</h1>
      <HoldTimer expiresAt={hold.expiresAt} onExpire={onExpire} />
      <h2>Your tickets</h2>
      <ul>
        {hold.seats.map((seat) => (
          <li key={seat.seatId}>
            {seat.sectionId}, row {seat.row}, seat {seat.number} · {formatMoney(seat.price)}
          </li>
        ))}
        {hold.ga && (
          <li>
            {hold.ga.quantity} × standing in {hold.ga.sectionId} · {formatMoney(hold.ga.unitPrice)} each
          </li>
        )}
      </ul>
      <p>
        Total <strong>{formatMoney(hold.total)}</strong>
      </p>
      <form onSubmit={(e) => void submit(e)} aria-describedby="checkout-note">
        <fieldset>
          <legend>Your details</legend>
          <label>
            Email
            <input
              name="email"
              type="email"
              autoComplete="email"
              required
              defaultValue={session?.principal.email ?? ''}
            />
          </label>
          <label>
            Full name
            <input name="name" autoComplete="name" required defaultValue={session?.principal.name ?? ''} />
          </label>
          <label>
            Phone (optional)
            <input name="phone" type="tel" autoComplete="tel" />
          </label>
        </fieldset>
        <fieldset>
          <legend>Delivery</legend>
          {(
            [
              ['email', 'E-tickets by email'],
              ['mail', 'Printed tickets by post'],
              ['will_call', 'Collect at the box office'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline">
              <input
                type="radio"
                name="delivery"
                value={value}
                checked={delivery === value}
                onChange={() => setDelivery(value)}
              />{' '}
              {label}
            </label>
          ))}
          {delivery === 'mail' && (
            <div className="address">
              <label>
                Address
                <input name="line1" autoComplete="address-line1" required />
              </label>
              <label>
                Address line 2 (optional)
                <input name="line2" autoComplete="address-line2" />
              </label>
              <label>
                Town or city
                <input name="city" autoComplete="address-level2" required />
              </label>
              <label>
                Postcode
                <input name="postalCode" autoComplete="postal-code" required />
              </label>
              <label>
                Country code
                <input name="country" autoComplete="country" required maxLength={2} placeholder="GB" />
              </label>
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>Payment</legend>
          {config.paymentMethods.map((value) => (
            <label key={value} className="inline">
              <input
                type="radio"
                name="payment"
                value={value}
                checked={method === value}
                onChange={() => setMethod(value)}
              />{' '}
              {value === 'amazon_pay' ? 'Amazon Pay' : 'Sandbox payment (test)'}
            </label>
          ))}
        </fieldset>
        {error !== null && <ErrorMessage error={error} />}
        <p id="checkout-note">You will approve the payment on the payment provider’s page and come back here.</p>
        <button type="submit" className="primary" disabled={busy}>
          Pay {formatMoney(hold.total)}
        </button>{' '}
        <button type="button" onClick={() => void release()} disabled={busy}>
          Release seats
        </button>
      </form>
    </section>
  );
}
