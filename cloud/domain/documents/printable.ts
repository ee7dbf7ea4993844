// What a ticket and a receipt say, in words, from an order and its event: the one source for the printed ticket, the
// PDF, the ticket image and (in fulfilment) the email and the posted ticket. Pure data; the layouts are in pdf.ts and
// ticket-svg.ts. A receipt of an order with a stored price breakdown prints it line by line (receipt-breakdown.ts).
import type { CodePolicy, EventDetail, Money, Order } from '../../contract/index.ts';
import { staticCodeAdmitted } from '../tickets/code-policy.ts';
import { formatDateTime, formatMoney, formatTime } from '../format.ts';
import { breakdownLines, type NamedSections, type ReceiptLine } from './receipt-breakdown.ts';
import { FORMATTING_LOCALE, documentWords, type DocumentLocale } from '../i18n/index.ts';

export type { NamedSections, ReceiptLine } from './receipt-breakdown.ts';

export interface PrintableTicket {
  ticketId: string;
  eventName: string;
  /** When, in the venue's time zone. */
  when: string;
  venue: string;
  /** "Stalls · Row C · Seat 12", or the standing area's name. */
  place: string;
  tier: string;
  /** What it was sold as ("Concession"); null on tickets sold before ticket types. */
  ticketType: string | null;
  /** What the door checks, printed prominently ("Show student ID at the door"); null when nothing. */
  requiresCheck: string | null;
  /** What this ticket cost: its price after discount, with its service fee and their tax. */
  price: string;
  holder: string;
  orderCode: string;
  /** The signed code the QR carries. */
  code: string;
  /** When the doors open, in the venue's zone; null when not given. */
  doors: string | null;
  /** The venue's colour (`#rrggbb`), or null for TicketBoss's own. */
  brandColor: string | null;
  /** The language its words are in. */
  locale: DocumentLocale;
  /** The ticket page on the buyer's phone (its rotating code), under a rotating policy; `qr` false when the door
   * refuses this ticket's static code (code-policy.ts), so the documents show the link instead of the QR. */
  phone?: PhoneTicket | null;
}

export interface PhoneTicket {
  /** The shop's ticket page of the order, with its access token. */
  url: string;
  /** Whether the static code (the QR) is admitted at the door too. */
  qr: boolean;
}

/** The shop's ticket page of an order (the phone's live ticket, renderer/modes/shop/ticket), with its token as the
 * order page's link carries it. */
export const ticketPageUrlOf = (publicUrl: string, orderId: string, token: string): string =>
  `${publicUrl}/tickets/${orderId}?token=${encodeURIComponent(token)}`;

/** The phone ticket of an order's tickets under the event's policy: none under `static`, the link beside the QR under
 * `rotating`, the link instead of the QR where the door refuses the static code (`rotating_only`, emailed web sale). */
export function phoneTicketOf(
  policy: CodePolicy | undefined,
  order: Pick<Order, 'channel' | 'delivery'>,
  url: string,
): PhoneTicket | null {
  if (!policy || policy === 'static') return null;
  return { url, qr: staticCodeAdmitted(policy, { channel: order.channel, deliveryMethod: order.delivery.method }) };
}

export interface PrintableReceipt {
  title: string;
  orderCode: string;
  eventName: string;
  when: string;
  venue: string;
  buyer: string;
  /** Each ticket (with its discount and service fee as parts), then the order and delivery fees. */
  lines: ReceiptLine[];
  /** Subtotal, discount, fees and an added tax, printed above the total; an order without a breakdown shows its
   * fees as none, so a buyer sees there are none. */
  summary: ReceiptLine[];
  total: string;
  /** A tax inside the prices ("VAT 20 % incl."), printed under the total; null when none or added. */
  taxIncluded: ReceiptLine | null;
  payments: string[];
  refunds: string[];
  /** Set when the sale is not confirmed by the cloud yet (an offline counter sale). */
  notice?: string;
  issuedAt: string;
  /** The language its words are in (English when not given). */
  locale?: DocumentLocale;
}

export const PAYMENT_METHOD_NAMES: Record<Order['payments'][number]['method'], string> = {
  amazon_pay: 'Amazon Pay',
  sandbox: 'Card (online)',
  card_terminal: 'Card',
  cash: 'Cash',
  exchange_credit: 'Exchange credit',
  transfer: 'Transfer',
};

type EventOf = Pick<EventDetail, 'name' | 'startsAt' | 'venue' | 'tiers'> & {
  doorsAt?: string | null;
  codePolicy?: CodePolicy;
};

export function placeOf(
  ticket: { sectionId: string; row: string | null; number: string | null },
  sections: NamedSections,
  locale: DocumentLocale = 'en',
): string {
  const t = documentWords(locale);
  const section = sections.find((s) => s.id === ticket.sectionId)?.name ?? ticket.sectionId;
  if (ticket.number === null) return `${section} · ${t('documents.place.standing')}`;
  return [
    section,
    ticket.row !== null ? t('documents.place.row', { row: ticket.row }) : null,
    t('documents.place.seat', { number: ticket.number }),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The order's valid tickets, ready to print, in the given language (dates in the venue's zone, formatted for it).
 * With `ticketPageUrl` (the buyer's documents: email, PDF), each carries its phone ticket under the event's policy. */
export function printableTickets(
  order: Order,
  event: EventOf,
  sections: NamedSections,
  locale: DocumentLocale = 'en',
  options: { ticketPageUrl?: string } = {},
): PrintableTicket[] {
  const tag = FORMATTING_LOCALE[locale];
  const phone = options.ticketPageUrl ? phoneTicketOf(event.codePolicy, order, options.ticketPageUrl) : null;
  const when = formatDateTime(event.startsAt, event.venue.timezone, tag);
  const doors = event.doorsAt ? formatTime(event.doorsAt, event.venue.timezone, tag) : null;
  return order.tickets
    .filter((ticket) => ticket.status === 'valid' && ticket.code)
    .map((ticket) => ({
      ticketId: ticket.id,
      eventName: event.name,
      when,
      venue: `${event.venue.name}, ${event.venue.city}`,
      place: placeOf(ticket, sections, locale),
      tier: event.tiers.find((t) => t.id === ticket.tierId)?.name ?? '',
      ticketType: ticket.ticketType,
      requiresCheck: ticket.requiresCheck,
      price: formatMoney(ticket.price, tag),
      holder: order.buyer.name,
      orderCode: order.code,
      code: ticket.code!,
      doors,
      brandColor: event.venue.brandColor ?? null,
      locale,
      ...(phone ? { phone } : {}),
    }));
}

export function printableReceipt(
  order: Order,
  event: EventOf,
  sections: NamedSections,
  issuedAt: Date = new Date(),
  locale: DocumentLocale = 'en',
): PrintableReceipt {
  const zone = event.venue.timezone;
  const tag = FORMATTING_LOCALE[locale];
  const money = (m: Money) => formatMoney(m, tag);
  const place = (ticket: Order['tickets'][number]) => placeOf(ticket, sections, locale);
  // Orders placed before price breakdowns: a line a ticket at what it cost, and no fees.
  const priced = order.breakdown
    ? breakdownLines(order, order.breakdown, place, sections)
    : {
        lines: order.tickets.map((ticket) => ({
          label: `${place(ticket)}${ticket.status === 'valid' ? '' : ` (${ticket.status})`}`,
          amount: money(ticket.price),
        })),
        summary: [{ label: 'Fees', amount: money({ amount: 0, currency: order.total.currency }) }],
        total: money(order.total),
        taxIncluded: null,
      };
  return {
    title: documentWords(locale)('documents.receipt.title'),
    locale,
    orderCode: order.code,
    eventName: event.name,
    when: formatDateTime(event.startsAt, zone, tag),
    venue: `${event.venue.name}, ${event.venue.city}`,
    buyer: order.buyer.name,
    ...priced,
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
    refunds: order.refunds.map((r) => `${money(r.amount)} (${r.reason}), ${formatDateTime(r.createdAt, zone, tag)}`),
    issuedAt: formatDateTime(issuedAt.toISOString(), zone, tag),
  };
}

/** The door check as every document prints it. */
export const doorCheckText = (check: string, locale: DocumentLocale = 'en') =>
  documentWords(locale)('documents.ticket.doorCheck', { check });

/** A ticket's place, type and door check on one line: the email's list of tickets and the posted ticket's label. */
export function ticketSummary(
  ticket: Pick<PrintableTicket, 'place' | 'ticketType' | 'requiresCheck'> & { locale?: DocumentLocale },
): string {
  return [
    ticket.place,
    ticket.ticketType,
    ticket.requiresCheck ? doorCheckText(ticket.requiresCheck, ticket.locale) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}
