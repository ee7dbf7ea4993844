// The ticket image drawn in layers (its event's background kept, the order's lines and the QR code drawn over it)
// against the one-pass drawing of the whole ticket SVG: the same picture, a channel at most one level apart where an
// anti-aliased glyph edge meets the background, and the QR code's pixels exactly the same.
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { drawableLogo, renderSvgPng, renderTicketPng } from '../../../../cloud/services/fulfilment/ticket-image.ts';
import { ticketSvg } from '../../../../cloud/domain/documents/ticket-svg.ts';
import type { PrintableTicket } from '../../../../cloud/domain/documents/printable.ts';
import { sampleTicket } from '../../../support/sample-ticket.ts';

const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));
const logo = drawableLogo({
  bytes: new TextEncoder().encode(
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><circle cx="100" cy="40" r="38" fill="#dc0000" opacity="0.6"/></svg>',
  ),
  contentType: 'image/svg+xml',
});

/** How far the layered image is from the one-pass one: the largest channel difference, and in the QR square. */
function compare(ticket: PrintableTicket, withLogo: boolean) {
  const layered = decode(renderTicketPng(ticket, withLogo ? logo : null));
  const whole = decode(renderSvgPng(ticketSvg(ticket, withLogo ? logo : null)));
  expect([layered.width, layered.height]).toEqual([whole.width, whole.height]);
  let largest = 0;
  let inQr = 0;
  const qrLeft = ticket.locale === 'ar' ? 30 : 730;
  for (let i = 0; i < whole.data.length; i++) {
    const difference = Math.abs(layered.data[i]! - whole.data[i]!);
    largest = Math.max(largest, difference);
    const [x, y] = [(i >> 2) % whole.width, Math.floor(i / 4 / whole.width)];
    if (difference > 0 && x >= qrLeft && x < qrLeft + 440 && y >= 30 && y < 470) inQr++;
  }
  return { largest, inQr };
}

describe('ticket image drawn in layers', () => {
  const variants: [string, Partial<PrintableTicket>][] = [
    ['plain', {}],
    ['a ticket type and door check', { ticketType: 'Concession', requiresCheck: 'Show student ID at the door' }],
    [
      'a long holder and place (clipped lines that run under the QR code)',
      { holder: 'W'.repeat(80), place: 'W'.repeat(40) },
    ],
    ['a phone ticket in place of the QR code', { phone: { qr: false, url: 'https://shop.example/t/1?token=abc' } }],
    ['a longer code (a larger QR version)', { code: `TB1.${'x9'.repeat(60)}` }],
  ];
  for (const locale of ['en', 'ar'] as const) {
    for (const [name, change] of variants) {
      for (const withLogo of [false, true]) {
        it(`is the one-pass drawing: ${locale}, ${name}${withLogo ? ', with a logo' : ''}`, () => {
          const { largest, inQr } = compare({ ...sampleTicket(locale), ...change }, withLogo);
          expect(largest).toBeLessThanOrEqual(1);
          if (!change.phone) expect(inQr).toBe(0);
        });
      }
    }
  }

  it('draws a second ticket of the same event from the kept background, the same bytes as the first time', () => {
    const ticket = { ...sampleTicket('en'), eventName: 'Kept Background Night' };
    expect(Buffer.compare(renderTicketPng(ticket), renderTicketPng(ticket))).toBe(0);
    const other = decode(renderTicketPng({ ...ticket, eventName: 'Another Night' }));
    expect(Buffer.compare(other.data, decode(renderTicketPng(ticket)).data)).not.toBe(0);
  });
});
