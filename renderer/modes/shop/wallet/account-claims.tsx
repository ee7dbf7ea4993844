// accounts (issue 19): "N orders bought with this email" on the account's "My tickets": the guest orders of the
// account's proven email, and one button that takes them into the account. Nothing shows when there are none, or when
// the email is not proven yet (the server lists nothing then); the server alone decides which orders are the email's.
import { useState } from 'react';
import type { OrderSummary } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import { Banner, Button } from '../../../ui/kit/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useShop } from '../../shared/shop-context.ts';

const NONE: OrderSummary[] = [];

export function AccountClaims({ onClaimed }: { onClaimed: () => void }) {
  const t = useT();
  const { client, session } = useShop();
  const [state] = useAsync(async () => {
    const found = session && client.claimableOrders ? await client.claimableOrders() : null;
    return found?.emailVerified ? found.orders : NONE;
  }, [session]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [claimed, setClaimed] = useState<number | null>(null);

  if (claimed !== null)
    return <Banner tone="success" title={t('account.claims.done', { count: claimed })} className="account-claims" />;
  // A failed look-up hides the offer: the wallet below still works, and the next visit asks again.
  const orders = state.status === 'loaded' ? state.value : NONE;
  if (orders.length === 0) return null;

  const claim = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await client.claimOrders!(orders.map((order) => order.id));
      setClaimed(result.claimed.length);
      onClaimed();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Banner
      className="account-claims"
      title={t('account.claims.found', { count: orders.length, email: session?.principal.email ?? '' })}
      actions={
        <Button busy={busy} onClick={claim}>
          {t('account.claims.submit', { count: orders.length })}
        </Button>
      }
    >
      <p>{t('account.claims.why')}</p>
      <ul className="account-claims-orders">
        {orders.map((order) => (
          <li key={order.id}>{t('account.claims.order', { code: order.code, total: formatMoney(order.total) })}</li>
        ))}
      </ul>
      {error !== null && <ErrorMessage error={error} />}
    </Banner>
  );
}
