// Crash test on real Postgres: the API process (`npm start`'s entry, a child process) kills itself at each step of
// checkout — before the provider call, after it, before the sale commits — and the client retries with the same
// Idempotency-Key against a restarted process. Exactly one order, at most one capture, no stranded seats.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresUrl } from '../support/databases.ts';
import { startLocalProcess } from '../support/local-process.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import type { Db } from '../../cloud/db/port.ts';
import { createServices } from '../../cloud/services/index.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';

type Step = 'before_provider' | 'after_provider' | 'before_commit';

describe.skipIf(!postgresUrl())('checkout survives a crash at every step (real Postgres)', () => {
  let databaseUrl: string;
  let db: Db;
  let eventId: string;
  let device: { id: string; secret: string };
  const varDir = mkdtempSync(join(tmpdir(), 'ticketboss-crash-'));

  beforeAll(async () => {
    databaseUrl = await createPostgresDatabase();
    db = createPostgresDb({ connectionString: databaseUrl, maxConnections: 4 });
    await migrate(db);
    const services = createServices({ db, live: { publish: async () => {} } });
    const venue = await services.admin.createVenue({ name: 'Crash Hall', city: 'Bern', timezone: 'Europe/Zurich' });
    const map = await services.admin.importSeatMap(venue.id, smallHall(4, 10));
    eventId = await createOnSaleEvent(services, map.id, ['MAIN', 'PIT'], { name: 'Crash Show' });
    device = await services.identity.createDevice({ venueId: venue.id, kind: 'boxoffice', name: 'Counter' });
  });
  afterAll(async () => {
    await db?.close();
    rmSync(varDir, { recursive: true, force: true });
  });

  /** Starts the API the way `npm start` does; resolves with its URL once it listens. */
  const startApi = (crashAt?: Step) =>
    startLocalProcess({
      DATABASE_URL: databaseUrl,
      VAR_DIR: varDir,
      IDEMPOTENCY_LEASE_SECONDS: '1',
      ...(crashAt ? { CRASH_AT: crashAt } : {}),
    });

  const json = async (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) => {
    const response = await fetch(url, {
      ...init,
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { state?: string } };
  };

  /** A client that retries the same request (same key) until it gets a final answer, as the web shop does. */
  async function retryUntilFinal(send: () => Promise<{ status: number; body: Record<string, unknown> }>) {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        const answer = await send();
        if (answer.status !== 409 && answer.status !== 503) return answer;
        if (answer.body.retryable !== true) return answer;
      } catch {
        // connection refused or reset: the API is down or restarting
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error('no final answer');
  }

  const ledgerFor = async (orderId: string) => {
    const charges = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sandbox_charges c JOIN payments p ON p.provider_session_id = c.session_id
       WHERE p.order_id = $1`,
      [orderId],
    );
    return charges.rows[0]!.n;
  };

  async function expectExactlyOnce(holdId: string, seatIds: string[]) {
    const orders = await db.query<{ id: string; state: string }>('SELECT id, state FROM orders WHERE hold_id = $1', [
      holdId,
    ]);
    expect(orders.rows).toHaveLength(1);
    expect(orders.rows[0]!.state).toBe('paid');
    const orderId = orders.rows[0]!.id;
    const seats = await db.query<{ seat_id: string; status: string; order_id: string | null }>(
      'SELECT seat_id, status, order_id FROM event_seats WHERE event_id = $1 AND seat_id = ANY($2::text[]) ORDER BY seat_id',
      [eventId, seatIds],
    );
    expect(seats.rows.every((s) => s.status === 'sold' && s.order_id === orderId)).toBe(true);
    const tickets = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets WHERE order_id = $1`, [
      orderId,
    ]);
    expect(tickets.rows[0]!.n).toBe(seatIds.length);
    const captured = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM payments WHERE order_id = $1 AND state = 'captured'`,
      [orderId],
    );
    expect(captured.rows[0]!.n).toBe(1);
    const stranded = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM event_seats WHERE event_id = $1 AND status = 'held' AND hold_id = $2`,
      [eventId, holdId],
    );
    expect(stranded.rows[0]!.n).toBe(0);
    return orderId;
  }

  for (const [index, step] of (['before_provider', 'after_provider', 'before_commit'] as const).entries()) {
    it(`web checkout killed ${step.replace('_', ' ')}: one order, one capture, seats sold once`, async () => {
      const seatIds = [`MAIN-${'ABC'[index]}-1`, `MAIN-${'ABC'[index]}-2`];
      let api = await startApi(step);
      const held = await json(`${api.url}/v1/events/${eventId}/holds`, {
        method: 'POST',
        body: JSON.stringify({ seatIds }),
      });
      expect(held.status).toBe(201);
      const order = await json(`${api.url}/v1/orders`, {
        method: 'POST',
        headers: { 'x-hold-token': held.body.token as string, 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          holdId: held.body.id,
          buyer: { email: 'crash@example.com', name: 'Crash Test' },
          delivery: { method: 'email' },
          payment: { method: 'sandbox', returnUrl: `${api.url}/back` }, // redirects: the shop's own origin
        }),
      });
      expect(order.status).toBe(201);
      const orderId = order.body.id as string;
      const token = order.body.accessToken as string;
      const approvalUrl = (order.body.payments as { redirectUrl: string }[])[0]!.redirectUrl;
      const approved = await fetch(approvalUrl, {
        method: 'POST',
        body: new URLSearchParams({ decision: 'approve', scenario: 'approve' }),
        redirect: 'manual',
      });
      expect(approved.status).toBe(303);

      const key = randomUUID();
      const complete = () =>
        json(`${api.url}/v1/orders/${orderId}/payments/complete`, {
          method: 'POST',
          headers: { 'x-order-token': token, 'idempotency-key': key },
        });
      await expect(complete()).rejects.toThrow();
      expect(await api.exited).toBeNull(); // killed by its signal
      expect(await ledgerFor(orderId)).toBe(step === 'before_provider' ? 0 : 1);

      api = await startApi();
      try {
        const final = await retryUntilFinal(complete);
        expect(final.status).toBe(200);
        expect(final.body.state).toBe('paid');
        // And again: the same answer, replayed.
        const replay = await complete();
        expect(replay.body).toEqual(final.body);
      } finally {
        api.child.kill('SIGTERM');
        await api.exited;
      }
      await expectExactlyOnce(held.body.id as string, seatIds);
      expect(await ledgerFor(orderId)).toBe(1);
    }, 60_000);
  }

  it('a cash sale at the box office killed before commit: the retry makes exactly one order', async () => {
    let api = await startApi('before_commit');
    const session = await json(`${api.url}/v1/auth/device`, {
      method: 'POST',
      body: JSON.stringify({ deviceId: device.id, secret: device.secret }),
    });
    const bearer = { authorization: `Bearer ${session.body.accessToken as string}` };
    const seatIds = ['MAIN-D-5'];
    const held = await json(`${api.url}/v1/events/${eventId}/holds`, {
      method: 'POST',
      headers: bearer,
      body: JSON.stringify({ seatIds }),
    });
    const key = randomUUID();
    const sell = () =>
      json(`${api.url}/v1/orders`, {
        method: 'POST',
        headers: { ...bearer, 'idempotency-key': key },
        body: JSON.stringify({
          holdId: held.body.id,
          buyer: { email: 'walkup@example.com', name: 'Walk Up' },
          delivery: { method: 'print_at_venue' },
          payment: { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } },
        }),
      });
    await expect(sell()).rejects.toThrow();
    await api.exited;
    const none = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE hold_id = $1', [
      held.body.id,
    ]);
    expect(none.rows[0]!.n).toBe(0);
    api = await startApi();
    try {
      const final = await retryUntilFinal(sell);
      expect(final.status).toBe(201);
      expect(final.body.state).toBe('paid');
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
    await expectExactlyOnce(held.body.id as string, seatIds);
  }, 60_000);
});
