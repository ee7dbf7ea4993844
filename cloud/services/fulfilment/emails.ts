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

export const FROM = 'TicketBoss <tickets@ticketboss.example>';

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
}

const SUBJECTS: Record<EmailKind, (r: PrintableReceipt) => string> = {
  tickets: (r) => `Your tickets for ${r.eventName} (${r.orderCode})`,
  receipt: (r) => `Your receipt for ${r.eventName} (${r.orderCode})`,
  refund: (r) => `Your refund for ${r.eventName} (${r.orderCode})`,
  cancellation: (r) => `Your order for ${r.eventName} is cancelled (${r.orderCode})`,
  event_cancelled: (r) => `${r.eventName} is cancelled: your refund (${r.orderCode})`,
  event_postponed: (r) => `${r.eventName} is postponed to ${r.when} (${r.orderCode})`,
};

const INTROS: Record<EmailKind, string> = {
  tickets: 'Here are your tickets. Show them at the door on your phone or printed; each has its own code.',
  receipt: 'Thank you for your order. Here is your receipt.',
  refund: 'We have refunded part of your order. Here is your updated receipt.',
  cancellation: 'Your order has been cancelled and refunded in full. Here is your final receipt.',
  event_cancelled: 'The event has been cancelled and your order refunded in full.',
  event_postponed: 'The event has been postponed; your tickets stay valid for the new date.',
};

/** The receipt's lines as plain text: items with their discounts and fees, subtotal, discount, fees, tax, total,
 * payment with its reference, refunds. */
function receiptText(r: PrintableReceipt): string[] {
  const line = (l: ReceiptLine) => `${l.part ? '      ' : '  '}${l.label}  ${l.amount}`;
  return [
    `${r.eventName}`,
    `${r.when}`,
    `${r.venue}`,
    `Order ${r.orderCode} for ${r.buyer}`,
    '',
    ...r.lines.map(line),
    ...r.summary.map(line),
    `  Total  ${r.total}`,
    ...(r.taxIncluded ? [line(r.taxIncluded)] : []),
    '',
    ...r.payments.map((p) => `Paid: ${p}`),
    ...r.refunds.map((p) => `Refunded: ${p}`),
  ];
}

function receiptHtml(r: PrintableReceipt): string {
  const row = (label: string, amount: string, strong = false, part = false) =>
    `<tr><td style="padding:4px 12px 4px ${part ? '16px' : '0'}">${strong ? '<strong>' : ''}${escape(label)}${strong ? '</strong>' : ''}</td><td style="padding:4px 0;text-align:right">${strong ? '<strong>' : ''}${escape(amount)}${strong ? '</strong>' : ''}</td></tr>`;
  return [
    `<h2 style="margin:24px 0 8px">Receipt</h2>`,
    `<p style="margin:0">${escape(r.eventName)}<br>${escape(r.when)}<br>${escape(r.venue)}<br>Order <strong>${escape(r.orderCode)}</strong> for ${escape(r.buyer)}</p>`,
    `<table role="presentation" style="border-collapse:collapse;margin:12px 0">`,
    ...r.lines.map((line) => row(line.label, line.amount, false, line.part)),
    ...r.summary.map((line) => row(line.label, line.amount)),
    row('Total', r.total, true),
    ...(r.taxIncluded ? [row(r.taxIncluded.label, r.taxIncluded.amount)] : []),
    `</table>`,
    ...r.payments.map((p) => `<p style="margin:4px 0">Paid: ${escape(p)}</p>`),
    ...r.refunds.map((p) => `<p style="margin:4px 0">Refunded: ${escape(p)}</p>`),
  ].join('\n');
}

export async function composeEmail(input: ComposeInput): Promise<{ subject: string; raw: Buffer }> {
  const { receipt: r, kind } = input;
  const subject = SUBJECTS[kind](r);
  const intro = input.notice ?? INTROS[kind];
  const tickets = input.tickets ?? [];
  const listed = tickets.length > 0 ? [] : (input.listedTickets ?? []);
  const cid = (i: number) => `ticket-${i + 1}@ticketboss`;
  const text = [
    `Hello ${r.buyer},`,
    '',
    intro,
    '',
    ...(tickets.length > 0
      ? [
          `Your ${tickets.length === 1 ? 'ticket is' : `${tickets.length} tickets are`} attached (images and one PDF):`,
          ...tickets.map((t) => `  ${ticketSummary(t.ticket)}`),
          '',
        ]
      : []),
    ...(listed.length > 0 ? ['Your tickets:', ...listed.map((t) => `  ${ticketSummary(t)}`), ''] : []),
    ...receiptText(r),
    '',
    `Your order: ${input.orderUrl}`,
    '',
    `Refunds: ${input.refundTerms}`,
  ].join('\n');
  const html = [
    `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#111;max-width:640px">`,
    `<p>Hello ${escape(r.buyer)},</p><p>${escape(intro)}</p>`,
    ...tickets.map(
      (t, i) =>
        `<p style="margin:16px 0"><img src="cid:${cid(i)}" width="600" height="250" alt="Ticket: ${escape(ticketSummary(t.ticket))}, ${escape(t.ticket.eventName)}" style="display:block;max-width:100%;height:auto">` +
        `${escape([t.ticket.place, t.ticket.ticketType].filter(Boolean).join(' · '))}` +
        (t.ticket.requiresCheck
          ? `<br><strong style="color:#b3261e">${escape(doorCheckText(t.ticket.requiresCheck))}</strong>`
          : '') +
        `</p>`,
    ),
    ...(listed.length > 0
      ? [
          `<p style="margin:16px 0 4px">Your tickets:</p><ul style="margin:0 0 16px">`,
          ...listed.map(
            (t) =>
              `<li>${escape([t.place, t.ticketType].filter(Boolean).join(' · '))}` +
              (t.requiresCheck
                ? ` <strong style="color:#b3261e">${escape(doorCheckText(t.requiresCheck))}</strong>`
                : '') +
              `</li>`,
          ),
          `</ul>`,
        ]
      : []),
    receiptHtml(r),
    `<p><a href="${escape(input.orderUrl)}">See your order</a></p>`,
    `<p style="color:#555;font-size:13px">Refunds: ${escape(input.refundTerms)}</p>`,
    `</body></html>`,
  ].join('\n');
  const attachments = [
    ...tickets.map((t, i) => ({
      filename: `ticket-${i + 1}-${t.ticket.place.replace(/[^A-Za-z0-9]+/g, '-')}.png`,
      content: t.png,
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
