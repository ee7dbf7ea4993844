// Back from the payment provider: complete the payment (the same Idempotency-Key on every try, also after a reload),
// then show the order (the buyer's kept details are forgotten then); a decline shows the order summary and offers
// another try or a change of details, an unanswered provider a retry.
import { useEffect, useState } from 'react';
import { useShop } from '../shared/shop-context.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { Banner, Button, Skeleton, buttonClass } from '../../ui/kit/index.ts';
import { useT } from '../../i18n/index.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useLocation } from './location-context.ts';
import { Link, navigate } from './router.tsx';
import { checkoutDetails, forgetKey, holdStore, idempotencyKey, orderTokens } from './browser-storage.ts';
import { ApiError } from '../../client/ticketing-client.ts';
import { loadSectionNames, OrderSummary, summaryLinesOfHold } from '../shared/summary/index.ts';
import { useStoredHold } from './hold/use-hold.ts';
import './checkout/checkout.css';

export default function CheckoutReturnPage() {
  const t = useT();
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
        checkoutDetails.clear();
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

  if (!orderId) return <p className="error">{t('checkout.return.noOrder')}</p>;
  if (state === 'working') return <Skeleton lines={2} label={t('checkout.return.working')} />;
  if (state === 'declined')
    return (
      <section className="checkout checkout-ended">
        <h1>{t('checkout.declined.title')}</h1>
        <Banner tone="error">
          <p>{t('checkout.declined.body')}</p>
        </Banner>
        <div className="checkout-next">
          <Button variant="primary" size="lg" onClick={() => void payAgain()}>
            {t('checkout.declined.payAgain')}
          </Button>
          <Link to={`/orders/${orderId}`} className={buttonClass('ghost')}>
            {t('checkout.declined.seeOrder')}
          </Link>
        </div>
        <HeldSummary />
      </section>
    );
  return (
    <ErrorMessage error={state.error}>
      <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
        {t('checkout.page.retry')}
      </Button>{' '}
      <Link to={`/orders/${orderId}`}>{t('checkout.declined.seeOrder')}</Link>
    </ErrorMessage>
  );
}

/** The summary of the seats this tab holds (still held after a decline). */
function HeldSummary() {
  const { client } = useShop();
  const stored = useStoredHold();
  const [loaded] = useAsync(async () => {
    if (!stored) return null;
    const event = await client.getEvent(stored.eventId, stored.presaleCode);
    return { event, sections: await loadSectionNames(client, event.seatmapId) };
  }, [stored?.eventId]);
  if (!stored) return null;
  if (loaded.status !== 'loaded' || !loaded.value) return <Skeleton block />;
  const { event, sections } = loaded.value;
  return (
    <OrderSummary event={event} lines={summaryLinesOfHold(event, stored.hold, sections)} total={stored.hold.total} />
  );
}
