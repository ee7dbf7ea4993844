// What the waiting room costs Postgres per request, counted statement by statement (BEGIN and COMMIT count: each is a
// round trip), so that a change that adds one fails here: a join is one statement (the solution recorded with its
// arrival number), an admission none (it reads the state's one-second copy and signs a token), and a queued web hold
// one more than a web hold of an event without a queue (the mark, which checks the place's basket in the same
// statement); the gate costs a web hold of an event without a queue nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import type { Db, Queryable } from '../../../cloud/db/port.ts';
import { QueueGate } from '../../../cloud/services/queue/queue-gate.ts';

/** A Db that counts every statement it sends, those of transactions too (with their BEGIN and COMMIT). */
function statementCounter(db: Db): { db: Db; statements: () => number } {
  let statements = 0;
  const counting = (target: Queryable) =>
    new Proxy(target, {
      get(inner, property) {
        if (property === 'query') {
          return (sql: string, params?: readonly unknown[]) => {
            statements++;
            return inner.query(sql, params);
          };
        }
        const value = Reflect.get(inner, property) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(inner) : value;
      },
    });
  const counted = new Proxy(db, {
    get(target, property) {
      if (property === 'query') return counting(target).query.bind(null);
      if (property === 'transaction') {
        return <T>(fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>) => {
          statements += 2;
          return target.transaction((tx) => fn(counting(tx) as typeof tx));
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: counted, statements: () => statements };
}

describe.each(dbKinds())('what the waiting room costs Postgres on %s', (kind) => {
  let db: Db;
  let counter: ReturnType<typeof statementCounter>;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb(kind);
    counter = statementCounter(db);
    world = await buildWorld(counter.db);
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  /** The statements `work` sent. */
  const cost = async (work: () => Promise<unknown>) => {
    const before = counter.statements();
    await work();
    return counter.statements() - before;
  };
  const newSession = () => randomUUID().replace(/-/g, '');
  const hold = async (seatId: string, headers: Record<string, string> = {}, bearer?: string) => {
    const held = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: [seatId] },
      headers,
      ...(bearer ? { bearer } : {}),
    });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
  };
  const join = async (session: string) => {
    const challenge = await api.call('GET', `/v1/events/${world.eventId}/queue/challenge`);
    const joined = await api.call('POST', `/v1/events/${world.eventId}/queue/join`, {
      body: { session, challenge: challenge.body.challenge, nonce: '0' },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    return joined.body.ticket as string;
  };
  const admit = async (ticket: string) => {
    const admission = await api.call('POST', `/v1/events/${world.eventId}/queue/admission`, { body: { ticket } });
    expect(admission.status, JSON.stringify(admission.body)).toBe(200);
    return admission.body.token as string;
  };

  let unqueuedHold = 0;

  it('a web hold of an event without a queue: what the others are counted against', async () => {
    await hold('MAIN-A-1'); // the event's context and its queue mode read once, then kept
    unqueuedHold = await cost(() => hold('MAIN-A-2'));
    expect(unqueuedHold).toBeGreaterThan(0);
    // The gate's share of it: none, once it has read the event's queue mode for its settings stamp.
    const gate = new QueueGate(counter.db, world.clock, world.services.queue.room.tokens);
    const stamp = await db.query<{ settings_version: number }>('SELECT settings_version FROM events WHERE id = $1', [
      world.eventId,
    ]);
    const version = Number(stamp.rows[0]!.settings_version);
    expect(await cost(() => gate.check(world.eventId, 'web', version, {}))).toBe(1);
    for (let i = 0; i < 3; i++) {
      let admitted: unknown;
      expect(await cost(async () => (admitted = await gate.check(world.eventId, 'web', version, {})))).toBe(0);
      expect(admitted).toBeNull();
    }
  });

  it('a join is one statement, an admission none, a queued web hold one more than an unqueued one', async () => {
    await world.services.queue.settings.set(
      world.eventId,
      {
        enabled: true,
        opensAt: new Date(world.clock.now().getTime() - 1_000).toISOString(),
        admissionPerMinute: null,
        onePlacePer: 'session',
        challengeBits: 0,
        tokenMinutes: 10,
      },
      { sub: 'admin-1', groups: ['admin'] },
    );
    const sessions = [newSession(), newSession(), newSession()];
    const tickets = [await join(sessions[0]!)]; // the first join after the change reads the new settings
    for (const session of sessions.slice(1)) {
      let ticket = '';
      expect(await cost(async () => (ticket = await join(session)))).toBe(1);
      tickets.push(ticket);
    }
    world.clock.advance(1_000);
    const state = await api.call('GET', `/v1/events/${world.eventId}/queue/state`); // the once-a-second advance
    expect(state.body.admittedThrough).toBeGreaterThanOrEqual(tickets.length);

    const tokens = [await admit(tickets[0]!)];
    for (const ticket of tickets.slice(1)) {
      let token = '';
      expect(await cost(async () => (token = await admit(ticket)))).toBe(0);
      tokens.push(token);
    }

    const headers = (i: number) => ({ 'x-queue-admission': tokens[i]!, 'x-queue-session': sessions[i]! });
    await hold('MAIN-B-1', headers(0)); // the queue's mode read once for the new settings, then kept
    expect(await cost(() => hold('MAIN-B-2', headers(1)))).toBe(unqueuedHold + 1);
    expect(await cost(() => hold('MAIN-B-3', headers(2)))).toBe(unqueuedHold + 1);
  });
});
