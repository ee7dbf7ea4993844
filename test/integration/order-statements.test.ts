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
/** The reads pricing makes today (the price list, fees and tax); its own change removes them. */
const PRICING_READS = 3;

/** Pricing's reads (the price list, fees and tax), which are its own to count. */
const withoutPricing = (statements: string[]) =>
  statements.filter((sql) => !/ticket_prices|event_commerce|venue_taxes/.test(sql));

/** A statement matching this fails once (a try cut off there), then the pattern is forgotten. */
let failNext: RegExp | null = null;

/** A Db that logs every statement sent through it, a transaction's BEGIN and COMMIT (or ROLLBACK) included. */
function statementLog(db: Db): { db: Db; log: string[] } {
  const log: string[] = [];
  const logged = <Q extends Queryable>(q: Q): Q =>
    ({
      ...q,
      query: (sql: string, params?: readonly unknown[]) => {
        log.push(sql.replace(/\s+/g, ' ').trim());
        if (failNext?.test(sql)) {
          failNext = null;
          return Promise.reject(new Error('the connection was lost'));
        }
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

  it('a sandbox web order: the hold read with its sale gate, one statement for the order, one for the session, one for the answer', async () => {
    const held = await hold(['MAIN-A-1', 'MAIN-A-2']);
    const key = randomUUID();
    const { statements, answer } = await statementsOf(() =>
      order(held, key, { method: 'sandbox', returnUrl: RETURN_URL }),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.payments[0].redirectUrl).toMatch(/^http:\/\/sandbox\.test\/sandbox\/checkout\/sbs_/);
    // Was 19 (16 besides pricing's): the hold with its sale gate, the key claimed by the same statement; the hold
    // locked and extended with the order, its payment and the key's record; the provider's session; the session with
    // the answer.
    expect(withoutPricing(statements), statements.join('\n')).toHaveLength(4);
    expect(statements[0]).toMatch(/^WITH claim AS \( ?INSERT INTO idempotency_keys/);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(4 + PRICING_READS);
    expect(statements).not.toContain('BEGIN');

    // The replay answers from the key alone, with the same order and the same approval page.
    const replay = await statementsOf(() => order(held, key, { method: 'sandbox', returnUrl: RETURN_URL }));
    expect(replay.answer.status).toBe(201);
    expect(replay.answer.body).toEqual(answer.body);
    expect(replay.statements.length, replay.statements.join('\n')).toBeLessThanOrEqual(4);

    // Another key for the same hold: refused, and nothing of the first order changed.
    const second = await order(held, randomUUID(), { method: 'sandbox', returnUrl: RETURN_URL });
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('https://ticketboss.dev/problems/order_state_conflict');
    const payments = await raw.query('SELECT provider_session_id FROM payments WHERE order_id = $1', [answer.body.id]);
    expect(payments.rows).toHaveLength(1);
  });

  it('a try cut off after the order was written is carried on by the retry with the same key', async () => {
    const held = await hold(['MAIN-A-3']);
    const key = randomUUID();
    failNext = /INSERT INTO sandbox_sessions/;
    const cut = await order(held, key, { method: 'sandbox', returnUrl: RETURN_URL });
    expect(cut.status).toBe(500);
    const { statements, answer } = await statementsOf(() =>
      order(held, key, { method: 'sandbox', returnUrl: RETURN_URL }),
    );
    expect(answer.status).toBe(201);
    const orders = await raw.query<{ id: string }>('SELECT id FROM orders WHERE hold_id = $1', [held.id]);
    expect(orders.rows.map((o) => o.id)).toEqual([answer.body.id]);
    expect(answer.body.payments).toHaveLength(1);
    expect(answer.body.payments[0].redirectUrl).toMatch(/^http:\/\/sandbox\.test\/sandbox\/checkout\/sbs_/);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(15);
    const replay = await order(held, key, { method: 'sandbox', returnUrl: RETURN_URL });
    expect(replay.body).toEqual(answer.body);
  });

  it('refuses a hold that ran out or was released, writing nothing and extending nothing', async () => {
    const expired = await hold(['MAIN-C-1']);
    world.clock.advance(601_000);
    const late = await order(expired, randomUUID(), { method: 'sandbox', returnUrl: RETURN_URL });
    expect(late.body.type).toBe('https://ticketboss.dev/problems/hold_expired');
    const released = await hold(['MAIN-C-2']);
    expect((await api.call('DELETE', `/v1/holds/${released.id}`, { holdToken: released.token })).status).toBe(204);
    const gone = await order(released, randomUUID(), { method: 'sandbox', returnUrl: RETURN_URL });
    expect(gone.body.type).toBe('https://ticketboss.dev/problems/hold_not_active');
    const holds = await raw.query<{ extended: boolean; orders: number }>(
      `SELECT h.extended, (SELECT count(*)::int FROM orders o WHERE o.hold_id = h.id) AS orders
       FROM holds h WHERE h.id = ANY($1::uuid[])`,
      [[expired.id, released.id]],
    );
    expect(holds.rows).toEqual([
      { extended: false, orders: 0 },
      { extended: false, orders: 0 },
    ]);
  });

  it('a cash sale at the box office still sells in the same request', async () => {
    const clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    const held = await hold(['MAIN-B-1'], clerk);
    const { statements, answer } = await statementsOf(() =>
      order(held, randomUUID(), { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } }, clerk),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.state).toBe('paid');
    // Was 18 (15 besides pricing's); the sale itself (sell()) is most of it.
    expect(withoutPricing(statements).length, statements.join('\n')).toBeLessThanOrEqual(10);
  });
});
