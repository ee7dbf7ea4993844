// What a ticket and a receipt say, in words, from an order and its event: the one source for the printed ticket, the
// PDF, and (in fulfilment) the email. Pure data; the layouts are in pdf.ts.
import type { EventDetail, Money, Order, SeatMap } from '../../contract/index.ts';
import { formatDateTime, formatMoney } from '../format.ts';

export interface PrintableTicket {
  ticketId: string;
  eventName: string;
  /** When, in the venue's time zone. */
  when: string;
  venue: string;
  /** "Stalls · Row C · Seat 12", or the standing area's name. */
  place: string;
  tier: string;
  price: string;
  holder: string;
  orderCode: string;
  /** The signed code the QR carries. */
  code: string;
}

export interface PrintableReceipt {
  title: string;
  orderCode: string;
  eventName: string;
  when: string;
  venue: string;
  buyer: string;
  lines: { label: string; amount: string }[];
  /** Booking fees (none today; shown so a buyer sees there are none). */
  fees: string;
  total: string;
  payments: string[];
  refunds: string[];
  /** Set when the sale is not confirmed by the cloud yet (an offline counter sale). */
  notice?: string;
  issuedAt: string;
}

export const PAYMENT_METHOD_NAMES: Record<Order['payments'][number]['method'], string> = {
  amazon_pay: 'Amazon Pay',
  sandbox: 'Card (online)',
  card_terminal: 'Card',
  cash: 'Cash',
};

type EventOf = Pick<EventDetail, 'name' | 'startsAt' | 'venue' | 'tiers'>;

export function placeOf(
  ticket: { sectionId: string; row: string | null; number: string | null },
  sections: SeatMap['sections'],
): string {
  const section = sections.find((s) => s.id === ticket.sectionId)?.name ?? ticket.sectionId;
  if (ticket.number === null) return `${section} · Standing`;
  return [section, ticket.row !== null ? `Row ${ticket.row}` : null, `Seat ${ticket.number}`]
    .filter(Boolean)
    .join(' · ');
}

/** The order's valid tickets, ready to print. */
export function printableTickets(order: Order, event: EventOf, sections: SeatMap['sections']): PrintableTicket[] {
  const when = formatDateTime(event.startsAt, event.venue.timezone);
  return order.tickets
    .filter((ticket) => ticket.status === 'valid' && ticket.code)
    .map((ticket) => ({
      ticketId: ticket.id,
      eventName: event.name,
      when,
      venue: `${event.venue.name}, ${event.venue.city}`,
      place: placeOf(ticket, sections),
      tier: event.tiers.find((t) => t.id === ticket.tierId)?.name ?? '',
      price: formatMoney(ticket.price),
      holder: order.buyer.name,
      orderCode: order.code,
      code: ticket.code!,
    }));
}

export function printableReceipt(
  order: Order,
  event: EventOf,
  sections: SeatMap['sections'],
  issuedAt: Date = new Date(),
): PrintableReceipt {
  const zone = event.venue.timezone;
  const money = (m: Money) => formatMoney(m);
  return {
    title: 'Receipt',
    orderCode: order.code,
    eventName: event.name,
    when: formatDateTime(event.startsAt, zone),
    venue: `${event.venue.name}, ${event.venue.city}`,
    buyer: order.buyer.name,
    lines: order.tickets.map((ticket) => ({
      label: `${placeOf(ticket, sections)}${ticket.status === 'valid' ? '' : ` (${ticket.status})`}`,
      amount: money(ticket.price),
    })),
    fees: money({ amount: 0, currency: order.total.currency }),
    total: money(order.total),
    payments: order.payments
      .filter((p) => p.state === 'captured')
      .map((p) =>
        [
          `${PAYMENT_METHOD_NAMES[p.method]} ${money(p.amount)}`,
          p.cardLast4 ? `card ending ${p.cardLast4}` : null,
          p.tendered ? `tendered ${money(p.tendered)}` : null,
          p.change ? `change ${money(p.change)}` : null,
          `ref ${p.id.slice(0, 8).toUpperCase()}`,
        ]
          .filter(Boolean)
          .join(', '),
      ),
    refunds: order.refunds.map((r) => `Refund ${money(r.amount)} (${r.reason}), ${formatDateTime(r.createdAt, zone)}`),
    issuedAt: formatDateTime(issuedAt.toISOString(), zone),
  };
}
