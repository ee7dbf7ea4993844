// Back from the payment provider: complete the payment (the same Idempotency-Key on every try, also after a reload),
// then show the order; a decline offers another try, an unanswered provider a retry.
import { useEffect, useState } from 'react';
import { useShop } from '../shared/shop-context.ts';
import { ErrorMessage, Loading } from '../../ui/feedback.tsx';
import { useLocation } from './location-context.ts';
import { Link, navigate } from './router.tsx';
import { forgetKey, holdStore, idempotencyKey, orderTokens } from './browser-storage.ts';
import { ApiError } from '../../client/ticketing-client.ts';

export default function CheckoutReturnPage() {
  const { client } = useShop();
  const { query } = useLocation();
  const orderId = query.get('orderId') ?? '';
  const sessionId = query.get('sessionId') ?? '';
  const declinedAtProvider = query.get('declined') === '1';
  const token = orderTokens.get(orderId) ?? '';
  const [state, setState] = useState<'working' | 'declined' | { error: unknown }>(
    declinedAtProvider ? 'declined' : 'working',
  );
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (declinedAtProvider || !orderId) return;
    const purpose = `complete.${orderId}.${sessionId}`;
    let current = true;
    client.completePayment(orderId, token, idempotencyKey(purpose)).then(
      (order) => {
        forgetKey(purpose);
        holdStore.clear();
        if (current) navigate(`/orders/${order.id}`, { replace: true });
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.code === 'payment_declined') setState('declined');
        else setState({ error });
      },
    );
    return () => {
      current = false;
    };
  }, [client, orderId, sessionId, token, declinedAtProvider, attempt]);

  const payAgain = async () => {
    setState('working');
    try {
      const order = await client.retryPayment(
        orderId,
        token,
        { method: 'sandbox', returnUrl: `${window.location.origin}/checkout/return` },
        crypto.randomUUID(),
      );
      const redirect = order.payments.at(-1)?.redirectUrl;
      if (redirect) window.location.assign(redirect);
    } catch (error) {
      setState({ error });
    }
  };

  if (!orderId)
    return <ErrorMessage error={new ApiError(400, 'missing', 'This page needs an order. Start from an event.')} />;
  if (state === 'working') return <Loading what="your payment" />;
  if (state === 'declined')
    return (
      <section>
        <h1>The payment did not go through</h1>
        <p role="alert">Your seats are still held for you. You can try paying again.</p>
        <button type="button" className="primary" onClick={() => void payAgain()}>
          Try paying again
        </button>
      </section>
    );
  return (
    <ErrorMessage error={state.error}>
      <button type="button" onClick={() => setAttempt((n) => n + 1)}>
        Try again
      </button>{' '}
      <Link to={`/orders/${orderId}`}>See the order</Link>
    </ErrorMessage>
  );
}
