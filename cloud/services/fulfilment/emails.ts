// Fulfilment's emails as MIME (nodemailer's composer): the tickets email (each ticket as an inline PNG, the tickets
// PDF attached, and the receipt), the receipt alone (orders delivered another way), and refund and cancellation
// notices. HTML and plain text carry the same words.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Order } from '../../contract/index.ts';
import {
  doorCheckText,
  ticketSummary,
  type PrintableReceipt,
  type PrintableTicket,
  type ReceiptLine,
} from '../../domain/documents/printable.ts';
import { escapeHtml as escape } from '../../domain/format.ts';
import { DEFAULT_BRAND_COLOR } from '../../domain/brand/brand-color.ts';
import {
  documentWords,
  isRightToLeft,
  type DocumentLocale,
  type DocumentMessageId,
  type DocumentWords,
} from '../../domain/i18n/index.ts';

export const FROM = 'TicketBoss <tickets@ticketboss.example>';
const LOGO_CID = 'venue-logo@ticketboss';

export interface TicketAttachment {
  ticket: PrintableTicket;
  png: Buffer;
}

export type EmailKind = 'tickets' | 'receipt' | 'refund' | 'cancellation' | 'event_cancelled' | 'event_postponed';

export interface ComposeInput {
  kind: EmailKind;
  order: Order;
  receipt: PrintableReceipt;
  /** The tickets email: every valid ticket's image, and the PDF of them all. */
  tickets?: TicketAttachment[];
  ticketsPdf?: Uint8Array;
  /** The receipt email of an order delivered another way (post, will call): its tickets, listed in words with their
   * types and door checks, so a buyer knows what to bring before the tickets are in hand. */
  listedTickets?: PrintableTicket[];
  receiptPdf?: Uint8Array;
  /** Where the buyer sees the order (with its access token). */
  orderUrl: string;
  messageId: string;
  /** The sender (a verified SES identity in AWS); FROM by default. */
  from?: string;
  /** Words of this email alone, in place of the kind's usual opening (an event cancelled or postponed). */
  notice?: string;
  /** The event's refund policy in words (domain/documents/refund-terms.ts). */
  refundTerms: string;
  /** The language of the email (the order's); English when not given. */
  locale?: DocumentLocale;
  /** The venue's brand: its colour for the header band and the button, its logo as an inline image. */
  brand?: { color: string | null; logo: { bytes: Uint8Array; contentType: string } | null; name: string };
  /** When the doors open, in the venue's zone and the email's language. */
  doors?: string | null;
  /** passes (issue 19): the wallets offered; the tickets email links their badges to the order page's buttons. */
  wallets?: { apple: boolean; google: boolean };
}

const SUBJECT_IDS: Record<EmailKind, DocumentMessageId> = {
  tickets: 'documents.email.subject.tickets',
  receipt: 'documents.email.subject.receipt',
  refund: 'documents.email.subject.refund',
  cancellation: 'documents.email.subject.cancellation',
  event_cancelled: 'documents.email.subject.eventCancelled',
  event_postponed: 'documents.email.subject.eventPostponed',
};

const INTRO_IDS: Record<EmailKind, DocumentMessageId> = {
  tickets: 'documents.email.intro.tickets',
  receipt: 'documents.email.intro.receipt',
  refund: 'documents.email.intro.refund',
  cancellation: 'documents.email.intro.cancellation',
  event_cancelled: 'documents.email.intro.eventCancelled',
  event_postponed: 'documents.email.intro.eventPostponed',
};

/** The receipt's lines as plain text: items with their discounts and fees, subtotal, discount, fees, tax, total,
 * payment with its reference, refunds. */
function receiptText(r: PrintableReceipt, t: DocumentWords): string[] {
  const line = (l: ReceiptLine) => `${l.part ? '      ' : '  '}${l.label}  ${l.amount}`;
  return [
    `${r.eventName}`,
    `${r.when}`,
    `${r.venue}`,
    t('documents.receipt.orderFor', { code: r.orderCode, buyer: r.buyer }),
    '',
    ...r.lines.map(line),
    ...r.summary.map(line),
    `  ${t('documents.receipt.total')}  ${r.total}`,
    ...(r.taxIncluded ? [line(r.taxIncluded)] : []),
    '',
    ...r.payments.map((payment) => t('documents.receipt.paid', { payment })),
    ...r.refunds.map((refund) => t('documents.receipt.refunded', { refund })),
  ];
}

function receiptHtml(r: PrintableReceipt, t: DocumentWords): string {
  const row = (label: string, amount: string, strong = false, part = false) =>
    `<tr><td style="padding:4px 12px;padding-inline-start:${part ? '16px' : '0'}">${strong ? '<strong>' : ''}${escape(label)}${strong ? '</strong>' : ''}</td><td style="padding:4px 0;text-align:end">${strong ? '<strong>' : ''}${escape(amount)}${strong ? '</strong>' : ''}</td></tr>`;
  return [
    `<h2 style="margin:24px 0 8px">${escape(r.title)}</h2>`,
    `<p style="margin:0">${escape(r.eventName)}<br>${escape(r.when)}<br>${escape(r.venue)}<br>${escape(t('documents.receipt.orderFor', { code: r.orderCode, buyer: r.buyer }))}</p>`,
    `<table role="presentation" style="border-collapse:collapse;margin:12px 0">`,
    ...r.lines.map((line) => row(line.label, line.amount, false, line.part)),
    ...r.summary.map((line) => row(line.label, line.amount)),
    row(t('documents.receipt.total'), r.total, true),
    ...(r.taxIncluded ? [row(r.taxIncluded.label, r.taxIncluded.amount)] : []),
    `</table>`,
    ...r.payments.map((payment) => `<p style="margin:4px 0">${escape(t('documents.receipt.paid', { payment }))}</p>`),
    ...r.refunds.map((refund) => `<p style="margin:4px 0">${escape(t('documents.receipt.refunded', { refund }))}</p>`),
  ].join('\n');
}

export async function composeEmail(input: ComposeInput): Promise<{ subject: string; raw: Buffer }> {
  const { receipt: r, kind } = input;
  const locale = input.locale ?? 'en';
  const t = documentWords(locale);
  const subject = t(SUBJECT_IDS[kind], { event: r.eventName, code: r.orderCode, when: r.when });
  const all = input.tickets ?? [];
  // Tickets whose static code the door refuses (rotating_only) carry no QR image: the email links the live ticket.
  const phoneOnly = all.filter((a) => a.ticket.phone && !a.ticket.phone.qr).map((a) => a.ticket);
  const tickets = all.filter((a) => !a.ticket.phone || a.ticket.phone.qr);
  const phone = all.find((a) => a.ticket.phone)?.ticket.phone ?? null;
  const intro = input.notice ?? t(phoneOnly.length > 0 ? 'documents.email.intro.liveTickets' : INTRO_IDS[kind]);
  const brandColor = input.brand?.color ?? DEFAULT_BRAND_COLOR;
  const logo = input.brand?.logo ?? null;
  const doors = input.doors ? t('documents.email.doors', { time: input.doors }) : null;
  const listed = all.length > 0 ? phoneOnly : (input.listedTickets ?? []);
  const cid = (i: number) => `ticket-${i + 1}@ticketboss`;
  const text = [
    t('documents.email.hello', { name: r.buyer }),
    '',
    intro,
    '',
    ...(doors ? [doors, ''] : []),
    ...(tickets.length > 0
      ? [
          t('documents.email.ticketsAttached', { count: tickets.length }),
          ...tickets.map((a) => `  ${ticketSummary(a.ticket)}`),
          '',
        ]
      : []),
    ...(listed.length > 0 ? [t('documents.email.yourTickets'), ...listed.map((a) => `  ${ticketSummary(a)}`), ''] : []),
    ...(phone
      ? [
          t(phone.qr ? 'documents.liveTicket.also' : 'documents.liveTicket.only'),
          `${t('documents.liveTicket.show')}: ${phone.url}`,
          '',
        ]
      : []),
    ...receiptText(r, t),
    '',
    t('documents.email.yourOrder', { url: input.orderUrl }),
    ...walletBadgesText(input, tickets.length > 0, t),
    '',
    t('documents.email.refunds', { terms: input.refundTerms }),
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}" dir="${isRightToLeft(locale) ? 'rtl' : 'ltr'}"><body style="font-family:Arial,Helvetica,sans-serif;color:#111;max-width:640px">`,
    // The venue's colour as a band with its logo or name in white (the colour is checked for 4.5:1 against white).
    `<div style="background:${brandColor};color:#ffffff;padding:16px 20px;border-radius:8px">` +
      (logo
        ? `<img src="cid:${LOGO_CID}" alt="${escape(input.brand?.name ?? 'TicketBoss')}" height="40" style="display:block;height:40px;width:auto">`
        : `<strong style="font-size:18px">${escape(input.brand?.name ?? 'TicketBoss')}</strong>`) +
      `</div>`,
    `<p>${escape(t('documents.email.hello', { name: r.buyer }))}</p><p>${escape(intro)}</p>`,
    ...(doors ? [`<p><strong>${escape(doors)}</strong></p>`] : []),
    ...tickets.map(
      (a, i) =>
        `<p style="margin:16px 0"><img src="cid:${cid(i)}" width="600" height="250" alt="${escape(t('documents.email.ticketAlt', { summary: ticketSummary(a.ticket), event: a.ticket.eventName }))}" style="display:block;max-width:100%;height:auto">` +
        `${escape([a.ticket.place, a.ticket.ticketType].filter(Boolean).join(' · '))}` +
        (a.ticket.requiresCheck
          ? `<br><strong style="color:#b3261e">${escape(doorCheckText(a.ticket.requiresCheck, locale))}</strong>`
          : '') +
        `</p>`,
    ),
    ...(listed.length > 0
      ? [
          `<p style="margin:16px 0 4px">${escape(t('documents.email.yourTickets'))}</p><ul style="margin:0 0 16px">`,
          ...listed.map(
            (l) =>
              `<li>${escape([l.place, l.ticketType].filter(Boolean).join(' · '))}` +
              (l.requiresCheck
                ? ` <strong style="color:#b3261e">${escape(doorCheckText(l.requiresCheck, locale))}</strong>`
                : '') +
              `</li>`,
          ),
          `</ul>`,
        ]
      : []),
    ...(phone ? [liveTicketHtml(phone, brandColor, t)] : []),
    ...walletBadgesHtml(input, tickets.length > 0, t),
    receiptHtml(r, t),
    `<p><a href="${escape(input.orderUrl)}" style="display:inline-block;background:${brandColor};color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${escape(t('documents.email.seeOrder'))}</a></p>`,
    `<p style="color:#555;font-size:13px">${escape(t('documents.email.refunds', { terms: input.refundTerms }))}</p>`,
    `</body></html>`,
  ].join('\n');
  const attachments = [
    ...(logo
      ? [
          {
            filename: `logo.${logo.contentType === 'image/svg+xml' ? 'svg' : logo.contentType.split('/')[1]}`,
            content: Buffer.from(logo.bytes),
            contentType: logo.contentType,
            cid: LOGO_CID,
            contentDisposition: 'inline' as const,
          },
        ]
      : []),
    ...tickets.map((a, i) => ({
      filename: `ticket-${i + 1}-${a.ticket.place.replace(/[^A-Za-z0-9]+/g, '-')}.png`,
      content: a.png,
      contentType: 'image/png',
      cid: cid(i),
      contentDisposition: 'inline' as const,
    })),
    ...(input.ticketsPdf
      ? [
          {
            filename: `tickets-${r.orderCode}.pdf`,
            content: Buffer.from(input.ticketsPdf),
            contentType: 'application/pdf',
          },
        ]
      : []),
    ...(input.receiptPdf
      ? [
          {
            filename: `receipt-${r.orderCode}.pdf`,
            content: Buffer.from(input.receiptPdf),
            contentType: 'application/pdf',
          },
        ]
      : []),
  ];
  const raw = await new MailComposer({
    from: input.from ?? FROM,
    to: `${input.order.buyer.name.replace(/[<>"]/g, '')} <${input.order.buyer.email}>`,
    subject,
    messageId: input.messageId,
    text,
    html,
    attachments,
  })
    .compile()
    .build();
  return { subject, raw };
}

/** The live ticket's button (the shop's ticket page with the order's token), with why: beside the QR images under
 * `rotating`, in their place under `rotating_only`. */
function liveTicketHtml(phone: NonNullable<PrintableTicket['phone']>, brandColor: string, t: DocumentWords): string {
  return (
    `<p>${escape(t(phone.qr ? 'documents.liveTicket.also' : 'documents.liveTicket.only'))}</p>` +
    `<p><a href="${escape(phone.url)}" style="display:inline-block;background:${brandColor};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">${escape(t('documents.liveTicket.show'))}</a></p>`
  );
}

// passes (issue 19): "Add to Apple Wallet" / "Save to Google Wallet" as black badges (the wallets' own look) that open
// the order page, where the buttons fetch the pass with the order's token (never a token in an API link).
function offeredWallets(input: ComposeInput, hasTickets: boolean) {
  if (!hasTickets || !input.wallets) return [];
  return [
    ...(input.wallets.apple ? (['documents.passes.email.apple'] as const) : []),
    ...(input.wallets.google ? (['documents.passes.email.google'] as const) : []),
  ];
}

function walletBadgesHtml(input: ComposeInput, hasTickets: boolean, t: DocumentWords): string[] {
  const badges = offeredWallets(input, hasTickets);
  if (badges.length === 0) return [];
  const link = escape(`${input.orderUrl}#wallet`);
  return [
    `<p>${escape(t('documents.passes.email.intro'))}</p><p>` +
      badges
        .map(
          (id) =>
            `<a href="${link}" style="display:inline-block;background:#000000;color:#ffffff;padding:10px 18px;border-radius:8px;text-decoration:none;margin:0 8px 8px 0">${escape(t(id))}</a>`,
        )
        .join('') +
      `</p>`,
  ];
}

function walletBadgesText(input: ComposeInput, hasTickets: boolean, t: DocumentWords): string[] {
  const badges = offeredWallets(input, hasTickets);
  if (badges.length === 0) return [];
  return ['', t('documents.passes.email.intro'), ...badges.map((id) => `  ${t(id)}: ${input.orderUrl}#wallet`)];
}
