// An order prices from the event's cached copy (price list, fees, the venue's tax) under its settings stamp, on
// PGlite and real Postgres: each setting changed, through the back office of another service instance or straight in
// the database (no process is told), is what the very next order of the selling instance charges, because migration
// 0036's triggers raise the stamp the order reads anyway; a tax change reaches every event of the venue. An order
// reads none of the three settings itself; a quote, which reads no stamp of its own, checks it with one small read.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { createServices } from '../../../cloud/services/index.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

const RETURN_URL = 'https://shop.example/checkout/return';

/** The db of the selling instance, keeping the text of each statement sent through its port (not in transactions). */
function recordingDb(db: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const recorded = new Proxy(db, {
    get(target, property) {
      if (property === 'query') {
        return (sql: string, params?: readonly unknown[]) => {
          statements.push(sql);
          return target.query(sql, params);
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: recorded, statements };
}

/** The three reads pricing made on every order before the settings rode on the event's copy. */
const PRICING_READS = [/FROM ticket_types t WHERE t.event_id/, /FROM events e LEFT JOIN event_commerce/, /venue_taxes/];

describe.each(dbKinds())('pricing settings under the event settings stamp on %s', (kind) => {
  let db: Db;
  let world: World;
  /** The instance the back office talks to. */
  let office: TestApi;
  /** Another instance, selling: it keeps its own copy of each event and is told of no change. */
  let shop: TestApi;
  let statements: string[];
  let secondEventId: string;
  /** Seats taken so far, per event (50 a hall: 5 rows of 10). */
  const taken = new Map<string, number>();
  const nextSeats = (eventId: string, count: number) => {
    const first = taken.get(eventId) ?? 0;
    taken.set(eventId, first + count);
    return Array.from({ length: count }, (_, n) => {
      const index = first + n;
      return `MAIN-${String.fromCharCode(65 + Math.floor(index / 10))}-${(index % 10) + 1}`;
    });
  };
  const hold = async (eventId: string, count = 1) => {
    const seatIds = nextSeats(eventId, count);
    const held = await shop.call('POST', apiPaths.eventHolds(eventId), { body: { seatIds } });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    return { id: held.body.id as string, token: held.body.token as string, seatIds };
  };
  const checkout = (held: { id: string; token: string }, lines?: object[]) =>
    shop.call('POST', apiPaths.orders(), {
      holdToken: held.token,
      idempotencyKey: randomUUID(),
      body: {
        holdId: held.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
        ...(lines ? { lines } : {}),
      },
    });

  const admin = (method: string, path: string, body?: unknown) =>
    office.call(method, path, { bearer: office.adminToken, ...(body === undefined ? {} : { body }) });
  /** Holds the next row's first `count` seats of the event and orders them (adults unless lines say otherwise). */
  const order = async (eventId: string, count = 1, lines?: (seatIds: string[]) => object[]) => {
    const held = await hold(eventId, count);
    statements.length = 0;
    return checkout(held, lines?.(held.seatIds));
  };
  const totals = async (eventId: string) => {
    const response = await order(eventId);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.breakdown.totals as { subtotal: number; fees: number; tax: number; total: number };
  };
  const stampOf = async (eventId: string) =>
    Number(
      (await db.query<{ v: string }>('SELECT settings_version AS v FROM events WHERE id = $1', [eventId])).rows[0]!.v,
    );

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    office = await testApi(world.services);
    const recording = recordingDb(db);
    statements = recording.statements;
    const other = createServices({
      db: recording.db,
      live: world.live,
      clock: world.clock,
      providers: { sandbox: world.sandbox },
      publicUrl: () => 'https://shop.test',
      shopOrigins: () => ['https://shop.example'],
    });
    shop = await testApi(other);
    const now = world.clock.now().getTime();
    const created = await world.services.admin.createEvent({
      name: 'Second night',
      description: '',
      seatmapId: world.seatmapId,
      startsAt: new Date(now + 31 * 86_400_000).toISOString(),
      onSaleFrom: new Date(now - 86_400_000).toISOString(),
      onSaleUntil: new Date(now + 29 * 86_400_000).toISOString(),
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: [{ name: 'Standard', price: { amount: 4000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
    });
    secondEventId = created.id;
    await world.services.admin.setEventStatus(secondEventId, 'on_sale');
  });
  afterAll(async () => db.close());
  // Each case's settings put back, so that one failing case leaves the next its starting point.
  afterEach(async () => {
    await db.query('UPDATE ticket_prices SET amount = 5000 WHERE event_id = $1 AND amount <> 5000', [world.eventId]);
    await db.query('UPDATE ticket_types SET max_per_order = NULL WHERE event_id = $1 AND max_per_order IS NOT NULL', [
      world.eventId,
    ]);
    await db.query("UPDATE event_commerce SET hidden_tier_ids = '{}', service_fee = NULL WHERE event_id = $1", [
      world.eventId,
    ]);
    await db.query('DELETE FROM venue_taxes WHERE venue_id = $1', [world.venueId]);
  });
  // Every case starts with both events' copies cached in the selling instance.
  beforeEach(async () => {
    await totals(world.eventId);
    await totals(secondEventId);
  });

  it('an order reads none of the price list, fees and tax, and a sale changes no stamp', async () => {
    const before = await stampOf(world.eventId);
    const response = await order(world.eventId);
    expect(response.status).toBe(201);
    for (const read of PRICING_READS) expect(statements.filter((sql) => read.test(sql))).toEqual([]);
    console.log(`statements of an order outside its transaction: ${statements.length}`);
    await world.sandbox.decide(response.body.payments.at(-1).redirectUrl.split('/').at(-1), 'approve', 'approve');
    const completed = await shop.call('POST', `/v1/orders/${response.body.id}/payments/complete`, {
      orderToken: response.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(completed.status).toBe(200);
    expect(await stampOf(world.eventId)).toBe(before);
  });

  it('a price changed in the database (no process told) is what the next order charges', async () => {
    expect((await totals(world.eventId)).subtotal).toBe(5000);
    await db.query('UPDATE ticket_prices SET amount = 6100 WHERE event_id = $1', [world.eventId]);
    expect((await totals(world.eventId)).subtotal).toBe(6100);
  });

  it("a ticket type's new limit binds the next order", async () => {
    const adultId = (await admin('GET', apiPaths.eventPriceList(world.eventId))).body.ticketTypes[0].id as string;
    const adults = (seatIds: string[]) => seatIds.map((seatId) => ({ seatId, ticketTypeId: adultId }));
    expect((await order(world.eventId, 2, adults)).status).toBe(201);
    await db.query("UPDATE ticket_types SET max_per_order = 1 WHERE event_id = $1 AND kind = 'adult'", [world.eventId]);
    const refused = await order(world.eventId, 2, adults);
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.type).toContain('ticket_type_limit');
  });

  it('a tier hidden by the other instance after the hold is refused at the next order without a code', async () => {
    const list = (await admin('GET', apiPaths.eventPriceList(world.eventId))).body;
    const hide = (hiddenTierIds: string[]) =>
      admin('PUT', apiPaths.eventPriceList(world.eventId), {
        ticketTypes: list.ticketTypes,
        entries: list.entries,
        hiddenTierIds,
      });
    const held = await hold(world.eventId);
    expect((await hide([list.entries[0].tierId])).status).toBe(200);
    const refused = await checkout(held);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toContain('tier_locked');
    expect((await hide([])).status).toBe(200);
    expect((await totals(world.eventId)).subtotal).toBe(5000);
  });

  it('fees set through the back office, then removed in the database, are what the next orders charge', async () => {
    expect((await totals(world.eventId)).fees).toBe(0);
    const fees = { currency: 'EUR', serviceFee: { kind: 'fixed', amount: 150 }, orderFee: null, deliveryFees: [] };
    expect((await admin('PUT', apiPaths.eventFees(world.eventId), fees)).status).toBe(200);
    expect((await totals(world.eventId)).fees).toBe(150);
    await db.query('DELETE FROM event_commerce WHERE event_id = $1', [world.eventId]);
    expect((await totals(world.eventId)).fees).toBe(0);
  });

  it('a refund policy change alone leaves the stamp (it is not part of the copy)', async () => {
    const policy = {
      refundableUntilDaysBefore: 3,
      refundFee: null,
      refundServiceFees: false,
      refundOrderFee: false,
      refundDeliveryFee: false,
    };
    // The first save may make the event's commerce row (an earlier case removed it): that one counts.
    expect((await admin('PUT', apiPaths.eventRefundPolicy(world.eventId), policy)).status).toBe(200);
    const before = await stampOf(world.eventId);
    const changed = { ...policy, refundableUntilDaysBefore: 5 };
    expect((await admin('PUT', apiPaths.eventRefundPolicy(world.eventId), changed)).status).toBe(200);
    expect(await stampOf(world.eventId)).toBe(before);
  });

  it("the venue's tax set, changed and removed reaches the next order of every event of the venue", async () => {
    const tax = { label: 'VAT', ratePpm: 200_000, mode: 'exclusive', feesTaxable: false };
    expect((await admin('PUT', apiPaths.venueTax(world.venueId), tax)).status).toBe(200);
    expect((await totals(world.eventId)).tax).toBe(1000);
    expect((await totals(secondEventId)).tax).toBe(800);
    await admin('PUT', apiPaths.venueTax(world.venueId), { ...tax, ratePpm: 100_000 });
    expect((await totals(secondEventId)).tax).toBe(400);
    expect((await totals(world.eventId)).tax).toBe(500);
    await db.query('DELETE FROM venue_taxes WHERE venue_id = $1', [world.venueId]);
    expect((await totals(world.eventId)).tax).toBe(0);
    expect((await totals(secondEventId)).tax).toBe(0);
  });

  it('a quote (no stamp of its own) checks the stamp with one read and sees a change made a moment ago', async () => {
    const held = await hold(world.eventId);
    const quote = () => shop.call('POST', apiPaths.holdQuote(held.id), { holdToken: held.token, body: {} });
    statements.length = 0;
    expect((await quote()).body.breakdown.totals.subtotal).toBe(5000);
    for (const read of PRICING_READS) expect(statements.filter((sql) => read.test(sql))).toEqual([]);
    expect(statements.filter((sql) => sql.includes('SELECT settings_version FROM events'))).toHaveLength(1);
    await db.query('UPDATE ticket_prices SET amount = 5200 WHERE event_id = $1', [world.eventId]);
    expect((await quote()).body.breakdown.totals.subtotal).toBe(5200);
  });
});
