// Fulfilment on real Postgres (else PGlite): a paid order's email read back from the local outbox (.eml, parsed): the
// receipt matches the order, every ticket is a 1200 × 500 PNG whose QR decodes to a code that verifies, and the tickets
// PDF has a page a ticket. A job delivered twice sends one email; an email provider that is down sends once it is back;
// a job that keeps failing is parked as dead, listed for admins, and runs again when they retry it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { PNG } from 'pngjs';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { jsQR, readPdf } from '../support/pdf-reader.ts';
import type { Db } from '../../cloud/db/port.ts';
import { LocalOutboxSender } from '../../cloud/adapters/email/local-outbox.ts';
import { EmailUnavailableError, type EmailSender, type OutgoingEmail } from '../../cloud/services/fulfilment/ports.ts';
import { verifyTicketCode } from '../../cloud/domain/tickets/ticket-code.ts';

/** The local outbox, with a switch that makes the provider fail (down for a while, or for good). */
class SwitchableSender implements EmailSender {
  failures = 0;
  sends = 0;
  constructor(readonly outbox: LocalOutboxSender) {}
  async send(email: OutgoingEmail): Promise<void> {
    this.sends++;
    if (this.failures > 0) {
      this.failures--;
      throw new EmailUnavailableError('provider down');
    }
    await this.outbox.send(email);
  }
}

describe.each(productionDbKinds())('fulfilment on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  let sender: SwitchableSender;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-mail-'));

  beforeAll(async () => {
    db = await freshDb(kind);
    sender = new SwitchableSender(new LocalOutboxSender(dir));
    world = await buildWorld(db, { email: sender, jobs: { maxAttempts: 3, baseDelayMs: 1000 } });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const emails = async (): Promise<ParsedMail[]> =>
    Promise.all(
      readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => simpleParser(readFileSync(join(dir, f)), { keepCidLinks: true })),
    );
  const emailsTo = async (address: string) =>
    (await emails()).filter((m) => [m.to ?? []].flat().some((to) => to.text.includes(address)));

  const sell = async (seatIds: string[], buyer: { email: string; name: string }, delivery: string) => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds }, bearer: clerk });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer,
        delivery: { method: delivery },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
    return order.body as {
      id: string;
      code: string;
      tickets: { id: string; code: string; seatId: string }[];
    };
  };

  it('emails the tickets as images and a PDF, with the receipt, once', async () => {
    const policy = await api.call('PUT', `/v1/admin/events/${world.eventId}/refund-policy`, {
      body: { refundableUntilDaysBefore: 2 },
      bearer: api.adminToken,
    });
    expect(policy.status).toBe(200);
    const order = await sell(['MAIN-A-1', 'MAIN-A-2'], { email: 'ada@example.com', name: 'Ada Lovelace' }, 'email');
    // One job: an order delivered by email has no receipt job of its own.
    expect(await world.services.outbox.runDue()).toEqual({ done: 1, failed: 0 });
    const [mail, ...others] = await emailsTo('ada@example.com');
    expect(others).toEqual([]); // the receipt rides in the tickets email
    expect(mail!.subject).toBe(`Your tickets for Test Event (${order.code})`);
    expect(mail!.messageId).toMatch(/@ticketboss>$/);
    // The receipt: both seats, no fees, the total, how it was paid, the refund policy, the link back.
    for (const text of [mail!.text!, mail!.html as string]) {
      expect(text).toContain('Main · Row A · Seat 1');
      expect(text).toContain('Main · Row A · Seat 2');
      expect(text).toContain('€100.00');
      expect(text).toMatch(/Cash €100.00, tendered €500.00, change €400.00, ref [0-9A-F]{8}/);
      // The event's own refund policy, in words.
      expect(text).toContain('You can ask for a refund on your order page until');
      expect(text).toContain(`https://shop.test/orders/${order.id}?token=`);
    }
    const images = mail!.attachments.filter((a) => a.contentType === 'image/png');
    expect(images).toHaveLength(2);
    for (const [i, image] of images.entries()) {
      expect(image.cid).toBe(`ticket-${i + 1}@ticketboss`);
      expect(mail!.html).toContain(`cid:${image.cid}`);
      const png = PNG.sync.read(image.content);
      expect([png.width, png.height]).toEqual([1200, 500]);
      const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
      expect(code).toBe(order.tickets[i]!.code);
      expect(verifyTicketCode(world.services.ticketPublicKey, code!)).toMatchObject({
        ticketId: order.tickets[i]!.id,
        seat: order.tickets[i]!.seatId,
      });
    }
    const pdf = mail!.attachments.find((a) => a.filename === `tickets-${order.code}.pdf`)!;
    const tickets = await readPdf(pdf.content);
    expect(tickets.pages.map((p) => p.qr)).toEqual(order.tickets.map((t) => t.code));
    expect(mail!.attachments.some((a) => a.filename === `receipt-${order.code}.pdf`)).toBe(true);

    // The same job delivered again (a dispatcher that died after sending): still one email.
    await db.query(`UPDATE outbox SET state = 'pending', run_after = $2 WHERE aggregate_id = $1`, [
      order.id,
      world.clock.now().toISOString(),
    ]);
    const sendsBefore = sender.sends;
    await world.services.outbox.runDue();
    expect(sender.sends).toBe(sendsBefore);
    expect(await emailsTo('ada@example.com')).toHaveLength(1);
  });

  it('sends the receipt alone for orders delivered another way, and nothing to a walk-up without email', async () => {
    const order = await sell(['MAIN-B-1'], { email: 'grace@example.com', name: 'Grace Hopper' }, 'will_call');
    await sell(['MAIN-B-2'], { email: 'walk-up@counter.invalid', name: 'Walk Up' }, 'print_at_venue');
    expect(await world.services.outbox.runDue()).toEqual({ done: 2, failed: 0 });
    const [mail, ...others] = await emailsTo('grace@example.com');
    expect(others).toEqual([]);
    expect(mail!.subject).toBe(`Your receipt for Test Event (${order.code})`);
    expect(mail!.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(await emailsTo('counter.invalid')).toEqual([]);
  });

  it('resends tickets to the buyer on request, and tells of refunds and cancellations', async () => {
    const order = await sell(['MAIN-D-1', 'MAIN-D-2'], { email: 'alan@example.com', name: 'Alan Turing' }, 'email');
    await world.services.outbox.runDue();
    expect(await emailsTo('alan@example.com')).toHaveLength(1);
    const token = world.services.orders.orderAccessToken(order.id);
    // The buyer with the order's token, and the venue's clerk, may ask; another customer may not.
    const resend = await api.call('POST', `/v1/orders/${order.id}/resend`, { headers: { 'x-order-token': token } });
    expect(resend.status).toBe(202);
    expect((await api.call('POST', `/v1/orders/${order.id}/resend`, { bearer: api.customerToken })).status).toBe(404);
    expect((await api.call('POST', `/v1/orders/${order.id}/resend`, { bearer: clerk })).status).toBe(202);
    await world.services.outbox.runDue();
    const tickets = (await emailsTo('alan@example.com')).filter((m) => m.subject!.startsWith('Your tickets'));
    expect(tickets).toHaveLength(3);
    expect(new Set(tickets.map((m) => m.messageId)).size).toBe(3);

    await api.call('POST', `/v1/orders/${order.id}/refunds`, {
      body: { ticketIds: [order.tickets[0]!.id], reason: 'Plans changed' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    await world.services.outbox.runDue();
    const [refund] = (await emailsTo('alan@example.com')).filter((m) => m.subject!.startsWith('Your refund'));
    expect(refund!.text).toMatch(/Refunded: €50.00 \(Plans changed\)/);
    await api.call('POST', `/v1/orders/${order.id}/cancel`, {
      body: { reason: 'Event moved' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    await world.services.outbox.runDue();
    const [cancelled] = (await emailsTo('alan@example.com')).filter((m) => m.subject!.includes('is cancelled'));
    expect(cancelled!.text).toContain('cancelled and refunded in full');
    expect(cancelled!.attachments.map((a) => a.filename)).toEqual([`receipt-${order.code}.pdf`]);
    // No tickets to resend any more.
    expect((await api.call('POST', `/v1/orders/${order.id}/resend`, { bearer: clerk })).status).toBe(409);
  });

  it('retries while the provider is down and sends once when it is back', async () => {
    await sell(['MAIN-C-1'], { email: 'linus@example.com', name: 'Linus T' }, 'email');
    sender.failures = 2;
    // The tickets email (which carries the receipt) fails.
    expect(await world.services.outbox.runDue()).toEqual({ done: 0, failed: 1 });
    expect(await world.services.outbox.runDue()).toEqual({ done: 0, failed: 0 }); // backing off
    world.clock.advance(1000);
    expect((await world.services.outbox.runDue()).failed).toBe(1);
    world.clock.advance(2000);
    expect(await world.services.outbox.runDue()).toEqual({ done: 1, failed: 0 });
    expect(await emailsTo('linus@example.com')).toHaveLength(1);
  });

  it('parks a job that keeps failing as dead, lists it for admins, and runs it again on retry', async () => {
    // The provider is down before the sale: the purchase does not wait for email, it is paid all the same.
    sender.failures = 1_000;
    const order = await sell(['MAIN-C-2'], { email: 'barbara@example.com', name: 'Barbara L' }, 'email');
    for (let attempt = 0; attempt < 3; attempt++) {
      await world.services.outbox.runDue();
      world.clock.advance(60_000);
    }
    const dead = await api.call('GET', '/v1/admin/jobs/dead', { bearer: api.adminToken });
    expect(dead.status).toBe(200);
    const job = (dead.body.jobs as { id: string; aggregateId: string; topic: string; lastError: string }[]).find(
      (j) => j.aggregateId === order.id,
    )!;
    expect(job).toMatchObject({ topic: 'ticket_email', lastError: 'provider down' });
    expect((await api.call('GET', '/v1/admin/jobs/dead', { bearer: clerk })).status).toBe(403);
    expect((await api.call('POST', `/v1/admin/jobs/${randomUUID()}/retry`, { bearer: api.adminToken })).status).toBe(
      404,
    );

    sender.failures = 0;
    expect((await api.call('POST', `/v1/admin/jobs/${job.id}/retry`, { bearer: api.adminToken })).status).toBe(202);
    expect((await world.services.outbox.runDue()).done).toBeGreaterThanOrEqual(1);
    expect(await emailsTo('barbara@example.com')).toHaveLength(1);
    const after = await api.call('GET', '/v1/admin/jobs/dead', { bearer: api.adminToken });
    expect((after.body.jobs as { id: string }[]).some((j) => j.id === job.id)).toBe(false);
  });
});
