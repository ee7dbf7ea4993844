// The fan-out's delta writer (issue 20) on PGlite: it writes documents only for the events the shop watches through
// them (a waiting room, or 20,000 seats and more), learns a waiting room switched on within seconds, and when another
// writer has this second's document its changes wait for the next second, and after its tries go back to the caller.
import { describe, expect, it } from 'vitest';
import type { LiveChanges } from '../../../cloud/contract/index.ts';
import { saveQueueSettings } from '../../../cloud/db/queue.ts';
import { MemoryLiveDeltaStore } from '../../../cloud/services/live-deltas/delta-store.ts';
import { LiveDeltaWriter, SOCKET_EVENT_TTL_MS } from '../../../cloud/services/live-deltas/delta-writer.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld } from '../../support/world.ts';

const change = (eventId: string, seatId: string, version: number): LiveChanges => ({
  type: 'changes',
  eventId,
  changes: [{ seatId, status: 'held', version }],
});

async function setUp(tries = 3) {
  const db = await freshDb('pglite');
  const world = await buildWorld(db);
  const { clock } = world;
  const store = new MemoryLiveDeltaStore(() => clock.now());
  let waits = 0;
  const writer = new LiveDeltaWriter({
    db,
    store,
    clock,
    tries,
    nextSecond: async () => {
      waits++;
      clock.advance(1000);
    },
  });
  const openQueue = (enabled: boolean) =>
    saveQueueSettings(
      db,
      {
        event_id: world.eventId,
        enabled,
        opens_at: clock.now(),
        admission_per_minute: null,
        one_place_per: 'session',
        challenge_bits: 0,
        token_minutes: 10,
      },
      'test',
      clock.now(),
    );
  return { world, clock, store, writer, openQueue, waits: () => waits };
}

describe('the fan-out’s delta writer', () => {
  it('writes nothing for a small event without a waiting room, and starts within seconds of one opening', async () => {
    const { world, clock, store, writer, openQueue } = await setUp();
    clock.advance(1000);
    expect(await writer.write([change(world.eventId, 'MAIN-A-1', 1)])).toEqual({ written: [], failed: [] });
    await openQueue(true);
    // Still the answer it read, for a few seconds…
    clock.advance(1000);
    expect((await writer.write([change(world.eventId, 'MAIN-A-2', 1)])).written).toEqual([]);
    // …then the waiting room's event gets its documents.
    clock.advance(SOCKET_EVENT_TTL_MS);
    const { written, failed } = await writer.write([change(world.eventId, 'MAIN-A-3', 1)]);
    expect(failed).toEqual([]);
    expect(written).toEqual([
      expect.objectContaining({ eventId: world.eventId, changes: [expect.objectContaining({ seatId: 'MAIN-A-3' })] }),
    ]);
    expect((await store.head(world.eventId)).version).toBe(written[0]!.version);
  });

  it('waits for the next second when this one has its document, and hands the changes back after its tries', async () => {
    const { world, clock, store, writer, openQueue, waits } = await setUp(2);
    await openQueue(true);
    clock.advance(1000);
    // Another writer's document of this second.
    expect(await store.append(world.eventId, clock.now(), { changes: [] })).not.toBeNull();
    const next = await writer.write([change(world.eventId, 'MAIN-A-1', 1)]);
    expect(waits()).toBe(1);
    expect(next.written).toHaveLength(1);
    expect(next.written[0]!.at).toBe(new Date(Math.floor(clock.now().getTime() / 1000) * 1000).toISOString());

    // A clock that never reaches a second without a document: the event goes back (its records are retried).
    const stuck = new LiveDeltaWriter({
      db: world.services.db,
      store,
      clock,
      tries: 2,
      nextSecond: async () => {},
    });
    expect(await stuck.write([change(world.eventId, 'MAIN-A-2', 1)])).toEqual({
      written: [],
      failed: [{ eventId: world.eventId }],
    });
  });
});
