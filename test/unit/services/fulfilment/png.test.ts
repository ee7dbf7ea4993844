// The ticket image's PNG encoder (fulfilment/png.ts) against resvg's own: a drawing with partly transparent edges (a
// ticket's rounded corners, soft shapes, text) decodes to the same bytes from both, and a wrong size is refused.
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { Resvg } from '@resvg/resvg-js';
import { encodePremultipliedPng } from '../../../../cloud/services/fulfilment/png.ts';
import { renderTicketPng, TICKET_FONTS } from '../../../../cloud/services/fulfilment/ticket-image.ts';
import { sampleTicket } from '../../../support/sample-ticket.ts';

const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));

describe('PNG of resvg pixels', () => {
  it('decodes to the same pixels as resvg encodes, partly transparent ones demultiplied alike', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" font-family="Inter">' +
      '<rect x="2" y="2" width="296" height="116" rx="30" fill="#1a4d8f" fill-opacity="0.6" stroke="#b3261e" stroke-width="3"/>' +
      '<circle cx="240" cy="60" r="41.3" fill="#ffd400" opacity="0.35"/>' +
      '<text x="20" y="70" font-size="33" font-weight="700" fill="#111111">Row C · Seat 12</text></svg>';
    const image = new Resvg(svg, { font: { fontFiles: TICKET_FONTS, loadSystemFonts: false } }).render();
    const theirs = decode(image.asPng());
    const ours = decode(encodePremultipliedPng(image.pixels, image.width, image.height));
    expect([ours.width, ours.height]).toEqual([300, 120]);
    const alphas = new Set<number>();
    for (let i = 3; i < theirs.data.length; i += 4) alphas.add(theirs.data[i]!);
    expect(alphas.size).toBeGreaterThan(20); // the drawing has many partly transparent pixels to get right
    expect(Buffer.compare(ours.data, theirs.data)).toBe(0);
  });

  it('is what a ticket image is encoded with: an RGBA PNG of 1200 × 500', () => {
    const png = renderTicketPng(sampleTicket('en'));
    const decoded = decode(png);
    expect([decoded.width, decoded.height]).toEqual([1200, 500]);
    // The top right corner, rounded off, is transparent; the middle opaque.
    expect(decoded.data[1199 * 4 + 3]).toBe(0);
    expect(decoded.data[(250 * 1200 + 600) * 4 + 3]).toBe(255);
  });

  it('refuses pixels that are not width × height × 4 bytes', () => {
    expect(() => encodePremultipliedPng(new Uint8Array(10), 2, 2)).toThrow(/expected 16 bytes/);
  });
});
