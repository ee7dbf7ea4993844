// What an order request costs the database, in statements (round trips): on the on-sale's hardware every round trip
// to Postgres is dear, so the web order's count is pinned here and a change that adds one fails. Every statement is
// counted, BEGIN and COMMIT too, the sandbox provider's own (it shares the database) included. A replay, a resumed
// try and a cash sale are counted as well, so a saving on the main path cannot quietly cost them more.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db, Queryable } from '../../cloud/db/port.ts';

const RETURN_URL = 'https://shop.example/checkout/return';
/** The three reads pricing makes today (the price list, fees and tax), which its own change removes. */
const PRICING_READS = 3;

/** A Db that logs every statement sent through it, a transaction's BEGIN and COMMIT (or ROLLBACK) included. */
function statementLog(db: Db): { db: Db; log: string[] } {
  const log: string[] = [];
  const logged = <Q extends Queryable>(q: Q): Q =>
    ({
      ...q,
      query: (sql: string, params?: readonly unknown[]) => {
        log.push(sql.replace(/\s+/g, ' ').trim());
        return q.query(sql, params);
      },
    }) as Q;
  const counted: Db = {
    ...logged(db),
    kind: db.kind,
    close: () => db.close(),
    async transaction(fn) {
      log.push('BEGIN');
      try {
        const result = await db.transaction((tx) => fn(logged(tx)));
        log.push('COMMIT');
        return result;
      } catch (error) {
        log.push('ROLLBACK');
        throw error;
      }
    },
  };
  return { db: counted, log };
}

describe.each(dbKinds())('order request statements on %s', (kind) => {
  let raw: Db;
  let log: string[];
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    raw = await freshDb(kind);
    const counted = statementLog(raw);
    log = counted.log;
    world = await buildWorld(counted.db);
    api = await testApi(world.services);
  });
  afterAll(async () => raw.close());

  const hold = async (seatIds: string[], bearer?: string) => {
    const response = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds },
      ...(bearer ? { bearer } : {}),
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; token: string };
  };
  const order = (held: { id: string; token: string }, key: string, payment: object, bearer?: string) =>
    api.call('POST', '/v1/orders', {
      body: {
        holdId: held.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment,
      },
      holdToken: held.token,
      idempotencyKey: key,
      ...(bearer ? { bearer } : {}),
    });
  /** The statements `request` sends, and its answer. */
  const statementsOf = async <T>(request: () => Promise<T>): Promise<{ statements: string[]; answer: T }> => {
    const from = log.length;
    const answer = await request();
    return { statements: log.slice(from), answer };
  };

  it('a sandbox web order: hold read with the sale gate, one transaction for order and payment, one statement for the session and the answer', async () => {
    const held = await hold(['MAIN-A-1', 'MAIN-A-2']);
    const key = randomUUID();
    const { statements, answer } = await statementsOf(() =>
      order(held, key, { method: 'sandbox', returnUrl: RETURN_URL }),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.payments[0].redirectUrl).toMatch(/^http:\/\/sandbox\.test\/sandbox\/checkout\/sbs_/);
    console.log(statements.join('\n'));
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(19);

    // The replay answers from the key alone.
    const replay = await statementsOf(() => order(held, key, { method: 'sandbox', returnUrl: RETURN_URL }));
    expect(replay.answer.status).toBe(201);
    expect(replay.answer.body).toEqual(answer.body);
    console.log(replay.statements.join('\n'));
    expect(replay.statements.length, replay.statements.join('\n')).toBeLessThanOrEqual(4);
  });

  it('a cash sale at the box office still sells in the same request', async () => {
    const clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    const held = await hold(['MAIN-B-1'], clerk);
    const { statements, answer } = await statementsOf(() =>
      order(held, randomUUID(), { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } }, clerk),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.state).toBe('paid');
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(100);
    console.log(`cash sale on ${kind}: ${statements.length} statements (${PRICING_READS} of them pricing's)`);
  });
});
