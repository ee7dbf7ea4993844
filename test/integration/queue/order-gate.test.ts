// The order path's gate (POST /v1/orders): a web hold of a queued event that carries no mark of the waiting room (made
// while the queue was off) needs an admission to be bought, and meets the same refusals as a hold does: an admission
// of another event is not valid here (403 admission_invalid), one whose time is up has expired (403
// admission_expired), each problem+json naming the header; the hold's own event's admission, in time, buys it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { PROBLEM_BASE as PROBLEM } from '../../../cloud/contract/index.ts';
import type { QueueSettings } from '../../../cloud/contract/queue.ts';

describe.each(dbKinds())('the order path`s admission gate on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let otherEventId: string;
  let unmarked: { id: string; token: string };
  const admin = { sub: 'admin-1', groups: ['admin'] };

  const queueOn = (): QueueSettings => ({
    enabled: true,
    opensAt: new Date(world.clock.now().getTime() - 1_000).toISOString(),
    admissionPerMinute: null,
    onePlacePer: 'session',
    challengeBits: 0,
    tokenMinutes: 1,
  });

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
    // A second event of the same hall, on sale by the world's clock, with a waiting room of its own.
    const now = world.clock.now().getTime();
    const { id } = await world.services.admin.createEvent({
      name: 'Other Event',
      description: '',
      seatmapId: world.seatmapId,
      startsAt: new Date(now + 30 * 86_400_000).toISOString(),
      onSaleFrom: new Date(now - 86_400_000).toISOString(),
      onSaleUntil: new Date(now + 29 * 86_400_000).toISOString(),
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: [{ name: 'Standard', price: { amount: 5000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
    });
    await world.services.admin.setEventStatus(id, 'on_sale');
    otherEventId = id;
    await world.services.queue.settings.set(otherEventId, queueOn(), admin);

    // The hold is made while the event's queue is off: a web hold with no mark. Then the queue is turned on.
    const held = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-A-1'] } });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    unmarked = held.body;
    await world.services.queue.settings.set(world.eventId, queueOn(), admin);
  });
  afterAll(async () => db.close());

  /** Joins the event's queue and is let in: the admission's headers. */
  const admittedTo = async (eventId: string) => {
    const room = world.services.queue.room;
    const session = randomUUID().replace(/-/g, '');
    const { challenge } = await room.challenge(eventId);
    const { ticket } = await room.join(eventId, { session, challenge, nonce: '0' }, undefined);
    world.clock.advance(1_000); // the state's one-second copy: the join is seen and let in
    const admission = await room.admit(eventId, { ticket });
    return { 'x-queue-admission': admission.token, 'x-queue-session': session };
  };
  const order = (headers: Record<string, string>) =>
    api.call('POST', '/v1/orders', {
      body: {
        holdId: unmarked.id,
        buyer: { email: 'queued@example.com', name: 'Queued Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/checkout/return' },
      },
      holdToken: unmarked.token,
      idempotencyKey: randomUUID(),
      headers,
    });
  const expectRefused = (refused: Awaited<ReturnType<typeof order>>, status: number, type: string) => {
    expect(refused.status, JSON.stringify(refused.body)).toBe(status);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.type).toBe(`${PROBLEM}${type}`);
    expect(refused.body.errors[0].field).toBe('X-Queue-Admission');
  };

  it('refuses the order without an admission (428 admission_required)', async () => {
    expectRefused(await order({}), 428, 'admission_required');
  });

  it('refuses the order with an admission of another event (403 admission_invalid)', async () => {
    expectRefused(await order(await admittedTo(otherEventId)), 403, 'admission_invalid');
  });

  it('refuses the order with an admission whose time is up (403 admission_expired), and takes one in time', async () => {
    const headers = await admittedTo(world.eventId);
    world.clock.advance(61_000); // the admission (one minute) ran out; the hold (ten) did not
    expectRefused(await order(headers), 403, 'admission_expired');
    const ordered = await order(await admittedTo(world.eventId));
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  });
});
