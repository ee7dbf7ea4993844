// wallet (issue 18): the tickets PDF a buyer downloads from the order page, through the HTTP API on PGlite. The
// buyer with the order token (or the account that bought it) gets a PDF with a page a valid ticket, its seat in words
// and its QR; another order's token, no token, or another account get a 404 problem, as if the order did not exist.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { readPdf } from '../../support/pdf-reader.ts';
import type { Db } from '../../../cloud/db/port.ts';

const RETURN_URL = 'https://shop.example/checkout/return';

describe('tickets PDF download', () => {
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  /** A web order paid through the sandbox (as a guest, or signed in with `bearer`). */
  const buy = async (seatIds: string[], bearer?: string) => {
    const auth = bearer ? { bearer } : {};
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds }, ...auth });
    expect(hold.status).toBe(201);
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
      },
      ...(hold.body.token ? { holdToken: hold.body.token } : {}),
      ...auth,
      idempotencyKey: randomUUID(),
    });
    expect(created.status).toBe(201);
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
    return { ...order, tickets: paid.body.tickets as { id: string; code: string }[] };
  };

  const download = (orderId: string, headers: Record<string, string> = {}) =>
    api.app.request(`/v1/orders/${orderId}/tickets.pdf`, { headers });

  it('the buyer with the order token gets the PDF: a page a ticket, the seat in words, the QR of its code', async () => {
    const order = await buy(['MAIN-B-3', 'MAIN-B-4']);
    const response = await download(order.id, { 'x-order-token': order.accessToken });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="tickets-${order.code}.pdf"`);
    const pdf = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.text).toContain('Row B');
    expect(pdf.text).toContain('Seat 3');
    expect(pdf.text).toContain('Seat 4');
    expect(pdf.pages.map((page) => page.qr).sort()).toEqual(order.tickets.map((ticket) => ticket.code).sort());
  });

  it('the account that bought the order gets it without a token', async () => {
    const order = await buy(['MAIN-C-1'], api.customerToken);
    const response = await download(order.id, { authorization: `Bearer ${api.customerToken}` });
    expect(response.status).toBe(200);
    expect((await readPdf(new Uint8Array(await response.arrayBuffer()))).pages).toHaveLength(1);
  });

  it('another order’s token, no token, or another account: 404 problem+json', async () => {
    const mine = await buy(['MAIN-D-1']);
    const theirs = await buy(['MAIN-D-2']);
    const stranger = await api.issuer.issue({ sub: 'customer-2', email: 'x@example.com', groups: [] });
    for (const headers of [
      { 'x-order-token': theirs.accessToken },
      {},
      { authorization: `Bearer ${stranger}` },
    ] as Record<string, string>[]) {
      const response = await download(mine.id, headers);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { type: string }).type).toMatch(/not_found$/);
    }
  });
});
