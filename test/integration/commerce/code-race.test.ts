// 200 checkouts at once with one promo code of 50 uses, on a real Postgres server, through the checkout service:
// exactly 50 orders carry the discount; the other 150 are refused with code_used_up and keep their holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedHold } from '../../../cloud/contract/index.ts';
import { codeUsage } from '../../../cloud/db/codes/uses.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { isDomainError } from '../../../cloud/domain/errors.ts';
import type { IdempotencyHandle } from '../../../cloud/services/idempotency.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { freshDb, postgresUrl } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

const BUYERS = 200;
const USES = 50;

describe.skipIf(!postgresUrl())('a shared promo code under a race on real Postgres', () => {
  let db: Db;
  let world: World;
  let clerk: Principal;
  /** Makes the code: codes are the venue manager's, the clerk sells. */
  let manager: Principal;

  beforeAll(async () => {
    db = await freshDb('postgres', { maxConnections: 20 });
    world = await buildWorld(db, { map: smallHall(20, 10), event: { perOrderLimit: 4 } });
    clerk = { sub: 'clerk-race', groups: ['clerk'], venueId: world.venueId };
    manager = { sub: 'manager-race', groups: ['venue_manager'], venueIds: [world.venueId] };
  });
  afterAll(async () => db.close());

  it(`gives the discount to exactly ${USES} of ${BUYERS} concurrent checkouts`, async () => {
    const promo = await world.services.commerce.codes.createPromo(manager, {
      eventId: world.eventId,
      code: 'RACE-50',
      discount: { kind: 'percent', basisPoints: 2000 },
      scope: { tierIds: null, ticketTypeIds: null },
      validFrom: null,
      validUntil: null,
      maxUses: USES,
      maxUsesPerBuyer: null,
    });
    const holds: CreatedHold[] = [];
    for (let i = 0; i < BUYERS; i++) {
      const seatId = `MAIN-${String.fromCharCode(65 + Math.floor(i / 10))}-${(i % 10) + 1}`;
      holds.push(await world.services.holds.create(world.eventId, { seatIds: [seatId] }, clerk));
    }
    const handle = (): IdempotencyHandle => ({
      resource: null,
      recordResource: async () => {},
      complete: async () => {},
    });
    const results = await Promise.allSettled(
      holds.map((hold, i) =>
        world.services.orders.checkout.create(
          {
            holdId: hold.id,
            buyer: { email: `buyer${i}@example.com`, name: `Buyer ${i}` },
            delivery: { method: 'will_call' },
            payment: { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } },
            code: 'race-50',
          },
          { principal: clerk },
          handle(),
        ),
      ),
    );
    const paid = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const refused = results.flatMap((result, i) => (result.status === 'rejected' ? [{ i, error: result.reason }] : []));
    expect(refused.filter(({ error }) => !(isDomainError(error) && error.code === 'code_used_up'))).toEqual([]);
    expect(paid).toHaveLength(USES);
    for (const order of paid) {
      expect(order.state).toBe('paid');
      expect(order.breakdown!.totals).toMatchObject({ discount: 1000, total: 4000 });
    }
    expect(await codeUsage(db, promo.id)).toEqual({ used: USES, remaining: 0 });
    // The refused buyers still hold their seats.
    const states = await db.query<{ state: string }>('SELECT state FROM holds WHERE id = ANY($1::uuid[])', [
      refused.map(({ i }) => holds[i]!.id),
    ]);
    expect(states.rows.every((row) => row.state === 'active')).toBe(true);
    expect(states.rows).toHaveLength(BUYERS - USES);
  });
});
