// Ticket images for emails (and the pages of a right-to-left tickets PDF): the SVG template rasterised to PNG by resvg
// with the fonts shipped in the package (no system fonts: a Lambda has none), at 1200 × 500 px. Inter draws Latin,
// Noto Sans Arabic draws Arabic; resvg shapes both (rustybuzz) and orders mixed runs by the text's direction.
import { createRequire } from 'node:module';
import type * as ResvgModule from '@resvg/resvg-js';
import { TICKET_IMAGE, ticketLayers, type DrawableLogo, type QrSquare } from '../../domain/documents/ticket-svg.ts';
import type { PrintableTicket } from '../../domain/documents/printable.ts';
import type { LineImage } from '../../domain/documents/pdf.ts';
import { escapeHtml } from '../../domain/format.ts';
import { encodePngRows, encodePremultipliedPng, premultipliedRows, rowBytes } from './png.ts';
import { qrRuns } from '../../domain/documents/qr.ts';

const require = createRequire(import.meta.url);
export const TICKET_FONTS = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
  require.resolve('@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf'),
];

// Loaded at the first image, not at import: only the job that sends emails renders, and the native module would
// otherwise add to every function's cold start.
let resvgModule: typeof ResvgModule | undefined;
const resvg = () => (resvgModule ??= require('@resvg/resvg-js') as typeof ResvgModule);

const RENDER_OPTIONS = {
  font: { fontFiles: TICKET_FONTS, loadSystemFonts: false, defaultFontFamily: 'Inter' },
  shapeRendering: 2,
  textRendering: 1,
} as const satisfies ResvgModule.ResvgRenderOptions;

/** An SVG drawing's premultiplied RGBA pixels, with the shipped fonts only. */
function renderSvg(svg: string, fontFiles: string[] = TICKET_FONTS) {
  const image = new (resvg().Resvg)(svg, { ...RENDER_OPTIONS, font: { ...RENDER_OPTIONS.font, fontFiles } });
  const pixmap = image.render();
  return { pixels: pixmap.pixels, width: pixmap.width, height: pixmap.height };
}

/** An SVG drawing as PNG, with the shipped fonts only (`fontFiles` narrows them, e.g. in tests). */
export function renderSvgPng(svg: string, fontFiles: string[] = TICKET_FONTS): Buffer {
  const { pixels, width, height } = renderSvg(svg, fontFiles);
  return encodePremultipliedPng(pixels, width, height);
}

/** A line of shaped right-to-left text as a PNG at 4 px a point, for a receipt PDF's line (pdf.ts LineImage). */
export const textLinePng: LineImage = (text, box) => {
  const scale = 4;
  const [w, h] = [Math.ceil(box.width * scale), Math.ceil(box.height * scale)];
  const x = box.align === 'right' ? w : 0;
  const anchor = box.align === 'right' ? 'end' : 'start';
  return renderSvgPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="Noto Sans Arabic, Inter">` +
      `<text x="${x}" y="${Math.round(box.size * scale)}" font-size="${box.size * scale}" direction="rtl" text-anchor="${anchor}"${box.bold ? ' font-weight="700"' : ''} fill="#000000">${escapeHtml(text)}</text></svg>`,
  );
};

// A ticket's background (frame, brand band, the event's lines, the logo) is the same for every ticket of an event and
// was most of a ticket's rasterising (its text shaped anew each time, a whole 1200 × 500 canvas filled and
// demultiplied): the last few backgrounds are kept as PNG scanlines, keyed by their SVG (so by everything drawn in
// them), 2.4 MB each.
const backgrounds = new Map<string, Buffer>();
const RECENT_BACKGROUNDS = 8;

function backgroundRows(svg: string): Buffer {
  const known = backgrounds.get(svg);
  if (known) {
    backgrounds.delete(svg); // the most recently used last, the next to go first
    backgrounds.set(svg, known);
    return known;
  }
  const { pixels, width, height } = renderSvg(svg);
  const rows = premultipliedRows(pixels, width, height);
  if (backgrounds.size >= RECENT_BACKGROUNDS) backgrounds.delete(backgrounds.keys().next().value!);
  backgrounds.set(svg, rows);
  return rows;
}

const ROW = rowBytes(TICKET_IMAGE.width);

/**
 * A layer (a whole-ticket SVG) drawn over a ticket's scanlines (source over, straight RGBA). Only the box around what
 * it draws is rasterised, at whole pixels so the pixel grid stays the ticket's: a layer's canvas was most of its cost.
 * Most of the box is transparent or opaque, a word's test each; only anti-aliased edges are blended.
 */
function drawOver(rows: Buffer, svg: string): void {
  const image = new (resvg().Resvg)(svg, RENDER_OPTIONS);
  const bbox = image.innerBBox();
  if (!bbox) return;
  // Two pixels more each side for anti-aliasing (the box is that of the outlines), within the ticket.
  const [left, top] = [Math.max(0, Math.floor(bbox.x) - 2), Math.max(0, Math.floor(bbox.y) - 2)];
  const right = Math.min(TICKET_IMAGE.width, Math.ceil(bbox.x + bbox.width) + 2);
  const bottom = Math.min(TICKET_IMAGE.height, Math.ceil(bbox.y + bbox.height) + 2);
  if (right <= left || bottom <= top) return;
  Object.assign(bbox, { x: left, y: top, width: right - left, height: bottom - top });
  image.cropByBBox(bbox);
  const pixmap = image.render();
  const { width, height } = pixmap;
  const pixels = pixmap.pixels;
  const words =
    pixels.byteOffset % 4 === 0
      ? new Uint32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4)
      : new Uint32Array(Uint8Array.from(pixels).buffer);
  for (let y = 0; y < height; y++) {
    let to = (top + y) * ROW + 1 + left * 4;
    for (let from = y * width; from < (y + 1) * width; from++, to += 4) {
      if (words[from] === 0) continue;
      const at = from * 4;
      const alpha = pixels[at + 3]!;
      const under = rows[to + 3]!;
      if (alpha === 255 || under === 0) {
        // Opaque, or over nothing: the layer's pixel, demultiplied.
        for (let c = 0; c < 3; c++) rows[to + c] = Math.trunc((pixels[at + c]! * 255) / alpha + 0.5);
        rows[to + 3] = alpha;
      } else if (under === 255) {
        for (let c = 0; c < 3; c++) rows[to + c] = pixels[at + c]! + Math.round((rows[to + c]! * (255 - alpha)) / 255);
      } else {
        // Partly transparent over partly transparent (no ticket's layers do this): premultiply, blend, demultiply.
        const a = alpha + Math.round((under * (255 - alpha)) / 255);
        for (let c = 0; c < 3; c++) {
          const blended = pixels[at + c]! + ((rows[to + c]! * under) / 255) * ((255 - alpha) / 255);
          rows[to + c] = Math.min(255, Math.trunc((blended * 255) / a + 0.5));
        }
        rows[to + 3] = a;
      }
    }
  }
}

/**
 * A QR code drawn straight into a ticket's scanlines: its square white, its dark modules black, each module's edges
 * at the pixel whose centre they pass (how resvg fills a `crispEdges` path: no anti-aliasing), so the same pixels as
 * rasterising the code's path, without resvg's cost of filling a few hundred small rectangles.
 */
function drawQr(rows: Buffer, square: QrSquare): void {
  const qr = qrRuns(square.text);
  const cell = square.size / qr.size;
  const edge = (origin: number, modules: number) => Math.ceil(origin + modules * cell - 0.5);
  for (let y = square.y; y < square.y + square.size; y++) {
    rows.fill(255, y * ROW + 1 + square.x * 4, y * ROW + 1 + (square.x + square.size) * 4);
  }
  const black = Buffer.from([0, 0, 0, 255]);
  for (const [row, col, length] of qr.runs) {
    const [left, right] = [edge(square.x, col), edge(square.x, col + length)];
    for (let y = edge(square.y, row); y < edge(square.y, row + 1); y++) {
      rows.fill(black, y * ROW + 1 + left * 4, y * ROW + 1 + right * 4);
    }
  }
}

/** The ticket as a PNG: its background from the recent ones (or drawn), its lines and code drawn over it. The pixels
 * are the one-pass drawing's (`ticketSvg`) but for rounding where an anti-aliased glyph edge meets the background. */
export function renderTicketPng(ticket: PrintableTicket, logo: DrawableLogo | null = null): Buffer {
  const { width, height } = TICKET_IMAGE;
  const layers = ticketLayers(ticket, logo);
  const rows = Buffer.from(backgroundRows(layers.background));
  drawOver(rows, layers.lines);
  if (layers.qr) drawQr(rows, layers.qr);
  if (layers.code) drawOver(rows, layers.code);
  return encodePngRows(rows, width, height);
}

/**
 * A venue's logo as PNG or JPEG, what pdf-lib embeds and the ticket drawing carries: PNG and JPEG as they are, SVG
 * and WebP rasterised by resvg (at most 600 px wide). Null when it cannot be drawn (then the documents go without).
 */
export function drawableLogo(logo: { bytes: Uint8Array; contentType: string } | null): DrawableLogo | null {
  if (!logo) return null;
  if (logo.contentType === 'image/png' || logo.contentType === 'image/jpeg') {
    return { type: logo.contentType, bytes: logo.bytes };
  }
  try {
    const svg =
      logo.contentType === 'image/svg+xml'
        ? Buffer.from(logo.bytes)
        : `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="260"><image width="600" height="260" href="data:${logo.contentType};base64,${Buffer.from(logo.bytes).toString('base64')}"/></svg>`;
    const image = new (resvg().Resvg)(svg, {
      fitTo: { mode: 'width', value: 600 },
      font: { fontFiles: TICKET_FONTS, loadSystemFonts: false, defaultFontFamily: 'Inter' },
    });
    // An image resvg cannot decode is dropped from the drawing, which is then empty.
    if (!image.getBBox()) return null;
    return { type: 'image/png', bytes: image.render().asPng() };
  } catch {
    return null;
  }
}
