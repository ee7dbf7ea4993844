// The Orders tab: find an order by name, email or order code, then open it.
import { useState } from 'react';
import type { OrderSummary } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Empty, ErrorMessage } from '../../../ui/feedback.tsx';
import { formatMoney } from '../../../ui/format.ts';
import { useDevice } from '../../device/device-context.ts';
import { OrderDetail } from './OrderDetail.tsx';
import { Tile, Button, Field, TextInput } from '../../../ui/kit/index.ts';

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
        <Field label={t('boxoffice.orders.query')}>
          <TextInput value={q} onChange={(e) => setQ(e.target.value)} required minLength={2} />
        </Field>
        <Button variant="secondary" type="submit">
          {t('boxoffice.orders.search')}
        </Button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
      {results &&
        (results.length === 0 ? (
          <Empty>{t('boxoffice.orders.none')}</Empty>
        ) : (
          <ul className="order-results">
            {results.map((order) => (
              <li key={order.id}>
                <Tile onClick={() => setOpen(order.id)}>
                  {order.code} · {order.buyer.name} · {order.buyer.email} · {formatMoney(order.total)} ·{' '}
                  {t(`boxoffice.state.${order.state}`)}
                </Tile>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
