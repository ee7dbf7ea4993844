// Arabic tickets shaped and right to left, and the venue's logo on them: the ticket image (resvg with Inter and Noto
// Sans Arabic) and the tickets PDF (an Arabic ticket's page is its shaped image; a Latin one keeps vector text and QR,
// with the logo embedded). Read back as pixels (pngjs), QR codes (jsQR) and the PDF's objects (pdf-lib).
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import {
  renderSvgPng,
  renderTicketPng,
  drawableLogo,
  textLinePng,
  TICKET_FONTS,
} from '../../../../cloud/services/fulfilment/ticket-image.ts';
import { TICKET_IMAGE, TICKET_IMAGE_LOGO, ticketSvg } from '../../../../cloud/domain/documents/ticket-svg.ts';
import { receiptPdf, ticketsPdf } from '../../../../cloud/domain/documents/pdf.ts';
import type { PrintableReceipt } from '../../../../cloud/domain/documents/printable.ts';
import { jsQR, readPdf } from '../../../support/pdf-reader.ts';
import { sampleTicket } from '../../../support/sample-ticket.ts';
import { DEFAULT_BRAND_COLOR } from '../../../../cloud/domain/brand/brand-color.ts';

const LATIN_FONTS = TICKET_FONTS.filter((file) => file.includes('Inter_'));

const ticket = sampleTicket;

const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));
/** Dark pixels in a box (x, y, width, height) of a decoded PNG. */
function ink(image: PNG, box: { x: number; y: number; width: number; height: number }): number {
  let dark = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * image.width + x) * 4;
      if (image.data[i + 3]! > 128 && image.data[i]! + image.data[i + 1]! + image.data[i + 2]! < 384) dark++;
    }
  }
  return dark;
}
const line = (text: string, fonts?: string[]) =>
  decode(
    renderSvgPng(
      `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="80" font-family="Noto Sans Arabic, Inter"><rect width="600" height="80" fill="#ffffff"/><text x="580" y="52" font-size="32" direction="rtl" text-anchor="end" fill="#000000">${text}</text></svg>`,
      fonts,
    ),
  );
const differing = (a: PNG, b: PNG) => a.data.filter((byte, i) => byte !== b.data[i]).length;

describe('Arabic ticket image: shaped, right to left', () => {
  const WORD = 'تذكرة الطلب';

  it('draws Arabic with the Arabic font, unlike a render without it (the old English-only fonts)', () => {
    const shaped = line(WORD);
    const withoutArabicFont = line(WORD, LATIN_FONTS);
    const whole = { x: 0, y: 0, width: 600, height: 80 };
    expect(ink(shaped, whole)).toBeGreaterThan(400);
    expect(differing(shaped, withoutArabicFont)).toBeGreaterThan(1000);
  });

  it('joins the letters (contextual forms), unlike the same letters kept apart by zero-width non-joiners', () => {
    const joined = line(WORD);
    const isolated = line([...WORD].join('\u200c'));
    expect(differing(joined, isolated)).toBeGreaterThan(1000);
  });

  it('has no .notdef boxes: a line of Arabic differs from a line of characters no shipped font has', () => {
    const arabic = line(WORD);
    const missing = line('\ue000'.repeat([...WORD].length));
    expect(differing(arabic, missing)).toBeGreaterThan(1000);
  });

  it('mirrors an Arabic ticket: its lines end at the right, its QR code on the left still scans', () => {
    const image = decode(renderTicketPng(ticket('ar')));
    const { width, height } = TICKET_IMAGE;
    // The event's name (y 40–100) is set from the right edge: ink in the right third, none in the QR's column.
    expect(ink(image, { x: width - 400, y: 45, width: 350, height: 55 })).toBeGreaterThan(500);
    const qr = jsQR(new Uint8ClampedArray(image.data), width, height);
    expect(qr?.data).toBe('TB1.signed-code-of-the-ticket');
    expect(qr!.location.topLeftCorner.x).toBeLessThan(width / 2);
    const english = decode(renderTicketPng(ticket('en')));
    expect(jsQR(new Uint8ClampedArray(english.data), width, height)!.location.topLeftCorner.x).toBeGreaterThan(
      width / 2,
    );
    expect(ticketSvg(ticket('ar'))).toContain('direction="rtl"');
  });

  it("paints the ticket's edge in the venue's brand colour (TicketBoss's without one), at the right for Arabic", () => {
    const { width, height } = TICKET_IMAGE;
    const at = (image: PNG, x: number) => [...image.data.subarray((height / 2) * width * 4 + x * 4).subarray(0, 3)];
    expect(at(decode(renderTicketPng(ticket('en'))), 8)).toEqual([0x1a, 0x4d, 0x8f]);
    expect(at(decode(renderTicketPng(ticket('ar'))), width - 8)).toEqual([0x1a, 0x4d, 0x8f]);
    const plain = decode(renderTicketPng({ ...ticket('en'), brandColor: null }));
    expect(at(plain, 8)).toEqual([1, 3, 5].map((i) => parseInt(DEFAULT_BRAND_COLOR.slice(i, i + 2), 16)));
  });
});

/** The image XObjects a PDF holds (not the alpha masks of PNGs): their pixel sizes. */
async function pdfImages(bytes: Uint8Array): Promise<{ width: number; height: number }[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter(
      (o): o is PDFRawStream =>
        o instanceof PDFRawStream &&
        o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') &&
        o.dict.get(PDFName.of('ColorSpace')) !== PDFName.of('DeviceGray'),
    )
    .map((o) => ({ width: Number(o.dict.get(PDFName.of('Width'))), height: Number(o.dict.get(PDFName.of('Height'))) }));
}

describe('tickets PDF of an Arabic order', () => {
  it('draws each Arabic ticket as its shaped image filling the page, no unshaped text', async () => {
    const tickets = [ticket('ar'), { ...ticket('ar'), ticketId: 'second', code: 'TB1.second' }];
    const pdf = await ticketsPdf(tickets, { pageImage: (t) => renderTicketPng(t) });
    const read = await readPdf(pdf);
    expect(read.pages).toHaveLength(2);
    expect(read.text).toBe('');
    expect(read.title).toBe('تذكرتان');
    expect(await pdfImages(pdf)).toEqual([
      { width: 1200, height: 500 },
      { width: 1200, height: 500 },
    ]);
  });

  it('refuses to draw an Arabic ticket as text (pdf-lib cannot shape it)', async () => {
    await expect(ticketsPdf([ticket('ar')])).rejects.toThrow(/page image/);
  });
});

describe('the venue’s logo on the ticket image and PDF', () => {
  const red = (() => {
    const png = new PNG({ width: 8, height: 4 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([220, 0, 0, 255], i);
    return PNG.sync.write(png);
  })();
  const redPixels = (image: PNG, box: { x: number; y: number; width: number; height: number }) => {
    let count = 0;
    for (let y = box.y; y < box.y + box.height; y++) {
      for (let x = box.x; x < box.x + box.width; x++) {
        const i = (y * image.width + x) * 4;
        if (image.data[i]! > 180 && image.data[i + 1]! < 60 && image.data[i + 2]! < 60) count++;
      }
    }
    return count;
  };

  it('draws a PNG logo in its box of the ticket image, mirrored for Arabic', () => {
    const logo = drawableLogo({ bytes: red, contentType: 'image/png' });
    const box = TICKET_IMAGE_LOGO;
    expect(redPixels(decode(renderTicketPng(ticket('en'), logo)), box)).toBeGreaterThan(5000);
    expect(redPixels(decode(renderTicketPng(ticket('en'))), box)).toBe(0);
    const mirrored = { ...box, x: TICKET_IMAGE.width - box.x - box.width };
    expect(redPixels(decode(renderTicketPng(ticket('ar'), logo)), mirrored)).toBeGreaterThan(5000);
  });

  it('rasterises an SVG logo to PNG and draws it', () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#dc0000"/></svg>',
    );
    const logo = drawableLogo({ bytes: svg, contentType: 'image/svg+xml' });
    expect(logo?.type).toBe('image/png');
    expect(redPixels(decode(renderTicketPng(ticket('en'), logo)), TICKET_IMAGE_LOGO)).toBeGreaterThan(5000);
    expect(drawableLogo({ bytes: new Uint8Array([1, 2, 3]), contentType: 'image/webp' })).toBeNull();
  });

  it('embeds the logo on each page of a Latin tickets PDF, its text and QR code still vectors', async () => {
    const logo = drawableLogo({ bytes: red, contentType: 'image/png' });
    const pdf = await ticketsPdf([ticket('en')], { logo });
    expect(await pdfImages(pdf)).toEqual([{ width: 8, height: 4 }]);
    const read = await readPdf(pdf);
    expect(read.text).toContain('Music Night');
    expect(read.pages[0]!.qr).toBe('TB1.signed-code-of-the-ticket');
    expect(await pdfImages(await ticketsPdf([ticket('en')]))).toEqual([]);
  });
});

describe('receipt PDF of an Arabic order', () => {
  const receipt: PrintableReceipt = {
    title: 'إيصال',
    orderCode: 'TB-7K2Q',
    eventName: 'ليلة الموسيقى',
    when: 'السبت ١٢ ديسمبر ٢٠٢٦',
    venue: 'دار الأوبرا، دبي',
    buyer: 'Ada Lovelace',
    lines: [{ label: 'الصالة · الصف C · المقعد 12', amount: '٤٥٫٠٠ €' }],
    summary: [],
    total: '٤٥٫٠٠ €',
    taxIncluded: null,
    payments: ['نقدًا'],
    refunds: [],
    issuedAt: 'السبت',
    locale: 'ar',
  };

  it('draws every line as an image of shaped text, words at the right and amounts at the left, no PDF text', async () => {
    const pdf = await receiptPdf(receipt, { lineImage: textLinePng });
    expect((await readPdf(pdf)).text).toBe('');
    // TicketBoss, title, event, when, venue, order, buyer, the ticket (and its amount), total (and its), paid, issued.
    expect(await pdfImages(pdf)).toHaveLength(13);
    const line = decode(
      textLinePng('الصالة · الصف C', { size: 8, bold: false, width: 120, height: 10.8, align: 'right' }),
    );
    const half = { y: 0, width: line.width / 2, height: line.height };
    expect(ink(line, { ...half, x: line.width / 2 })).toBeGreaterThan(ink(line, { ...half, x: 0 }));
  });

  it('refuses to draw an Arabic receipt as text', async () => {
    await expect(receiptPdf(receipt)).rejects.toThrow(/line images/);
  });
});
