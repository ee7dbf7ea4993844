// Buying with ticket types, promo and presale codes, fees and tax, through the HTTP API on PGlite: the quote and the
// order price a hold from the stored settings, the total paid to the sandbox provider is the breakdown's total, bad
// codes and baskets are answered problem+json naming the field, and an abandoned order gives its code's use back.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';
import { testApi, type ApiResponse, type TestApi } from '../../support/api.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';
const BUYER = { email: 'ada@example.com', name: 'Ada Lovelace' };
const RETURN_URL = 'https://shop.example/checkout/return';
const FRONT_ROW = Array.from({ length: 10 }, (_, n) => `MAIN-A-${n + 1}`);

describe('buying with ticket types, codes, fees and tax on pglite', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let frontId: string;
  let standardId: string;
  let adultId: string;
  const childId = randomUUID();

  const admin = (method: string, path: string, body?: unknown) =>
    api.call(method, path, { bearer: api.adminToken, ...(body === undefined ? {} : { body }) });
  const hold = async (body: object) => {
    const response = await api.call('POST', apiPaths.eventHolds(world.eventId), { body });
    expect(response.status).toBe(201);
    return response.body as { id: string; token: string };
  };
  const quote = (held: { id: string; token: string }, body: object = {}) =>
    api.call('POST', apiPaths.holdQuote(held.id), { holdToken: held.token, body });
  const checkout = (held: { id: string; token: string }, extra: object = {}) =>
    api.call('POST', apiPaths.orders(), {
      holdToken: held.token,
      idempotencyKey: randomUUID(),
      body: {
        holdId: held.id,
        buyer: BUYER,
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
        ...extra,
      },
    });
  const pay = async (order: { id: string; accessToken: string; payments: { redirectUrl: string }[] }) => {
    await world.sandbox.decide(order.payments.at(-1)!.redirectUrl.split('/').at(-1)!, 'approve', 'approve');
    return api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: randomUUID(),
    });
  };
  const expectProblem = (response: ApiResponse, status: number, type: string, field: string) => {
    expect(response.status).toBe(status);
    expect(response.body.type).toBe(PROBLEM + type);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  };
  const promo = async (body: object) => {
    const response = await admin('POST', apiPaths.promoCodes(), { eventId: world.eventId, ...body });
    expect(response.status).toBe(201);
    return response.body as { id: string; code: string };
  };
  const usesOf = async (codeId: string) =>
    (await admin('GET', apiPaths.eventCodes(world.eventId))).body.promoCodes.find(
      (c: { id: string }) => c.id === codeId,
    ).uses as number;

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db, {
      map: smallHall(10, 10),
      tiers: [
        { name: 'Front', price: { amount: 8000, currency: 'EUR' }, sectionIds: [], seatIds: FRONT_ROW },
        { name: 'Standard', price: { amount: 5000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] },
      ],
    });
    api = await testApi(world.services);
    const list = (await admin('GET', apiPaths.eventPriceList(world.eventId))).body;
    adultId = list.ticketTypes[0].id;
    [frontId, standardId] = [list.entries[0].tierId, list.entries[1].tierId];
    const put = await admin('PUT', apiPaths.eventPriceList(world.eventId), {
      ticketTypes: [
        { id: adultId, kind: 'adult', name: 'Adult' },
        { id: childId, kind: 'child', name: 'Child', maxPerOrder: 2, requiresCheck: 'Under 14' },
      ],
      entries: [
        { tierId: frontId, ticketTypeId: adultId, amount: 8000, currency: 'EUR' },
        { tierId: standardId, ticketTypeId: adultId, amount: 5000, currency: 'EUR' },
        { tierId: standardId, ticketTypeId: childId, amount: 2500, currency: 'EUR' },
      ],
      hiddenTierIds: [frontId],
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => db.close());

  it('keeps existing clients working: no lines, no code → every seat adult at the list price', async () => {
    const held = await hold({ seatIds: ['MAIN-B-1', 'MAIN-B-2'] });
    const order = (await checkout(held)).body;
    expect(order.total).toEqual({ amount: 10_000, currency: 'EUR' });
    expect(order.breakdown.totals).toEqual({ subtotal: 10_000, discount: 0, fees: 0, tax: 0, total: 10_000 });
    const paid = (await pay(order)).body;
    expect(
      paid.tickets.map((t: { ticketType: string; price: { amount: number } }) => [t.ticketType, t.price.amount]),
    ).toEqual([
      ['Adult', 5000],
      ['Adult', 5000],
    ]);
  });

  it('refuses a third child ticket (limit 2) and a type not sold in a tier, naming the seat', async () => {
    const held = await hold({ seatIds: ['MAIN-C-1', 'MAIN-C-2', 'MAIN-C-3', 'MAIN-C-4'] });
    const lines = ['MAIN-C-1', 'MAIN-C-2', 'MAIN-C-3'].map((seatId) => ({ seatId, ticketTypeId: childId }));
    expectProblem(await quote(held, { lines }), 422, 'ticket_type_limit', 'lines.MAIN-C-3');
    expectProblem(await checkout(held, { lines }), 422, 'ticket_type_limit', 'lines.MAIN-C-3');
    expectProblem(
      await quote(held, { lines: [{ seatId: 'MAIN-D-1', ticketTypeId: childId }] }),
      400,
      'validation_failed',
      'lines.0.seatId',
    );
    const two = await checkout(held, { lines: lines.slice(0, 2) });
    expect(two.status).toBe(201);
    expect(two.body.total.amount).toBe(2 * 2500 + 2 * 5000);
  });

  it('prices fees and exclusive tax line by line, and the provider is paid the breakdown’s total', async () => {
    await admin('PUT', apiPaths.eventFees(world.eventId), {
      currency: 'EUR',
      serviceFee: { kind: 'fixed', amount: 150 },
      orderFee: { kind: 'fixed', amount: 100 },
      deliveryFees: [{ method: 'mail', amount: 400 }],
    });
    await admin('PUT', apiPaths.venueTax(world.venueId), {
      label: 'VAT',
      ratePpm: 200_000,
      mode: 'exclusive',
      feesTaxable: true,
    });
    try {
      const held = await hold({ seatIds: ['MAIN-E-1', 'MAIN-E-2'] });
      const lines = [{ seatId: 'MAIN-E-2', ticketTypeId: childId }];
      const quoted = await quote(held, { lines, delivery: { method: 'email' } });
      expect(quoted.status).toBe(200);
      const { breakdown } = quoted.body;
      // Adult 5000 + 150 fee + 20 % of both; child 2500 + 150 + 20 %; order fee 100 + 20 %.
      expect(breakdown.tickets.map((t: { total: number }) => t.total)).toEqual([6180, 3180]);
      expect(breakdown.orderFee).toEqual({ amount: 100, tax: 20, total: 120 });
      expect(breakdown.totals).toEqual({ subtotal: 7500, discount: 0, fees: 400, tax: 1580, total: 9480 });
      const mailed = await quote(held, {
        lines,
        delivery: {
          method: 'mail',
          address: { name: 'Ada', line1: '1 St', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
        },
      });
      expect(mailed.body.breakdown.deliveryFee).toEqual({ method: 'mail', amount: 400, tax: 80, total: 480 });
      // The method alone prices a posted order: the buyer has not typed the address yet.
      const byMethod = await quote(held, { lines, delivery: { method: 'mail' } });
      expect(byMethod.status).toBe(200);
      expect(byMethod.body.breakdown).toEqual(mailed.body.breakdown);

      const order = (await checkout(held, { lines })).body;
      expect(order.total.amount).toBe(9480);
      expect(order.breakdown).toEqual(breakdown);
      const paid = (await pay(order)).body;
      expect(paid.state).toBe('paid');
      expect(
        paid.tickets.map(
          (t: { seatId: string; ticketType: string; requiresCheck: string | null; price: { amount: number } }) => [
            t.seatId,
            t.ticketType,
            t.requiresCheck,
            t.price.amount,
          ],
        ),
      ).toEqual([
        ['MAIN-E-1', 'Adult', null, 6180],
        ['MAIN-E-2', 'Child', 'Under 14', 3180],
      ]);
      const charged = (await world.sandbox.ledger()).charges.filter((c) => c.amount === 9480);
      expect(charged).toHaveLength(1);
    } finally {
      await admin('PUT', apiPaths.eventFees(world.eventId), { currency: 'EUR' });
      await admin('PUT', apiPaths.venueTax(world.venueId), {
        label: 'VAT',
        ratePpm: 0,
        mode: 'exclusive',
        feesTaxable: false,
      });
    }
  });

  it('takes a percent and a fixed promo code off, and counts each use', async () => {
    const percent = await promo({ code: 'QUARTER', discount: { kind: 'percent', basisPoints: 2500 } });
    const fixed = await promo({ code: 'Gold-Off', discount: { kind: 'fixed', amount: 1000, currency: 'EUR' } });
    // Listed, quoted and printed as the organizer wrote it; matched by its key (O as 0, no dashes, any case).
    expect(fixed.code).toBe('GOLD-OFF');
    const one = await hold({ seatIds: ['MAIN-F-1'] });
    const byPercent = (await checkout(one, { code: 'quarter' })).body;
    expect(byPercent.breakdown).toMatchObject({ promoCode: 'QUARTER', totals: { discount: 1250, total: 3750 } });
    expect(await usesOf(percent.id)).toBe(1);
    const two = await hold({ seatIds: ['MAIN-F-2', 'MAIN-F-3'] });
    const byFixed = (await checkout(two, { code: 'g0ld off' })).body;
    expect(byFixed.breakdown.promoCode).toBe('GOLD-OFF');
    expect(byFixed.breakdown.tickets.map((t: { discount: number }) => t.discount)).toEqual([500, 500]);
    expect(byFixed.total.amount).toBe(9000);
    expect((await pay(byFixed)).body.tickets.map((t: { price: { amount: number } }) => t.price.amount)).toEqual([
      4500, 4500,
    ]);
    expect(await usesOf(fixed.id)).toBe(1);
  });

  it('refuses an unknown code, an expired one and another event’s, naming the code field', async () => {
    const other = await world.services.admin.createEvent({
      name: 'Other',
      description: '',
      seatmapId: world.seatmapId,
      currency: 'EUR',
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      startsAt: '2030-03-01T20:00:00Z',
      onSaleFrom: '2030-01-01T00:00:00Z',
      onSaleUntil: '2030-02-28T00:00:00Z',
      tiers: [{ name: 'All', price: { amount: 100, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
    });
    await admin('POST', apiPaths.promoCodes(), {
      eventId: other.id,
      code: 'OTHERSHOW',
      discount: { kind: 'percent', basisPoints: 1000 },
    });
    await promo({
      code: 'LASTYEAR',
      discount: { kind: 'percent', basisPoints: 1000 },
      validFrom: '2029-01-01T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
    });
    const held = await hold({ seatIds: ['MAIN-G-1'] });
    expectProblem(await quote(held, { code: 'NOSUCHCODE' }), 422, 'code_unknown', 'code');
    expectProblem(await checkout(held, { code: 'NOSUCHCODE' }), 422, 'code_unknown', 'code');
    expectProblem(await checkout(held, { code: 'LASTYEAR' }), 422, 'code_expired', 'code');
    expectProblem(await checkout(held, { code: 'othershow' }), 422, 'code_other_event', 'code');
    expect((await checkout(held)).status).toBe(201);
  });

  it('keeps a hidden tier closed without a presale code, and opens it with one', async () => {
    const presale = await admin('POST', apiPaths.presaleCodes(), {
      eventId: world.eventId,
      name: 'Fan club',
      unlocksTierIds: [frontId],
      issue: { kind: 'shared', code: 'FANCLUB' },
    });
    expect(presale.status).toBe(201);
    const refused = await api.call('POST', apiPaths.eventHolds(world.eventId), { body: { seatIds: ['MAIN-A-1'] } });
    expectProblem(refused, 403, 'tier_locked', 'seatIds');
    expectProblem(
      await api.call('POST', apiPaths.eventHolds(world.eventId), {
        body: { bestAvailable: { quantity: 1, tierId: frontId } },
      }),
      403,
      'tier_locked',
      'bestAvailable.tierId',
    );
    expectProblem(
      await api.call('POST', apiPaths.eventHolds(world.eventId), {
        body: { seatIds: ['MAIN-A-1'], presaleCode: 'WRONG' },
      }),
      422,
      'code_unknown',
      'presaleCode',
    );
    // Best available without a code never picks the hidden front row.
    const best = await hold({ bestAvailable: { quantity: 2 } });
    expect(
      (await api.call('GET', apiPaths.hold(best.id), { holdToken: best.token })).body.seats.map(
        (s: { seatId: string }) => s.seatId,
      ),
    ).not.toContain('MAIN-A-1');

    // The catalog shows the hidden tier's prices only with the code.
    const tiersShown = async (query = '') =>
      (await api.call('GET', apiPaths.event(world.eventId) + query)).body.prices.tiers.map(
        (tier: { tierId: string; prices: { amount: number }[] }) => [tier.tierId, tier.prices.map((p) => p.amount)],
      );
    expect(await tiersShown()).toEqual([[standardId, [5000, 2500]]]);
    expect(await tiersShown('?presaleCode=FANCLUB')).toEqual([
      [frontId, [8000]],
      [standardId, [5000, 2500]],
    ]);
    expect((await api.call('GET', apiPaths.event(world.eventId) + '?presaleCode=NOPE')).status).toBe(422);

    const held = await hold({ seatIds: ['MAIN-A-1', 'MAIN-A-2'], presaleCode: 'fan club' });
    const order = (await checkout(held)).body;
    expect(order.total.amount).toBe(16_000);
    expect((await pay(order)).body.state).toBe('paid');
  });

  it('opens sales early to a presale code’s holders, and only to them', async () => {
    const now = world.clock.now().getTime();
    const early = await world.services.admin.createEvent({
      name: 'Not yet on sale',
      description: '',
      seatmapId: world.seatmapId,
      currency: 'EUR',
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      startsAt: new Date(now + 30 * 86_400_000).toISOString(),
      onSaleFrom: new Date(now + 86_400_000).toISOString(),
      onSaleUntil: new Date(now + 29 * 86_400_000).toISOString(),
      tiers: [{ name: 'All', price: { amount: 4000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
    });
    await world.services.admin.setEventStatus(early.id, 'on_sale');
    const presale = await admin('POST', apiPaths.presaleCodes(), {
      eventId: early.id,
      name: 'Early birds',
      validFrom: new Date(now - 3_600_000).toISOString(),
      issue: { kind: 'shared', code: 'EARLYBIRD' },
    });
    expect(presale.status).toBe(201);
    const holdEarly = (body: object) => api.call('POST', apiPaths.eventHolds(early.id), { body });
    expect((await holdEarly({ seatIds: ['MAIN-A-1'] })).body.type).toBe(PROBLEM + 'event_not_on_sale');
    expect((await holdEarly({ ga: { sectionId: 'PIT', quantity: 1 } })).body.type).toBe(PROBLEM + 'event_not_on_sale');
    const seated = await holdEarly({ seatIds: ['MAIN-A-1'], presaleCode: 'earlybird' });
    expect(seated.status).toBe(201);
    expect((await holdEarly({ ga: { sectionId: 'PIT', quantity: 2 }, presaleCode: 'EARLYBIRD' })).status).toBe(201);
    const order = await checkout(seated.body);
    expect(order.status).toBe(201);
    expect(order.body.total.amount).toBe(4000);
  });

  it('gives a code’s use back when its order is abandoned', async () => {
    const once = await promo({ code: 'JUSTONCE', discount: { kind: 'percent', basisPoints: 5000 }, maxUses: 1 });
    const first = await hold({ seatIds: ['MAIN-H-1'] });
    const abandoned = (await checkout(first, { code: 'JUSTONCE' })).body;
    expect(abandoned.total.amount).toBe(2500);
    expect(await usesOf(once.id)).toBe(1);
    const second = await hold({ seatIds: ['MAIN-H-2'] });
    expectProblem(await checkout(second, { code: 'JUSTONCE' }), 409, 'code_used_up', 'code');
    // The refused buyer keeps the hold and may pay without the code.
    expect((await api.call('GET', apiPaths.hold(second.id), { holdToken: second.token })).body.status).toBe('active');

    world.clock.advance(2 * 3600 * 1000);
    expect(await world.services.orders.abandoned.cancel()).toBeGreaterThanOrEqual(1);
    expect(
      (await api.call('GET', apiPaths.order(abandoned.id), { orderToken: abandoned.accessToken })).body.state,
    ).toBe('cancelled');
    expect(await usesOf(once.id)).toBe(0);
    const third = await hold({ seatIds: ['MAIN-H-3'] });
    expect((await checkout(third, { code: 'JUSTONCE' })).body.total.amount).toBe(2500);
    expect(await usesOf(once.id)).toBe(1);
  });

  // Last: it cancels the event.
  it('gives a code’s use back when the organizer cancels the event and refunds its order', async () => {
    const single = await promo({ code: 'ONEUSE', discount: { kind: 'percent', basisPoints: 1000 }, maxUses: 1 });
    const held = await hold({ seatIds: ['MAIN-J-1'] });
    const order = (await checkout(held, { code: 'ONEUSE' })).body;
    expect((await pay(order)).body.state).toBe('paid');
    expect(await usesOf(single.id)).toBe(1);

    const cancel = await admin('POST', `/v1/admin/events/${world.eventId}/cancel`, { reason: 'Venue flooded' });
    expect(cancel.status).toBe(202);
    for (let round = 0; round < 50; round++) {
      const ran = await world.services.outbox.runDue(100);
      if (ran.done + ran.failed === 0) break;
    }
    expect((await api.call('GET', apiPaths.order(order.id), { orderToken: order.accessToken })).body.state).toBe(
      'cancelled',
    );
    expect(await usesOf(single.id)).toBe(0);
  });
});
