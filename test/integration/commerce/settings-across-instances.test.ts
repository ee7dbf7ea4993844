// Event settings across processes (PGlite): two service instances over one database, as two Lambda instances are.
// Each keeps its own copy of the event (prices, order limit, hold time); a change made through one is what the next
// sale through the other uses, with no callback between them (the event's settings stamp rides on the sale's own
// read), and a reader that is not a sale sees it once its copy is older than a second (checked in the background).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { createServices } from '../../../cloud/services/index.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

describe('event settings across service instances on pglite', () => {
  let db: Db;
  let world: World;
  /** The instance the back office talks to. */
  let office: TestApi;
  /** Another instance, selling. */
  let shop: TestApi;
  let manager: string;
  let seat = 0;

  const hold = (count = 1) =>
    shop.call('POST', apiPaths.eventHolds(world.eventId), {
      body: { seatIds: Array.from({ length: count }, () => `MAIN-A-${++seat}`) },
    });

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    office = await testApi(world.services);
    const other = createServices({ db, live: world.live, clock: world.clock, providers: { sandbox: world.sandbox } });
    shop = await testApi(other);
    manager = await office.issuer.issue({ sub: 'manager-1', groups: ['venue_manager'], venueId: world.venueId });
  });
  afterAll(async () => db.close());

  it('a new price set through one instance is what the next hold through the other costs', async () => {
    const before = await hold();
    expect(before.status).toBe(201);
    expect(before.body.total).toEqual({ amount: 5000, currency: 'EUR' });

    const list = (await office.call('GET', apiPaths.eventPriceList(world.eventId), { bearer: manager })).body;
    const entries = list.entries.map((entry: { amount: number }) => ({ ...entry, amount: 6500 }));
    const put = await office.call('PUT', apiPaths.eventPriceList(world.eventId), {
      bearer: manager,
      body: { ticketTypes: list.ticketTypes, entries, hiddenTierIds: [] },
    });
    expect(put.status).toBe(200);

    const after = await hold();
    expect(after.status).toBe(201);
    expect(after.body.total).toEqual({ amount: 6500, currency: 'EUR' });
    expect(after.body.seats[0].price).toEqual({ amount: 6500, currency: 'EUR' });
  });

  it('a lower order limit and a shorter hold time set through one instance bind the other at once', async () => {
    expect((await hold(3)).status).toBe(201);
    const patched = await office.call('PATCH', apiPaths.adminEvent(world.eventId), {
      bearer: manager,
      body: { perOrderLimit: 2, holdTtlSeconds: 120 },
    });
    expect(patched.status).toBe(200);

    const tooMany = await hold(3);
    expect(tooMany.status).toBe(422);
    const held = await hold(2);
    expect(held.status).toBe(201);
    expect(Date.parse(held.body.expiresAt) - world.clock.now().getTime()).toBe(120_000);
  });

  it('the public event page of the other instance shows the new price soon after its copy is a second old', async () => {
    const tierPrice = async () =>
      (await shop.call('GET', apiPaths.event(world.eventId))).body.tiers[0].price as { amount: number };
    expect((await tierPrice()).amount).toBe(6500);
    const list = (await office.call('GET', apiPaths.eventPriceList(world.eventId), { bearer: manager })).body;
    const entries = list.entries.map((entry: { amount: number }) => ({ ...entry, amount: 7000 }));
    await office.call('PUT', apiPaths.eventPriceList(world.eventId), {
      bearer: manager,
      body: { ticketTypes: list.ticketTypes, entries, hiddenTierIds: [] },
    });
    expect((await tierPrice()).amount).toBe(6500);
    world.clock.advance(1001);
    // The first read past a second serves the copy and checks its stamp in the background; a read after that is new.
    await expect.poll(async () => (await tierPrice()).amount).toBe(7000);
  });
});
