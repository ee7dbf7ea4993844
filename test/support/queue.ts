// The waiting room's settings row for tests and benches that write it straight through cloud/db/queue.ts: on now,
// draining, one place per session, no proof of work.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../cloud/db/port.ts';
import type { QueueSettingsRow } from '../../cloud/db/queue.ts';
import { EventContexts } from '../../cloud/services/catalog/event-context.ts';
import { WaitingRoom } from '../../cloud/services/queue/queue-service.ts';
import { freshDb, type DbKind } from './databases.ts';
import { buildWorld, type World } from './world.ts';

export const openQueueRow = (eventId: string, opensAt: Date): QueueSettingsRow => ({
  event_id: eventId,
  enabled: true,
  opens_at: opensAt,
  admission_per_minute: null,
  one_place_per: 'session',
  challenge_bits: 0,
  token_minutes: 10,
});

export interface TwoProcessQueue {
  db: Db;
  world: World;
  rooms: WaitingRoom[];
}

/**
 * A fresh world whose event queues (set through the admin service: opening `opensInMs` from now, draining, one place
 * per session, no proof of work), and two API processes' waiting rooms on its database (one server secret, each its
 * own caches).
 */
export async function twoProcessQueue(kind: DbKind, opensInMs: number): Promise<TwoProcessQueue> {
  const db = await freshDb(kind);
  const world = await buildWorld(db);
  const secret = randomBytes(32);
  const rooms = [0, 1].map(
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
      opensAt: new Date(world.clock.now().getTime() + opensInMs).toISOString(),
      admissionPerMinute: null,
      onePlacePer: 'session',
      challengeBits: 0,
      tokenMinutes: 10,
    },
    { sub: 'admin-1', groups: ['admin'] },
  );
  return { db, world, rooms };
}
