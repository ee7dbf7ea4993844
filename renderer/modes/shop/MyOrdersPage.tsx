// "My tickets": every ticket of the signed-in buyer, grouped by event (upcoming first), each with its state in
// words; a ticket opens its order's wallet (the QR, PDF, calendar and directions).
import { useShop } from '../shared/shop-context.ts';
import { Empty, ErrorMessage } from '../../ui/feedback.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useT } from '../../i18n/index.ts';
import { Link } from './router.tsx';
import { loadAccountTickets, type EventTickets } from './wallet/account-tickets.ts';
import { placeWords, ticketStateWords, tierName } from './wallet/wallet-data.ts';
import { WalletSkeleton } from './wallet/WalletSkeleton.tsx';
import { useWalletWords } from './wallet/use-wallet-words.ts';
import './wallet/wallet.css';

export default function MyOrdersPage() {
  const t = useT();
  const { client, session } = useShop();
  const [state, retry] = useAsync(() => (session ? loadAccountTickets(client) : Promise.resolve([])), [session]);
  const words = useWalletWords();
  if (!words) return <WalletSkeleton />;
  if (!session)
    return (
      <Empty>
        <Link to="/signin">{t('wallet.account.signIn')}</Link> {t('wallet.account.signInWhy')}
      </Empty>
    );
  if (state.status === 'loading') return <WalletSkeleton label={t('wallet.account.loading')} />;
  if (state.status === 'failed')
    return (
      <ErrorMessage error={state.error}>
        <button type="button" onClick={retry}>
          {t('wallet.retry')}
        </button>
      </ErrorMessage>
    );
  return (
    <section className="wallet account-wallet">
      <h1>{t('wallet.account.title')}</h1>
      {state.value.length === 0 && <Empty>{t('wallet.account.empty')}</Empty>}
      {state.value.map((group) => (
        <EventGroup key={group.eventId} group={group} />
      ))}
    </section>
  );
}

function EventGroup({ group }: { group: EventTickets }) {
  const t = useT();
  const { facts } = group;
  const headingId = `event-${group.eventId}`;
  return (
    <section className="account-event" aria-labelledby={headingId} data-upcoming={group.upcoming}>
      <h2 id={headingId}>{facts?.event.name ?? t('wallet.account.unknownEvent')}</h2>
      {facts && (
        <p className="account-event-when">
          {formatDateTime(facts.event.startsAt, facts.event.venue.timezone)} ·{' '}
          {[facts.event.venue.name, facts.event.venue.city].join(', ')}
          {!group.upcoming && <> · {t('wallet.account.past')}</>}
        </p>
      )}
      {group.orders.map((order) => (
        <div key={order.id} className="account-order">
          <Link to={`/orders/${order.id}`} className="account-order-link">
            {t('wallet.account.openOrder', { code: order.code, count: order.tickets.length })}
          </Link>
          <ul className="orders account-tickets">
            {order.tickets.map((ticket) => (
              <li key={ticket.id} data-state={ticket.status}>
                <span>{placeWords(t, ticket, facts?.sections ?? [])}</span>
                {facts && <span>{tierName(facts.event, ticket.tierId)}</span>}
                <span className={`ticket-state ticket-state-${ticket.status}`}>
                  {ticketStateWords(t, ticket, order)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
