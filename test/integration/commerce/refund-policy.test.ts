// Refunds under an event's refund policy, through the HTTP API on PGlite: a buyer's request is taken until N × 24 h
// before the start and refused after it naming the deadline, or refused when the event offers no refunds; what goes
// back is counted part by part from the order's breakdown (the refund fee kept, service and order fees back or not as
// the policy says, the tax of each part credited), the provider is asked for exactly that, the tickets are refunded
// and their seats go back on sale. A clerk refunds by the same parts (and may waive the refund fee); orders paid at
// the box office are refunded there. Also in JPY (no minor unit), with a refund fee in percent.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';
const RETURN_URL = 'https://shop.example/back';
const DAY = 86_400_000;

interface PaidOrder {
  id: string;
  accessToken: string;
  total: { amount: number };
  breakdown: { totals: { tax: number; total: number } };
  tickets: { id: string; seatId: string; status: string }[];
}

describe('refunds by the refund policy on pglite', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  let boxOffice: string;

  const admin = (method: string, path: string, body?: unknown) =>
    api.call(method, path, { bearer: api.adminToken, ...(body === undefined ? {} : { body }) });

  /** An event on sale now, starting in `startsInDays`, with its own refund policy. */
  const event = async (options: {
    startsInDays: number;
    policy?: object;
    seatmapId?: string;
    currency?: string;
    amount?: number;
  }) => {
    const now = world.clock.now().getTime();
    const currency = options.currency ?? 'EUR';
    const { id } = await world.services.admin.createEvent({
      name: `Show ${randomUUID().slice(0, 4)}`,
      description: '',
      seatmapId: options.seatmapId ?? world.seatmapId,
      currency,
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      startsAt: new Date(now + options.startsInDays * DAY).toISOString(),
      onSaleFrom: new Date(now - DAY).toISOString(),
      onSaleUntil: new Date(now + (options.startsInDays - 0.5) * DAY).toISOString(),
      tiers: [
        { name: 'All', price: { amount: options.amount ?? 5000, currency }, sectionIds: ['MAIN', 'PIT'], seatIds: [] },
      ],
    });
    await world.services.admin.setEventStatus(id, 'on_sale');
    if (currency === 'EUR') {
      const fees = { currency, serviceFee: { kind: 'fixed', amount: 100 }, orderFee: { kind: 'fixed', amount: 300 } };
      expect((await admin('PUT', apiPaths.eventFees(id), { ...fees, deliveryFees: [] })).status).toBe(200);
    }
    if (options.policy) expect((await admin('PUT', apiPaths.eventRefundPolicy(id), options.policy)).status).toBe(200);
    return id;
  };

  const hold = async (eventId: string, seatIds: string[], bearer?: string) =>
    api.call('POST', apiPaths.eventHolds(eventId), { body: { seatIds }, ...(bearer ? { bearer } : {}) });

  const webOrder = async (eventId: string, seatIds: string[]): Promise<PaidOrder> => {
    const held = (await hold(eventId, seatIds)).body;
    const created = await api.call('POST', apiPaths.orders(), {
      body: {
        holdId: held.id,
        buyer: { email: 'ada@example.com', name: 'Ada' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
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

  const ask = (order: PaidOrder, body: object = {}) =>
    api.call('POST', apiPaths.orderRefundRequest(order.id), {
      body,
      orderToken: order.accessToken,
      idempotencyKey: randomUUID(),
    });

  /** What the provider gave back on this order's charge, refund by refund. */
  const providerRefunds = async (orderId: string) =>
    (
      await db.query<{ amount: number }>(
        `SELECT r.amount FROM sandbox_refunds r JOIN payments p ON p.provider_charge_id = r.charge_id
         WHERE p.order_id = $1 ORDER BY r.created_at`,
        [orderId],
      )
    ).rows.map((r) => r.amount);

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db, { map: smallHall(6, 10) });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    const device = await world.services.identity.createDevice({
      venueId: world.venueId,
      kind: 'boxoffice',
      name: 'BO',
    });
    boxOffice = await api.issuer.issue({ sub: device.id, groups: ['boxoffice'], venueId: world.venueId });
    const tax = { label: 'VAT', ratePpm: 200_000, mode: 'exclusive', feesTaxable: true };
    expect((await admin('PUT', apiPaths.venueTax(world.venueId), tax)).status).toBe(200);
  });
  afterAll(async () => db.close());

  // Each ticket: 5000 + 20 % VAT = 6000, its service fee 100 + 20 = 120; the order fee 300 + 60 = 360.
  it('refunds one ticket before the deadline keeping the refund fee and the fees, crediting its tax', async () => {
    const policy = { refundableUntilDaysBefore: 7, refundFee: { kind: 'fixed', amount: 150 } };
    const eventId = await event({ startsInDays: 30, policy });
    const order = await webOrder(eventId, ['MAIN-A-1', 'MAIN-A-2']);
    expect(order.total.amount).toBe(2 * 6120 + 360);

    const first = await ask(order, { ticketIds: [order.tickets[0]!.id], reason: 'cannot come' });
    expect(first.status).toBe(200);
    expect(first.body.state).toBe('partially_refunded');
    expect(first.body.tickets.map((t: { status: string }) => t.status)).toEqual(['refunded', 'valid']);
    const refund = first.body.refunds[0];
    expect(refund.amount).toEqual({ amount: 6000 - 150, currency: 'EUR' });
    expect(refund.breakdown).toMatchObject({
      refundFee: 150,
      tax: 1000,
      total: 5850,
      tickets: [{ lineId: 'MAIN-A-1', ticket: { credited: 6000, tax: 1000 }, serviceFee: { credited: 0, tax: 0 } }],
      orderFee: { credited: 0 },
    });
    expect(await providerRefunds(order.id)).toEqual([5850]);
    // The seat is on sale again; the other ticket is still the buyer's.
    expect((await hold(eventId, ['MAIN-A-1'])).status).toBe(201);
    expect((await hold(eventId, ['MAIN-A-2'])).status).toBe(409);

    // The last ticket: the order fee stays kept (the policy does not give it back).
    const second = await ask(order);
    expect(second.status).toBe(200);
    expect(second.body.state).toBe('refunded');
    expect(second.body.refunded.amount).toBe(2 * 5850);
    expect(await providerRefunds(order.id)).toEqual([5850, 5850]);
    // Asking again: nothing left.
    expect((await ask(order)).body.type).toBe(`${PROBLEM}order_state_conflict`);
  });

  it('gives service, order fees and all tax back when the policy says so: the whole order, exactly its total', async () => {
    const policy = { refundableUntilDaysBefore: 2, refundServiceFees: true, refundOrderFee: true };
    const eventId = await event({ startsInDays: 30, policy });
    const order = await webOrder(eventId, ['MAIN-B-1', 'MAIN-B-2', 'MAIN-B-3']);
    const whole = await ask(order);
    expect(whole.status).toBe(200);
    expect(whole.body.state).toBe('refunded');
    expect(whole.body.refunds[0].breakdown).toMatchObject({
      total: order.total.amount,
      tax: order.breakdown.totals.tax,
      refundFee: 0,
      orderFee: { credited: 360, tax: 60 },
    });
    expect(await providerRefunds(order.id)).toEqual([order.total.amount]);
  });

  it('refuses after the deadline naming it, and refuses when the event offers no refunds', async () => {
    const policy = { refundableUntilDaysBefore: 7, refundFee: null };
    const soon = await event({ startsInDays: 6, policy });
    const order = await webOrder(soon, ['MAIN-C-1']);
    const late = await ask(order);
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body.type).toBe(`${PROBLEM}refund_window_closed`);
    const startsAt = Date.parse((await api.call('GET', apiPaths.event(soon))).body.startsAt);
    expect(Date.parse(late.body.deadline)).toBe(startsAt - 7 * DAY);
    expect(late.body.detail).toContain(late.body.deadline);

    // Exactly at 24 h × N before the start the window is closed; a millisecond before, it is open.
    const edge = await event({ startsInDays: 8, policy });
    const edgeOrder = await webOrder(edge, ['MAIN-C-2']);
    world.clock.advance(DAY - 1);
    expect((await ask(edgeOrder, { ticketIds: [edgeOrder.tickets[0]!.id] })).status).toBe(200);

    const none = await webOrder(world.eventId, ['MAIN-C-5']);
    const refused = await ask(none);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe(`${PROBLEM}refund_not_allowed`);
    expect(await providerRefunds(order.id)).toEqual([]);
    expect(await providerRefunds(none.id)).toEqual([]);
  });

  it('refuses a ticket of another order and a listed twice ticket, naming ticketIds', async () => {
    const eventId = await event({ startsInDays: 30, policy: { refundableUntilDaysBefore: 1 } });
    const a = await webOrder(eventId, ['MAIN-D-1']);
    const b = await webOrder(eventId, ['MAIN-D-2']);
    const foreign = await ask(a, { ticketIds: [b.tickets[0]!.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('ticketIds');
    const twice = await ask(a, { ticketIds: [a.tickets[0]!.id, a.tickets[0]!.id] });
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].field).toBe('ticketIds');
  });

  it('box office orders: asked online → ask at the box office; the clerk refunds by parts, fee waived on request', async () => {
    const policy = { refundableUntilDaysBefore: 7, refundFee: { kind: 'fixed', amount: 150 } };
    const eventId = await event({ startsInDays: 30, policy });
    const held = (await hold(eventId, ['MAIN-E-1', 'MAIN-E-2'], boxOffice)).body;
    const cash = await api.call('POST', apiPaths.orders(), {
      body: {
        holdId: held.id,
        buyer: { email: 'walk@example.com', name: 'Walk Up' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 20_000, currency: 'EUR' } },
      },
      bearer: boxOffice,
      idempotencyKey: randomUUID(),
    });
    expect(cash.status).toBe(201);
    const online = await api.call('POST', apiPaths.orderRefundRequest(cash.body.id), {
      body: {},
      orderToken: cash.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(online.body.type).toBe(`${PROBLEM}no_refund_offer`);

    const staffRefund = (ticketId: string, extra: object = {}) =>
      api.call('POST', apiPaths.orderRefunds(cash.body.id), {
        body: { ticketIds: [ticketId], reason: 'changed plans', ...extra },
        bearer: clerk,
        idempotencyKey: randomUUID(),
      });
    const refundOf = (body: { refunds: { ticketIds: string[] }[] }, ticketId: string) =>
      body.refunds.find((r) => r.ticketIds.includes(ticketId));
    // The box office asks first what will go back (the terminal is asked for exactly that); nothing changes.
    const quote = (body: object, bearer = clerk) =>
      api.call('POST', apiPaths.orderRefundQuote(cash.body.id), { body, bearer });
    expect((await quote({ ticketIds: [cash.body.tickets[0].id] })).body).toMatchObject({
      amount: { amount: 5850, currency: 'EUR' },
      breakdown: { refundFee: 150 },
    });
    expect((await quote({ ticketIds: [cash.body.tickets[0].id], waiveRefundFee: true })).body.amount.amount).toBe(6000);
    expect((await quote({ cancel: true })).body.amount.amount).toBe(cash.body.total.amount);
    const elsewhere = await world.services.admin.createVenue({ name: 'Elsewhere', city: 'Basel', timezone: 'UTC' });
    const farClerk = await api.issuer.issue({ sub: 'clerk-far', groups: ['clerk'], venueId: elsewhere.id });
    expect((await quote({ cancel: true }, farClerk)).status).toBe(404);
    expect((await quote({ cancel: true, ticketIds: [cash.body.tickets[0].id] })).status).toBe(400);

    const kept = await staffRefund(cash.body.tickets[0].id);
    expect(kept.status).toBe(200);
    expect(refundOf(kept.body, cash.body.tickets[0].id)).toMatchObject({
      amount: { amount: 5850 },
      state: 'succeeded',
    });
    const waived = await staffRefund(cash.body.tickets[1].id, { waiveRefundFee: true });
    expect(refundOf(waived.body, cash.body.tickets[1].id)).toMatchObject({
      amount: { amount: 6000 },
      breakdown: { refundFee: 0 },
    });
    expect(waived.body.state).toBe('refunded');
  });

  it('refunds a standing child ticket by its own line, and the adults after it by theirs', async () => {
    const eventId = await event({ startsInDays: 30, policy: { refundableUntilDaysBefore: 7 } });
    const list = (await admin('GET', apiPaths.eventPriceList(eventId))).body;
    const childId = randomUUID();
    const put = await admin('PUT', apiPaths.eventPriceList(eventId), {
      ticketTypes: [...list.ticketTypes, { id: childId, kind: 'child', name: 'Child' }],
      entries: [...list.entries, { ...list.entries[0], ticketTypeId: childId, amount: 2500 }],
      hiddenTierIds: [],
    });
    expect(put.status).toBe(200);
    const held = (
      await api.call('POST', apiPaths.eventHolds(eventId), { body: { ga: { sectionId: 'PIT', quantity: 3 } } })
    ).body;
    const created = await api.call('POST', apiPaths.orders(), {
      body: {
        holdId: held.id,
        buyer: { email: 'family@example.com', name: 'Family' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
        lines: [{ gaIndex: 1, ticketTypeId: childId }],
      },
      holdToken: held.token,
      idempotencyKey: randomUUID(),
    });
    expect(created.status).toBe(201);
    await world.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve', 'approve');
    await api.call('POST', `/v1/orders/${created.body.id}/payments/complete`, {
      orderToken: created.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    const order = { ...created.body, accessToken: created.body.accessToken } as PaidOrder & {
      tickets: { id: string; ticketType: string }[];
    };
    const paid = (await api.call('GET', apiPaths.order(order.id), { orderToken: order.accessToken })).body;
    const child = paid.tickets.find((t: { ticketType: string }) => t.ticketType === 'Child');
    const first = await ask(order, { ticketIds: [child.id] });
    expect(first.status).toBe(200);
    // 2500 + 20 % VAT; the service fee and the order fee stay kept.
    expect(first.body.refunds[0].breakdown.tickets).toEqual([
      expect.objectContaining({ lineId: 'PIT#1', ticket: { credited: 3000, tax: 500 } }),
    ]);
    const rest = await ask(order);
    expect(rest.status).toBe(200);
    const second = rest.body.refunds.find((r: { ticketIds: string[] }) => !r.ticketIds.includes(child.id));
    expect(second.breakdown.tickets.map((t: { lineId: string }) => t.lineId).sort()).toEqual(['PIT#0', 'PIT#2']);
    expect(second.amount.amount).toBe(2 * 6000);
    expect((await providerRefunds(order.id)).sort((a, b) => a - b)).toEqual([3000, 12_000]);
  });

  it('in JPY: a 10 % refund fee on ¥3,333 keeps ¥333', async () => {
    const venue = await world.services.admin.createVenue({ name: 'Tokyo Hall', city: 'Tokyo', timezone: 'Asia/Tokyo' });
    const map = await world.services.admin.importSeatMap(venue.id, smallHall(2, 5));
    const policy = { refundableUntilDaysBefore: 3, refundFee: { kind: 'percent', basisPoints: 1000 } };
    const eventId = await event({ startsInDays: 20, policy, seatmapId: map.id, currency: 'JPY', amount: 3333 });
    const order = await webOrder(eventId, ['MAIN-A-1', 'MAIN-A-2']);
    expect(order.total.amount).toBe(6666);
    const refunded = await ask(order, { ticketIds: [order.tickets[1]!.id] });
    expect(refunded.status).toBe(200);
    expect(refunded.body.refunds[0].amount).toEqual({ amount: 3000, currency: 'JPY' });
    expect(await providerRefunds(order.id)).toEqual([3000]);
  });
});
