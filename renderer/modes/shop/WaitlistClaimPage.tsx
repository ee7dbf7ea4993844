// The link in a waitlist offer email: claims the offer (its hold, with the hold's token), keeps it like a hold the
// buyer made, and goes on to checkout, where the countdown shows the offer's end. An expired offer says so.
import { useEffect } from 'react';
import { useShop } from '../shared/shop-context.ts';
import { Empty, ErrorMessage, Loading } from '../../ui/feedback.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { ApiError } from '../../client/ticketing-client.ts';
import { holdStore } from './browser-storage.ts';
import { useLocation } from './location-context.ts';
import { Link, navigate } from './router.tsx';
import { useT } from '../../i18n/index.ts';

export default function WaitlistClaimPage() {
  const t = useT();
  const { client } = useShop();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [state] = useAsync(async () => {
    if (!token) return null;
    const claimed = await client.claimWaitlistOffer(token);
    holdStore.set({ hold: claimed.hold, eventId: claimed.hold.eventId });
    return claimed;
  }, [token]);
  useEffect(() => {
    if (state.status === 'loaded' && state.value) navigate('/checkout', { replace: true });
  }, [state]);

  if (!token) return <Empty>{t('account.claim.incomplete')}</Empty>;
  if (state.status === 'failed') {
    const expired = state.error instanceof ApiError && state.error.code === 'waitlist_offer_expired';
    return (
      <section>
        <h1>{expired ? t('account.claim.expiredTitle') : t('account.claim.failedTitle')}</h1>
        {expired ? <p role="alert">{t('account.claim.expiredBody')}</p> : <ErrorMessage error={state.error} />}
        <p>
          <Link to="/">{t('shop.notFound.back')}</Link>
        </p>
      </section>
    );
  }
  return <Loading />;
}
