// "My tickets": every ticket of the signed-in buyer, upcoming events apart from past ones, grouped by event (soonest
// first, then the latest past first), each with its state in words (valid, used and when, refunded, cancelled,
// exchanged, transferred); a ticket opens its order's wallet (the QR, PDF, calendar and directions). Above them, the
// guest orders bought with the account's proven email, to claim into the account (accounts, issue 19).
import { useShop } from '../shared/shop-context.ts';
import { Empty, ErrorMessage } from '../../ui/feedback.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useT } from '../../i18n/index.ts';
import { Link } from './router.tsx';
import { loadAccountTickets, type EventTickets } from './wallet/account-tickets.ts';
import { AccountClaims } from './wallet/account-claims.tsx';
import { placeWords, ticketState, ticketStateWords, tierName } from './wallet/wallet-data.ts';
import { WalletSkeleton } from './wallet/WalletSkeleton.tsx';
import { useWalletWords } from './wallet/use-wallet-words.ts';
import './wallet/wallet.css';
import './wallet/account-wallet.css';
import { Button } from '../../ui/kit/index.ts';

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
  return (
    <section className="wallet account-wallet">
      <h1>{t('wallet.account.title')}</h1>
      <AccountClaims onClaimed={retry} />
      <AccountTickets state={state} retry={retry} />
    </section>
  );
}

function AccountTickets({ state, retry }: { state: ReturnType<typeof useAsync<EventTickets[]>>[0]; retry(): void }) {
  const t = useT();
  if (state.status === 'loading') return <WalletSkeleton label={t('wallet.account.loading')} />;
  if (state.status === 'failed')
    return (
      <ErrorMessage error={state.error}>
        <Button variant="secondary" onClick={retry}>
          {t('wallet.retry')}
        </Button>
      </ErrorMessage>
    );
  if (state.value.length === 0) return <Empty>{t('wallet.account.empty')}</Empty>;
  const upcoming = state.value.filter((group) => group.upcoming);
  const past = state.value.filter((group) => !group.upcoming);
  return (
    <>
      {upcoming.length > 0 && (
        <section className="account-when" aria-labelledby="account-upcoming">
          <h2 id="account-upcoming">{t('account.wallet.upcoming')}</h2>
          {upcoming.map((group) => (
            <EventGroup key={group.eventId} group={group} />
          ))}
        </section>
      )}
      {past.length > 0 && (
        <section className="account-when" aria-labelledby="account-past">
          <h2 id="account-past">{t('account.wallet.past')}</h2>
          {past.map((group) => (
            <EventGroup key={group.eventId} group={group} />
          ))}
        </section>
      )}
    </>
  );
}

function EventGroup({ group }: { group: EventTickets }) {
  const t = useT();
  const { facts } = group;
  const headingId = `event-${group.eventId}`;
  const zone = facts?.event.venue.timezone ?? null;
  return (
    <section className="account-event" aria-labelledby={headingId} data-upcoming={group.upcoming}>
      <h3 id={headingId}>{facts?.event.name ?? t('wallet.account.unknownEvent')}</h3>
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
            {order.tickets.map((ticket) => {
              const current = ticketState(ticket);
              return (
                <li key={ticket.id} data-state={current}>
                  <span>{placeWords(t, ticket, facts?.sections ?? [])}</span>
                  {facts && <span>{tierName(facts.event, ticket.tierId)}</span>}
                  <span className={`ticket-state ticket-state-${current}`}>
                    {ticketStateWords(t, ticket, order, zone)}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
