// Two API processes (two waiting rooms, each with its own one-second copy) find the queue's state stale at the same
// moment on real Postgres: the conditional UPDATE lets one of them advance it, the other reads the winner's, so the
// state is written once and both serve the same document; and both give every early arrival the same place, a
// permutation of 1..N.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { EventContexts } from '../../../cloud/services/catalog/event-context.ts';
import { WaitingRoom } from '../../../cloud/services/queue/queue-service.ts';
import type { Principal } from '../../../cloud/services/ports.ts';

// Fewer than the drain rule admits at once in the small hall (70 free ÷ 2 = 35): all are admitted at the opening.
const ARRIVALS = 30;

describe.each(dbKinds().filter((kind) => kind === 'postgres'))('two processes advancing one queue on %s', (kind) => {
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

  it('writes the state once and serves the same document from both', async () => {
    const tickets: string[] = [];
    for (let i = 0; i < ARRIVALS; i++) {
      const room = rooms[i % 2]!;
      const { challenge } = await room.challenge(world.eventId);
      const session = `session-${String(i).padStart(12, '0')}`;
      tickets.push((await room.join(world.eventId, { session, challenge, nonce: '0' }, undefined)).ticket);
    }
    const versionOf = async () =>
      Number(
        (
          await db.query<{ version: string }>('SELECT version FROM event_queue_states WHERE event_id = $1', [
            world.eventId,
          ])
        ).rows[0]!.version,
      );
    world.clock.advance(11_000);
    const before = await versionOf();
    const states = await Promise.all(Array.from({ length: 20 }, (_, i) => rooms[i % 2]!.state(world.eventId)));
    expect(await versionOf()).toBe(before + 1);
    expect(new Set(states.map((state) => state.version)).size).toBe(1);
    expect(states[0]).toMatchObject({ open: true, arrivedBeforeOpening: ARRIVALS, admittedThrough: ARRIVALS });

    const places = await Promise.all(
      tickets.map(async (ticket) => {
        const [a, b] = await Promise.all(rooms.map((room) => room.admit(world.eventId, { ticket })));
        expect(a!.place).toBe(b!.place);
        return a!.place;
      }),
    );
    expect([...places].sort((x, y) => x - y)).toEqual(Array.from({ length: ARRIVALS }, (_, i) => i + 1));
  });
});
