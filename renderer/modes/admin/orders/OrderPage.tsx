// One order in the back office: who bought what for which event, its tickets (chosen here for a refund), payments,
// refunds and the emails sent; the actions (refund, cancel, resend, change the email); what staff did to it (its
// history from the audit log) and their notes. Times in the venue's zone.
import { useState } from 'react';
import type { AdminOrder } from '../../../../cloud/contract/backoffice-orders.ts';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { PageHeader } from '../kit/PageHeader.tsx';
import { ErrorState, LoadingState } from '../kit/states.tsx';
import type { AdminScreenProps } from '../screen.ts';
import { OrderActions } from './OrderActions.tsx';
import { OrderNotes } from './OrderNotes.tsx';
import { OrderTickets } from './OrderTickets.tsx';
import { useReloadable } from './use-reloadable.ts';

export function OrderPage({ api, navigate, orderId }: AdminScreenProps & { orderId: string }) {
  const current = useReloadable(() => api.call<AdminOrder>('getAdminOrder', { params: { orderId } }), [api, orderId]);
  const [chosen, setChosen] = useState<string[]>([]);
  const reload = () => {
    setChosen([]);
    current.reload();
  };
  if (current.value === null) {
    return current.failure === null ? (
      <LoadingState what="the order" />
    ) : (
      <ErrorState error={current.failure} retry={current.reload} />
    );
  }
  return (
    <>
      {current.failure !== null && <ErrorState error={current.failure} retry={current.reload} />}
      <OrderView
        api={api}
        navigate={navigate}
        page={current.value}
        chosen={chosen}
        setChosen={setChosen}
        reload={reload}
      />
    </>
  );
}

function OrderView({
  api,
  navigate,
  page,
  chosen,
  setChosen,
  reload,
}: Pick<AdminScreenProps, 'api' | 'navigate'> & {
  page: AdminOrder;
  chosen: string[];
  setChosen(ids: string[]): void;
  reload(): void;
}) {
  const { order, event } = page;
  const zone = event.timezone;
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, zone)}</time>;
  return (
    <>
      <PageHeader
        title={`Order ${order.code}`}
        description={
          <>
            {event.name} · {when(event.startsAt)} · <strong>{order.state.replace('_', ' ')}</strong>
          </>
        }
        actions={
          <button type="button" onClick={() => navigate('/admin/orders')}>
            Back to orders
          </button>
        }
      />
      <div className="order-grid">
        <section aria-labelledby="order-buyer">
          <h2 id="order-buyer">Buyer</h2>
          <dl className="order-facts">
            <dt>Name</dt>
            <dd>{order.buyer.name}</dd>
            <dt>Email</dt>
            <dd data-testid="buyer-email">{order.buyer.email}</dd>
            <dt>Placed</dt>
            <dd>{when(order.createdAt)}</dd>
            <dt>Total</dt>
            <dd>{formatMoney(order.total)}</dd>
            <dt>Refunded</dt>
            <dd>{formatMoney(order.refunded)}</dd>
          </dl>
        </section>
        <OrderActions api={api} page={page} chosen={chosen} onChanged={reload} />
      </div>
      <OrderTickets page={page} chosen={chosen} setChosen={setChosen} />
      <section aria-labelledby="order-money">
        <h2 id="order-money">Payments and refunds</h2>
        <ul>
          {order.payments.map((payment) => (
            <li key={payment.id}>
              {payment.method.replace('_', ' ')} · {formatMoney(payment.amount)} · {payment.state}
              {payment.cardLast4 ? ` · card ending ${payment.cardLast4}` : ''}
            </li>
          ))}
          {order.refunds.map((refund) => (
            <li key={refund.id}>
              Refund {formatMoney(refund.amount)} · {refund.state} · {when(refund.createdAt)} · {refund.reason}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="order-emails">
        <h2 id="order-emails">Emails sent</h2>
        {page.deliveries.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul>
            {page.deliveries.map((email, i) => (
              <li key={i}>
                {email.kind.replace('_', ' ')} to {email.recipient} · {when(email.sentAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="order-history">
        <h2 id="order-history">History</h2>
        {page.history.length === 0 ? (
          <p>No staff actions yet.</p>
        ) : (
          <ol className="order-history" data-testid="order-history">
            {page.history.map((entry) => (
              <li key={entry.id}>
                {when(entry.at)} · {entry.actor}: {entry.summary}
              </li>
            ))}
          </ol>
        )}
      </section>
      <OrderNotes api={api} orderId={order.id} notes={page.notes} zone={zone} onAdded={reload} />
    </>
  );
}
