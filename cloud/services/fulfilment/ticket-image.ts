// Ticket images for emails: the SVG template rasterised to PNG by resvg with the Inter font shipped in the package
// (no system fonts: a Lambda has none), at 1200 × 500 px.
import { createRequire } from 'node:module';
import type * as ResvgModule from '@resvg/resvg-js';
import { ticketSvg } from '../../domain/documents/ticket-svg.ts';
import type { PrintableTicket } from '../../domain/documents/printable.ts';

const require = createRequire(import.meta.url);
const FONTS = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
];

// Loaded at the first image, not at import: only the job that sends emails renders, and the native module would
// otherwise add to every function's cold start.
let resvgModule: typeof ResvgModule | undefined;

export function renderTicketPng(ticket: PrintableTicket): Buffer {
  resvgModule ??= require('@resvg/resvg-js') as typeof ResvgModule;
  const resvg = new resvgModule.Resvg(ticketSvg(ticket), {
    font: { fontFiles: FONTS, loadSystemFonts: false, defaultFontFamily: 'Inter' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return resvg.render().asPng();
}
