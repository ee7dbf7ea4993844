// An order's email as MIME, from what the fulfilment job has read: its tickets drawn (PNG), the tickets and receipt
// PDFs, the message put together. No database, clock or service here, only CPU (a tickets email is ~20–30 ms of it),
// so the same function runs in the job's own process (a Lambda) or on a document worker thread (document-workers.ts)
// when the jobs share a process with the API (`npm start`).
import { deflateSync } from 'node:zlib';
import type { Order } from '../../contract/index.ts';
import { documentWords, FORMATTING_LOCALE, type DocumentLocale } from '../../domain/i18n/index.ts';
import {
  printableReceipt,
  printableTickets,
  ticketPageUrlOf,
  type NamedSections,
  type PrintableTicket,
} from '../../domain/documents/printable.ts';
import { refundTerms } from '../../domain/documents/refund-terms.ts';
import { formatDateTime, formatMoney, formatTime } from '../../domain/format.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import { composeEmail, type EmailKind } from './emails.ts';
import { receiptPdf, ticketsPdf } from '../../domain/documents/pdf.ts';
import { drawableLogo, renderTicketPng, textLinePng } from './ticket-image.ts';

/** Node's zlib for the PDFs' content streams, where pdf-lib's own (pako, JavaScript) was most of a PDF's cost. */
const deflate = (bytes: Uint8Array): Uint8Array => deflateSync(bytes);

/** What the job of an event change's email carries: the refund given, or the new date and the refund deadline. */
export interface EventChangeNotice {
  refund?: { amount: number; currency: string; atCounter: boolean };
  startsAt?: string;
  refundDeadline?: string;
}

/** Everything an order's email is made of, as read by the job (plain data: it crosses to a worker thread); the
 * event's refund policy comes with the event. */
export interface DocumentsInput {
  kind: EmailKind;
  order: Order;
  messageId: string;
  change: EventChangeNotice;
  event: Awaited<ReturnType<CatalogService['documentEvent']>>;
  /** The sections the order's tickets are in (their names). */
  sections: NamedSections;
  logo: { bytes: Uint8Array; contentType: string } | null;
  /** When the receipt is issued. */
  issuedAt: Date;
  /** The shop's public address and the order's access token: the order and ticket page links. */
  publicUrl: string;
  orderToken: string;
  from?: string;
  walletPasses?: { apple: boolean; google: boolean };
}

export type ComposedEmail = { subject: string; raw: Buffer };

/** The opening words of an event-change email in the order's language (null for the other kinds, which have fixed
 * words). */
function eventChangeNotice(
  kind: EmailKind,
  change: EventChangeNotice,
  eventName: string,
  zone: string,
  locale: DocumentLocale,
): string | null {
  const t = documentWords(locale);
  const tag = FORMATTING_LOCALE[locale];
  if (kind === 'event_cancelled' && change.refund) {
    const amount = formatMoney({ amount: change.refund.amount, currency: change.refund.currency }, tag);
    const id = change.refund.atCounter ? 'documents.change.cancelledCounter' : 'documents.change.cancelledRefunded';
    return t(id, { event: eventName, amount });
  }
  if (kind === 'event_postponed' && change.startsAt && change.refundDeadline) {
    return t('documents.change.postponed', {
      event: eventName,
      startsAt: formatDateTime(change.startsAt, zone, tag),
      deadline: formatDateTime(change.refundDeadline, zone, tag),
    });
  }
  return null;
}

/** The MIME message of an order's email. Every document is in the order's language: an Arabic ticket is shaped by
 * resvg with Noto Sans Arabic (its PDF page that image), an Arabic receipt PDF's lines images of shaped text (pdf-lib
 * cannot shape). */
export async function composeDocuments(input: DocumentsInput): Promise<ComposedEmail> {
  const { kind, order, event, sections, logo } = input;
  const locale = order.locale;
  const notice = eventChangeNotice(kind, input.change, event.name, event.venue.timezone, locale);
  const receipt = printableReceipt(order, event, sections, input.issuedAt, locale);
  const wantsTickets = kind === 'tickets' || kind === 'receipt';
  const ticketPageUrl = ticketPageUrlOf(input.publicUrl, order.id, input.orderToken);
  const tickets = wantsTickets ? printableTickets(order, event, sections, locale, { ticketPageUrl }) : [];
  const tag = FORMATTING_LOCALE[locale];
  // Each ticket's image is drawn once: attached to the email and, for a right-to-left ticket, its PDF page.
  const ticketDocuments = async () => {
    const drawnLogo = drawableLogo(logo);
    const images = tickets.map((ticket) => ({ ticket, png: renderTicketPng(ticket, drawnLogo) }));
    const pageImage = (ticket: PrintableTicket) => images.find((i) => i.ticket === ticket)!.png;
    return {
      tickets: images,
      ...(tickets.length > 0 ? { ticketsPdf: await ticketsPdf(tickets, { logo: drawnLogo, pageImage, deflate }) } : {}),
    };
  };
  return composeEmail({
    ...(input.from ? { from: input.from } : {}),
    kind,
    order,
    receipt,
    ...(kind === 'tickets' ? await ticketDocuments() : { listedTickets: tickets }),
    receiptPdf: await receiptPdf(receipt, { lineImage: textLinePng, deflate }),
    locale,
    brand: { color: event.venue.brandColor, logo, name: event.venue.name },
    doors: event.doorsAt ? formatTime(event.doorsAt, event.venue.timezone, tag) : null,
    orderUrl: `${input.publicUrl}/orders/${order.id}?token=${encodeURIComponent(input.orderToken)}`,
    // passes: not for a rotating_only event, whose static codes the door refuses (MERGE: rotating-core's policy).
    ...(input.walletPasses && event.codePolicy !== 'rotating_only' ? { wallets: input.walletPasses } : {}),
    messageId: input.messageId,
    ...(notice ? { notice } : {}),
    refundTerms: refundTerms(
      event.refundPolicy,
      { startsAt: event.startsAt, timezone: event.venue.timezone, currency: order.total.currency },
      locale,
    ),
  });
}
