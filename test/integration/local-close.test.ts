// `npm start`'s Ctrl-C: the local cloud's close() lets a background run under way (here a sale's tickets email) end
// before the database goes, so nothing fails with "Cannot use a pool after calling end" on the way out.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLocalCloud } from '../../cloud/local/server.ts';
import type { Db, Queryable } from '../../cloud/db/port.ts';
import { freshDb } from '../support/databases.ts';

/** The Db, with the statement that marks an outbox job done held at a gate until the test opens it. */
function gatedAtJobDone(db: Db) {
  let entered!: () => void;
  const jobRunning = new Promise<void>((resolve) => (entered = resolve));
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const gated =
    (target: Queryable): Queryable['query'] =>
    async (sql, params) => {
      if (/^UPDATE outbox SET state = 'done'/.test(sql.trim())) {
        entered();
        await gate;
      }
      return target.query(sql, params);
    };
  const wrapped: Db = {
    kind: db.kind,
    query: gated(db),
    transaction: (fn) => db.transaction((tx) => fn({ ...tx, query: gated(tx) })),
    close: () => db.close(),
  };
  return { db: wrapped, jobRunning, open };
}

describe('the local cloud closing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('waits for a job under way to end before it returns', async () => {
    const errors = vi.spyOn(console, 'error');
    const base = await freshDb('pglite');
    const { db, jobRunning, open } = gatedAtJobDone(base);
    const cloud = await startLocalCloud({ port: 0, db, seed: true, outboxIntervalMs: 20 });
    const eventId = cloud.seeded!.events[0]!.id;
    const held = await fetch(`${cloud.url}/v1/events/${eventId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ bestAvailable: { quantity: 1 } }),
    }).then((r) => r.json());
    const order = await fetch(`${cloud.url}/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hold-token': held.token, 'idempotency-key': 'local-close-1' },
      body: JSON.stringify({
        holdId: held.id,
        buyer: { email: 'late@example.com', name: 'Late Leaver' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: `${cloud.url}/checkout/return` },
      }),
    }).then((r) => r.json());
    expect(order.payments, JSON.stringify(order)).toBeDefined();
    await fetch(order.payments[0].redirectUrl, {
      method: 'POST',
      body: new URLSearchParams({ decision: 'approve', scenario: 'approve' }),
      redirect: 'manual',
    });
    const paid = await fetch(`${cloud.url}/v1/orders/${order.id}/payments/complete`, {
      method: 'POST',
      headers: { 'x-order-token': order.accessToken, 'idempotency-key': 'local-close-2' },
    }).then((r) => r.json());
    expect(paid.state).toBe('paid');

    // The tickets email is sent and its job about to be marked done when the cloud is asked to close.
    await jobRunning;
    let closed = false;
    const closing = cloud.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(closed).toBe(false);
    open();
    await closing;
    const done = await base.query<{ state: string }>(`SELECT state FROM outbox WHERE aggregate_id = $1`, [order.id]);
    expect(done.rows.map((row) => row.state)).toContain('done');
    await base.close();
    expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([]);
  });
});
