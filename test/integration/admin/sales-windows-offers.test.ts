// Sales windows beyond the hold (PGlite). A waitlist offer is a web sale: while the web window is shut the line waits
// in order (nothing offered, nobody expired), an offer made inside it ends at the latest when it closes, and the
// offer's checkout is refused once the window has closed. An allotment is box-office stock: the back office gives it
// to a counter before the box-office window opens, the device is told the window, and selling from it is refused
// until the window opens.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';
const HOUR = 3_600_000;

describe('sales windows for waitlist offers and allotments on pglite', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;
  let clerk: string;
  let device: { id: string; token: string };

  const at = (ms: number) => new Date(world.clock.now().getTime() + ms).toISOString();
  const setWindows = async (windows: unknown[]) => {
    const set = await api.call('PUT', apiPaths.eventSalesWindows(world.eventId), {
      body: { windows },
      bearer: manager,
    });
    expect(set.status).toBe(200);
  };
  const lineStates = async () =>
    (await api.call('GET', `/v1/admin/events/${world.eventId}/waitlist`, { bearer: clerk })).body.entries.map(
      (e: { email: string; state: string }) => `${e.email}:${e.state}`,
    );
  const cash = (holdId: string, bearer: string, allotmentSeatIds?: string[]) =>
    api.call('POST', '/v1/orders', {
      body: {
        holdId,
        ...(allotmentSeatIds ? { allotmentSeatIds } : {}),
        buyer: { email: 'door@example.com', name: 'Door Sale' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer,
      idempotencyKey: randomUUID(),
    });

  beforeAll(async () => {
    db = await freshDb('pglite');
    const map = smallHall(2, 4);
    map.sections = map.sections.filter((section) => section.id === 'MAIN');
    world = await buildWorld(db, { map });
    api = await testApi(world.services);
    manager = await api.issuer.issue({ sub: 'manager-1', groups: ['venue_manager'], venueIds: [world.venueId] });
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    const counter = await world.services.identity.createDevice({
      venueId: world.venueId,
      kind: 'boxoffice',
      name: 'Counter 1',
    });
    device = {
      id: counter.id,
      token: await api.issuer.issue({ sub: counter.id, groups: ['boxoffice'], venueId: world.venueId }),
    };
  });
  afterAll(async () => db.close());

  let firstOrder: { id: string; tickets: { id: string; seatId: string }[] };

  it('offers nothing while the web window is shut: the line waits in order and is offered once it opens', async () => {
    // Row A sold at the counter (no box-office window yet), row B given to the counter: nothing is left.
    const hold = await api.call('POST', apiPaths.eventHolds(world.eventId), {
      body: { seatIds: ['MAIN-A-1', 'MAIN-A-2', 'MAIN-A-3', 'MAIN-A-4'] },
      bearer: clerk,
    });
    firstOrder = (await cash(hold.body.id, clerk)).body;
    const given = await api.call('POST', apiPaths.adminEventAllotments(world.eventId), {
      bearer: manager,
      body: { deviceId: device.id, seatIds: ['MAIN-B-1', 'MAIN-B-2', 'MAIN-B-3', 'MAIN-B-4'] },
    });
    expect(given.status).toBe(201);
    for (const email of ['ann@example.com', 'bob@example.com']) {
      const joined = await api.call('POST', `/v1/events/${world.eventId}/waitlist`, { body: { email, quantity: 1 } });
      expect(joined.status).toBe(201);
      world.clock.advance(1000);
    }
    await setWindows([{ channel: 'web', opensAt: at(2 * HOUR), closesAt: at(2 * HOUR + 10 * 60_000) }]);
    const refund = await api.call('POST', `/v1/orders/${firstOrder.id}/refunds`, {
      body: { ticketIds: [firstOrder.tickets[0]!.id], reason: 'cannot come' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(refund.status).toBe(200);

    expect(await world.services.waitlist.offerFreedPlaces()).toBe(0);
    expect(await lineStates()).toEqual(['ann@example.com:waiting', 'bob@example.com:waiting']);

    world.clock.advance(2 * HOUR);
    expect(await world.services.waitlist.offerFreedPlaces()).toBe(1);
    expect(await lineStates()).toEqual(['ann@example.com:offered', 'bob@example.com:waiting']);
    // Offers stand 30 minutes; this one ends when the web window closes, 10 minutes from now.
    const offer = await db.query<{ expires_at: Date }>('SELECT expires_at FROM waitlist_offers');
    expect(offer.rows[0]!.expires_at.toISOString()).toBe(at(10 * 60_000));
  });

  it('refuses the offer`s checkout once the web window has closed', async () => {
    const offer = await db.query<{ id: string }>('SELECT id FROM waitlist_offers');
    const token = world.services.waitlist.tokens.claimToken(offer.rows[0]!.id);
    const claim = await api.call('POST', `/v1/waitlist/claims/${encodeURIComponent(token)}`);
    expect(claim.status).toBe(200);
    // The manager closes web sales early, while the offer still stands.
    await setWindows([{ channel: 'web', opensAt: at(-HOUR), closesAt: at(60_000) }]);
    world.clock.advance(2 * 60_000);
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: claim.body.hold.id,
        buyer: { email: 'ann@example.com', name: 'Ann' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.test/checkout/return' },
      },
      holdToken: claim.body.hold.token,
      idempotencyKey: randomUUID(),
    });
    expect(order.status).toBe(409);
    expect(order.body.type).toBe(PROBLEM + 'sales_window_closed');
    expect(order.body.detail).toContain('web shop');
  });

  it('gives the counter its allotment before the box office opens, and sells from it only once it has', async () => {
    const opensAt = at(HOUR);
    const closesAt = at(5 * HOUR);
    await setWindows([{ channel: 'boxoffice', opensAt, closesAt }]);
    const mine = await api.call('GET', '/v1/boxoffice/allotments', { bearer: device.token });
    expect(mine.status).toBe(200);
    const [allotment] = mine.body.allotments;
    expect(allotment.sellingWindow).toEqual({ opensAt, closesAt });

    const early = await cash(allotment.id, device.token, ['MAIN-B-1']);
    expect(early.status).toBe(409);
    expect(early.body.type).toBe(PROBLEM + 'sales_window_closed');
    expect(early.body.detail).toContain('box office');

    world.clock.advance(HOUR);
    const sold = await cash(allotment.id, device.token, ['MAIN-B-1']);
    expect(sold.status).toBe(201);
    expect(sold.body.tickets.map((t: { seatId: string }) => t.seatId)).toEqual(['MAIN-B-1']);
  });

  it('tells a counter without a box-office window the event`s on-sale period', async () => {
    await setWindows([]);
    const event = (await api.call('GET', apiPaths.adminEvent(world.eventId), { bearer: manager })).body;
    const [allotment] = (await api.call('GET', '/v1/boxoffice/allotments', { bearer: device.token })).body.allotments;
    expect(allotment.sellingWindow).toEqual({ opensAt: event.onSaleFrom, closesAt: event.onSaleUntil });
  });
});

describe('a waitlist offer near the web window`s close on pglite', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;
  let clerk: string;

  const at = (ms: number) => new Date(world.clock.now().getTime() + ms).toISOString();
  const setWebWindow = async (opensAt: string, closesAt: string) => {
    const set = await api.call('PUT', apiPaths.eventSalesWindows(world.eventId), {
      body: { windows: [{ channel: 'web', opensAt, closesAt }] },
      bearer: manager,
    });
    expect(set.status).toBe(200);
  };
  const lineStates = async () =>
    (await api.call('GET', `/v1/admin/events/${world.eventId}/waitlist`, { bearer: clerk })).body.entries.map(
      (e: { email: string; state: string }) => `${e.email}:${e.state}`,
    );
  const offerExpiries = async () =>
    (await db.query<{ expires_at: Date }>(`SELECT expires_at FROM waitlist_offers WHERE state = 'open'`)).rows.map(
      (row) => row.expires_at.toISOString(),
    );

  beforeAll(async () => {
    db = await freshDb('pglite');
    const map = smallHall(1, 2);
    map.sections = map.sections.filter((section) => section.id === 'MAIN');
    world = await buildWorld(db, { map });
    api = await testApi(world.services);
    manager = await api.issuer.issue({ sub: 'manager-1', groups: ['venue_manager'], venueIds: [world.venueId] });
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    // Both seats sold at the counter, two buyers wait, then one ticket is given back: one seat to offer.
    const hold = await api.call('POST', apiPaths.eventHolds(world.eventId), {
      body: { seatIds: ['MAIN-A-1', 'MAIN-A-2'] },
      bearer: clerk,
    });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'door@example.com', name: 'Door Sale' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.status).toBe(201);
    for (const email of ['ann@example.com', 'bob@example.com']) {
      const joined = await api.call('POST', `/v1/events/${world.eventId}/waitlist`, { body: { email, quantity: 1 } });
      expect(joined.status).toBe(201);
      world.clock.advance(1000);
    }
    const refund = await api.call('POST', `/v1/orders/${order.body.id}/refunds`, {
      body: { ticketIds: [order.body.tickets[0].id], reason: 'cannot come' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(refund.status).toBe(200);
  });
  afterAll(async () => db.close());

  it('makes no offer with less than 10 minutes left before the close: the line waits', async () => {
    await setWebWindow(at(-HOUR), at(5 * 60_000));
    expect(await world.services.waitlist.offerFreedPlaces()).toBe(0);
    expect(await lineStates()).toEqual(['ann@example.com:waiting', 'bob@example.com:waiting']);
  });

  it('puts a buyer whose offer the close cut short back in their place, offered first when the window opens', async () => {
    await setWebWindow(at(-HOUR), at(20 * 60_000));
    expect(await world.services.waitlist.offerFreedPlaces()).toBe(1);
    // Offers stand 30 minutes; this one is cut to the close, 20 minutes from now.
    expect(await offerExpiries()).toEqual([at(20 * 60_000)]);

    world.clock.advance(21 * 60_000);
    expect(await world.services.waitlist.offerFreedPlaces()).toBe(0);
    expect(await lineStates()).toEqual(['ann@example.com:waiting', 'bob@example.com:waiting']);

    await setWebWindow(at(HOUR), at(5 * HOUR));
    world.clock.advance(HOUR);
    expect(await world.services.waitlist.offerFreedPlaces()).toBe(1);
    expect(await lineStates()).toEqual(['ann@example.com:offered', 'bob@example.com:waiting']);
    expect(await offerExpiries()).toEqual([at(30 * 60_000)]);
  });

  it('still ends the place of a buyer who let a full offer lapse, and offers the next one', async () => {
    world.clock.advance(31 * 60_000);
    expect(await world.services.waitlist.offerFreedPlaces()).toBe(1);
    expect(await lineStates()).toEqual(['ann@example.com:expired', 'bob@example.com:offered']);
  });
});
