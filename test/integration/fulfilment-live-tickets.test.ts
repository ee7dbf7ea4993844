// Fulfilment under a rotating code policy (cloud/domain/tickets/code-policy.ts), on PGlite: under `rotating_only` the
// door refuses an emailed web ticket's static code, so its tickets email carries no QR image but a button to the
// shop's live ticket page (/tickets/<orderId> with the order's token), and its tickets PDF (attached, and downloaded
// from the order page) says the same in the QR's place; a counter sale emailed under the same policy keeps its QR
// (the door admits it) and gets the link beside it; under `rotating` the QR stays and the link is added. In German
// the words are formal; in Arabic the ticket's drawing (a right-to-left PDF's page) has the link and no QR.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { PNG } from 'pngjs';
import { freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { jsQR, readPdf } from '../support/pdf-reader.ts';
import type { Db } from '../../cloud/db/port.ts';
import { LocalOutboxSender } from '../../cloud/adapters/email/local-outbox.ts';
import { printableTickets } from '../../cloud/domain/documents/printable.ts';
import { ticketSvg } from '../../cloud/domain/documents/ticket-svg.ts';
import { renderTicketPng } from '../../cloud/services/fulfilment/ticket-image.ts';

const RETURN_URL = 'https://shop.example/checkout/return';

describe('the tickets email and PDF under a rotating code policy', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-live-mail-'));

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db, { email: new LocalOutboxSender(dir) });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const setPolicy = async (codePolicy: string) => {
    const patched = await api.call('PATCH', `/v1/admin/events/${world.eventId}`, {
      body: { codePolicy },
      bearer: api.adminToken,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  };

  const ticketsEmailTo = async (address: string): Promise<ParsedMail> => {
    const mails = await Promise.all(
      readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => simpleParser(readFileSync(join(dir, f)), { keepCidLinks: true })),
    );
    const mine = mails.filter((m) => [m.to ?? []].flat().some((to) => to.text.includes(address)));
    expect(mine).toHaveLength(1);
    return mine[0]!;
  };

  /** A web order paid through the sandbox, its tickets emailed. */
  const buyOnline = async (seatIds: string[], email: string, locale = 'en') => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds } });
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email, name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
        locale,
      },
      holdToken: hold.body.token,
      idempotencyKey: randomUUID(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const order = created.body as {
      id: string;
      code: string;
      accessToken: string;
      payments: { redirectUrl: string }[];
    };
    await world.sandbox.decide(order.payments[0]!.redirectUrl.split('/').at(-1)!, 'approve', 'approve');
    const paid = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    await world.services.outbox.runDue();
    return { ...order, tickets: paid.body.tickets as { id: string; code: string }[] };
  };

  const ticketPage = (order: { id: string; accessToken: string }) =>
    `https://shop.test/tickets/${order.id}?token=${encodeURIComponent(order.accessToken)}`;

  /** The QR codes of the email's ticket images. */
  const imageCodes = (mail: ParsedMail) =>
    mail.attachments
      .filter((a) => a.contentType === 'image/png')
      .map((image) => {
        const png = PNG.sync.read(image.content);
        return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
      });

  const attachedPdf = async (mail: ParsedMail, code: string) =>
    readPdf(mail.attachments.find((a) => a.filename === `tickets-${code}.pdf`)!.content);

  it('rotating_only: an emailed web order gets the live ticket link in place of every QR, in email and PDF', async () => {
    await setPolicy('rotating_only');
    const order = await buyOnline(['MAIN-A-1', 'MAIN-A-2'], 'only@example.com');
    const mail = await ticketsEmailTo('only@example.com');
    const html = mail.html as string;

    expect(mail.attachments.filter((a) => a.contentType.startsWith('image/'))).toEqual([]);
    expect(html).not.toContain('cid:ticket-');
    expect(html).toContain(`href="${ticketPage(order).replace(/&/g, '&amp;')}"`);
    expect(html).toContain('>Show your live ticket on your phone</a>');
    expect(mail.text).toContain(`Show your live ticket on your phone: ${ticketPage(order)}`);
    expect(mail.text).toContain('A printed or screenshotted code is not admitted');
    // The tickets are still listed in words, so the buyer sees what was bought.
    expect(mail.text).toContain('Main · Row A · Seat 1');

    for (const pdf of [
      await attachedPdf(mail, order.code),
      await readPdf(
        new Uint8Array(
          await (
            await api.app.request(`/v1/orders/${order.id}/tickets.pdf`, {
              headers: { 'x-order-token': order.accessToken },
            })
          ).arrayBuffer(),
        ),
      ),
    ]) {
      expect(pdf.pages).toHaveLength(2);
      for (const page of pdf.pages) {
        expect(page.qr).toBeNull();
        expect(page.lines.join(' ')).toContain('Show your live ticket on your phone');
        expect(page.lines.join('')).toContain(ticketPage(order));
      }
    }
  });

  it('rotating_only: a counter sale emailed keeps its QR codes (the door admits them) and gets the link too', async () => {
    await setPolicy('rotating_only');
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: ['MAIN-B-1'] },
      bearer: clerk,
    });
    const sold = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'counter@example.com', name: 'Grace Hopper' },
        delivery: { method: 'email' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(sold.body.state).toBe('paid');
    await world.services.outbox.runDue();
    const mail = await ticketsEmailTo('counter@example.com');
    expect(imageCodes(mail)).toEqual([sold.body.tickets[0].code]);
    const page = ticketPage({ id: sold.body.id, accessToken: world.services.orders.orderAccessToken(sold.body.id) });
    expect(mail.text).toContain(`Show your live ticket on your phone: ${page}`);
    expect(mail.text).toContain('You can also show your live ticket on your phone');
    expect((await attachedPdf(mail, sold.body.code)).pages.map((p) => p.qr)).toEqual([sold.body.tickets[0].code]);
  });

  it('rotating: the QR codes stay and the live ticket link is added', async () => {
    await setPolicy('rotating');
    const order = await buyOnline(['MAIN-C-1'], 'rotating@example.com');
    const mail = await ticketsEmailTo('rotating@example.com');
    expect(imageCodes(mail)).toEqual([order.tickets[0]!.code]);
    expect(mail.html).toContain('>Show your live ticket on your phone</a>');
    expect(mail.text).toContain(`Show your live ticket on your phone: ${ticketPage(order)}`);
    expect((await attachedPdf(mail, order.code)).pages.map((p) => p.qr)).toEqual([order.tickets[0]!.code]);
  });

  it('static: neither link nor change', async () => {
    await setPolicy('static');
    const order = await buyOnline(['MAIN-C-2'], 'static@example.com');
    const mail = await ticketsEmailTo('static@example.com');
    expect(imageCodes(mail)).toEqual([order.tickets[0]!.code]);
    expect(mail.text).not.toContain('/tickets/');
    expect(mail.text).not.toContain('live ticket');
  });

  it('rotating_only in German: formal words, the link in the email and in the PDF', async () => {
    await setPolicy('rotating_only');
    const order = await buyOnline(['MAIN-D-1'], 'deutsch@example.com', 'de');
    const mail = await ticketsEmailTo('deutsch@example.com');
    expect(mail.attachments.filter((a) => a.contentType === 'image/png')).toEqual([]);
    expect(mail.text).toContain(`Zeigen Sie Ihr Live-Ticket auf Ihrem Telefon: ${ticketPage(order)}`);
    expect(mail.text).not.toMatch(/\b(du|dein|deine|dir)\b/i);
    const pdf = await attachedPdf(mail, order.code);
    expect(pdf.pages[0]!.qr).toBeNull();
    expect(pdf.pages[0]!.lines.join(' ')).toContain('Zeigen Sie Ihr Live-Ticket');
  });

  it('rotating_only in Arabic: the Arabic words in the email, and the ticket drawing has the link and no QR', async () => {
    await setPolicy('rotating_only');
    const order = await buyOnline(['MAIN-D-2'], 'arabic@example.com', 'ar');
    const mail = await ticketsEmailTo('arabic@example.com');
    expect(mail.attachments.filter((a) => a.contentType === 'image/png')).toEqual([]);
    expect(mail.text).toContain(`اعرض تذكرتك الحية على هاتفك: ${ticketPage(order)}`);
    const pdf = await attachedPdf(mail, order.code);
    expect(pdf.pages).toHaveLength(1);

    // The PDF's page is this drawing (pdf-lib cannot shape Arabic): the words and the link in the QR's place.
    const view = await api.call('GET', `/v1/orders/${order.id}`, { orderToken: order.accessToken });
    const event = await world.services.catalog.detail(world.eventId);
    const sections = (await api.call('GET', `/v1/seatmaps/${world.seatmapId}`)).body.sections;
    const [ticket] = printableTickets(view.body, event, sections, 'ar', { ticketPageUrl: ticketPage(order) });
    expect(ticket!.phone).toEqual({ url: ticketPage(order), qr: false });
    const lines = [...ticketSvg(ticket!).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(lines.join(' ')).toContain('اعرض تذكرتك الحية على هاتفك');
    expect(lines.join('')).toContain(ticketPage(order).replace(/&/g, '&amp;'));
    const png = PNG.sync.read(renderTicketPng(ticket!));
    // No code in the drawing (jsQR may see a finder-like pattern in the Arabic words and return an empty one).
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data || null).toBeNull();
  });
});
