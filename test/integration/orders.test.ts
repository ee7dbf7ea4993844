// Checkout through the HTTP API on PGlite and on a real Postgres server: hold → order → sandbox payment → paid with
// tickets, and every way it can go wrong (decline, timeout then retry, duplicate completion, a hold that ran out
// before the payment came), refunds of some tickets, cash and card-terminal sales, and Idempotency-Key replays.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { unpackStatuses } from '../../cloud/domain/inventory/availability-pack.ts';
import { verifyTicketCode } from '../../cloud/domain/tickets/ticket-code.ts';
import type { Db } from '../../cloud/db/port.ts';
import type { SandboxScenario } from '../../cloud/adapters/payments/sandbox.ts';

const BUYER = { email: 'Ada@Example.com', name: 'Ada Lovelace' };
const RETURN_URL = 'https://shop.example/checkout/return';

describe.each(dbKinds())('orders on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerkToken: string;
  let boxOfficeToken: string;

  const statusOf = async (seatId: string) => {
    const { body } = await api.call('GET', `/v1/events/${world.eventId}/availability`);
    const [, row, n] = seatId.split('-');
    return unpackStatuses(Buffer.from(body.statuses, 'base64'), body.seatCount)[
      (row!.charCodeAt(0) - 65) * 10 + Number(n) - 1
    ];
  };
  const hold = async (body: object, bearer?: string) => {
    const response = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body,
      ...(bearer ? { bearer } : {}),
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; token: string; total: { amount: number } };
  };
  const checkout = (
    held: { id: string; token?: string },
    options: { payment?: object; delivery?: object; key?: string; bearer?: string } = {},
  ) =>
    api.call('POST', '/v1/orders', {
      body: {
        holdId: held.id,
        buyer: BUYER,
        delivery: options.delivery ?? { method: 'email' },
        payment: options.payment ?? { method: 'sandbox', returnUrl: RETURN_URL },
      },
      ...(held.token ? { holdToken: held.token } : {}),
      ...(options.bearer ? { bearer: options.bearer } : {}),
      idempotencyKey: options.key ?? randomUUID(),
    });
  const sessionOf = (order: { payments: { redirectUrl: string | null }[] }) =>
    order.payments.at(-1)!.redirectUrl!.split('/').at(-1)!;
  const approve = (order: { payments: { redirectUrl: string | null }[] }, scenario: SandboxScenario = 'approve') =>
    world.sandbox.decide(sessionOf(order), scenario === 'decline' ? 'decline' : 'approve', scenario);
  const complete = (order: { id: string; accessToken: string }, key = randomUUID()) =>
    api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: key,
    });
  const outboxTopics = async (orderId: string) =>
    (
      await db.query<{ topic: string }>('SELECT topic FROM outbox WHERE aggregate_id = $1 ORDER BY topic', [orderId])
    ).rows.map((r) => r.topic);

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
    clerkToken = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    const device = await world.services.identity.createDevice({
      venueId: world.venueId,
      kind: 'boxoffice',
      name: 'BO 1',
    });
    boxOfficeToken = await api.issuer.issue({ sub: device.id, groups: ['boxoffice'], venueId: world.venueId });
  });
  afterAll(async () => db.close());

  it('web checkout: hold → order (hold extended once) → approve → complete → paid, seats sold, signed tickets, outbox rows', async () => {
    const held = await hold({ seatIds: ['MAIN-A-1', 'MAIN-A-2'] });
    const created = await checkout(held);
    expect(created.status).toBe(201);
    const order = created.body;
    expect(order).toMatchObject({
      state: 'pending_payment',
      channel: 'web',
      total: { amount: 10_000, currency: 'EUR' },
    });
    expect(order.buyer.email).toBe('ada@example.com');
    expect(order.code).toMatch(/^TB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(order.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Fulfilment can derive the same token for the buyer's email; it opens the order, and nothing else does.
    expect(world.services.orders.orderAccessToken(order.id)).toBe(order.accessToken);
    expect((await api.call('GET', `/v1/orders/${order.id}`, { orderToken: order.accessToken })).status).toBe(200);
    expect(order.payments[0]).toMatchObject({ method: 'sandbox', state: 'open' });
    expect(order.payments[0].redirectUrl).toMatch(/^http:\/\/sandbox\.test\/sandbox\/checkout\/sbs_/);
    // Entering payment extended the hold to a full hold time from now; a second extension is refused.
    const holdNow = await api.call('GET', `/v1/holds/${held.id}`, { holdToken: held.token });
    expect(holdNow.body.extended).toBe(true);
    expect((await api.call('POST', `/v1/holds/${held.id}/extend`, { holdToken: held.token })).status).toBe(409);

    const back = await approve(order);
    expect(back).toContain(`orderId=${order.id}`);
    const paid = await complete(order);
    expect(paid.status).toBe(200);
    expect(paid.body.state).toBe('paid');
    expect(paid.body.tickets).toHaveLength(2);
    for (const ticket of paid.body.tickets) {
      expect(verifyTicketCode(world.services.ticketPublicKey, ticket.code)).toMatchObject({
        ticketId: ticket.id,
        eventId: world.eventId,
        seat: ticket.seatId,
      });
    }
    expect(paid.body.tickets.map((t: { row: string; number: string }) => `${t.row}${t.number}`)).toEqual(['A1', 'A2']);
    expect(await statusOf('MAIN-A-1')).toBe(2);
    expect(await outboxTopics(order.id)).toEqual(['ticket_email']);
    const holdAfter = await api.call('GET', `/v1/holds/${held.id}`, { holdToken: held.token });
    expect(holdAfter.body.status).toBe('converted');
    expect((await api.call('DELETE', `/v1/holds/${held.id}`, { holdToken: held.token })).status).toBe(409);
    expect((await world.sandbox.ledger()).charges.filter((c) => c.amount === 10_000)).toHaveLength(1);
    // The live view heard the sale.
    expect(world.live.messages.at(-1)!.changes.map((c) => c.status)).toEqual(['sold', 'sold']);
  });

  it('a duplicate completion (another key) charges once and answers the paid order', async () => {
    const held = await hold({ seatIds: ['MAIN-A-3'] });
    const order = (await checkout(held)).body;
    await approve(order);
    const first = await complete(order);
    const second = await complete(order);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.state).toBe('paid');
    expect(second.body.tickets.map((t: { id: string }) => t.id)).toEqual(
      first.body.tickets.map((t: { id: string }) => t.id),
    );
    const charges = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sandbox_charges c JOIN sandbox_sessions s ON s.id = c.session_id WHERE s.id = $1`,
      [sessionOf(order)],
    );
    expect(charges.rows[0]!.n).toBe(1);
  });

  it('replays the first answer for the same Idempotency-Key and refuses the key for another body (422)', async () => {
    const held = await hold({ seatIds: ['MAIN-A-4'] });
    const key = randomUUID();
    const first = await checkout(held, { key });
    const again = await checkout(held, { key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await checkout(held, { key, delivery: { method: 'will_call' } });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('https://ticketboss.dev/problems/idempotency_key_reused');
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE hold_id = $1', [held.id]);
    expect(count.rows[0]!.n).toBe(1);
    const noKey = await api.call('POST', '/v1/orders', { body: {}, holdToken: held.token });
    expect(noKey.status).toBe(400);
    expect(noKey.body.type).toBe('https://ticketboss.dev/problems/idempotency_key_required');
  });

  it('a declined payment keeps the seats held, is replayed as the same 402, and a new payment can follow', async () => {
    const held = await hold({ seatIds: ['MAIN-B-1', 'MAIN-B-2'] });
    const order = (await checkout(held)).body;
    await approve(order, 'decline');
    const key = randomUUID();
    const declined = await complete(order, key);
    expect(declined.status).toBe(402);
    expect(declined.body.type).toBe('https://ticketboss.dev/problems/payment_declined');
    const replay = await complete(order, key);
    expect(replay.status).toBe(402);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await statusOf('MAIN-B-1')).toBe(1);

    const retried = await api.call('POST', `/v1/orders/${order.id}/payments`, {
      body: { method: 'sandbox', returnUrl: RETURN_URL },
      orderToken: order.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(retried.status).toBe(200);
    expect(retried.body.payments.map((p: { state: string }) => p.state)).toEqual(['declined', 'open']);
    await approve(retried.body);
    const paid = await complete(order);
    expect(paid.body.state).toBe('paid');
    expect(paid.body.tickets).toHaveLength(2);
  });

  it('a timeout (charged, answer lost) is a retryable 503; the retry with the same key finds the one charge', async () => {
    const held = await hold({ seatIds: ['MAIN-B-3'] });
    const order = (await checkout(held)).body;
    await approve(order, 'timeout');
    const key = randomUUID();
    const timedOut = await complete(order, key);
    expect(timedOut.status).toBe(503);
    expect(timedOut.body.retryable).toBe(true);
    const retried = await complete(order, key);
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('paid');
    const charges = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sandbox_charges WHERE session_id = $1',
      [sessionOf(order)],
    );
    expect(charges.rows[0]!.n).toBe(1);
  });

  it('a payment after the hold ran out still sells the seats when they are free', async () => {
    const held = await hold({ seatIds: ['MAIN-C-1'] });
    const order = (await checkout(held)).body;
    await approve(order);
    world.clock.advance(700_000);
    await world.services.holds.sweepExpired();
    expect(await statusOf('MAIN-C-1')).toBe(0);
    const paid = await complete(order);
    expect(paid.body.state).toBe('paid');
    expect(await statusOf('MAIN-C-1')).toBe(2);
  });

  it('a payment after the hold ran out and its seats were taken: cancelled, refunded in full automatically', async () => {
    const held = await hold({ seatIds: ['MAIN-C-2', 'MAIN-C-3'] });
    const order = (await checkout(held)).body;
    await approve(order);
    world.clock.advance(700_000);
    const someoneElse = await hold({ seatIds: ['MAIN-C-3'] });
    expect(someoneElse.id).toBeDefined();
    const late = await complete(order);
    expect(late.status).toBe(200);
    expect(late.body.state).toBe('cancelled');
    expect(late.body.cancelReason).toMatch(/refunded in full/);
    expect(late.body.tickets).toEqual([]);
    expect(late.body.refunds).toEqual([
      expect.objectContaining({ amount: { amount: 10_000, currency: 'EUR' }, state: 'succeeded' }),
    ]);
    const [charge] = (await world.sandbox.ledger()).charges.filter((c) => c.refunded === 10_000);
    expect(charge).toBeDefined();
    // Neither seat was sold; the other buyer keeps C-3 and C-2 is free.
    expect(await statusOf('MAIN-C-2')).toBe(0);
    expect(await statusOf('MAIN-C-3')).toBe(1);
  });

  it('refunds one ticket of many: that seat back on sale, money back for it, the rest stay valid', async () => {
    const held = await hold({ seatIds: ['MAIN-D-1', 'MAIN-D-2', 'MAIN-D-3'] });
    const order = (await checkout(held)).body;
    await approve(order);
    const paid = (await complete(order)).body;
    const [first, ...rest] = paid.tickets as { id: string; seatId: string }[];
    const refunded = await api.call('POST', `/v1/orders/${order.id}/refunds`, {
      body: { ticketIds: [first!.id], reason: 'cannot come' },
      bearer: clerkToken,
      idempotencyKey: randomUUID(),
    });
    expect(refunded.status).toBe(200);
    expect(refunded.body.state).toBe('partially_refunded');
    expect(refunded.body.refunded).toEqual({ amount: 5000, currency: 'EUR' });
    expect(refunded.body.tickets.map((t: { status: string }) => t.status)).toEqual(['refunded', 'valid', 'valid']);
    expect(refunded.body.tickets[0].code).toBeNull();
    expect(refunded.body.refunds).toEqual([expect.objectContaining({ ticketIds: [first!.id], state: 'succeeded' })]);
    expect(await statusOf('MAIN-D-1')).toBe(0);
    expect(await statusOf('MAIN-D-2')).toBe(2);
    const again = await api.call('POST', `/v1/orders/${order.id}/refunds`, {
      body: { ticketIds: [first!.id], reason: 'twice' },
      bearer: clerkToken,
      idempotencyKey: randomUUID(),
    });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].field).toBe('ticketIds');
    const rest2 = await api.call('POST', `/v1/orders/${order.id}/refunds`, {
      body: { reason: 'the rest' },
      bearer: clerkToken,
      idempotencyKey: randomUUID(),
    });
    expect(rest2.body.state).toBe('refunded');
    expect(rest2.body.refunded.amount).toBe(15_000);
    expect(rest.length).toBe(2);
    const charge = (await world.sandbox.ledger()).charges.find((c) => c.amount === 15_000 && c.refunded === 15_000);
    expect(charge).toBeDefined();
  });

  it('box office: cash with change, paid at once; card terminal recorded with its reference; search finds them', async () => {
    const held = await hold({ seatIds: ['MAIN-E-1', 'MAIN-E-2'] }, boxOfficeToken);
    const cash = await checkout(
      { id: held.id },
      {
        bearer: boxOfficeToken,
        payment: { method: 'cash', tendered: { amount: 12_000, currency: 'EUR' } },
        delivery: { method: 'print_at_venue' },
      },
    );
    expect(cash.status).toBe(201);
    expect(cash.body).toMatchObject({ state: 'paid', channel: 'boxoffice' });
    expect(cash.body.payments[0]).toMatchObject({ state: 'captured', change: { amount: 2000, currency: 'EUR' } });
    expect(cash.body.tickets).toHaveLength(2);
    expect(await outboxTopics(cash.body.id)).toEqual(['receipt_email']);

    const held2 = await hold({ seatIds: ['MAIN-E-3'] }, boxOfficeToken);
    const short = await checkout(
      { id: held2.id },
      {
        bearer: boxOfficeToken,
        payment: { method: 'cash', tendered: { amount: 100, currency: 'EUR' } },
      },
    );
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('payment.tendered');
    const card = await checkout(
      { id: held2.id },
      {
        bearer: boxOfficeToken,
        payment: {
          method: 'card_terminal',
          authorization: { reference: 'AUTH-778899', amount: { amount: 5000, currency: 'EUR' }, cardLast4: '4242' },
        },
        delivery: { method: 'will_call' },
      },
    );
    expect(card.status).toBe(201);
    expect(card.body.state).toBe('paid');

    const byLast4 = await api.call('GET', '/v1/orders?q=4242', { bearer: clerkToken });
    expect(byLast4.body.orders.map((o: { id: string }) => o.id)).toEqual([card.body.id]);
    const byCode = await api.call('GET', `/v1/orders?q=${encodeURIComponent(cash.body.code.toLowerCase())}`, {
      bearer: clerkToken,
    });
    expect(byCode.body.orders.map((o: { id: string }) => o.id)).toEqual([cash.body.id]);
    const byEmail = await api.call('GET', '/v1/orders?q=ADA@example.com', { bearer: clerkToken });
    expect(byEmail.body.orders.length).toBeGreaterThanOrEqual(2);
    const byName = await api.call('GET', '/v1/orders?q=lovel', { bearer: clerkToken });
    expect(byName.body.orders.length).toBe(byEmail.body.orders.length);

    // A card-terminal refund is made on the terminal; the cloud records its reference.
    const noReference = await api.call('POST', `/v1/orders/${card.body.id}/refunds`, {
      body: { reason: 'changed mind' },
      bearer: clerkToken,
      idempotencyKey: randomUUID(),
    });
    expect(noReference.status).toBe(400);
    const refunded = await api.call('POST', `/v1/orders/${card.body.id}/refunds`, {
      body: { reason: 'changed mind', terminalReference: 'REF-1234' },
      bearer: clerkToken,
      idempotencyKey: randomUUID(),
    });
    expect(refunded.body).toMatchObject({ state: 'refunded', refunds: [{ state: 'succeeded' }] });
  });

  it('mail delivery needs a valid postal address and writes the physical mailing job', async () => {
    const held = await hold({ seatIds: ['MAIN-D-8'] });
    const address = {
      name: 'Ada Lovelace',
      line1: '12 St James Sq',
      city: 'London',
      postalCode: 'SW1Y 4JH',
      country: 'GB',
    };
    const badPostcode = await checkout(held, {
      delivery: { method: 'mail', address: { ...address, postalCode: '<script>' } },
    });
    expect(badPostcode.status).toBe(400);
    expect(badPostcode.body.errors[0].field).toBe('delivery.address.postalCode');
    const badCountry = await checkout(held, {
      delivery: { method: 'mail', address: { ...address, country: 'England' } },
    });
    expect(badCountry.body.errors[0].field).toBe('delivery.address.country');
    const noAddress = await checkout(held, { delivery: { method: 'mail' } });
    expect(noAddress.body.errors[0].field).toBe('delivery.address');
    const order = (await checkout(held, { delivery: { method: 'mail', address } })).body;
    expect(order.delivery).toEqual({ method: 'mail', address });
    await approve(order);
    expect((await complete(order)).body.state).toBe('paid');
    expect(await outboxTopics(order.id)).toEqual(['physical_mailing', 'receipt_email']);
  });

  it('a kiosk sells by card terminal only; the web cannot print at the venue or pay cash', async () => {
    const kiosk = await world.services.identity.createDevice({ venueId: world.venueId, kind: 'kiosk', name: 'K1' });
    const kioskToken = await api.issuer.issue({ sub: kiosk.id, groups: ['kiosk'], venueId: world.venueId });
    const held = await hold({ seatIds: ['MAIN-E-9'] }, kioskToken);
    const cash = await checkout(
      { id: held.id },
      { bearer: kioskToken, payment: { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } } },
    );
    expect(cash.status).toBe(400);
    expect(cash.body.errors[0].field).toBe('payment.method');
    const card = await checkout(
      { id: held.id },
      {
        bearer: kioskToken,
        delivery: { method: 'print_at_venue' },
        payment: {
          method: 'card_terminal',
          authorization: { reference: 'K-AUTH-1', amount: { amount: 5000, currency: 'EUR' }, cardLast4: '0005' },
        },
      },
    );
    expect(card.body).toMatchObject({ state: 'paid', channel: 'kiosk' });
    // The kiosk sees what it sold, not what other doors sold.
    expect((await api.call('GET', `/v1/orders/${card.body.id}`, { bearer: kioskToken })).status).toBe(200);

    const webHold = await hold({ seatIds: ['MAIN-E-10'] });
    const printAtVenue = await checkout(webHold, { delivery: { method: 'print_at_venue' } });
    expect(printAtVenue.body.errors[0].field).toBe('delivery.method');
    const webCash = await checkout(webHold, {
      payment: { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } },
    });
    expect(webCash.body.errors[0].field).toBe('payment.method');
    const another = await hold({ seatIds: ['MAIN-E-7'] }, kioskToken);
    const wrongAmount = await checkout(
      { id: another.id },
      {
        bearer: kioskToken,
        payment: {
          method: 'card_terminal',
          authorization: { reference: 'K-AUTH-2', amount: { amount: 1, currency: 'EUR' }, cardLast4: '0005' },
        },
      },
    );
    expect(wrongAmount.status).toBe(400);
    expect(wrongAmount.body.errors[0].field).toBe('payment.authorization.amount');
  });

  it('staff cancel a paid order: tickets void, seats free, full refund; a pending order simply ends', async () => {
    const held = await hold({ seatIds: ['MAIN-E-5'] });
    const order = (await checkout(held)).body;
    await approve(order);
    await complete(order);
    const cancelled = await api.call('POST', `/v1/orders/${order.id}/cancel`, {
      body: { reason: 'event moved' },
      bearer: clerkToken,
      idempotencyKey: randomUUID(),
    });
    expect(cancelled.body).toMatchObject({
      state: 'cancelled',
      cancelReason: 'event moved',
      refunded: { amount: 5000 },
    });
    expect(cancelled.body.tickets[0].status).toBe('void');
    expect(await statusOf('MAIN-E-5')).toBe(0);

    const held2 = await hold({ seatIds: ['MAIN-E-6'] });
    const pending = (await checkout(held2)).body;
    const ended = await api.call('POST', `/v1/orders/${pending.id}/cancel`, {
      body: { reason: 'duplicate' },
      bearer: clerkToken,
      idempotencyKey: randomUUID(),
    });
    expect(ended.body.state).toBe('cancelled');
    expect(await statusOf('MAIN-E-6')).toBe(0);
    await approve(pending);
    expect((await complete(pending)).status).toBe(409);
  });

  it('standing places: sold from the hold, refunded back to the section', async () => {
    const held = await hold({ ga: { sectionId: 'PIT', quantity: 3 } });
    const order = (await checkout(held)).body;
    await approve(order);
    const paid = (await complete(order)).body;
    expect(paid.tickets).toHaveLength(3);
    expect(paid.tickets[0]).toMatchObject({ seatId: null, sectionId: 'PIT' });
    const remaining = async () =>
      (await api.call('GET', `/v1/events/${world.eventId}/availability`)).body.ga.find(
        (g: { sectionId: string }) => g.sectionId === 'PIT',
      ).remaining;
    expect(await remaining()).toBe(17);
    await api.call('POST', `/v1/orders/${order.id}/refunds`, {
      body: { ticketIds: [paid.tickets[0].id], reason: 'one less' },
      bearer: clerkToken,
      idempotencyKey: randomUUID(),
    });
    expect(await remaining()).toBe(18);
  });

  it('a signed-in customer sees the order in their list; an abandoned order is cancelled after its hold ran out', async () => {
    const customer = await api.issuer.issue({ sub: 'cust-42', email: 'c42@example.com', groups: [] });
    const held = await hold({ seatIds: ['MAIN-E-8'] }, customer);
    const order = (await checkout({ id: held.id }, { bearer: customer })).body;
    const mine = await api.call('GET', '/v1/me/orders', { bearer: customer });
    expect(mine.body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await api.call('GET', `/v1/orders/${order.id}`, { bearer: customer })).status).toBe(200);

    world.clock.advance(16 * 60_000 + 600_000);
    expect(await world.services.orders.abandoned.cancel()).toBeGreaterThanOrEqual(1);
    const after = await api.call('GET', `/v1/orders/${order.id}`, { bearer: customer });
    expect(after.body.state).toBe('cancelled');
    expect(await statusOf('MAIN-E-8')).toBe(0);
  });
});
