// Ticket images for emails: the SVG template rasterised to PNG by resvg with the Inter font shipped in the package
// (no system fonts: a Lambda has none), at 1200 × 500 px.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { ticketSvg } from '../../domain/documents/ticket-svg.ts';
import type { PrintableTicket } from '../../domain/documents/printable.ts';

const require = createRequire(import.meta.url);
const FONTS = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
];

export function renderTicketPng(ticket: PrintableTicket): Buffer {
  const resvg = new Resvg(ticketSvg(ticket), {
    font: { fontFiles: FONTS, loadSystemFonts: false, defaultFontFamily: 'Inter' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
