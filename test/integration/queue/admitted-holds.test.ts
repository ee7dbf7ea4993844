// Checkout of a queued event trusts the hold's mark (migration 0034's holds.queue_admitted) rather than asking for
// the admission again: a hold made with an admission that ran out since is still bought within the hold's time, and
// a waitlist offer's hold (its buyer never queued: an anonymous web hold) can be bought; a web hold made while the
// queue was off needs an admission once it is on (refused without one: nobody let it in).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { PROBLEM_BASE as PROBLEM } from '../../../cloud/contract/index.ts';
import type { Principal } from '../../../cloud/services/ports.ts';

describe.each(dbKinds())('orders of holds let in by the waiting room on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  const admin: Principal = { sub: 'admin-1', groups: ['admin'] };

  beforeAll(async () => {
    db = await freshDb(kind);
    // One row of four seats, so a few holds sell it out (a waitlist needs a sold-out event).
    const map = smallHall(1, 4);
    map.sections = map.sections.filter((section) => section.id === 'MAIN');
    world = await buildWorld(db, { map });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
  });
  afterAll(async () => db.close());

  const hold = (seatIds: string[], headers: Record<string, string> = {}, bearer?: string) =>
    api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds },
      headers,
      ...(bearer ? { bearer } : {}),
    });
  const order = (holdId: string, holdToken: string, headers: Record<string, string> = {}) =>
    api.call('POST', '/v1/orders', {
      body: {
        holdId,
        buyer: { email: 'queued@example.com', name: 'Queued Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/checkout/return' },
      },
      holdToken,
      idempotencyKey: randomUUID(),
      headers,
    });

  let earlyHold: { id: string; token: string };

  it('refuses the order of a web hold made while the queue was off, once it is on', async () => {
    const held = await hold(['MAIN-A-1']);
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    earlyHold = held.body;
    await world.services.queue.settings.set(
      world.eventId,
      {
        enabled: true,
        opensAt: new Date(world.clock.now().getTime() - 60_000).toISOString(),
        admissionPerMinute: null,
        onePlacePer: 'session',
        challengeBits: 0,
        tokenMinutes: 1,
      },
      admin,
    );
    const refused = await order(earlyHold.id, earlyHold.token);
    expect(refused.status).toBe(428);
    expect(refused.body.type).toBe(`${PROBLEM}admission_required`);
  });

  it('orders a hold made with an admission that has run out since, within the hold`s time', async () => {
    const room = world.services.queue.room;
    const session = randomUUID().replace(/-/g, '');
    const { challenge } = await room.challenge(world.eventId);
    const { ticket } = await room.join(world.eventId, { session, challenge, nonce: '0' }, undefined);
    world.clock.advance(1_000); // the state's one-second copy: the opening's admissions are seen
    const admission = await room.admit(world.eventId, { ticket });
    const headers = { 'x-queue-admission': admission.token, 'x-queue-session': session };
    const held = await hold(['MAIN-A-2'], headers);
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    world.clock.advance(61_000); // the admission (one minute) ran out; the hold (ten) did not
    const ordered = await order(held.body.id, held.body.token, headers);
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  });

  it('orders a claimed waitlist offer of the queued event without an admission', async () => {
    const box = await hold(['MAIN-A-3', 'MAIN-A-4'], {}, clerk); // the box office skips the queue: sold out now
    expect(box.status).toBe(201);
    const joined = await api.call('POST', `/v1/events/${world.eventId}/waitlist`, {
      body: { email: 'wait@example.com', quantity: 1 },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect((await api.call('DELETE', `/v1/holds/${earlyHold.id}`, { holdToken: earlyHold.token })).status).toBe(204);
    await world.services.waitlist.offerFreedPlaces();
    const offer = await db.query<{ id: string; hold_id: string }>(
      'SELECT id, hold_id FROM waitlist_offers WHERE event_id = $1',
      [world.eventId],
    );
    expect(offer.rows).toHaveLength(1);
    const claimToken = world.services.waitlist.tokens.claimToken(offer.rows[0]!.id);
    const claim = await api.call('POST', `/v1/waitlist/claims/${encodeURIComponent(claimToken)}`);
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    const ordered = await order(claim.body.hold.id, claimToken);
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(201);
  });
});
