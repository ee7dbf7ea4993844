// The delta builder (issue 20): what the selling path publishes becomes, once a second, one document per event that
// changed, numbered after the one before, and kept for the window; the selling path's bus still gets every message.
import { describe, expect, it } from 'vitest';
import type { LiveChanges } from '../../../../cloud/contract/index.ts';
import type { Db } from '../../../../cloud/db/port.ts';
import { MemoryLiveDeltaStore } from '../../../../cloud/services/live-deltas/delta-store.ts';
import { LiveDeltas } from '../../../../cloud/services/live-deltas/live-deltas.ts';
import { ManualClock, RecordingLiveBus } from '../../../support/world.ts';

const EVENT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

const change = (eventId: string, seatId: string, status: 'held' | 'available' | 'sold', version: number) =>
  ({ type: 'changes', eventId, changes: [{ seatId, status, version }] }) satisfies LiveChanges;

function build(windowSeconds = 600) {
  const clock = new ManualClock(new Date('2030-01-10T12:00:00.300Z'));
  const store = new MemoryLiveDeltaStore(() => clock.now(), windowSeconds);
  // The builder and the store never query: a head read through LiveDeltas does (the integration test's part).
  const deltas = new LiveDeltas({} as Db, store, clock);
  const inner = new RecordingLiveBus();
  return { clock, store, deltas, inner, bus: deltas.recording(inner) };
}

describe('the delta builder', () => {
  it("merges a second's messages into one document per event, newest seat version and last standing count", async () => {
    const { clock, store, deltas, inner, bus } = build();
    const base = (await store.head(EVENT)).version;
    await bus.publish(change(EVENT, 'A-1', 'held', 2));
    await bus.publish({ ...change(EVENT, 'A-2', 'held', 5), ga: [{ sectionId: 'PIT', remaining: 9 }] });
    await bus.publish(change(EVENT, 'A-1', 'sold', 3));
    await bus.publish({ ...change(EVENT, 'A-3', 'held', 1), ga: [{ sectionId: 'PIT', remaining: 7 }] });
    await bus.publish(change(OTHER, 'B-1', 'held', 1));
    expect(inner.messages).toHaveLength(5);

    clock.advance(1000);
    const written = await deltas.flush();
    expect(written.map((d) => d.eventId).sort()).toEqual([EVENT, OTHER].sort());
    const document = written.find((d) => d.eventId === EVENT)!;
    expect(document).toMatchObject({ version: base + 1, previous: base, at: '2030-01-10T12:00:01.000Z' });
    expect(document.changes).toEqual(
      expect.arrayContaining([
        { seatId: 'A-1', status: 'sold', version: 3 },
        { seatId: 'A-2', status: 'held', version: 5 },
        { seatId: 'A-3', status: 'held', version: 1 },
      ]),
    );
    expect(document.changes).toHaveLength(3);
    expect(document.ga).toEqual([{ sectionId: 'PIT', remaining: 7 }]);
    expect(await store.head(EVENT)).toEqual({ version: base + 1, oldest: base + 1 });
    expect(await store.get(EVENT, base + 1)).toEqual(document);
    expect(await store.get(EVENT, base + 2)).toBeNull();
  });

  it('writes nothing for a quiet second, and at most one document per event per second', async () => {
    const { clock, store, deltas, bus } = build();
    const base = (await store.head(EVENT)).version;
    clock.advance(1000);
    expect(await deltas.flush()).toEqual([]);
    await bus.publish(change(EVENT, 'A-1', 'held', 1));
    expect(await deltas.flush()).toHaveLength(1);
    // The same second again: the change waits for the next second's document.
    await bus.publish(change(EVENT, 'A-2', 'held', 1));
    expect(await deltas.flush()).toEqual([]);
    await bus.publish(change(EVENT, 'A-3', 'held', 1));
    clock.advance(1000);
    const [next] = await deltas.flush();
    expect(next).toMatchObject({ version: base + 2, previous: base + 1 });
    expect(next!.changes.map((c) => c.seatId).sort()).toEqual(['A-2', 'A-3']);
  });

  it('keeps the window only: older documents answer gone, and the oldest moves up', async () => {
    const { clock, store, deltas, bus } = build(10);
    const base = (await store.head(EVENT)).version;
    clock.advance(1000);
    for (let i = 1; i <= 5; i++) {
      await bus.publish(change(EVENT, `A-${i}`, 'held', 1));
      await deltas.flush();
      clock.advance(5000);
    }
    // Documents at +1 s, +6 s … +21 s; now is +26 s, the window 10 s: the last two are kept.
    expect(await store.head(EVENT)).toEqual({ version: base + 5, oldest: base + 4 });
    expect(await store.get(EVENT, base + 3)).toBe('gone');
    expect(await store.get(EVENT, base + 4)).toMatchObject({ changes: [{ seatId: 'A-4' }] });
  });

  it("numbers a restarted writer's documents above its predecessor's", async () => {
    const first = build();
    first.clock.advance(1000);
    await first.bus.publish(change(EVENT, 'A-1', 'held', 1));
    const [before] = await first.deltas.flush();
    first.clock.advance(1000);
    const restarted = new MemoryLiveDeltaStore(() => first.clock.now());
    expect((await restarted.head(EVENT)).version).toBeGreaterThanOrEqual(before!.version);
  });

  it('never lets a writer restarted within the same second re-issue a version', async () => {
    // A writer writes whenever it may, then stops; its successor starts in the same second and writes on.
    for (const runFor of [0, 1, 2]) {
      const { clock, store } = build();
      const issued = new Set<number>();
      const write = async (writer: MemoryLiveDeltaStore) => {
        const written = await writer.append(EVENT, clock.now(), { changes: [] });
        if (!written) return;
        expect(issued.has(written.version), `version ${written.version} issued twice`).toBe(false);
        expect(written.version).toBeLessThanOrEqual(Math.floor(clock.now().getTime() / 1000));
        issued.add(written.version);
      };
      for (let second = 0; second < runFor; second++, clock.advance(1000)) await write(store);
      await write(store);
      const restarted = new MemoryLiveDeltaStore(() => clock.now());
      for (let second = 0; second < 3; second++, clock.advance(1000)) await write(restarted);
      expect(issued.size).toBeGreaterThan(0);
    }
  });
});
