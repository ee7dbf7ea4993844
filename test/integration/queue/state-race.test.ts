// Two API processes (two waiting rooms, each with its own one-second copy) find the queue's state stale at the same
// moment on real Postgres: the conditional UPDATE lets one of them advance it, the other reads the winner's, so the
// state is written once and both serve the same document; and both give every early arrival the same place, a
// permutation of 1..N.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../support/databases.ts';
import { twoProcessQueue, type TwoProcessQueue } from '../../support/queue.ts';

// Fewer than the drain rule admits at once in the small hall (70 free ÷ 2 = 35): all are admitted at the opening.
const ARRIVALS = 30;

describe.each(dbKinds().filter((kind) => kind === 'postgres'))('two processes advancing one queue on %s', (kind) => {
  let q: TwoProcessQueue;
  beforeAll(async () => {
    q = await twoProcessQueue(kind, 10_000);
  });
  afterAll(async () => q.db.close());

  it('writes the state once and serves the same document from both', async () => {
    const tickets: string[] = [];
    for (let i = 0; i < ARRIVALS; i++) {
      const room = q.rooms[i % 2]!;
      const { challenge } = await room.challenge(q.world.eventId);
      const session = `session-${String(i).padStart(12, '0')}`;
      tickets.push((await room.join(q.world.eventId, { session, challenge, nonce: '0' }, undefined)).ticket);
    }
    const versionOf = async () =>
      Number(
        (
          await q.db.query<{ version: string }>('SELECT version FROM event_queue_states WHERE event_id = $1', [
            q.world.eventId,
          ])
        ).rows[0]!.version,
      );
    q.world.clock.advance(11_000);
    const before = await versionOf();
    const states = await Promise.all(Array.from({ length: 20 }, (_, i) => q.rooms[i % 2]!.state(q.world.eventId)));
    expect(await versionOf()).toBe(before + 1);
    expect(new Set(states.map((state) => state.version)).size).toBe(1);
    expect(states[0]).toMatchObject({ open: true, arrivedBeforeOpening: ARRIVALS, admittedThrough: ARRIVALS });

    const places = await Promise.all(
      tickets.map(async (ticket) => {
        const [a, b] = await Promise.all(q.rooms.map((room) => room.admit(q.world.eventId, { ticket })));
        expect(a!.place).toBe(b!.place);
        return a!.place;
      }),
    );
    expect([...places].sort((x, y) => x - y)).toEqual(Array.from({ length: ARRIVALS }, (_, i) => i + 1));
  });
});
