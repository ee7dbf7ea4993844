// What an order request costs the database, in statements (round trips): on the on-sale's hardware every round trip
// to Postgres is dear, so the web order's count is pinned here and a change that adds one fails. Every statement is
// counted, BEGIN and COMMIT too, the sandbox provider's own (it shares the database) included. A replay, a resumed
// try and a cash sale are counted as well, so a saving on the main path cannot quietly cost them more.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';
import { statementLog, type StatementLog } from '../support/statement-log.ts';

const RETURN_URL = 'https://shop.example/checkout/return';
/** The reads pricing makes today (the price list, fees and tax); its own change removes them. */
const PRICING_READS = 3;

/** Pricing's reads (the price list, fees and tax), which are its own to count. */
const withoutPricing = (statements: string[]) =>
  statements.filter((sql) => !/ticket_prices|event_commerce|venue_taxes/.test(sql));

describe.each(dbKinds())('order request statements on %s', (kind) => {
  let raw: Db;
  let log: StatementLog;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    raw = await freshDb(kind);
    log = statementLog(raw);
    world = await buildWorld(log.db);
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
  /** The web order of a held seat under this key, paid on the sandbox's page unless `payment` says otherwise. */
  const order = (
    held: { id: string; token: string },
    key: string,
    payment: object = { method: 'sandbox', returnUrl: RETURN_URL },
    bearer?: string,
  ) =>
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
  /** Another writer moves the hold's expiry after the order's read of it, just before the order's statement. */
  const changeBeforeItsOrder = (held: { id: string }) => {
    log.beforeNext = {
      pattern: /^\s*WITH hold AS/,
      run: () => raw.query(`UPDATE holds SET expires_at = expires_at + interval '90 seconds' WHERE id = $1`, [held.id]),
    };
  };
  /** The statements `request` sends, and its answer. */
  const statementsOf = async <T>(request: () => Promise<T>): Promise<{ statements: string[]; answer: T }> => {
    const from = log.statements.length;
    const answer = await request();
    return { statements: log.statements.slice(from), answer };
  };

  it('a sandbox web order: the hold read with its sale gate, the session, one statement for the order and the answer', async () => {
    const held = await hold(['MAIN-A-1', 'MAIN-A-2']);
    const key = randomUUID();
    const { statements, answer } = await statementsOf(() => order(held, key));
    expect(answer.status).toBe(201);
    expect(answer.body.payments[0].redirectUrl).toMatch(/^http:\/\/sandbox\.test\/sandbox\/checkout\/sbs_/);
    // Was 19 (16 besides pricing's), then 4: the hold with its sale gate, the key claimed by the same statement; the
    // provider's session; the hold locked and extended with the order, its payment with the session, and the key's
    // record with the answer.
    expect(withoutPricing(statements), statements.join('\n')).toHaveLength(3);
    expect(statements[0]).toMatch(/^WITH claim AS \( ?INSERT INTO idempotency_keys/);
    expect(statements[1]).toMatch(/^INSERT INTO sandbox_sessions/);
    expect(statements[2]).toMatch(/^WITH hold AS/);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(3 + PRICING_READS);
    // The hold's expiry the answer showed before the write is the one written.
    const holds = await raw.query<{ expires_at: Date; extended: boolean }>(
      'SELECT expires_at, extended FROM holds WHERE id = $1',
      [held.id],
    );
    expect(holds.rows).toEqual([{ expires_at: new Date(answer.body.holdExpiresAt), extended: true }]);
    expect(statements).not.toContain('BEGIN');

    // The replay answers from the key alone, with the same order and the same approval page.
    const replay = await statementsOf(() => order(held, key));
    expect(replay.answer.status).toBe(201);
    expect(replay.answer.body).toEqual(answer.body);
    expect(replay.statements.length, replay.statements.join('\n')).toBeLessThanOrEqual(4);

    // Another key for the same hold: refused, and nothing of the first order changed.
    const second = await order(held, randomUUID());
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('https://ticketboss.dev/problems/order_state_conflict');
    const payments = await raw.query('SELECT provider_session_id FROM payments WHERE order_id = $1', [answer.body.id]);
    expect(payments.rows).toHaveLength(1);
  });

  it('a try cut off before the order was written: the retry with the same key makes the one order', async () => {
    const held = await hold(['MAIN-A-3']);
    const key = randomUUID();
    log.failNext = /^\s*WITH hold AS/;
    const cut = await order(held, key);
    expect(cut.status).toBe(500);
    const { answer } = await statementsOf(() => order(held, key));
    expect(answer.status).toBe(201);
    const orders = await raw.query<{ id: string }>('SELECT id FROM orders WHERE hold_id = $1', [held.id]);
    expect(orders.rows.map((o) => o.id)).toEqual([answer.body.id]);
    expect(answer.body.payments[0].redirectUrl).toMatch(/^http:\/\/sandbox\.test\/sandbox\/checkout\/sbs_/);
    const replay = await order(held, key);
    expect(replay.body).toEqual(answer.body);
  });

  it('a hold changed after its read: the order written, its answer stored by a statement of its own, as written', async () => {
    const held = await hold(['MAIN-A-5']);
    const key = randomUUID();
    changeBeforeItsOrder(held);
    const { statements, answer } = await statementsOf(() => order(held, key));
    expect(answer.status).toBe(201);
    expect(withoutPricing(statements).slice(2), statements.join('\n')).toEqual([
      expect.stringMatching(/^WITH hold AS/),
      expect.stringMatching(/^UPDATE idempotency_keys SET response_status/),
    ]);
    const holds = await raw.query<{ expires_at: Date }>('SELECT expires_at FROM holds WHERE id = $1', [held.id]);
    expect(answer.body.holdExpiresAt).toBe(holds.rows[0]!.expires_at.toISOString());
    const replay = await order(held, key);
    expect(replay.body).toEqual(answer.body);
  });

  it('a try cut off after the order was written is carried on by the retry with the same key', async () => {
    const held = await hold(['MAIN-A-4']);
    const key = randomUUID();
    // The hold changed after its read, so the answer has a statement of its own after the order's: cut off there.
    changeBeforeItsOrder(held);
    log.failNext = /^\s*UPDATE idempotency_keys SET response_status/;
    const cut = await order(held, key);
    expect(cut.status).toBe(500);
    const { statements, answer } = await statementsOf(() => order(held, key));
    expect(answer.status).toBe(201);
    const orders = await raw.query<{ id: string }>('SELECT id FROM orders WHERE hold_id = $1', [held.id]);
    expect(orders.rows.map((o) => o.id)).toEqual([answer.body.id]);
    expect(answer.body.payments).toHaveLength(1);
    expect(answer.body.payments[0].redirectUrl).toMatch(/^http:\/\/sandbox\.test\/sandbox\/checkout\/sbs_/);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(15);
    const replay = await order(held, key);
    expect(replay.body).toEqual(answer.body);
  });

  it('refuses a hold that ran out or was released, writing nothing and extending nothing', async () => {
    const expired = await hold(['MAIN-C-1']);
    world.clock.advance(601_000);
    const late = await order(expired, randomUUID());
    expect(late.body.type).toBe('https://ticketboss.dev/problems/hold_expired');
    const released = await hold(['MAIN-C-2']);
    expect((await api.call('DELETE', `/v1/holds/${released.id}`, { holdToken: released.token })).status).toBe(204);
    const gone = await order(released, randomUUID());
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
