// A ticket as an SVG drawing: the same words as the printed ticket (printable.ts) beside the QR code of its signed
// code, drawn as one path of dark runs so it stays crisp at any size. Rasterised to PNG for emails by
// services/fulfilment/ticket-image.ts.
import { qrRuns } from './qr.ts';
import { doorCheckText, type PrintableTicket } from './printable.ts';
import { escapeHtml as escape } from '../format.ts';
import { documentWords } from '../i18n/index.ts';
import { DEFAULT_BRAND_COLOR } from '../brand/brand-color.ts';

/** 6 × 2.5 inches at 200 dpi: sharp when printed at home at ticket size. */
export const TICKET_IMAGE = { width: 1200, height: 500 } as const;

/** The QR code of `text` as one SVG path in module units, with the quiet zone: `viewBox="0 0 size size"`. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrRuns(text);
  return { size: qr.size, d: qr.runs.map(([row, col, length]) => `M${col} ${row}h${length}v1h-${length}z`).join('') };
}

/** Cuts text that would run past `max` characters (the layout's width at that size). */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function ticketSvg(ticket: PrintableTicket): string {
  const { width, height } = TICKET_IMAGE;
  const t = documentWords(ticket.locale);
  const when = ticket.doors ? `${ticket.when} · ${t('documents.ticket.doors', { time: ticket.doors })}` : ticket.when;
  const qr = qrPath(ticket.code);
  const qrSide = height - 60;
  const text = (
    y: number,
    size: number,
    value: string,
    options: { bold?: boolean; grey?: boolean; fill?: string; max: number },
  ) =>
    `<text x="48" y="${y}" font-size="${size}"${options.bold ? ' font-weight="700"' : ''} fill="${options.fill ?? (options.grey ? '#555555' : '#111111')}">${escape(clip(value, options.max))}</text>`;
  // The type leads its line in bold, and the door check has a line of its own in red: the door staff look for them.
  const sold = [ticket.ticketType, ticket.tier, ticket.price].filter(Boolean).join(' · ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Inter">`,
    `<rect width="${width}" height="${height}" rx="24" fill="#ffffff" stroke="#111111" stroke-width="4"/>`,
    `<rect x="0" y="0" width="16" height="${height}" fill="${ticket.brandColor ?? DEFAULT_BRAND_COLOR}"/>`,
    text(90, 46, ticket.eventName, { bold: true, max: 28 }),
    text(140, 28, when, { max: 60 }),
    text(180, 26, ticket.venue, { grey: true, max: 46 }),
    text(252, 40, ticket.place, { bold: true, max: 32 }),
    text(298, 28, sold, { bold: ticket.ticketType !== null, max: 42 }),
    ticket.requiresCheck
      ? text(340, 26, doorCheckText(ticket.requiresCheck, ticket.locale), { bold: true, fill: '#b3261e', max: 44 })
      : '',
    text(390, 28, ticket.holder, { max: 44 }),
    text(428, 24, t('documents.ticket.order', { code: ticket.orderCode }), { grey: true, max: 50 }),
    text(462, 18, t('documents.ticket.id', { id: ticket.ticketId }), { grey: true, max: 70 }),
    `<svg x="${width - qrSide - 30}" y="30" width="${qrSide}" height="${qrSide}" viewBox="0 0 ${qr.size} ${qr.size}" shape-rendering="crispEdges">`,
    `<rect width="${qr.size}" height="${qr.size}" fill="#ffffff"/><path d="${qr.d}" fill="#000000"/></svg>`,
    `</svg>`,
  ].join('');
}
