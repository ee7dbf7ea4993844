// A ticket as an SVG drawing: the same words as the printed ticket (printable.ts) beside the QR code of its signed
// code, drawn as one path of dark runs so it stays crisp at any size, and the venue's logo when it has one. A ticket
// in a right-to-left language is mirrored (QR code on the left, its lines set from the right, `direction="rtl"` so
// the shaper orders mixed Arabic and Latin runs). Rasterised to PNG by services/fulfilment/ticket-image.ts, whose
// fonts (Inter, Noto Sans Arabic) resvg shapes with.
import { qrRuns } from './qr.ts';
import { doorCheckText, type PrintableTicket } from './printable.ts';
import { escapeHtml as escape } from '../format.ts';
import { documentWords, isRightToLeft } from '../i18n/index.ts';
import { DEFAULT_BRAND_COLOR } from '../brand/brand-color.ts';

/** 6 × 2.5 inches at 200 dpi: sharp when printed at home at ticket size. */
export const TICKET_IMAGE = { width: 1200, height: 500 } as const;
/** Where the logo sits in a left-to-right ticket (the end of the text column, under the lines); mirrored in RTL. */
export const TICKET_IMAGE_LOGO = { x: 560, y: 400, width: 160, height: 70 } as const;

/** A venue's logo as an image the drawing can carry: PNG or JPEG bytes (SVG and WebP are rasterised first). */
export interface DrawableLogo {
  type: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

/** The QR code of `text` as one SVG path in module units, with the quiet zone: `viewBox="0 0 size size"`. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrRuns(text);
  return { size: qr.size, d: qr.runs.map(([row, col, length]) => `M${col} ${row}h${length}v1h-${length}z`).join('') };
}

/** Bytes as base64 without Node's Buffer (the domain also runs in the browser). */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Cuts text that would run past `max` characters (the layout's width at that size). */
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The ticket in three layers, drawn one over the other, each a whole-ticket SVG: the background (frame, brand band,
 * the event's lines and the venue's logo: the same for every ticket of an event, so the renderer keeps its pixels),
 * the order's and ticket's lines, and the QR code (`qr`, for the renderer to draw) or the phone ticket's notice.
 * Their elements joined in that order, but the logo after the lines, are `ticketSvg`.
 */
export function ticketLayers(
  ticket: PrintableTicket,
  logo: DrawableLogo | null = null,
): { background: string; lines: string; code: string | null; qr: QrSquare | null } {
  const { parts, svgOf, qr } = ticketParts(ticket, logo, { qrPath: false });
  return {
    background: svgOf(parts.background + parts.logo),
    lines: svgOf(parts.lines),
    code: qr ? null : svgOf(parts.code),
    qr,
  };
}

/** Where a ticket's QR code is drawn: `text`'s code filling the square at (x, y) with side `size`, on white, its
 * modules with crisp edges (`shape-rendering="crispEdges"`: no anti-aliasing). */
export interface QrSquare {
  text: string;
  x: number;
  y: number;
  size: number;
}

/** The ticket's elements, grouped by layer, and the root element they are drawn in. */
function ticketParts(ticket: PrintableTicket, logo: DrawableLogo | null, options = { qrPath: true }) {
  const { width, height } = TICKET_IMAGE;
  const t = documentWords(ticket.locale);
  const rtl = isRightToLeft(ticket.locale);
  const when = ticket.doors ? `${ticket.when} · ${t('documents.ticket.doors', { time: ticket.doors })}` : ticket.when;
  const qrSide = height - 60;
  // Left to right: text from x 48, QR code at the right. Right to left: the mirror image.
  const mirror = (x: number, w = 0) => (rtl ? width - x - w : x);
  const text = (
    y: number,
    size: number,
    value: string,
    options: { bold?: boolean; grey?: boolean; fill?: string; max: number },
  ) =>
    `<text x="${mirror(48)}" y="${y}" font-size="${size}"${rtl ? ' direction="rtl" text-anchor="end"' : ''}${options.bold ? ' font-weight="700"' : ''} fill="${options.fill ?? (options.grey ? '#555555' : '#111111')}">${escape(clip(value, options.max))}</text>`;
  // The type leads its line in bold, and the door check has a line of its own in red: the door staff look for them.
  const sold = [ticket.ticketType, ticket.tier, ticket.price].filter(Boolean).join(' · ');
  const box = TICKET_IMAGE_LOGO;
  const logoImage = logo
    ? `<image x="${mirror(box.x, box.width)}" y="${box.y}" width="${box.width}" height="${box.height}" preserveAspectRatio="xMidYMid meet" href="data:${logo.type};base64,${base64(logo.bytes)}"/>`
    : '';
  // A code that starts with a digit would attach to the Arabic before it (bidi rule W2): a left-to-right mark keeps
  // it one left-to-right run.
  const code = (value: string) => (rtl ? `\u200e${value}` : value);
  const fonts = rtl ? 'Noto Sans Arabic, Inter' : 'Inter, Noto Sans Arabic';
  const svgOf = (content: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${fonts}">${content}</svg>`;
  const background = [
    `<rect width="${width}" height="${height}" rx="24" fill="#ffffff" stroke="#111111" stroke-width="4"/>`,
    `<rect x="${mirror(0, 16)}" y="0" width="16" height="${height}" fill="${ticket.brandColor ?? DEFAULT_BRAND_COLOR}"/>`,
    text(90, 46, ticket.eventName, { bold: true, max: 28 }),
    text(140, 28, when, { max: 60 }),
    text(180, 26, ticket.venue, { grey: true, max: 46 }),
  ].join('');
  const lines = [
    text(252, 40, ticket.place, { bold: true, max: 32 }),
    text(298, 28, sold, { bold: ticket.ticketType !== null, max: 42 }),
    ticket.requiresCheck
      ? text(340, 26, doorCheckText(ticket.requiresCheck, ticket.locale), { bold: true, fill: '#b3261e', max: 44 })
      : '',
    text(390, 28, ticket.holder, { max: 44 }),
    text(428, 24, t('documents.ticket.order', { code: code(ticket.orderCode) }), { grey: true, max: logo ? 36 : 50 }),
    text(462, 18, t('documents.ticket.id', { id: code(ticket.ticketId) }), { grey: true, max: logo ? 48 : 70 }),
  ].join('');
  const square = { x: mirror(width - qrSide - 30, qrSide), y: 30, size: qrSide };
  const phoneOnly = ticket.phone && !ticket.phone.qr;
  // The layers leave the QR code's path out: the renderer draws the code's modules itself.
  const codeArt = phoneOnly
    ? phoneTicketSvg(ticket, square, rtl)
    : options.qrPath
      ? // A group scaled to the square, not a nested <svg>: the same pixels, without the viewport's clip layer that
        // cost resvg a third of the ticket's rasterising (nothing in it reaches past the square).
        qrSquareSvg(ticket.code, square)
      : '';
  return {
    parts: { background, lines, logo: logoImage, code: codeArt },
    svgOf,
    qr: phoneOnly ? null : { text: ticket.code, ...square },
  };
}

/** The QR code of `text` filling a square, on white, with crisp module edges. */
function qrSquareSvg(text: string, at: { x: number; y: number; size: number }): string {
  const qr = qrPath(text);
  return (
    `<g transform="translate(${at.x} ${at.y}) scale(${at.size / qr.size})" shape-rendering="crispEdges">` +
    `<rect width="${qr.size}" height="${qr.size}" fill="#ffffff"/><path d="${qr.d}" fill="#000000"/></g>`
  );
}

/** The whole ticket as one SVG drawing: its layers' elements in order, the logo after the lines as it always was. */
export function ticketSvg(ticket: PrintableTicket, logo: DrawableLogo | null = null): string {
  const { parts, svgOf } = ticketParts(ticket, logo);
  return svgOf(parts.background + parts.lines + parts.logo + parts.code);
}

/** Words cut into lines of at most `max` characters (a word longer than a line, a link, cut where it must). */
function lines(text: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= max) {
      line = next;
      continue;
    }
    if (line) out.push(line);
    line = '';
    for (let i = 0; i < word.length; i += max) {
      const part = word.slice(i, i + max);
      if (part.length === max) out.push(part);
      else line = part;
    }
  }
  if (line) out.push(line);
  return out;
}

/** In the QR code's place, on a ticket whose static code the door refuses (rotating_only): what to show instead and
 * the link to the live ticket, in a framed square (pdf.ts draws the same on a left-to-right page). */
function phoneTicketSvg(ticket: PrintableTicket, at: { x: number; y: number; size: number }, rtl: boolean): string {
  const t = documentWords(ticket.locale);
  const x = rtl ? at.x + at.size - 24 : at.x + 24;
  const direction = rtl ? ' direction="rtl" text-anchor="end"' : '';
  let y = at.y + 56;
  // A link reads left to right in either direction; only its place follows the page.
  const block = (text: string, size: number, max: number, options: { bold?: boolean; ltr?: boolean } = {}) => {
    const attributes = options.ltr ? (rtl ? ' text-anchor="end"' : '') : direction;
    const drawn = lines(text, max).map((line) => {
      const svg = `<text x="${x}" y="${y}" font-size="${size}"${attributes}${options.bold ? ' font-weight="700"' : ''} fill="#111111">${escape(line)}</text>`;
      y += Math.round(size * 1.3);
      return svg;
    });
    y += 16;
    return drawn.join('');
  };
  return [
    `<rect x="${at.x}" y="${at.y}" width="${at.size}" height="${at.size}" rx="16" fill="#ffffff" stroke="#111111" stroke-width="4"/>`,
    block(t('documents.liveTicket.show'), 34, 22, { bold: true }),
    block(t('documents.liveTicket.noCode'), 22, 34),
    block(ticket.phone!.url, 15, 44, { ltr: true }),
  ].join('');
}
