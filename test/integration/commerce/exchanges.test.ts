// Exchanges at the box office, through the HTTP API on real Postgres (else PGlite): a clerk gives back tickets of a
// paid order for seats held at the same venue, in one order change. An up-sell to another date is paid in cash for the
// difference (the credit pays the rest), a down-sell gives the difference back through the web provider, a counter
// ticket moves to another seat of the same event, and a card-terminal order needs exact amounts and a refund reference.
// The old seats go back on sale, the old order shows where its tickets went and the new one where it came from, and the
// money adds up (captured − refunded − credit out = what the valid tickets and kept fees are worth). A hold that ran
// out (its seat sold meanwhile), a clerk of another venue, tickets that are not the order's and a hold of another venue
// change nothing; a retry with the same key answers the same.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';
/** The field a problem names first. */
const fieldOf = (body: { errors?: { field: string }[] }) => body.errors?.[0]?.field;
const DAY = 86_400_000;

interface OrderBody {
  id: string;
  code: string;
  state: string;
  accessToken: string;
  total: { amount: number };
  refunded: { amount: number };
  creditOut?: { amount: number };
  tickets: { id: string; seatId: string; status: string }[];
  payments: { method: string; state: string; amount: { amount: number }; change: { amount: number } | null }[];
  exchangedTo?: { orderId: string; code: string }[];
  exchangedFrom?: { orderId: string; code: string };
}

describe.each(productionDbKinds())('box-office exchanges on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  /** Two dates of one show at the venue: 50.00 and 80.00 a seat, a 1.00 service fee a ticket and a 3.00 order fee. */
  let early: string;
  let late: string;

  const admin = (method: string, path: string, body?: unknown) =>
    api.call(method, path, { bearer: api.adminToken, ...(body === undefined ? {} : { body }) });

  const event = async (amount: number, startsInDays: number) => {
    const now = world.clock.now().getTime();
    const { id } = await world.services.admin.createEvent({
      name: `Show on day ${startsInDays}`,
      description: '',
      seatmapId: world.seatmapId,
      currency: 'EUR',
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      startsAt: new Date(now + startsInDays * DAY).toISOString(),
      onSaleFrom: new Date(now - DAY).toISOString(),
      onSaleUntil: new Date(now + (startsInDays - 1) * DAY).toISOString(),
      tiers: [{ name: 'All', price: { amount, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
    });
    await world.services.admin.setEventStatus(id, 'on_sale');
    const fees = {
      currency: 'EUR',
      serviceFee: { kind: 'fixed', amount: 100 },
      orderFee: { kind: 'fixed', amount: 300 },
    };
    expect((await admin('PUT', apiPaths.eventFees(id), { ...fees, deliveryFees: [] })).status).toBe(200);
    return id;
  };

  const hold = async (eventId: string, seatIds: string[], bearer?: string) =>
    api.call('POST', apiPaths.eventHolds(eventId), { body: { seatIds }, ...(bearer ? { bearer } : {}) });

  const webOrder = async (eventId: string, seatIds: string[]): Promise<OrderBody> => {
    const held = (await hold(eventId, seatIds)).body;
    const created = await api.call('POST', apiPaths.orders(), {
      body: {
        holdId: held.id,
        buyer: { email: 'ada@example.com', name: 'Ada' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
      },
      holdToken: held.token,
      idempotencyKey: randomUUID(),
    });
    expect(created.status).toBe(201);
    await world.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve', 'approve');
    const paid = await api.call('POST', `/v1/orders/${created.body.id}/payments/complete`, {
      orderToken: created.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    return { ...paid.body, accessToken: created.body.accessToken };
  };

  const exchange = (orderId: string, body: object, options: { bearer?: string; key?: string; token?: string } = {}) =>
    api.call('POST', apiPaths.orderExchanges(orderId), {
      body,
      bearer: options.bearer ?? clerk,
      idempotencyKey: options.key ?? randomUUID(),
      ...(options.token ? { holdToken: options.token } : {}),
    });

  const quote = (orderId: string, body: object) =>
    api.call('POST', apiPaths.orderExchangeQuote(orderId), { body, bearer: clerk });

  const getOrder = async (orderId: string): Promise<OrderBody> =>
    (await api.call('GET', apiPaths.order(orderId), { bearer: clerk })).body;

  /** Money in (captured, credit included) less money out (refunds, credit out) for an order. */
  const kept = (order: OrderBody) =>
    order.payments.filter((p) => p.state === 'captured').reduce((sum, p) => sum + p.amount.amount, 0) -
    order.refunded.amount -
    (order.creditOut?.amount ?? 0);

  const providerRefunds = async (orderId: string) =>
    (
      await db.query<{ amount: number }>(
        `SELECT r.amount FROM sandbox_refunds r JOIN payments p ON p.provider_charge_id = r.charge_id
         WHERE p.order_id = $1 ORDER BY r.created_at`,
        [orderId],
      )
    ).rows.map((r) => r.amount);

  const exchangeRows = async (orderId: string) =>
    (await db.query(`SELECT id FROM exchanges WHERE from_order_id = $1`, [orderId])).rows.length;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { map: smallHall(6, 10) });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    early = await event(5000, 20);
    late = await event(8000, 27);
  });
  afterAll(async () => db.close());

  it('up-sells to a dearer date: the credit pays 51.00, cash the 33.00 left; the old seat is on sale again', async () => {
    const shiftFrom = new Date(Date.now() - 1000).toISOString();
    const order = await webOrder(early, ['MAIN-A-1', 'MAIN-A-2']);
    expect(order.total.amount).toBe(2 * 5100 + 300);
    const ticket = order.tickets.find((t) => t.seatId === 'MAIN-A-1')!;
    const held = await hold(late, ['MAIN-B-1'], clerk);
    expect(held.status).toBe(201);
    const ask = { ticketIds: [ticket.id], holdId: held.body.id };

    const priced = await quote(order.id, ask);
    expect(priced.status).toBe(200);
    expect(priced.body).toMatchObject({
      credit: { amount: 5100, currency: 'EUR' },
      newTotal: { amount: 8400, currency: 'EUR' },
      difference: { amount: 3300, currency: 'EUR' },
      breakdown: { totals: { total: 8400 } },
    });

    // No payment for the difference, or too little cash: refused naming `payment`, nothing changed.
    const unpaid = await exchange(order.id, ask);
    expect(unpaid.status).toBe(400);
    expect(unpaid.body.type).toBe(`${PROBLEM}validation_failed`);
    expect(fieldOf(unpaid.body)).toBe('payment');
    const short = await exchange(order.id, {
      ...ask,
      payment: { method: 'cash', tendered: { amount: 3000, currency: 'EUR' } },
    });
    expect(fieldOf(short.body)).toBe('payment');
    expect(await exchangeRows(order.id)).toBe(0);

    const key = randomUUID();
    const body = { ...ask, payment: { method: 'cash', tendered: { amount: 4000, currency: 'EUR' } } };
    const done = await exchange(order.id, body, { key });
    expect(done.status).toBe(201);
    const from: OrderBody = done.body.from;
    const to: OrderBody = done.body.to;
    expect(done.body.difference.amount).toBe(3300);
    expect(to.state).toBe('paid');
    expect(to.total.amount).toBe(8400);
    expect(to.tickets.map((t) => [t.seatId, t.status])).toEqual([['MAIN-B-1', 'valid']]);
    expect(to.payments.map((p) => [p.method, p.state, p.amount.amount])).toEqual([
      ['cash', 'captured', 3300],
      ['exchange_credit', 'captured', 5100],
    ]);
    expect(to.payments[0]!.change!.amount).toBe(700);
    expect(to.exchangedFrom).toEqual({ orderId: order.id, code: order.code });
    expect(from.state).toBe('partially_refunded');
    expect(from.tickets.find((t) => t.id === ticket.id)!.status).toBe('void');
    expect(from.exchangedTo).toEqual([{ orderId: to.id, code: to.code }]);
    expect(from.creditOut!.amount).toBe(5100);
    expect(from.refunded.amount).toBe(0);
    expect(await providerRefunds(order.id)).toEqual([]);
    // What each order keeps is what its valid tickets (and A's order fee) are worth.
    expect(kept(from)).toBe(5100 + 300);
    expect(kept(to)).toBe(8400);
    // The old seat is on sale again; the new one is sold.
    expect((await hold(early, ['MAIN-A-1'])).status).toBe(201);
    expect((await hold(late, ['MAIN-B-1'])).status).toBe(409);

    // The same key again: the same answer, one exchange.
    const again = await exchange(order.id, body, { key });
    expect(again.status).toBe(201);
    expect(again.body.to.id).toBe(to.id);
    expect(await exchangeRows(order.id)).toBe(1);
    // The order view shows the link from both sides.
    expect((await getOrder(order.id)).exchangedTo).toEqual([{ orderId: to.id, code: to.code }]);
    expect((await getOrder(to.id)).exchangedFrom).toEqual({ orderId: order.id, code: order.code });

    // The clerk's shift: 33.00 cash taken; the credit is no payment line and no refund, but a line of the takings,
    // so the new order's breakdown less the credit adds up to the cash.
    const report = await api.call('GET', `/v1/boxoffice/shift-report?from=${encodeURIComponent(shiftFrom)}`, {
      bearer: clerk,
    });
    expect(report.status).toBe(200);
    expect(report.body.lines).toEqual([
      expect.objectContaining({ method: 'cash', orders: 1, taken: { amount: 3300, currency: 'EUR' }, refunds: 0 }),
    ]);
    const [takings] = report.body.breakdown as {
      ticketSales: { amount: number };
      serviceFees: { amount: number };
      orderFees: { amount: number };
      deliveryFees: { amount: number };
      taxes: { mode: string; collected: { amount: number } }[];
      exchangeCredits: { amount: number };
      refunded: { amount: number };
      takings: { amount: number };
    }[];
    expect(takings!.exchangeCredits.amount).toBe(5100);
    const added = takings!.taxes.filter((t) => t.mode === 'exclusive').reduce((sum, t) => sum + t.collected.amount, 0);
    expect(
      takings!.ticketSales.amount +
        takings!.serviceFees.amount +
        takings!.orderFees.amount +
        takings!.deliveryFees.amount +
        added -
        takings!.exchangeCredits.amount -
        takings!.refunded.amount,
    ).toBe(3300);
    expect(takings!.takings.amount).toBe(3300);
  });

  it('down-sells to a cheaper date: 27.00 goes back through the web provider, the rest is credit', async () => {
    const order = await webOrder(late, ['MAIN-C-1', 'MAIN-C-2']);
    const ticket = order.tickets.find((t) => t.seatId === 'MAIN-C-2')!;
    const held = await hold(early, ['MAIN-C-5'], clerk);
    const ask = { ticketIds: [ticket.id], holdId: held.body.id };
    expect((await quote(order.id, ask)).body.difference.amount).toBe(5400 - 8100);
    // Nothing to pay: a payment is refused.
    const paying = await exchange(order.id, {
      ...ask,
      payment: { method: 'cash', tendered: { amount: 100, currency: 'EUR' } },
    });
    expect(fieldOf(paying.body)).toBe('payment');

    const done = await exchange(order.id, ask);
    expect(done.status).toBe(201);
    const to: OrderBody = done.body.to;
    expect(to.payments.map((p) => [p.method, p.amount.amount])).toEqual([['exchange_credit', 5400]]);
    expect(await providerRefunds(order.id)).toEqual([2700]);
    const from = await getOrder(order.id);
    expect(from.state).toBe('partially_refunded');
    expect(from.refunded.amount).toBe(2700);
    expect(from.creditOut!.amount).toBe(5400);
    expect(kept(from)).toBe(8100 + 300);
    expect(kept(to)).toBe(to.total.amount);

    // The last ticket too: the order is refunded (its order fee stays kept, as a refund would keep it).
    const next = await hold(early, ['MAIN-C-6'], clerk);
    const last = await exchange(order.id, {
      ticketIds: [order.tickets.find((t) => t.seatId === 'MAIN-C-1')!.id],
      holdId: next.body.id,
    });
    expect(last.status).toBe(201);
    expect(last.body.from.state).toBe('refunded');
    expect(last.body.from.exchangedTo).toHaveLength(2);
    expect(kept(last.body.from)).toBe(300);
  });

  /** A box-office order paid in cash or at the card terminal. */
  const counterOrder = async (eventId: string, seatIds: string[], payment: object): Promise<OrderBody> => {
    const held = (await hold(eventId, seatIds, clerk)).body;
    const created = await api.call('POST', apiPaths.orders(), {
      body: {
        holdId: held.id,
        buyer: { email: 'bo@example.com', name: 'Counter Buyer' },
        delivery: { method: 'print_at_venue' },
        payment,
      },
      bearer: clerk,
      holdToken: held.token,
      idempotencyKey: randomUUID(),
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  it('moves a counter ticket to another seat of the same event; a card-terminal order needs exact amounts', async () => {
    const cash = await counterOrder(early, ['MAIN-F-1'], {
      method: 'cash',
      tendered: { amount: 5400, currency: 'EUR' },
    });
    const seat = await hold(early, ['MAIN-F-2'], clerk);
    // The same price, but the new order has its own order fee.
    const moved = await exchange(cash.id, {
      ticketIds: [cash.tickets[0]!.id],
      holdId: seat.body.id,
      payment: { method: 'cash', tendered: { amount: 300, currency: 'EUR' } },
    });
    expect(moved.status).toBe(201);
    expect(moved.body.to.tickets.map((t: { seatId: string }) => t.seatId)).toEqual(['MAIN-F-2']);
    expect(moved.body.from.state).toBe('refunded');
    expect((await hold(early, ['MAIN-F-1'])).status).toBe(201);

    const authorization = (amount: number) => ({
      reference: `AUTH-${randomUUID().slice(0, 8)}`,
      amount: { amount, currency: 'EUR' },
      cardLast4: '4242',
    });
    const card = await counterOrder(late, ['MAIN-F-7'], {
      method: 'card_terminal',
      authorization: authorization(8400),
    });
    // Up: the terminal must have authorized exactly the difference.
    const dearer = await hold(late, ['MAIN-F-8', 'MAIN-F-9'], clerk);
    const up = { ticketIds: [card.tickets[0]!.id], holdId: dearer.body.id };
    const wrong = await exchange(card.id, {
      ...up,
      payment: { method: 'card_terminal', authorization: authorization(100) },
    });
    expect(wrong.status).toBe(400);
    expect(fieldOf(wrong.body)).toBe('payment');
    // Down: money back to a card needs the terminal's reference of that refund.
    const cheaper = await hold(early, ['MAIN-F-3'], clerk);
    const down = { ticketIds: [card.tickets[0]!.id], holdId: cheaper.body.id };
    const noReference = await exchange(card.id, down);
    expect(noReference.status).toBe(400);
    expect(fieldOf(noReference.body)).toBe('terminalReference');
    const refunded = await exchange(card.id, { ...down, terminalReference: 'TERM-REFUND-1' });
    expect(refunded.status).toBe(201);
    expect(refunded.body.from.refunded.amount).toBe(8100 - 5400);
  });

  it('changes nothing when the new hold ran out and its seat was sold meanwhile', async () => {
    const order = await webOrder(early, ['MAIN-D-1']);
    const held = await hold(late, ['MAIN-D-9'], clerk);
    world.clock.advance(601_000);
    await world.services.holds.sweepExpired();
    await webOrder(late, ['MAIN-D-9']);
    const gone = await exchange(order.id, {
      ticketIds: [order.tickets[0]!.id],
      holdId: held.body.id,
      payment: { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } },
    });
    expect([409, 410]).toContain(gone.status);
    expect(gone.body.type).toMatch(/hold_expired|hold_not_active|seats_unavailable/);
    const after = await getOrder(order.id);
    expect(after.state).toBe('paid');
    expect(after.tickets[0]!.status).toBe('valid');
    expect(after.creditOut).toBeUndefined();
    expect(await exchangeRows(order.id)).toBe(0);
    expect((await hold(early, ['MAIN-D-1'])).status).toBe(409);
  });

  it('refuses a clerk of another venue (no such order), tickets not of the order, and a hold of another venue', async () => {
    const order = await webOrder(early, ['MAIN-E-1']);
    const other = await webOrder(early, ['MAIN-E-2']);
    const held = await hold(late, ['MAIN-E-5'], clerk);
    const stranger = await api.issuer.issue({ sub: 'clerk-2', groups: ['clerk'], venueId: randomUUID() });
    const ask = { ticketIds: [order.tickets[0]!.id], holdId: held.body.id };
    const hidden = await exchange(order.id, ask, { bearer: stranger });
    expect(hidden.status).toBe(404);
    expect(
      (await api.call('POST', apiPaths.orderExchangeQuote(order.id), { body: ask, bearer: stranger })).status,
    ).toBe(404);

    for (const ticketIds of [[other.tickets[0]!.id], [randomUUID()]]) {
      const wrong = await exchange(order.id, { ...ask, ticketIds });
      expect(wrong.status).toBe(400);
      expect(fieldOf(wrong.body)).toBe('ticketIds');
    }

    const elsewhere = await buildWorld(db, { map: smallHall(2, 4) });
    const foreign = await elsewhere.services.holds.create(elsewhere.eventId, { seatIds: ['MAIN-A-1'] });
    const abroad = await exchange(order.id, { ...ask, holdId: foreign.id }, { token: foreign.token });
    expect(abroad.status).toBe(400);
    expect(fieldOf(abroad.body)).toBe('holdId');

    // A hold already checked out (its web payment pending) is not free to exchange for.
    const taken = (await hold(late, ['MAIN-E-9'])).body;
    const pending = await api.call('POST', apiPaths.orders(), {
      body: {
        holdId: taken.id,
        buyer: { email: 'other@example.com', name: 'Other' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
      },
      holdToken: taken.token,
      idempotencyKey: randomUUID(),
    });
    expect(pending.body.state).toBe('pending_payment');
    const twice = await exchange(
      order.id,
      { ...ask, holdId: taken.id, payment: { method: 'cash', tendered: { amount: 9000, currency: 'EUR' } } },
      { token: taken.token },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.type).toBe(`${PROBLEM}order_state_conflict`);

    const untouched = await getOrder(order.id);
    expect(untouched.state).toBe('paid');
    expect(untouched.tickets[0]!.status).toBe('valid');
    expect(await exchangeRows(order.id)).toBe(0);
  });
});
