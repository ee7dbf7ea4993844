// Single-use presale codes are counted at checkout, not when a hold is made: several holds may be made with one code
// while it is unused, the first checkout uses it up, an abandoned order gives it back, and of checkouts racing on one
// code on a real Postgres server exactly one wins (the others are refused code_used_up and keep their holds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedHold } from '../../../cloud/contract/index.ts';
import { isDomainError } from '../../../cloud/domain/errors.ts';
import type { IdempotencyHandle } from '../../../cloud/services/idempotency.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { freshDb, postgresUrl, type DbKind } from '../../support/databases.ts';
import { buildWorld, smallHall } from '../../support/world.ts';

const RACERS = 12;

async function setUp(kind: DbKind) {
  const db = await freshDb(kind, { maxConnections: 20 });
  const world = await buildWorld(db, { map: smallHall(4, 10) });
  const clerk: Principal = { sub: 'clerk-presale', groups: ['clerk'], venueId: world.venueId };
  // Codes are the venue manager's; the clerk sells.
  const manager: Principal = { sub: 'manager-presale', groups: ['venue_manager'], venueIds: [world.venueId] };
  const tierId = (await world.services.catalog.getEvent(world.eventId)).tiers[0]!.id;
  const single = async () =>
    (
      await world.services.commerce.codes.createPresale(manager, {
        eventId: world.eventId,
        name: 'Fan club',
        unlocksTierIds: [tierId],
        validFrom: null,
        validUntil: null,
        issue: { kind: 'single_use', count: 1 },
      })
    ).codes[0]!;
  const hold = (seatId: string, presaleCode: string) =>
    world.services.holds.create(world.eventId, { seatIds: [seatId], presaleCode }, clerk);
  const handle = (): IdempotencyHandle => ({
    resource: null,
    recordResource: async () => {},
    complete: async () => {},
  });
  const checkout = (held: CreatedHold, payment: 'cash' | 'web', i = 0) =>
    world.services.orders.checkout.create(
      {
        holdId: held.id,
        buyer: { email: `fan${i}@example.com`, name: `Fan ${i}` },
        delivery: { method: 'will_call' },
        payment:
          payment === 'cash'
            ? { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } }
            : { method: 'sandbox', returnUrl: 'https://shop.example/back' },
      },
      payment === 'cash' ? { principal: clerk } : { holdToken: held.token },
      handle(),
    );
  return { db, world, single, hold, checkout };
}

describe('single-use presale codes on pglite', () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp('pglite');
  });
  afterAll(async () => env.db.close());

  it('lets two holds share an unused code, counts it at checkout, and gives it back when the order is abandoned', async () => {
    const code = await env.single();
    const first = await env.hold('MAIN-A-1', code);
    const second = await env.hold('MAIN-A-2', code);
    const opened = await env.checkout(first, 'web');
    expect(opened.state).toBe('pending_payment');
    // The code is used by the open order: the other hold cannot check out with it, and no new hold is made with it.
    await expect(env.checkout(second, 'web', 1)).rejects.toMatchObject({ code: 'code_used_up' });
    await expect(env.hold('MAIN-A-3', code)).rejects.toMatchObject({ code: 'code_used_up' });

    env.world.clock.advance(2 * 3600 * 1000);
    expect(await env.world.services.orders.abandoned.cancel()).toBeGreaterThanOrEqual(1);
    const again = await env.hold('MAIN-A-4', code);
    const paid = await env.checkout(again, 'cash', 2);
    expect(paid.state).toBe('paid');
  });
});

describe.skipIf(!postgresUrl())('single-use presale code checkouts racing on real Postgres', () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp('postgres');
  });
  afterAll(async () => env.db.close());

  it(`lets exactly one of ${RACERS} concurrent checkouts with one code through`, async () => {
    const code = await env.single();
    const holds: CreatedHold[] = [];
    for (let i = 0; i < RACERS; i++) {
      holds.push(await env.hold(`MAIN-${String.fromCharCode(66 + Math.floor(i / 10))}-${(i % 10) + 1}`, code));
    }
    const results = await Promise.allSettled(holds.map((held, i) => env.checkout(held, 'cash', i)));
    const paid = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [{ i, error: r.reason as unknown }] : []));
    expect(paid).toHaveLength(1);
    expect(paid[0]!.state).toBe('paid');
    expect(refused.filter(({ error }) => !(isDomainError(error) && error.code === 'code_used_up'))).toEqual([]);
    const states = await env.db.query<{ state: string }>('SELECT state FROM holds WHERE id = ANY($1::uuid[])', [
      refused.map(({ i }) => holds[i]!.id),
    ]);
    expect(states.rows.map((row) => row.state)).toEqual(Array(RACERS - 1).fill('active'));
  });
});
