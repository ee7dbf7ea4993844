// One solve of the waiting room's challenge is one arrival, whichever process it reaches: the identical join posted
// to two API processes (two waiting rooms on one database), one after the other and at the same time, gets the same
// arrival number each time (migration 0034's queue_solutions, one statement), and a replay draws no new number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../support/databases.ts';
import { arrivalsSoFar } from '../../../cloud/db/queue.ts';
import { housekeeping } from '../../../cloud/services/housekeeping.ts';
import { twoProcessQueue, type TwoProcessQueue } from '../../support/queue.ts';

describe.each(dbKinds())('a replayed join on %s', (kind) => {
  let q: TwoProcessQueue;
  beforeAll(async () => {
    q = await twoProcessQueue(kind, 10_000);
  });
  afterAll(async () => q.db.close());

  const arrivalOf = (ticket: string) => q.rooms[0]!.tokens.readTicket(ticket)!.arrival;

  it('gives the identical join to two processes the same arrival, in turn and at once', async () => {
    const { challenge } = await q.rooms[0]!.challenge(q.world.eventId);
    const solve = (session: string) => ({ session, challenge, nonce: '0' });
    const first = await q.rooms[0]!.join(q.world.eventId, solve('session-aaaaaaaaaaaa'), undefined);
    const replayed = await q.rooms[1]!.join(q.world.eventId, solve('session-aaaaaaaaaaaa'), undefined);
    expect(arrivalOf(replayed.ticket)).toBe(arrivalOf(first.ticket));
    const again = await q.rooms[0]!.join(q.world.eventId, solve('session-aaaaaaaaaaaa'), undefined);
    expect(arrivalOf(again.ticket)).toBe(arrivalOf(first.ticket));
    // A replay draws no number: one solve so far, one arrival.
    expect(await arrivalsSoFar(q.db, q.world.eventId)).toBe(1);

    const racing = await Promise.all(
      [0, 1, 0, 1].map((i) => q.rooms[i]!.join(q.world.eventId, solve('session-bbbbbbbbbbbb'), undefined)),
    );
    expect(new Set(racing.map((ticket) => arrivalOf(ticket.ticket))).size).toBe(1);
    expect(arrivalOf(racing[0]!.ticket)).not.toBe(arrivalOf(first.ticket));
  });

  it('forgets a solution once its challenge is stale (housekeeping)', async () => {
    const count = async () =>
      Number((await q.db.query<{ n: string }>('SELECT count(*) AS n FROM queue_solutions')).rows[0]!.n);
    expect(await count()).toBe(2);
    q.world.clock.advance(10 * 60_000);
    await housekeeping(q.world.services);
    expect(await count()).toBe(0);
  });
});
