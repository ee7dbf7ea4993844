// The Orders tab: find an order by name, email or order code, then open it.
import { useState } from 'react';
import type { OrderSummary } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Empty, ErrorMessage } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import { useDevice } from '../../device/device-context.ts';
import { OrderDetail } from './OrderDetail.tsx';

export function OrdersTab() {
  const t = useT();
  const { client } = useDevice();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<OrderSummary[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (open) return <OrderDetail orderId={open} onBack={() => setOpen(null)} />;
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">{t('boxoffice.orders.heading')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          client.call('orders:search', { q }).then(setResults, setError);
        }}
      >
        <label>
          {t('boxoffice.orders.query')}
          <input value={q} onChange={(e) => setQ(e.target.value)} required minLength={2} />
        </label>
        <button type="submit">{t('boxoffice.orders.search')}</button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
      {results &&
        (results.length === 0 ? (
          <Empty>{t('boxoffice.orders.none')}</Empty>
        ) : (
          <ul className="order-results">
            {results.map((order) => (
              <li key={order.id}>
                <button type="button" onClick={() => setOpen(order.id)}>
                  {order.code} · {order.buyer.name} · {order.buyer.email} · {formatMoney(order.total)} ·{' '}
                  {t(`boxoffice.state.${order.state}`)}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
