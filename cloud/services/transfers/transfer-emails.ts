// The `transfer_email` outbox job: one side of a transfer (its sender, at the order's address and language, or its
// recipient, at the given address in the sender's page's language) told of one step — sent (the recipient gets the
// accept link), accepted, cancelled. MIME by nodemailer's composer like every email; words in documents.json's
// `documents.transfer.*`. A job run again sends the same message id, so a mail system drops the repeat.
import MailComposer from 'nodemailer/lib/mail-composer';
import { findOrder } from '../../db/orders.ts';
import type { OutboxRow } from '../../db/outbox.ts';
import type { Db } from '../../db/port.ts';
import { findTransfer, findTransferableTickets } from '../../db/transfers.ts';
import { placeOf } from '../../domain/documents/printable.ts';
import { escapeHtml as escape, formatDateTime } from '../../domain/format.ts';
import { documentWords, FORMATTING_LOCALE, isRightToLeft, type DocumentMessageId } from '../../domain/i18n/index.ts';
import { transferClosesAt } from '../../domain/transfers/transfer-rules.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import { FROM } from '../fulfilment/emails.ts';
import type { EmailSender } from '../fulfilment/ports.ts';
import type { JobHandler } from '../jobs/outbox-dispatcher.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { TicketTransfers } from './transfer-service.ts';
import type { TransferEmailPayload } from './transfer-trail.ts';

export interface TransferEmailDeps {
  db: Db;
  catalog: CatalogService;
  contexts: EventContexts;
  email: EmailSender;
  transfers: TicketTransfers;
  /** The shop's public address, for the accept link. */
  publicUrl: () => string;
  from?: string;
}

/** The shop's page where a recipient accepts (renderer/modes/shop/transfer/TransferAcceptPage.tsx). */
export const acceptUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/transfer/accept?token=${encodeURIComponent(token)}`;

export function transferEmailHandlers(deps: TransferEmailDeps): Record<string, JobHandler> {
  return { [OUTBOX_TOPICS.transferEmail]: (job) => sendTransferEmail(deps, job) };
}

async function sendTransferEmail(deps: TransferEmailDeps, job: OutboxRow): Promise<void> {
  const { transferId, step, side, ticketIds } = job.payload as TransferEmailPayload;
  const transfer = await findTransfer(deps.db, transferId);
  if (!transfer) return;
  const [order, event, context] = await Promise.all([
    findOrder(deps.db, transfer.order_id),
    deps.catalog.detail(transfer.event_id),
    deps.contexts.require(transfer.event_id),
  ]);
  const locale = side === 'sender' ? order!.locale : transfer.locale;
  const t = documentWords(locale);
  const { seats, sections } = context.seatMap.content;
  // A refund of passed-on tickets names the holder's tickets it stopped (in the transfer's recipient order).
  const tickets =
    ticketIds && transfer.to_order_id
      ? await findTransferableTickets(deps.db, transfer.to_order_id, ticketIds)
      : await findTransferableTickets(deps.db, transfer.order_id, transfer.ticket_ids);
  // Worded as the order's own emails and PDFs word a place: "Section · Row A · Seat 1", "Section · Standing".
  const places = tickets
    .map((ticket) => {
      const seat = ticket.seat_no === null ? undefined : seats[ticket.seat_no];
      const place = seat
        ? { sectionId: seat.sectionId, row: seat.row ?? null, number: seat.number }
        : { sectionId: ticket.ga_section_id ?? '', row: null, number: null };
      return placeOf(place, sections, locale);
    })
    .join(', ');
  const zone = event.venue.timezone;
  const values = {
    sender: order!.buyer_name,
    name: transfer.recipient_name,
    email: transfer.recipient_email,
    event: event.name,
    count: tickets.length,
    places,
  };
  const key = (part: string) => `documents.transfer.${step}.${side}.${part}` as DocumentMessageId;
  const lines = [t(key('body'), values)];
  let link: { url: string; label: string } | null = null;
  if (step === 'sent' && side === 'recipient') {
    const closesAt = transferClosesAt(
      await deps.transfers.rulesOf(deps.db, transfer.event_id),
      new Date(event.startsAt),
    );
    lines.push(
      t('documents.transfer.sent.recipient.deadline', {
        closesAt: formatDateTime(closesAt.toISOString(), zone, FORMATTING_LOCALE[locale]),
      }),
    );
    link = {
      url: acceptUrl(deps.publicUrl(), deps.transfers.token(transfer.id)),
      label: t('documents.transfer.sent.recipient.accept'),
    };
  } else if (step !== 'cancelled' || side === 'sender') {
    const note = step === 'cancelled' ? null : t(key('note'), values);
    if (note) lines.push(note);
  }
  const to = side === 'sender' ? order!.buyer_email : transfer.recipient_email;
  // A counter sale may have no email: its buyer is told at the counter.
  if (!to) return;
  const hello = t('documents.transfer.hello', {
    name: side === 'sender' ? order!.buyer_name : transfer.recipient_name,
  });
  const when = formatDateTime(event.startsAt, zone, FORMATTING_LOCALE[locale]);
  const venue = `${event.venue.name}, ${event.venue.city}`;
  const subject = t(key('subject'), values);
  const text = [
    hello,
    '',
    ...lines,
    '',
    event.name,
    when,
    venue,
    ...(link ? ['', t('documents.transfer.sent.recipient.acceptAt', { url: link.url })] : []),
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}" dir="${isRightToLeft(locale) ? 'rtl' : 'ltr'}"><body style="font-family:Arial,Helvetica,sans-serif;color:#111;max-width:640px">`,
    `<p>${escape(hello)}</p>`,
    ...lines.map((line) => `<p>${escape(line)}</p>`),
    `<p style="margin:16px 0">${escape(event.name)}<br>${escape(when)}<br>${escape(venue)}</p>`,
    ...(link ? [`<p><a href="${escape(link.url)}">${escape(link.label)}</a></p>`] : []),
    `</body></html>`,
  ].join('\n');
  const messageId = `<${job.id}@ticketboss>`;
  const raw = await new MailComposer({ from: deps.from ?? FROM, to, subject, messageId, text, html }).compile().build();
  await deps.email.send({ messageId, to, raw });
}
