// The in-process caches keyed by an event id from the URL (issue 20 review): random ids must not grow them without
// bound, and a repeated unknown id within the time to live must cost no query (the queue state's one second, the
// live view's unknown-event window).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { ExpiringMap } from '../../../cloud/services/expiring-map.ts';
import { MemoryLiveDeltaStore } from '../../../cloud/services/live-deltas/delta-store.ts';
import { LiveDeltas, UNKNOWN_EVENT_TTL_MS } from '../../../cloud/services/live-deltas/live-deltas.ts';
import { QueueStates, STATE_CACHE_MAX, STATE_TTL_MS } from '../../../cloud/services/queue/queue-state.ts';
import { ManualClock } from '../../support/world.ts';

/** A database that knows no rows and counts the queries made. */
function emptyDb(): { db: Db; queries: () => number } {
  let queries = 0;
  const db = {
    query: async () => {
      queries++;
      return { rows: [], rowCount: 0 };
    },
  } as unknown as Db;
  return { db, queries: () => queries };
}

describe('an expiring map', () => {
  it('forgets entries past their time to live and keeps at most its capacity, dropping the oldest', () => {
    const map = new ExpiringMap<number>(1_000, 3);
    for (let i = 0; i < 5; i++) map.set(`k${i}`, i, 0);
    expect(map.size).toBe(3);
    expect([map.get('k0', 0), map.get('k1', 0), map.get('k4', 0)]).toEqual([undefined, undefined, 4]);
    expect(map.get('k4', 999)).toBe(4);
    expect(map.get('k4', 1_000)).toBeUndefined();
    map.set('later', 9, 1_000);
    expect(map.size).toBe(1);
  });
});

describe('the queue state cache', () => {
  it('stays bounded however many random event ids are asked for', async () => {
    const clock = new ManualClock(new Date('2030-01-10T12:00:00Z'));
    const states = new QueueStates(emptyDb().db, clock);
    for (let i = 0; i < 30_000; i++) {
      expect(await states.get(randomUUID())).toBeNull();
      if (i % 1_000 === 999) clock.advance(100);
    }
    expect(states.cache.size).toBeLessThanOrEqual(STATE_CACHE_MAX);
    expect(STATE_CACHE_MAX).toBeLessThanOrEqual(10_000);
    // A second on, the expired copies leave with the next load.
    clock.advance(STATE_TTL_MS);
    await states.get(randomUUID());
    expect(states.cache.size).toBe(1);
  });

  it('answers a repeated unknown id within the time to live without a query', async () => {
    const clock = new ManualClock(new Date('2030-01-10T12:00:00Z'));
    const { db, queries } = emptyDb();
    const states = new QueueStates(db, clock);
    const id = randomUUID();
    expect(await states.get(id)).toBeNull();
    const after = queries();
    for (let i = 0; i < 10; i++) expect(await states.get(id)).toBeNull();
    expect(queries()).toBe(after);
    clock.advance(STATE_TTL_MS);
    await states.get(id);
    expect(queries()).toBe(after + 1);
  });
});

describe("the live view's unknown events", () => {
  const build = () => {
    const clock = new ManualClock(new Date('2030-01-10T12:00:00Z'));
    const { db, queries } = emptyDb();
    const deltas = new LiveDeltas(db, new MemoryLiveDeltaStore(() => clock.now()), clock);
    return { clock, deltas, queries };
  };

  it('answers a repeated unknown id within the window without a query, and asks again after it', async () => {
    const { clock, deltas, queries } = build();
    const id = randomUUID();
    await expect(deltas.head(id)).rejects.toMatchObject({ code: 'not_found' });
    expect(queries()).toBe(1);
    for (let i = 0; i < 10; i++) await expect(deltas.delta(id, 5)).rejects.toMatchObject({ code: 'not_found' });
    expect(queries()).toBe(1);
    clock.advance(UNKNOWN_EVENT_TTL_MS);
    await expect(deltas.head(id)).rejects.toMatchObject({ code: 'not_found' });
    expect(queries()).toBe(2);
  });

  it('keeps the remembered unknown ids bounded', async () => {
    const { deltas } = build();
    for (let i = 0; i < 25_000; i++) await deltas.head(randomUUID()).catch(() => undefined);
    expect(deltas.unknownEvents.size).toBeLessThanOrEqual(10_000);
  });
});
