// The drain rule measures seats per admitted buyer (the holds marked queue_admitted, migration 0034, through 0035's
// partial index): once enough admitted buyers took one seat each, the queue lets in enough buyers to sell every seat,
// where the prior of two would stop at half; and the measure rides in the advance's statements (none added), so a
// cached poll still costs nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { countingDb } from '../../support/counting-db.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { BUYERS_TO_MEASURE, SEATS_PER_BUYER } from '../../../cloud/domain/queue/admission.ts';

const SEATS = 60;

describe.each(dbKinds())('the measured drain on %s', (kind) => {
  let db: Db;
  let counter: ReturnType<typeof countingDb>;
  let world: World;
  let api: TestApi;
  const buyers: { session: string; ticket: string }[] = [];

  beforeAll(async () => {
    db = await freshDb(kind);
    counter = countingDb(db);
    const map = smallHall(SEATS / 10, 10);
    map.sections = map.sections.filter((section) => section.id === 'MAIN');
    world = await buildWorld(counter.db, { map });
    api = await testApi(world.services);
    await world.services.queue.settings.set(
      world.eventId,
      {
        enabled: true,
        opensAt: new Date(world.clock.now().getTime() - 1_000).toISOString(),
        admissionPerMinute: null,
        onePlacePer: 'session',
        challengeBits: 0,
        tokenMinutes: 10,
      },
      { sub: 'admin-1', groups: ['admin'] },
    );
  });
  afterAll(async () => db.close());

  const state = async () => {
    world.clock.advance(1_000); // the state's one-second copy and row: the next read advances it
    return world.services.queue.room.state(world.eventId);
  };

  it('admits about half the seats in buyers while it knows nothing of their baskets', async () => {
    const room = world.services.queue.room;
    await room.state(world.eventId); // opens (nobody had joined)
    for (let i = 0; i < SEATS * 2; i++) {
      const session = randomUUID().replace(/-/g, '');
      const { challenge } = await room.challenge(world.eventId);
      const { ticket } = await room.join(world.eventId, { session, challenge, nonce: String(i) }, undefined);
      buyers.push({ session, ticket });
    }
    expect((await state()).admittedThrough).toBe(SEATS / SEATS_PER_BUYER);
  });

  it('lets in enough buyers to sell every seat once the admitted were seen taking one seat each', async () => {
    const room = world.services.queue.room;
    const singles = BUYERS_TO_MEASURE + 5;
    for (const buyer of buyers.slice(0, singles)) {
      const admission = await room.admit(world.eventId, { ticket: buyer.ticket });
      const held = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
        body: { bestAvailable: { quantity: 1 } },
        headers: { 'x-queue-admission': admission.token, 'x-queue-session': buyer.session },
      });
      expect(held.status, JSON.stringify(held.body)).toBe(201);
    }
    // With the prior: ⌊25 ÷ 2⌋ served + ⌈35 ÷ 2⌉ free = 30, where it already was: 35 seats would wait for nobody.
    const before = counter.queries();
    const measured = await state();
    expect(measured.admittedThrough).toBe(singles + (SEATS - singles));
    // The advance: the queue's row, the arrivals, what is left with the baskets (one statement), the write.
    expect(counter.queries() - before).toBe(4);
    const cached = counter.queries();
    await room.state(world.eventId);
    expect(counter.queries() - cached).toBe(0);
  });
});
