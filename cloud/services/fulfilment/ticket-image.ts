// Ticket images for emails (and the pages of a right-to-left tickets PDF): the SVG template rasterised to PNG by resvg
// with the fonts shipped in the package (no system fonts: a Lambda has none), at 1200 × 500 px. Inter draws Latin,
// Noto Sans Arabic draws Arabic; resvg shapes both (rustybuzz) and orders mixed runs by the text's direction.
import { createRequire } from 'node:module';
import type * as ResvgModule from '@resvg/resvg-js';
import { ticketSvg, type DrawableLogo } from '../../domain/documents/ticket-svg.ts';
import type { PrintableTicket } from '../../domain/documents/printable.ts';
import type { LineImage } from '../../domain/documents/pdf.ts';
import { escapeHtml } from '../../domain/format.ts';
import { encodePremultipliedPng } from './png.ts';

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

/** An SVG drawing as PNG, with the shipped fonts only (`fontFiles` narrows them, e.g. in tests). */
export function renderSvgPng(svg: string, fontFiles: string[] = TICKET_FONTS): Buffer {
  const image = new (resvg().Resvg)(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Inter' },
    shapeRendering: 2,
    textRendering: 1,
  });
  const pixmap = image.render();
  return encodePremultipliedPng(pixmap.pixels, pixmap.width, pixmap.height);
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

export function renderTicketPng(ticket: PrintableTicket, logo: DrawableLogo | null = null): Buffer {
  return renderSvgPng(ticketSvg(ticket, logo));
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
