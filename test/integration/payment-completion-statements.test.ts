// What a web payment's completion costs the database, counted statement by statement (BEGIN and COMMIT included:
// each is a round trip). On a small machine under an on-sale's load the round trips are the completion's price, so
// the count is pinned: a change that adds one has to say why here. Counted at the Db port, so it is the same on
// PGlite and on Postgres, and deterministic where timings are not.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';
import { statementLog, type StatementLog } from '../support/statement-log.ts';

/** The start of the sale as read, in one statement (db/sales.ts, sellReadOrder), as the log has it. */
const SALE_AS_READ = /^WITH o AS MATERIALIZED \( ?SELECT id FROM orders WHERE id = \$1/;

describe.each(dbKinds())('the statements of a payment completion on %s', (kind) => {
  let db: Db;
  let log: StatementLog;
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

  /** Completes the order with a new key; expects it paid unless `settled` says it ends otherwise. */
  const completion = async (order: { id: string; accessToken: string }, settled: 'paid' | 'refunded' = 'paid') => {
    const key = randomUUID();
    // The background work (outbox, live publisher) runs on its own timers, not on this Db: the log is the request's.
    log.statements.length = 0;
    const paid = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: key,
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.state).toBe(settled === 'paid' ? 'paid' : 'cancelled');
    return { statements: [...log.statements], body: paid.body, key };
  };

  /** What the order reads now, and what was written, are what the sale answered (made before its write). */
  const expectSoldAsAnswered = async (order: { id: string; accessToken: string }, body: Record<string, unknown>) => {
    const read = await api.call('GET', `/v1/orders/${order.id}`, { orderToken: order.accessToken });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(body);
    const { rows } = await db.query<{ tickets: number; hold: string; payment: string; jobs: number; seats: number }>(
      `SELECT (SELECT count(*)::int FROM tickets WHERE order_id = o.id) AS tickets,
         (SELECT state FROM holds WHERE id = o.hold_id) AS hold,
         (SELECT state FROM payments WHERE order_id = o.id ORDER BY attempt DESC LIMIT 1) AS payment,
         (SELECT count(*)::int FROM outbox WHERE aggregate_id = o.id) AS jobs,
         (SELECT count(*)::int FROM event_seats WHERE order_id = o.id AND status = 'sold') AS seats
       FROM orders o WHERE o.id = $1`,
      [order.id],
    );
    const tickets = (body.tickets as unknown[]).length;
    expect(rows).toEqual([{ tickets, hold: 'converted', payment: 'captured', jobs: 1, seats: tickets }]);
  };

  /** Completes the order with `change` made by another writer just before the sale as read is sent. */
  const completionWith = async (
    order: { id: string; accessToken: string },
    change: () => Promise<unknown>,
    settled: 'paid' | 'refunded' = 'paid',
  ) => {
    log.beforeNext = { pattern: SALE_AS_READ, run: change };
    try {
      return await completion(order, settled);
    } finally {
      log.beforeNext = null;
    }
  };

  it('a seated sale completes in 3 statements, its answer stored with the sale', async () => {
    const order = await approvedOrder({ seatIds: ['MAIN-A-1', 'MAIN-A-2'] });
    const { statements, body, key } = await completion(order);
    // The order read with its hold's seats and its payments, and the payment marked completing (the buyer's token
    // checked, and the key claimed, by that same statement); the sandbox's capture; the sale as read, with the key's
    // answer, in one statement and no transaction.
    expect(statements, statements.join('\n')).toHaveLength(3);
    expect(statements[0]).toMatch(/^WITH claim AS \( ?INSERT INTO idempotency_keys/);
    expect(statements[2]).toMatch(SALE_AS_READ);
    expect(body.tickets).toHaveLength(2);
    expect(body.payments).toMatchObject([{ state: 'captured' }]);
    await expectSoldAsAnswered(order, body);
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
    // mark, then the sandbox's capture and the sale as read.
    expect(log.statements, log.statements.join('\n')).toHaveLength(5);
    expect(log.statements[1]).toMatch(/^WITH claim AS \( ?INSERT INTO idempotency_keys/);
    expect(log.statements[2]).toMatch(/^WITH locked AS/);
  });

  it('a standing sale completes in 7 statements (its places sold by a statement of their own)', async () => {
    const { statements, body } = await completion(await approvedOrder({ ga: { sectionId: 'PIT', quantity: 2 } }));
    expect(statements, statements.join('\n')).toHaveLength(7);
    expect(body.tickets).toHaveLength(2);
  });

  it('an order changed after its read is sold the long way, in a transaction, and answered as it is now', async () => {
    const order = await approvedOrder({ seatIds: ['MAIN-D-1', 'MAIN-D-2'] });
    const { statements, body, key } = await completionWith(order, () =>
      db.query(`UPDATE orders SET buyer_name = 'Ada King' WHERE id = $1`, [order.id]),
    );
    // The sale as read wrote nothing (the order's row changed under it); then BEGIN, the lock with the sale's parts
    // and its seats, the sale's write, COMMIT.
    expect(statements, statements.join('\n')).toHaveLength(7);
    expect(statements[2]).toMatch(SALE_AS_READ);
    expect(statements.slice(3)).toEqual([
      'BEGIN',
      expect.stringMatching(/^WITH o AS MATERIALIZED \(SELECT id, code/),
      expect.stringMatching(/^WITH payment AS \( ?UPDATE payments SET state = 'captured'/),
      'COMMIT',
    ]);
    expect(body.buyer).toMatchObject({ name: 'Ada King' });
    await expectSoldAsAnswered(order, body);
    const replay = await api.call('POST', `/v1/orders/${order.id}/payments/complete`, {
      orderToken: order.accessToken,
      idempotencyKey: key,
    });
    expect(replay.body).toEqual(body);
  });

  it('a ticket type renamed after the read: sold the long way, the tickets carry the new name', async () => {
    const order = await approvedOrder({ seatIds: ['MAIN-D-3'] });
    const { rows } = await db.query<{ id: string; name: string }>(
      `SELECT id, name FROM ticket_types WHERE event_id = $1 AND kind = 'adult'`,
      [world.eventId],
    );
    const adult = rows[0]!;
    try {
      const { statements, body } = await completionWith(order, () =>
        db.query(`UPDATE ticket_types SET name = 'Grown-up' WHERE id = $1`, [adult.id]),
      );
      expect(statements).toContain('BEGIN');
      expect(body.tickets).toMatchObject([{ ticketTypeId: adult.id, ticketType: 'Grown-up' }]);
      await expectSoldAsAnswered(order, body);
    } finally {
      await db.query(`UPDATE ticket_types SET name = $2 WHERE id = $1`, [adult.id, adult.name]);
    }
  });

  it('a seat gone before the sale as read: nothing sold, the order cancelled and the payment refunded', async () => {
    const order = await approvedOrder({ seatIds: ['MAIN-E-1', 'MAIN-E-2'] });
    const { statements, body } = await completionWith(
      order,
      () =>
        db.query(
          `UPDATE event_seats SET status = 'unavailable', hold_id = NULL, hold_expires_at = NULL,
                  block_kind = 'block', blocked_at = now(), blocked_by = 'a test'
                WHERE event_id = $1 AND seat_id = 'MAIN-E-2'`,
          [world.eventId],
        ),
      'refunded',
    );
    // The sale as read failed whole on the seat gone; the late payment's refund follows, not the long way's sale.
    expect(statements[2]).toMatch(SALE_AS_READ);
    expect(statements.filter((sql) => /^WITH o AS MATERIALIZED \(SELECT id, code/.test(sql))).toEqual([]);
    expect(body).toMatchObject({ state: 'cancelled', tickets: [] });
    expect(body.refunds).toEqual([expect.objectContaining({ state: 'succeeded' })]);
    const { rows } = await db.query<{ seat_id: string; status: string }>(
      `SELECT seat_id, status FROM event_seats WHERE event_id = $1 AND seat_id IN ('MAIN-E-1', 'MAIN-E-2')
       ORDER BY seat_id`,
      [world.eventId],
    );
    // E-1 is not sold with the rest undone: the statement failed whole.
    expect(rows.map((r) => r.status)).not.toContain('sold');
    const tickets = await db.query('SELECT 1 FROM tickets WHERE order_id = $1', [order.id]);
    expect(tickets.rows).toEqual([]);
  });

  it('the event cancelled after the read: the sale as read writes nothing, and the long way refunds', async () => {
    const order = await approvedOrder({ seatIds: ['MAIN-E-5'] });
    try {
      const { statements, body } = await completionWith(
        order,
        () => db.query(`UPDATE events SET status = 'cancelled' WHERE id = $1`, [world.eventId]),
        'refunded',
      );
      expect(statements).toContain('BEGIN');
      expect(body).toMatchObject({ state: 'cancelled', tickets: [] });
      const tickets = await db.query('SELECT 1 FROM tickets WHERE order_id = $1', [order.id]);
      expect(tickets.rows).toEqual([]);
    } finally {
      await db.query(`UPDATE events SET status = 'on_sale' WHERE id = $1`, [world.eventId]);
    }
  });
});
