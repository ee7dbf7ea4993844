// One solve of the waiting room's challenge is one arrival, whichever process it reaches: the identical join posted
// to two API processes (two waiting rooms on one database), one after the other and at the same time, gets the same
// arrival number each time (migration 0034's queue_solutions, one statement), and a replay draws no new number.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { arrivalsSoFar } from '../../../cloud/db/queue.ts';
import { EventContexts } from '../../../cloud/services/catalog/event-context.ts';
import { housekeeping } from '../../../cloud/services/housekeeping.ts';
import { WaitingRoom } from '../../../cloud/services/queue/queue-service.ts';
import type { Principal } from '../../../cloud/services/ports.ts';

describe.each(dbKinds())('a replayed join on %s', (kind) => {
  let db: Db;
  let world: World;
  let rooms: WaitingRoom[];
  const admin: Principal = { sub: 'admin-1', groups: ['admin'] };

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    const secret = randomBytes(32);
    rooms = [0, 1].map(
      () =>
        new WaitingRoom({
          db,
          clock: world.clock,
          contexts: new EventContexts(db, { now: () => world.clock.now().getTime() }),
          secret,
        }),
    );
    await world.services.queue.settings.set(
      world.eventId,
      {
        enabled: true,
        opensAt: new Date(world.clock.now().getTime() + 10_000).toISOString(),
        admissionPerMinute: null,
        onePlacePer: 'session',
        challengeBits: 0,
        tokenMinutes: 10,
      },
      admin,
    );
  });
  afterAll(async () => db.close());

  const arrivalOf = (ticket: string) => rooms[0]!.tokens.readTicket(ticket)!.arrival;

  it('gives the identical join to two processes the same arrival, in turn and at once', async () => {
    const { challenge } = await rooms[0]!.challenge(world.eventId);
    const solve = (session: string) => ({ session, challenge, nonce: '0' });
    const first = await rooms[0]!.join(world.eventId, solve('session-aaaaaaaaaaaa'), undefined);
    const replayed = await rooms[1]!.join(world.eventId, solve('session-aaaaaaaaaaaa'), undefined);
    expect(arrivalOf(replayed.ticket)).toBe(arrivalOf(first.ticket));
    const again = await rooms[0]!.join(world.eventId, solve('session-aaaaaaaaaaaa'), undefined);
    expect(arrivalOf(again.ticket)).toBe(arrivalOf(first.ticket));
    // A replay draws no number: one solve so far, one arrival.
    expect(await arrivalsSoFar(db, world.eventId)).toBe(1);

    const racing = await Promise.all(
      [0, 1, 0, 1].map((i) => rooms[i]!.join(world.eventId, solve('session-bbbbbbbbbbbb'), undefined)),
    );
    expect(new Set(racing.map((ticket) => arrivalOf(ticket.ticket))).size).toBe(1);
    expect(arrivalOf(racing[0]!.ticket)).not.toBe(arrivalOf(first.ticket));
  });

  it('forgets a solution once its challenge is stale (housekeeping)', async () => {
    const count = async () =>
      Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM queue_solutions')).rows[0]!.n);
    expect(await count()).toBe(2);
    world.clock.advance(10 * 60_000);
    await housekeeping(world.services);
    expect(await count()).toBe(0);
  });
});
