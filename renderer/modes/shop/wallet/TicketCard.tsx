// One ticket of the wallet as a card: the event, its date in the venue's time zone, doors, venue, the place
// ("Section · Row · Seat"), tier and type, holder, what the door checks, the state in words, and the QR the door
// scans (valid tickets only: a refunded or void ticket no longer admits anyone). Where the event admits rotating
// codes only, the static QR would be refused at the door: the card sends the buyer to the phone's live code instead.
import type { Order, Ticket } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { Link } from '../router.tsx';
import { PassButtons } from '../passes/PassButtons.tsx'; // passes (issue 19)
import { TicketQr } from './TicketQr.tsx';
import { placeWords, ticketState, ticketStateWords, tierName, venueLine, type EventFacts } from './wallet-data.ts';

export function TicketCard({
  ticket,
  order,
  facts,
  index,
  liveCode,
  token,
}: {
  ticket: Ticket;
  order: Order;
  facts: EventFacts;
  index: number;
  /** The ticket page's path (the phone's rotating code) for this order. */
  liveCode: string;
  /** The guest's order token (passes ask for the ticket's pass with it). */
  token?: string;
}) {
  const t = useT();
  const { event, sections } = facts;
  const zone = event.venue.timezone;
  const place = placeWords(t, ticket, sections);
  const tier = tierName(event, ticket.tierId);
  const valid = ticket.status === 'valid' && ticket.code;
  const headingId = `ticket-${ticket.id}`;
  return (
    <li className="ticket-card" data-state={ticket.status} aria-labelledby={headingId}>
      <div className="ticket-card-facts">
        <p className="ticket-card-count">
          {t('wallet.ticket.count', { index: index + 1, count: order.tickets.length })}
        </p>
        <h3 id={headingId} className="ticket-card-place">
          {place}
        </h3>
        <p className="ticket-card-kind">{[tier, ticket.ticketType].filter(Boolean).join(' · ')}</p>
        {/* Used (with when the door admitted it, in the venue's zone), passed on, refunded…: the account's words. */}
        <p className={`ticket-state ticket-state-${ticketState(ticket)}`}>{ticketStateWords(t, ticket, order, zone)}</p>
        <dl className="ticket-card-details">
          <div>
            <dt>{t('wallet.ticket.event')}</dt>
            <dd>{event.name}</dd>
          </div>
          <div>
            <dt>{t('wallet.ticket.when')}</dt>
            <dd>
              <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, zone)}</time>
            </dd>
          </div>
          {event.doorsAt && (
            <div>
              <dt>{t('wallet.ticket.doors')}</dt>
              <dd>
                <time dateTime={event.doorsAt}>{formatDateTime(event.doorsAt, zone)}</time>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('wallet.ticket.venue')}</dt>
            <dd>{venueLine(event.venue)}</dd>
          </div>
          <div>
            <dt>{t('wallet.ticket.holder')}</dt>
            <dd>{order.buyer.name}</dd>
          </div>
          <div>
            <dt>{t('wallet.ticket.price')}</dt>
            <dd>{formatMoney(ticket.price)}</dd>
          </div>
        </dl>
        {ticket.requiresCheck && (
          <p className="door-check">{t('wallet.ticket.doorCheck', { check: ticket.requiresCheck })}</p>
        )}
      </div>
      <div className="ticket-card-code">
        {valid && event.codePolicy === 'rotating_only' ? (
          <>
            <p>{t('ticket.rotatingOnly')}</p>
            <Link to={liveCode}>{t('ticket.open')}</Link>
          </>
        ) : valid ? (
          <>
            <TicketQr code={ticket.code!} label={t('wallet.ticket.qrLabel', { place })} />
            <p className="ticket-card-order">{t('wallet.ticket.orderCode', { code: order.code })}</p>
            <PassButtons order={order} ticket={ticket} event={event} place={place} {...(token ? { token } : {})} />
          </>
        ) : (
          <p className="ticket-card-void">{t('wallet.ticket.noEntry')}</p>
        )}
      </div>
    </li>
  );
}
