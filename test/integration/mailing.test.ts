// Physical tickets. The HTTP adapter against a local server that checks the exact request: path, API key, the order
// id as idempotency key, and the body; a retry sends the same key; an outage is retryable and a refusal is final.
// Then the whole path on the local cloud: a mail order is submitted by the outbox, and the stand-in's signed webhooks
// move the order's shipping state. Forged or stale signatures are refused and change nothing, and an older report is
// ignored.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpMailingService } from '../../cloud/adapters/mailing/http-mailing.ts';
import { MailingUnavailableError, signWebhook } from '../../cloud/services/fulfilment/mailing.ts';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.ts';
import { startTestCloud } from '../support/local-cloud.ts';

const address = {
  name: 'Ada Lovelace',
  line1: "12 St James's Square",
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

describe('mailing service adapter', () => {
  let capture: CaptureServer;

  beforeAll(async () => {
    capture = await startCaptureServer({ status: 201, body: { id: 'SHP-1', status: 'accepted' } });
  });
  afterAll(() => capture.close());
  const setStatus = (status: number) => (capture.answer = { status, body: { id: 'SHP-1', status: 'accepted' } });

  const service = () =>
    new HttpMailingService({
      baseUrl: capture.url,
      apiKey: 'key-123',
      callbackUrl: 'https://shop.test/v1/webhooks/mailing',
    });
  const request = (orderId: string) => ({
    orderId,
    orderCode: 'TB-AAAA-BBBB',
    recipient: address,
    eventName: 'Swan Lake',
    when: 'Sat 5 Dec',
    venue: 'Grand Theatre, Vienna',
    tickets: [{ ticketId: randomUUID(), place: 'Stalls · Row C · Seat 12', code: 'signed-code' }],
  });

  it('sends the exact request, with the order id as idempotency key, again on a retry', async () => {
    const orderId = randomUUID();
    expect(await service().submit(request(orderId))).toEqual({ shipmentId: 'SHP-1' });
    await service().submit(request(orderId));
    const [first, second] = capture.seen.slice(-2);
    expect(first).toMatchObject({
      method: 'POST',
      url: '/v1/shipments',
      headers: { authorization: 'Bearer key-123', 'idempotency-key': orderId, 'content-type': 'application/json' },
      body: {
        reference: orderId,
        orderCode: 'TB-AAAA-BBBB',
        recipient: address,
        event: { name: 'Swan Lake', when: 'Sat 5 Dec', venue: 'Grand Theatre, Vienna' },
        items: [{ label: 'Stalls · Row C · Seat 12', barcode: 'signed-code' }],
        callbackUrl: 'https://shop.test/v1/webhooks/mailing',
      },
    });
    expect(second!.headers['idempotency-key']).toBe(orderId);
  });

  it('retries an outage and not a refusal', async () => {
    setStatus(503);
    await expect(service().submit(request(randomUUID()))).rejects.toBeInstanceOf(MailingUnavailableError);
    setStatus(422);
    const refused = await service()
      .submit(request(randomUUID()))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(MailingUnavailableError);
    setStatus(201);
  });
});

describe('posted tickets on the local cloud', () => {
  let cloud: LocalCloud;
  let eventId: string;
  let clerk: string;
  const secret = 'webhook-secret-for-tests';

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false, mailingWebhookSecret: secret });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Bern', timezone: 'Europe/Zurich' });
    const map = await cloud.services.admin.importSeatMap(venue.id, smallHall(3, 10));
    eventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], { name: 'Posted Night' });
    clerk = await cloud.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: venue.id });
  });
  afterAll(async () => cloud?.close());

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(cloud.url + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}`, ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const shipping = async (orderId: string) => (await call('GET', `/v1/orders/${orderId}`)).body.shipping;

  it('submits a mail order once and follows the signed reports', async () => {
    const hold = await call('POST', `/v1/events/${eventId}/holds`, { seatIds: ['MAIN-A-1', 'MAIN-A-2'] });
    const order = await call(
      'POST',
      '/v1/orders',
      {
        holdId: hold.body.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'mail', address },
        payment: { method: 'cash', tendered: { amount: 10_000, currency: 'EUR' } },
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(order.body.state).toBe('paid');
    const orderId = order.body.id as string;
    // The outbox submits it; the stand-in acknowledges through the webhook.
    await expect.poll(() => shipping(orderId), { timeout: 5000 }).toMatchObject({ state: 'accepted' });
    const shipment = cloud.mailing!.shipments.get(orderId)!;
    expect(shipment.tickets).toHaveLength(2);
    expect(shipment.recipient).toEqual(address);

    expect(await cloud.mailing!.report(orderId, 'shipped', { carrier: 'Swiss Post', trackingNumber: 'CH123' })).toBe(
      204,
    );
    expect(await shipping(orderId)).toMatchObject({ state: 'shipped', carrier: 'Swiss Post', trackingNumber: 'CH123' });

    // Forged, stale, or about no shipment: refused, nothing changes.
    const report = (status: string, at = new Date().toISOString()) =>
      JSON.stringify({ shipmentId: shipment.shipmentId, reference: orderId, status, at });
    const now = Math.floor(Date.now() / 1000);
    const post = (body: string, signature: string) =>
      call('POST', '/v1/webhooks/mailing', body, { 'x-mailing-signature': signature });
    const delivered = report('delivered');
    expect((await post(delivered, signWebhook('not-the-secret', delivered, now))).status).toBe(401);
    expect((await post(delivered, signWebhook(secret, delivered, now - 3600))).status).toBe(401);
    expect((await post(delivered, '')).status).toBe(401);
    expect(
      (await post(report('delivered').replace('delivered', 'returned'), signWebhook(secret, delivered, now))).status,
    ).toBe(401);
    const stranger = JSON.stringify({
      shipmentId: 'SHP-X',
      reference: randomUUID(),
      status: 'delivered',
      at: new Date().toISOString(),
    });
    expect((await post(stranger, signWebhook(secret, stranger, now))).status).toBe(404);
    expect((await shipping(orderId)).state).toBe('shipped');
    // An older report arriving late is ignored.
    const old = report('printed', new Date(Date.now() - 3_600_000).toISOString());
    expect((await post(old, signWebhook(secret, old, now))).status).toBe(204);
    expect((await shipping(orderId)).state).toBe('shipped');
    expect((await post(delivered, signWebhook(secret, delivered, now))).status).toBe(204);
    expect((await shipping(orderId)).state).toBe('delivered');
  });
});
