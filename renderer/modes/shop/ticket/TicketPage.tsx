// The ticket page (/tickets/<orderId>, with the order's token for a guest, or from the signed-in account's wallet):
// each valid ticket of the order on this phone, with a QR that changes every 15 s. The first visit makes the phone's
// key pair, binds it to the ticket and keeps both in IndexedDB (phone-binding.ts); then the page asks the service
// worker to keep its files (offline.ts), so a reload without a connection shows the saved tickets and their codes.
import { useCallback, useRef, useState } from 'react';
import type { Order, Ticket } from '../../../../cloud/contract/index.ts';
import { ApiError, type TicketingClient } from '../../../client/ticketing-client.ts';
import { useT, type Translate } from '../../../i18n/index.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useShop } from '../../shared/shop-context.ts';
import { orderTokens } from '../browser-storage.ts';
import { useLocation } from '../location-context.ts';
import { Link } from '../router.tsx';
import { loadEventFacts, placeWords, venueLine, type EventFacts } from '../wallet/wallet-data.ts';
import { WalletSkeleton } from '../wallet/WalletSkeleton.tsx';
import { keepPageOffline } from './offline.ts';
import { preparePass, type OrderAuth } from './phone-binding.ts';
import { passesOfOrder, type PassDisplay, type PhonePass } from './phone-passes.ts';
import { RotatingQr } from './RotatingQr.tsx';
import './ticket.css';
import { Button } from '../../../ui/kit/index.ts';

/** A ticket as the page shows it: with what to display, and whether it still admits anyone. */
interface PageTicket {
  ticketId: string;
  display: PassDisplay;
  admits: boolean;
  /** Set when the page shows what the phone saved (offline): the pass itself. */
  saved?: PhonePass;
}

interface PageTickets {
  tickets: PageTicket[];
  offline: boolean;
}

const phoneCanKeepTickets = () =>
  typeof indexedDB !== 'undefined' && typeof crypto !== 'undefined' && crypto.subtle !== undefined;

export default function TicketPage({ orderId }: { orderId: string }) {
  const t = useT();
  const { client, session } = useShop();
  const { query } = useLocation();
  const orderToken = query.get('token') ?? orderTokens.get(orderId) ?? undefined;
  const auth: OrderAuth = {
    ...(orderToken ? { orderToken } : {}),
    ...(session ? { accessToken: session.accessToken } : {}),
  };
  const [state, retry] = useAsync(() => loadTickets(client, orderId, orderToken, t), [orderId, orderToken]);
  const [offlineReady, setOfflineReady] = useState(false);
  const askedWorker = useRef(false);
  const onDrawn = useCallback(() => {
    if (askedWorker.current) return;
    askedWorker.current = true;
    void keepPageOffline().then(setOfflineReady);
  }, []);

  if (!phoneCanKeepTickets()) return <p role="alert">{t('ticket.unsupported')}</p>;
  if (state.status === 'loading') return <WalletSkeleton label={t('ticket.loading')} />;
  if (state.status === 'failed')
    return (
      <ErrorMessage error={state.error}>
        <Button variant="secondary" onClick={retry}>
          {t('ticket.retry')}
        </Button>
      </ErrorMessage>
    );
  const { tickets, offline } = state.value;
  const orderLink = orderToken ? `/orders/${orderId}?token=${encodeURIComponent(orderToken)}` : `/orders/${orderId}`;
  return (
    <section className="phone-tickets">
      <h1>{t('ticket.title', { count: tickets.filter((ticket) => ticket.admits).length })}</h1>
      <p>{t('ticket.intro')}</p>
      {offline && (
        <p className="phone-ticket-offline" role="status">
          {tickets.length ? t('ticket.offlineShown') : t('ticket.noneSaved')}
        </p>
      )}
      {!offline && offlineReady && (
        <p className="phone-ticket-note" role="status">
          {t('ticket.offlineReady')}
        </p>
      )}
      <ul>
        {tickets.map((ticket) => (
          <PhoneTicket key={ticket.ticketId} orderId={orderId} ticket={ticket} auth={auth} onDrawn={onDrawn} />
        ))}
      </ul>
      {!offline && <Link to={orderLink}>{t('ticket.back')}</Link>}
    </section>
  );
}

function PhoneTicket({
  orderId,
  ticket,
  auth,
  onDrawn,
}: {
  orderId: string;
  ticket: PageTicket;
  auth: OrderAuth;
  onDrawn: () => void;
}) {
  const t = useT();
  const { display } = ticket;
  const headingId = `phone-ticket-${ticket.ticketId}`;
  return (
    <li className="phone-ticket" data-state={ticket.admits ? 'valid' : 'no-entry'} aria-labelledby={headingId}>
      <h2 id={headingId}>{display.place}</h2>
      <p>
        {display.eventName}
        {display.startsAt && (
          <>
            {' · '}
            <time dateTime={display.startsAt}>{formatDateTime(display.startsAt, display.timezone)}</time>
          </>
        )}
      </p>
      <p className="phone-ticket-note">
        {display.venue} · {display.holder}
      </p>
      {!ticket.admits ? (
        <p>{t('ticket.noEntry')}</p>
      ) : ticket.saved ? (
        <SavedCode pass={ticket.saved} onDrawn={onDrawn} />
      ) : (
        <BoundCode orderId={orderId} ticket={ticket} auth={auth} onDrawn={onDrawn} />
      )}
    </li>
  );
}

/** Online: the phone's pass is made or read, bound, and shown. */
function BoundCode({
  orderId,
  ticket,
  auth,
  onDrawn,
}: {
  orderId: string;
  ticket: PageTicket;
  auth: OrderAuth;
  onDrawn: () => void;
}) {
  const t = useT();
  const [state, retry] = useAsync(
    () => preparePass(orderId, { id: ticket.ticketId }, ticket.display, auth),
    [orderId, ticket.ticketId],
  );
  if (state.status === 'loading') return <p className="phone-ticket-note">{t('ticket.preparing')}</p>;
  if (state.status === 'failed') {
    const elsewhere = state.error instanceof ApiError && state.error.code === 'ticket_bound_elsewhere';
    return (
      <div role="alert">
        <p>{elsewhere ? t('ticket.boundElsewhere') : t('ticket.bindFailed')}</p>
        {!elsewhere && (
          <Button variant="secondary" onClick={retry}>
            {t('ticket.retry')}
          </Button>
        )}
      </div>
    );
  }
  return <SavedCode pass={state.value} onDrawn={onDrawn} />;
}

function SavedCode({ pass, onDrawn }: { pass: PhonePass; onDrawn: () => void }) {
  const t = useT();
  if (!pass.credential) return <p>{t('ticket.noneSaved')}</p>;
  return (
    <RotatingQr
      privateKey={pass.keys.privateKey}
      credential={pass.credential}
      label={t('ticket.qrLabel', { place: pass.display.place })}
      onDrawn={onDrawn}
    />
  );
}

/** The order's tickets from the cloud, or, when it cannot be reached, the ones this phone saved. */
async function loadTickets(
  client: TicketingClient,
  orderId: string,
  orderToken: string | undefined,
  t: Translate,
): Promise<PageTickets> {
  let order: Order;
  try {
    order = await client.getOrder(orderId, orderToken);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 0) throw error;
    const saved = (await passesOfOrder(orderId)).filter((pass) => pass.credential);
    return {
      offline: true,
      tickets: saved.map((pass) => ({ ticketId: pass.ticketId, display: pass.display, admits: true, saved: pass })),
    };
  }
  const facts = await loadEventFacts(client, order.eventId).catch(() => null);
  return {
    offline: false,
    tickets: order.tickets.map((ticket) => ({
      ticketId: ticket.id,
      display: displayOf(t, ticket, order, facts),
      admits: ticket.status === 'valid',
    })),
  };
}

function displayOf(t: Translate, ticket: Ticket, order: Order, facts: EventFacts | null): PassDisplay {
  return {
    eventName: facts?.event.name ?? '',
    startsAt: facts?.event.startsAt ?? '',
    timezone: facts?.event.venue.timezone ?? 'UTC',
    venue: facts ? venueLine(facts.event.venue) : '',
    place: placeWords(t, ticket, facts?.sections ?? []),
    holder: order.buyer.name,
  };
}
