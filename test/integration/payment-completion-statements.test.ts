// What a web payment's completion costs the database, counted statement by statement (BEGIN and COMMIT included:
// each is a round trip). On a small machine under an on-sale's load the round trips are the completion's price, so
// the count is pinned: a change that adds one has to say why here. Counted at the Db port, so it is the same on
// PGlite and on Postgres, and deterministic where timings are not.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db, Queryable } from '../../cloud/db/port.ts';

/** A Db that logs every statement sent through it, those inside transactions and their BEGIN and COMMIT too. */
function statementLog(db: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const logged = (target: Queryable): Queryable['query'] => {
    return (sql, params) => {
      statements.push(sql.replace(/\s+/g, ' ').trim().slice(0, 60));
      return target.query(sql, params);
    };
  };
  const counted: Db = {
    kind: db.kind,
    query: logged(db),
    transaction: (fn) =>
      db.transaction(async (tx) => {
        statements.push('BEGIN');
        const result = await fn({ ...tx, query: logged(tx) });
        statements.push('COMMIT');
        return result;
      }),
    close: () => db.close(),
  };
  return { db: counted, statements };
}

describe.each(dbKinds())('the statements of a payment completion on %s', (kind) => {
  let db: Db;
  let log: ReturnType<typeof statementLog>;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb(kind);
    log = statementLog(db);
    world = await buildWorld(log.db);
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  /**
   * A web order over these seats (or standing places), approved at the sandbox, ready to be completed: a guest's (by
   * the hold's token), or a signed-in buyer's (`bearer`).
   */
  const approvedOrder = async (hold: object, bearer?: string) => {
    const held = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: hold,
      ...(bearer ? { bearer } : {}),
    });
    expect(held.status).toBe(201);
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: held.body.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/checkout/return' },
      },
      ...(bearer ? { bearer } : { holdToken: held.body.token }),
      idempotencyKey: randomUUID(),
    });
    expect(created.status).toBe(201);
    await world.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
    return created.body as { id: string; accessToken: string };
  };

  const completion = async (order: { id: string; accessToken: string }) => {
    const key = randomUUID();
    // The background work (outbox, live publisher) runs on its own timers, not on this Db: the log is the request's.
    log.statements.length = 0;
    const paid = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: key,
    });
    expect(paid.status).toBe(200);
    expect(paid.body.state).toBe('paid');
    return { statements: [...log.statements], body: paid.body, key };
  };

  it('a seated sale completes in 6 statements, its answer stored with the sale', async () => {
    const order = await approvedOrder({ seatIds: ['MAIN-A-1', 'MAIN-A-2'] });
    const { statements, body, key } = await completion(order);
    // The order read with the payment marked completing (the buyer's token checked, and the key claimed, by that same
    // statement); the sandbox's capture; BEGIN, the order locked with the sale's parts and its seats sold in the same
    // statement, the sale's one write (with the key's answer), COMMIT.
    expect(statements, statements.join('\n')).toHaveLength(6);
    expect(statements[0]).toMatch(/^WITH claim AS \( ?INSERT INTO idempotency_keys/);
    expect(statements[3]).toMatch(/^WITH o AS MATERIALIZED/);
    expect(statements[4]).toMatch(/^WITH payment AS \( ?UPDATE payments SET state = 'captured'/);
    expect(body.tickets).toHaveLength(2);
    expect(body.payments).toMatchObject([{ state: 'captured' }]);
    // The answer stored with the sale is the one a retry of the same request gets, word for word.
    const replay = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: key,
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(body);
  });

  it('a caller who may not see the order changes nothing: the order is read, and no payment is marked', async () => {
    const order = await approvedOrder({ seatIds: ['MAIN-B-1'] });
    log.statements.length = 0;
    const refused = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: 'not-the-token-of-this-order-not-the-token-of-it',
      idempotencyKey: randomUUID(),
    });
    expect(refused.status).toBe(404);
    // Reads (the order's read with its mark, which checks the token before it writes, and the key's claim), and the
    // key's own record of the refusal (a replay gets the same 404): no other write, and the payment is still open.
    const writes = log.statements.filter(
      (sql) =>
        !/^(SELECT|WITH claim AS \( ?INSERT INTO idempotency_keys|(INSERT INTO|UPDATE) idempotency_keys)\b/.test(sql),
    );
    expect(writes).toEqual([]);
    const { rows } = await db.query<{ state: string }>('SELECT state FROM payments WHERE order_id = $1', [order.id]);
    expect(rows).toEqual([{ state: 'open' }]);
    expect((await completion(order)).body.tickets).toHaveLength(1);
  });

  it('a buyer signed in, without the order token, completes too: the read, then the mark', async () => {
    const buyer = await api.issuer.issue({ sub: randomUUID(), email: 'ada@example.com', groups: [] });
    const order = await approvedOrder({ seatIds: ['MAIN-C-1'] }, buyer);
    log.statements.length = 0;
    const paid = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      bearer: buyer,
      idempotencyKey: randomUUID(),
    });
    expect(paid.status).toBe(200);
    expect(paid.body.state).toBe('paid');
    // The session's cut-off check (a signed-in caller's own statement), the order read with the key's claim, the
    // mark, then the same five as the buyer with the token.
    expect(log.statements, log.statements.join('\n')).toHaveLength(8);
    expect(log.statements[1]).toMatch(/^WITH claim AS \( ?INSERT INTO idempotency_keys/);
    expect(log.statements[2]).toMatch(/^WITH locked AS/);
  });

  it('a standing sale completes in 7 statements (its places sold by a statement of their own)', async () => {
    const { statements, body } = await completion(await approvedOrder({ ga: { sectionId: 'PIT', quantity: 2 } }));
    expect(statements, statements.join('\n')).toHaveLength(7);
    expect(body.tickets).toHaveLength(2);
  });
});
