// An order as the buyer's ticket wallet: the confirmation after paying, and what a guest's link or the account's
// list opens later. Each ticket is a card with its QR for the door; the tickets PDF, a calendar file and directions
// to the venue are one tap away; the page prints one ticket a sheet; the stored price breakdown shows the total.
import type { Order, Ticket } from '../../../cloud/contract/index.ts';
import { useT, type Translate } from '../../i18n/index.ts';
import { useBrand } from '../../ui/kit/brand.tsx';
import { Button } from '../../ui/kit/Button.tsx';
import { useShop } from '../shared/shop-context.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useAsync } from '../../ui/use-async.ts';
import { orderTokens } from './browser-storage.ts';
import { useLocation } from './location-context.ts';
import { Link } from './router.tsx';
import { PriceBreakdownView } from '../shared/basket/PriceBreakdownView.tsx';
import { TicketCard } from './wallet/TicketCard.tsx';
import { useWalletWords } from './wallet/use-wallet-words.ts';
import { WalletActions } from './wallet/WalletActions.tsx';
import { WalletSkeleton, TicketSkeletons } from './wallet/WalletSkeleton.tsx';
import { OrderSummary, summaryLinesOfOrder } from '../shared/summary/index.ts';
import { placeWords, useEventFacts, type Sections } from './wallet/wallet-data.ts';
import './wallet/wallet.css';
import { Suspense } from 'react';
import { lazyWithWords } from '../../i18n/index.ts';

// transfer (issue 19): passing tickets on, with its words, only once an order has tickets to pass on.
const TransferPanel = lazyWithWords(['transfer'], () => import('./transfer/TransferPanel.tsx'));

export default function OrderPage({ orderId }: { orderId: string }) {
  const t = useT();
  const { client } = useShop();
  const { query } = useLocation();
  const token = query.get('token') ?? orderTokens.get(orderId) ?? undefined;
  const [state, retry] = useAsync(() => client.getOrder(orderId, token), [orderId, token]);
  const facts = useEventFacts(client, state.status === 'loaded' ? state.value.eventId : null);
  useBrand(facts && facts !== 'failed' ? facts.event.venue : null);
  const words = useWalletWords();
  if (!words) return <WalletSkeleton />;
  if (state.status === 'loading') return <WalletSkeleton label={t('wallet.order.loading')} />;
  if (state.status === 'failed')
    return (
      <ErrorMessage error={state.error}>
        <Button variant="secondary" onClick={retry}>
          {t('wallet.retry')}
        </Button>
      </ErrorMessage>
    );
  const order = state.value;
  const loaded = facts && facts !== 'failed' ? facts : null;
  const valid = order.tickets.filter((ticket) => ticket.status === 'valid');
  const liveCode = token ? `/tickets/${order.id}?token=${encodeURIComponent(token)}` : `/tickets/${order.id}`;
  return (
    <section className="order wallet">
      <header className="wallet-header">
        <h1>{order.state === 'paid' ? t('wallet.order.thanks') : t('wallet.order.title', { code: order.code })}</h1>
        <p>
          {t('wallet.order.code')} <strong className="order-code">{order.code}</strong> ·{' '}
          {t(`wallet.orderState.${order.state}`)}
        </p>
        {order.cancelReason && <p role="alert">{order.cancelReason}</p>}
        {order.state === 'paid' && <p>{t(`wallet.delivery.${order.delivery.method}`)}</p>}
      </header>
      {loaded && <WalletActions order={order} facts={loaded} {...(token ? { token } : {})} />}
      {loaded && (
        <OrderSummary
          event={loaded.event}
          lines={summaryLinesOfOrder(loaded.event, order, loaded.sections)}
          breakdown={order.breakdown}
          total={order.total}
          heading={t('wallet.order.summary')}
        />
      )}
      <h2 id="wallet">{t('wallet.order.tickets', { count: order.tickets.length })}</h2>
      {/* Where the organizer chose rotating codes, the phone shows them on the ticket page (issue 19). */}
      {valid.length > 0 && loaded && loaded.event.codePolicy !== 'static' && (
        <p className="wallet-phone-link">
          <Link to={liveCode}>{t('ticket.open')}</Link>
        </p>
      )}
      {loaded ? (
        <ul className="tickets">
          {order.tickets.map((ticket, index) => (
            <TicketCard
              key={ticket.id}
              ticket={ticket}
              order={order}
              facts={loaded}
              index={index}
              liveCode={liveCode}
              {...(token ? { token } : {})}
            />
          ))}
        </ul>
      ) : facts === 'failed' ? (
        <ul className="tickets">
          {order.tickets.map((ticket) => (
            <li key={ticket.id}>{placeWords(t, ticket, [])}</li>
          ))}
        </ul>
      ) : (
        <TicketSkeletons count={order.tickets.length} />
      )}
      <OrderTotals order={order} sections={loaded?.sections ?? []} t={t} />
      {valid.length > 0 && <p className="wallet-hint">{t('wallet.order.showAtDoor')}</p>}
      {client.offersTransfers &&
        loaded &&
        valid.length > 0 &&
        (order.state === 'paid' || order.state === 'partially_refunded') && (
          <Suspense fallback={null}>
            <TransferPanel
              order={order}
              token={token}
              sections={loaded.sections}
              timeZone={loaded.event.venue.timezone}
            />
          </Suspense>
        )}
    </section>
  );
}

/** The receipt: the stored breakdown line by line, the total and what was refunded. */
function OrderTotals({ order, sections, t }: { order: Order; sections: Sections; t: Translate }) {
  return (
    <div className="wallet-totals">
      <h2>{t('wallet.order.receipt')}</h2>
      {order.breakdown && (
        <PriceBreakdownView breakdown={order.breakdown} describeLine={ticketDescriber(order.tickets, sections, t)} />
      )}
      <p>
        {t('wallet.order.total', { total: formatMoney(order.total) })}
        {order.refunded.amount > 0 ? ` · ${t('wallet.order.refunded', { amount: formatMoney(order.refunded) })}` : ''}
      </p>
    </div>
  );
}

/** Names a breakdown line by the order's ticket for it: a seat's line id is its seat id, a standing place's is
 * `<section>#<index>` (the index-th standing ticket of that section). */
function ticketDescriber(tickets: readonly Ticket[], sections: Sections, t: Translate): (lineId: string) => string {
  return (lineId) => {
    const hash = lineId.lastIndexOf('#');
    const seated = tickets.find((ticket) => ticket.seatId === lineId);
    const standing =
      hash > 0
        ? tickets.filter((ticket) => !ticket.seatId && ticket.sectionId === lineId.slice(0, hash))[
            Number(lineId.slice(hash + 1))
          ]
        : undefined;
    const ticket = seated ?? standing;
    if (!ticket) return lineId;
    const place = placeWords(t, ticket, sections);
    return ticket.ticketType ? `${place} · ${ticket.ticketType}` : place;
  };
}
