// The Idempotency-Key claimed by a request's first statement (claimInWork: a web order's hold read, a completion's
// order read): a new key is claimed there, a replay still gets the stored answer, a key in use by a try under way
// changes nothing (the completion's first statement marks its payment only when it claimed the key), and a final
// error before any write is stored with its key like any other.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { requestHash } from '../../cloud/domain/orders/codes.ts';
import { apiPaths } from '../../cloud/contract/routes.ts';
import type { Db } from '../../cloud/db/port.ts';

describe.each(dbKinds())('an Idempotency-Key claimed by the first statement on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  const hold = async (seatId: string) => {
    const held = await api.call('POST', apiPaths.eventHolds(world.eventId), { body: { seatIds: [seatId] } });
    expect(held.status).toBe(201);
    return held.body as { id: string; token: string };
  };
  /** A guest's web order for the hold, paid at the sandbox, under this key. */
  const order = (held: { id: string; token: string }, key: string) =>
    api.call('POST', apiPaths.orders(), {
      body: {
        holdId: held.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/checkout/return' },
      },
      holdToken: held.token,
      idempotencyKey: key,
    });
  const approvedOrder = async (seatId: string) => {
    const created = await order(await hold(seatId), randomUUID());
    expect(created.status).toBe(201);
    await world.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
    return created.body as { id: string; accessToken: string };
  };
  const complete = (order: { id: string; accessToken: string }, key: string, token = order.accessToken) =>
    api.call('POST', apiPaths.orderPaymentCompletion(order.id), { orderToken: token, idempotencyKey: key });
  const paymentStates = async (orderId: string) =>
    (await db.query<{ state: string }>('SELECT state FROM payments WHERE order_id = $1', [orderId])).rows.map(
      (p) => p.state,
    );

  it('a key held by a try under way: the completion is refused as in progress, and its payment is not marked', async () => {
    const order = await approvedOrder('MAIN-D-1');
    const key = randomUUID();
    // Another try with this key is under way: its row is there with a lease and no answer yet.
    const scope = `token:${createHash('sha256').update(order.accessToken).digest('base64url')}`;
    const path = apiPaths.orderPaymentCompletion(order.id);
    await db.query(
      `INSERT INTO idempotency_keys (scope, key, request_hash, locked_until, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        scope,
        key,
        requestHash('POST', path, undefined),
        new Date(world.clock.now().getTime() + 3600_000).toISOString(),
        world.clock.now().toISOString(),
      ],
    );
    const refused = await complete(order, key);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('https://ticketboss.dev/problems/request_in_progress');
    expect(await paymentStates(order.id)).toEqual(['open']);
    // Another key completes it.
    const paid = await complete(order, randomUUID());
    expect(paid.body.state).toBe('paid');
  });

  it('a replay answers the stored order, without completing again', async () => {
    const order = await approvedOrder('MAIN-D-2');
    const key = randomUUID();
    const first = await complete(order, key);
    expect(first.body.state).toBe('paid');
    const replay = await complete(order, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await paymentStates(order.id)).toEqual(['captured']);
  });

  it('a final error found by the first statement is stored with its key and replayed', async () => {
    const key = randomUUID();
    const nobody = { id: randomUUID(), accessToken: 'a-token-of-no-order-a-token-of-no-order' };
    const missing = await complete(nobody, key);
    expect(missing.status).toBe(404);
    const { rows } = await db.query<{ response_status: number }>(
      'SELECT response_status FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(rows).toEqual([{ response_status: 404 }]);
    const again = await complete(nobody, key);
    expect(again.status).toBe(404);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('a web order: a new key is claimed by the hold read, and the same key replays the same order', async () => {
    const held = await hold('MAIN-D-3');
    const key = randomUUID();
    const send = () => order(held, key);
    const first = await send();
    expect(first.status).toBe(201);
    const replay = await send();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const orders = await db.query('SELECT id FROM orders WHERE hold_id = $1', [held.id]);
    expect(orders.rows).toHaveLength(1);
  });
});
