// Emails and documents in the buyer's language and the venue's brand: an order placed in German gets its email (subject,
// words, lang) and its tickets PDF in German with the doors time; one placed in Arabic gets a right-to-left Arabic
// email; the venue's colour bands the email and its logo rides inline. Read back from the local outbox (.eml).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { PNG } from 'pngjs';
import { freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { counterSale } from '../support/counter-sale.ts';
import { jsQR, readPdf } from '../support/pdf-reader.ts';
import type { Db } from '../../cloud/db/port.ts';
import { LocalOutboxSender } from '../../cloud/adapters/email/local-outbox.ts';
import { apiPaths } from '../../cloud/contract/routes.ts';

describe('emails and PDFs in the buyer’s language, in the venue’s brand', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let doorsAt: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-mail-lang-'));

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db, { email: new LocalOutboxSender(dir) });
    api = await testApi(world.services);
    const logo = PNG.sync.write(new PNG({ width: 4, height: 4 }));
    const put = await api.app.request(apiPaths.adminVenueLogo(world.venueId), {
      method: 'PUT',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${api.adminToken}` },
      body: new Uint8Array(logo),
    });
    expect(put.status).toBe(200);
    const venue = await api.call('PATCH', apiPaths.venue(world.venueId), {
      body: { brandColor: '#1a4d8f' },
      bearer: api.adminToken,
    });
    expect(venue.status).toBe(200);
    const form = (await api.call('GET', apiPaths.adminEvent(world.eventId), { bearer: api.adminToken })).body;
    doorsAt = new Date(Date.parse(form.startsAt) - 3_600_000).toISOString();
    const doors = await api.call('PATCH', apiPaths.adminEvent(world.eventId), {
      body: { doorsAt },
      bearer: api.adminToken,
    });
    expect(doors.status).toBe(200);
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const mailTo = async (address: string): Promise<ParsedMail> => {
    const all = await Promise.all(
      readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => simpleParser(readFileSync(join(dir, f)), { keepCidLinks: true })),
    );
    const found = all.filter((m) => [m.to ?? []].flat().some((to) => to.text.includes(address)));
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  const sell = async (seatIds: string[], email: string, locale: 'de' | 'ar') => {
    const order = await counterSale(api, world, seatIds, email, locale);
    await world.services.outbox.runDue();
    return order;
  };

  it('writes a German order’s email and tickets PDF in German, with the doors time, brand colour and logo', async () => {
    const order = await sell(['MAIN-B-1', 'MAIN-B-2'], 'de@example.com', 'de');
    const mail = await mailTo('de@example.com');
    expect(mail.subject).toBe(`Ihre Tickets für Test Event (${order.code})`);
    const html = mail.html as string;
    expect(html).toContain('<html lang="de" dir="ltr">');
    expect(mail.text).toContain('Ihre 2 Tickets sind angehängt');
    for (const text of [mail.text!, html]) {
      expect(text).toContain('Hallo Ada Lovelace,');
      expect(text).toContain('Main · Reihe B · Platz 1');
      expect(text).toContain('Einlass ab');
      expect(text).toContain('Gesamt');
      expect(text).not.toContain('Your tickets');
    }
    // The refund terms are German words too (the test event takes no refunds on request).
    expect(mail.text).toContain('Tickets können nicht auf Anfrage erstattet werden.');
    // Dates formatted for German in the venue's zone (a German weekday and month name, 24-hour clock).
    expect(mail.text).toMatch(/(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. \w+/);
    expect(html).toContain('background:#1a4d8f');
    const logo = mail.attachments.find((a) => a.cid === 'venue-logo@ticketboss');
    expect(logo?.contentType).toBe('image/png');
    expect(html).toContain('cid:venue-logo@ticketboss');
    const pdf = await readPdf(mail.attachments.find((a) => a.filename === `tickets-${order.code}.pdf`)!.content);
    expect(pdf.text).toContain(`Bestellung ${order.code}`);
    expect(pdf.text).toContain('Main · Reihe B · Platz 1');
    expect(pdf.text).toContain('Einlass');
    expect(pdf.title).toBe('2 Tickets');
  });

  it('writes an Arabic order’s email right to left in Arabic, its ticket image and PDF in shaped Arabic', async () => {
    const order = await sell(['MAIN-C-1'], 'ar@example.com', 'ar');
    const mail = await mailTo('ar@example.com');
    expect(mail.subject).toBe(`تذاكرك لـ Test Event (${order.code})`);
    const html = mail.html as string;
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.text).toContain('مرحبًا Ada Lovelace،');
    expect(mail.text).toContain('تذكرتك مرفقة');
    expect(mail.text).toContain('الصف C');
    expect(mail.text).toContain('تفتح الأبواب');
    // The tickets PDF is not drawn in English any more: its page is the ticket's image, shaped by resvg with Noto
    // Sans Arabic (test/unit/services/fulfilment/ticket-image.test.ts shows the shaping), mirrored, the logo on it.
    const pdfBytes = mail.attachments.find((a) => a.filename === `tickets-${order.code}.pdf`)!.content;
    const pdf = await readPdf(pdfBytes);
    expect(pdf.title).toBe('تذكرة');
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.text).not.toContain('Order');
    const image = mail.attachments.find((a) => a.contentType === 'image/png' && a.cid !== 'venue-logo@ticketboss')!;
    const png = PNG.sync.read(image.content);
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(qr!.location.topLeftCorner.x).toBeLessThan(png.width / 2);
    const doc = await PDFDocument.load(pdfBytes);
    const pageImages = doc.context
      .enumerateIndirectObjects()
      .filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Width'))?.toString() === '1200');
    expect(pageImages.length).toBeGreaterThan(0);
    // The receipt PDF too: each line an image of shaped Arabic, no English (or unshaped) text left.
    const receiptBytes = mail.attachments.find((a) => a.filename?.startsWith('receipt'))!.content;
    const receipt = await readPdf(receiptBytes);
    expect(receipt.text).toBe('');
    expect(receipt.title).toBe('إيصال');
  });

  it('lets the buyer download the tickets PDF in the order’s language with the logo: German text, Arabic images', async () => {
    const download = async (order: { id: string; accessToken: string }) => {
      const response = await api.app.request(`/v1/orders/${order.id}/tickets.pdf`, {
        headers: { 'x-order-token': order.accessToken },
      });
      expect(response.status).toBe(200);
      return new Uint8Array(await response.arrayBuffer());
    };
    const images = async (bytes: Uint8Array) =>
      (await PDFDocument.load(bytes)).context
        .enumerateIndirectObjects()
        .map(([, o]) => o)
        .filter(
          (o): o is PDFRawStream =>
            o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
        )
        .filter((o) => o.dict.get(PDFName.of('ColorSpace')) !== PDFName.of('DeviceGray'))
        .map((o) => Number(o.dict.get(PDFName.of('Width'))));
    const german = await sell(['MAIN-D-1'], 'de-download@example.com', 'de');
    const de = await download(german);
    expect((await readPdf(de)).text).toContain(`Bestellung ${german.code}`);
    expect(await images(de)).toEqual([4]); // the 4 × 4 logo, the ticket's text and QR still vectors
    const arabic = await sell(['MAIN-D-2'], 'ar-download@example.com', 'ar');
    const ar = await download(arabic);
    expect((await readPdf(ar)).title).toBe('تذكرة');
    expect(await images(ar)).toEqual([1200]);
  });

  it('tells a German buyer of a cancelled event in German how the money comes back (paid at the counter)', async () => {
    const order = await sell(['MAIN-E-1'], 'storno@example.com', 'de');
    const cancelled = await api.call('POST', apiPaths.eventCancel(world.eventId), {
      body: { reason: 'Sturm' },
      bearer: api.adminToken,
    });
    expect(cancelled.status).toBe(202);
    for (let i = 0; i < 20; i++) if ((await world.services.outbox.runDue(100)).done === 0) break;
    const all = await Promise.all(
      readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => simpleParser(readFileSync(join(dir, f)))),
    );
    const mail = all.find(
      (m) =>
        [m.to ?? []].flat().some((to) => to.text.includes('storno@example.com')) &&
        m.subject !== undefined &&
        !m.subject.startsWith('Ihre Tickets'),
    );
    expect(mail?.text, JSON.stringify(all.map((m) => m.subject))).toContain(
      'Test Event wurde abgesagt, Ihre Tickets sind ungültig.',
    );
    expect(mail!.text).toContain('Sie haben an der Kasse bezahlt');
    expect(mail!.text).not.toContain('has been cancelled');
    expect(order.code).toBeTruthy();
  });
});
