// Printed documents as PDF: tickets on ticket stock (one a page, the QR code drawn as vectors so it stays sharp at
// any printer resolution), the receipt on an 80 mm roll, and the box office's end-of-shift report on A4. Pure
// functions of what printable.ts says, so kiosks, counters and emails print the same thing.
import {
  fill,
  PDFContentStream,
  PDFName,
  PDFDocument,
  PDFRawStream,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingColor,
  StandardFonts,
  type PDFFont,
  type PDFImage,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { qrRuns } from './qr.ts';
import { doorCheckText, type PrintableReceipt, type PrintableTicket } from './printable.ts';
import { documentWords, isRightToLeft } from '../i18n/index.ts';
import type { DrawableLogo } from './ticket-svg.ts';
import type { PrintableShiftTakings } from './shift-takings.ts';

/** 6 × 2.5 inches: the common thermal ticket stock of box-office printers. */
export const TICKET_PAGE = { width: 432, height: 180 } as const;
/** An 80 mm receipt roll (72 mm printable). */
export const RECEIPT_WIDTH = 227;
const A4 = { width: 595, height: 842 } as const;
const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

async function newDocument(title: string, subject: string): Promise<{ pdf: PDFDocument; fonts: Fonts }> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setSubject(subject);
  pdf.setProducer('TicketBoss');
  pdf.setCreator('TicketBoss');
  const fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  };
  return { pdf, fonts };
}

/** zlib's deflate (RFC 1950) of some bytes: the platform's, where there is one (Node's zlib in the services). */
export type Deflate = (bytes: Uint8Array) => Uint8Array;

/**
 * The document's bytes. pdf-lib compresses its streams with pako, in JavaScript, and that was most of a small PDF's
 * cost: given the platform's `deflate`, the pages' content streams are compressed with it instead, and the objects
 * are written plainly with a classic cross-reference table (no object stream to compress; a few hundred bytes more).
 */
async function saveDocument(pdf: PDFDocument, deflate: Deflate | undefined): Promise<Uint8Array> {
  if (!deflate) return pdf.save();
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    // A content stream to be encoded carries its /Filter /FlateDecode already; its length is set as it is written.
    if (object instanceof PDFContentStream && object.dict.has(PDFName.of('Filter'))) {
      pdf.context.assign(ref, PDFRawStream.of(object.dict, deflate(object.getUnencodedContents())));
    }
  }
  return pdf.save({ useObjectStreams: false });
}

/** The standard PDF fonts carry Latin-1 only: anything else prints as '?', never as an error. */
function printable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text.normalize('NFC')].map((ch) => (supported.has(ch.codePointAt(0)!) ? ch : '?')).join('');
}

/** Text cut with an ellipsis to fit the width. */
function fit(font: PDFFont, text: string, size: number, width: number): string {
  let value = printable(font, text);
  if (font.widthOfTextAtSize(value, size) <= width) return value;
  while (value.length > 1 && font.widthOfTextAtSize(value + '...', size) > width) value = value.slice(0, -1);
  return value + '...';
}

function write(
  page: PDFPage,
  font: PDFFont,
  text: string,
  at: { x: number; y: number; size: number; width: number; color?: ReturnType<typeof rgb> },
): void {
  page.drawText(fit(font, text, at.size, at.width), { x: at.x, y: at.y, size: at.size, font, color: at.color ?? INK });
}

/**
 * The QR code of `text` as dark squares, its quiet zone included in `size`; bottom-left corner at (x, y). Each run
 * of dark modules in a row is one `re` operator and the whole code one fill: a few hundred operators, not thousands.
 */
export function drawQr(page: PDFPage, text: string, at: { x: number; y: number; size: number }): void {
  const qr = qrRuns(text);
  const cell = at.size / qr.size;
  const operators: PDFOperator[] = [pushGraphicsState(), setFillingColor(INK)];
  for (const [row, col, length] of qr.runs) {
    operators.push(rectangle(at.x + col * cell, at.y + at.size - (row + 1) * cell, length * cell, cell));
  }
  operators.push(fill(), popGraphicsState());
  page.pushOperators(...operators);
}

export interface TicketsPdfOptions {
  /** The venue's logo, drawn at the end of each ticket's text column. */
  logo?: DrawableLogo | null;
  /**
   * The ticket as a 1200 × 500 PNG (services/fulfilment/ticket-image.ts), the page of a right-to-left ticket:
   * pdf-lib cannot shape Arabic, resvg can, and the image has the page's proportions (6 × 2.5 in at 200 dpi).
   */
  pageImage?: (ticket: PrintableTicket) => Uint8Array;
  /** The platform's deflate, for the pages' content (saveDocument). */
  deflate?: Deflate;
}

/** One page a ticket: event, when, where, seat, holder and order code on the left, the QR code on the right. */
export async function ticketsPdf(tickets: PrintableTicket[], options: TicketsPdfOptions = {}): Promise<Uint8Array> {
  const locale = tickets[0]?.locale ?? 'en';
  const t = documentWords(locale);
  const { pdf, fonts } = await newDocument(
    t('documents.ticket.count', { count: tickets.length }),
    tickets[0]
      ? t('documents.ticket.documentSubject', { event: tickets[0].eventName, code: tickets[0].orderCode })
      : t('documents.ticket.count', { count: 0 }),
  );
  const qrSize = TICKET_PAGE.height - 20;
  const textWidth = TICKET_PAGE.width - qrSize - 36;
  // Embedded once, at the first page drawn as text (an image page carries the logo in its image).
  let embedded: PDFImage | undefined;
  const embedLogo = async (logo: DrawableLogo) =>
    (embedded ??= logo.type === 'image/png' ? await pdf.embedPng(logo.bytes) : await pdf.embedJpg(logo.bytes));
  for (const ticket of tickets) {
    const page = pdf.addPage([TICKET_PAGE.width, TICKET_PAGE.height]);
    if (isRightToLeft(ticket.locale)) {
      if (!options.pageImage) throw new Error('A right-to-left ticket is drawn from its page image.');
      const image = await pdf.embedPng(options.pageImage(ticket));
      page.drawImage(image, { x: 0, y: 0, width: TICKET_PAGE.width, height: TICKET_PAGE.height });
      continue;
    }
    const logo = options.logo ? await embedLogo(options.logo) : null;
    const x = 16;
    const w = (text: string, y: number, size: number, font = fonts.regular, color = INK, width = textWidth) =>
      write(page, font, text, { x, y, size, width, color });
    w(ticket.eventName, 150, 15, fonts.bold);
    w(ticket.doors ? `${ticket.when} · ${t('documents.ticket.doors', { time: ticket.doors })}` : ticket.when, 132, 10);
    w(ticket.venue, 118, 10, fonts.regular, GREY);
    w(ticket.place, 94, 14, fonts.bold);
    // The type leads its line in bold, and the door check has a bold line of its own: the door staff look for them.
    const sold = [ticket.ticketType, ticket.tier, ticket.price].filter(Boolean).join(' · ');
    w(sold, 78, 10, ticket.ticketType ? fonts.bold : fonts.regular);
    if (ticket.requiresCheck) w(doorCheckText(ticket.requiresCheck, locale), 63, 10, fonts.bold);
    w(ticket.holder, 46, 10);
    // The logo sits at the end of the last two lines, in a 64 × 28 pt box.
    const lastWidth = logo ? textWidth - 70 : textWidth;
    w(t('documents.ticket.order', { code: ticket.orderCode }), 32, 9, fonts.regular, GREY, lastWidth);
    w(t('documents.ticket.id', { id: ticket.ticketId.slice(0, 8) }), 19, 7, fonts.regular, GREY, lastWidth);
    if (logo) {
      const size = logo.scaleToFit(64, 28);
      page.drawImage(logo, { x: x + textWidth - size.width, y: 12, width: size.width, height: size.height });
    }
    const square = { x: TICKET_PAGE.width - qrSize - 10, y: 10, size: qrSize };
    if (ticket.phone && !ticket.phone.qr) drawPhoneTicket(page, fonts, ticket, square);
    else drawQr(page, ticket.code, square);
  }
  return saveDocument(pdf, options.deflate);
}

/** Lines of at most `width` points: words kept whole, a word longer than a line (a link) cut where it must. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of printable(font, text).split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const ch of word) {
      if (font.widthOfTextAtSize(line + ch, size) > width) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** In the QR code's place, on a ticket whose static code the door refuses (rotating_only): what to show instead and
 * the link to the live ticket, in a framed square, so a printout is plainly not a ticket to scan. */
function drawPhoneTicket(
  page: PDFPage,
  fonts: Fonts,
  ticket: PrintableTicket,
  at: { x: number; y: number; size: number },
): void {
  const t = documentWords(ticket.locale);
  page.drawRectangle({ x: at.x, y: at.y, width: at.size, height: at.size, borderColor: INK, borderWidth: 1.5 });
  const width = at.size - 16;
  let y = at.y + at.size - 22;
  const lines = (text: string, size: number, font: PDFFont, color = INK, gap = 4) => {
    for (const line of wrap(font, text, size, width)) {
      page.drawText(line, { x: at.x + 8, y, size, font, color });
      y -= size * 1.25;
    }
    y -= gap;
  };
  lines(t('documents.liveTicket.show'), 12, fonts.bold);
  lines(t('documents.liveTicket.noCode'), 8, fonts.regular);
  lines(ticket.phone!.url, 6, fonts.regular, GREY, 0);
}

/** Lines of a receipt, laid out top to bottom on a roll as long as it needs. */
/** A line of text as a PNG (services/fulfilment/ticket-image.ts: textLinePng), `width` × `height` points drawn at
 * 4 px a point, set at the box's right or left edge: how a right-to-left receipt gets shaped words from pdf-lib. */
export type LineImage = (
  text: string,
  box: { size: number; bold: boolean; width: number; height: number; align: 'right' | 'left' },
) => Uint8Array;

export async function receiptPdf(
  receipt: PrintableReceipt,
  options: { lineImage?: LineImage; deflate?: Deflate } = {},
): Promise<Uint8Array> {
  const t = documentWords(receipt.locale ?? 'en');
  const { pdf, fonts } = await newDocument(
    receipt.title,
    t('documents.ticket.documentSubject', { event: receipt.eventName, code: receipt.orderCode }),
  );
  type Line = { text: string; amount?: string; size: number; bold?: boolean; gap?: number; indent?: number };
  const lines: Line[] = [
    { text: 'TicketBoss', size: 14, bold: true },
    { text: receipt.title, size: 10, gap: 8 },
    ...(receipt.notice ? [{ text: receipt.notice, size: 9, bold: true, gap: 6 }] : []),
    { text: receipt.eventName, size: 10, bold: true },
    { text: receipt.when, size: 8 },
    { text: receipt.venue, size: 8, gap: 6 },
    { text: t('documents.ticket.order', { code: receipt.orderCode }), size: 9 },
    { text: receipt.buyer, size: 9, gap: 8 },
    ...receipt.lines.map((line, i) => ({
      text: line.label,
      amount: line.amount,
      size: 8,
      indent: line.part ? 8 : 0,
      gap: i === receipt.lines.length - 1 ? 4 : 0,
    })),
    ...receipt.summary.map((line) => ({ text: line.label, amount: line.amount, size: 8 })),
    {
      text: t('documents.receipt.total'),
      amount: receipt.total,
      size: 10,
      bold: true,
      gap: receipt.taxIncluded ? 0 : 8,
    },
    ...(receipt.taxIncluded
      ? [{ text: receipt.taxIncluded.label, amount: receipt.taxIncluded.amount, size: 8, gap: 8 }]
      : []),
    ...receipt.payments.map((text) => ({ text, size: 8 })),
    ...receipt.refunds.map((refund) => ({ text: t('documents.receipt.refunded', { refund }), size: 8 })),
    { text: t('documents.receipt.issued', { at: receipt.issuedAt }), size: 7, gap: 0 },
  ];
  const margin = 10;
  const height = margin * 2 + lines.reduce((sum, line) => sum + line.size * 1.35 + (line.gap ?? 0), 0);
  const page = pdf.addPage([RECEIPT_WIDTH, Math.ceil(height)]);
  let y = page.getHeight() - margin;
  const width = RECEIPT_WIDTH - 2 * margin;
  const rtl = isRightToLeft(receipt.locale ?? 'en');
  if (rtl && !options.lineImage) throw new Error('A right-to-left receipt is drawn from line images.');
  for (const line of lines) {
    y -= line.size * 1.35;
    if (rtl) {
      // Mirrored: the words from the right edge, the amount in a column at the left; each an image of shaped text.
      const draw = async (text: string, x: number, w: number, align: 'right' | 'left') => {
        const box = { size: line.size, bold: line.bold ?? false, width: w, height: line.size * 1.35, align };
        const image = await pdf.embedPng(options.lineImage!(text, box));
        page.drawImage(image, { x, y: y - line.size * 0.35, width: w, height: box.height });
      };
      const amountColumn = line.amount ? width * 0.35 : 0;
      const indent = line.indent ?? 0;
      await draw(line.text, margin + amountColumn, width - amountColumn - indent, 'right');
      if (line.amount) await draw(line.amount, margin, amountColumn - 4, 'left');
      y -= line.gap ?? 0;
      continue;
    }
    const font = line.bold ? fonts.bold : fonts.regular;
    const amountWidth = line.amount ? font.widthOfTextAtSize(line.amount, line.size) + 6 : 0;
    const indent = line.indent ?? 0;
    write(page, font, line.text, { x: margin + indent, y, size: line.size, width: width - amountWidth - indent });
    if (line.amount) {
      page.drawText(printable(font, line.amount), {
        x: RECEIPT_WIDTH - margin - font.widthOfTextAtSize(line.amount, line.size),
        y,
        size: line.size,
        font,
      });
    }
    y -= line.gap ?? 0;
  }
  return saveDocument(pdf, options.deflate);
}

export interface PrintableShiftReport {
  seller: string;
  venue: string;
  period: string;
  rows: {
    method: string;
    orders: number;
    tickets: number;
    taken: string;
    refunds: number;
    refunded: string;
    net: string;
  }[];
  cashExpected: string[];
  openingFloat: string;
  /** Per currency, the takings line by line (shift-takings.ts). */
  takings: PrintableShiftTakings[];
}

/** The end-of-shift report on A4: per payment method what was taken and refunded, per currency the takings line by
 * line, and the cash the drawer should hold. */
export async function shiftReportPdf(report: PrintableShiftReport): Promise<Uint8Array> {
  const { pdf, fonts } = await newDocument('End-of-shift report', `${report.seller}, ${report.period}`);
  const page = pdf.addPage([A4.width, A4.height]);
  const x = 50;
  const width = A4.width - 2 * x;
  let y = A4.height - 70;
  const line = (text: string, size: number, bold = false) => {
    write(page, bold ? fonts.bold : fonts.regular, text, { x, y, size, width });
    y -= size * 1.6;
  };
  line('End-of-shift report', 20, true);
  line(report.venue, 11);
  line(`Seller: ${report.seller}`, 11);
  line(report.period, 11);
  y -= 12;
  const columns = [
    { title: 'Payment', x: 0, w: 120 },
    { title: 'Orders', x: 120, w: 50, right: true },
    { title: 'Tickets', x: 170, w: 55, right: true },
    { title: 'Taken', x: 225, w: 80, right: true },
    { title: 'Refunds', x: 305, w: 55, right: true },
    { title: 'Refunded', x: 360, w: 70, right: true },
    { title: 'Net', x: 430, w: 65, right: true },
  ];
  const row = (cells: string[], bold = false) => {
    const font = bold ? fonts.bold : fonts.regular;
    cells.forEach((cell, i) => {
      const column = columns[i]!;
      const text = fit(font, cell, 10, column.w - 4);
      const left = column.right ? column.x + column.w - font.widthOfTextAtSize(text, 10) : column.x;
      page.drawText(text, { x: x + left, y, size: 10, font });
    });
    y -= 18;
  };
  row(
    columns.map((c) => c.title),
    true,
  );
  page.drawLine({ start: { x, y: y + 13 }, end: { x: x + width, y: y + 13 }, thickness: 0.5, color: GREY });
  if (report.rows.length === 0) line('No sales in this shift.', 10);
  for (const r of report.rows) {
    row([r.method, String(r.orders), String(r.tickets), r.taken, String(r.refunds), r.refunded, r.net]);
  }
  // A label on the left, its amount on the right; a note indented and grey (shown, not added).
  const amountLine = (label: string, amount: string, style: 'line' | 'note' | 'total') => {
    const font = style === 'total' ? fonts.bold : fonts.regular;
    const color = style === 'note' ? GREY : INK;
    const indent = style === 'note' ? 12 : 0;
    page.drawText(fit(font, label, 10, width - 110 - indent), { x: x + indent, y, size: 10, font, color });
    const text = fit(font, amount, 10, 100);
    page.drawText(text, { x: x + width - font.widthOfTextAtSize(text, 10), y, size: 10, font, color });
    y -= 16;
  };
  for (const takings of report.takings) {
    y -= 12;
    line(takings.heading, 12, true);
    for (const entry of takings.lines) amountLine(entry.label, entry.amount, entry.note ? 'note' : 'line');
    amountLine('Takings', takings.total, 'total');
  }
  y -= 12;
  line(`Opening float: ${report.openingFloat}`, 11);
  line(`Cash expected in the drawer: ${report.cashExpected.join(', ') || report.openingFloat}`, 13, true);
  return pdf.save();
}
