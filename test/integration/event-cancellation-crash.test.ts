// Crash test on real Postgres: an event with 500 paid web orders is cancelled, and the process running the refund
// jobs (`npm start`'s entry, a child process) kills itself right after the provider accepted its 200th refund and
// before that refund was recorded. After a restart the jobs finish: every order refunded exactly once at the
// provider (the sandbox keeps its own books), for its whole amount, and the progress reaches 500 of 500.
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
import { createServices, type Services } from '../../cloud/services/index.ts';
import { SandboxPaymentProvider } from '../../cloud/adapters/payments/sandbox.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';
import { testApi } from '../support/api.ts';

const ORDERS = 500;
const CRASH_AFTER = 200;

describe.skipIf(!postgresUrl())('event cancellation survives a crash mid-way (real Postgres)', () => {
  let databaseUrl: string;
  let db: Db;
  let services: Services;
  let eventId: string;
  const varDir = mkdtempSync(join(tmpdir(), 'ticketboss-cancel-crash-'));
  const admin = { sub: 'admin-1', groups: ['admin'] };

  beforeAll(async () => {
    databaseUrl = await createPostgresDatabase();
    db = createPostgresDb({ connectionString: databaseUrl, maxConnections: 8 });
    await migrate(db);
    const sandbox = new SandboxPaymentProvider(db, () => 'http://sandbox.test');
    services = createServices({
      db,
      live: { publish: async () => {} },
      providers: { sandbox },
      shopOrigins: () => ['https://shop.example'], // redirects
    });
    const venue = await services.admin.createVenue({ name: 'Crash Arena', city: 'Bern', timezone: 'Europe/Zurich' });
    const map = await services.admin.importSeatMap(venue.id, smallHall(25, 20));
    eventId = await createOnSaleEvent(services, map.id, ['MAIN', 'PIT'], { name: 'Doomed Tour' });
    // 500 buyers, one seat each, paid through the sandbox provider (8 at a time).
    const api = await testApi(services);
    const seats = Array.from(
      { length: ORDERS },
      (_, i) => `MAIN-${String.fromCharCode(65 + Math.floor(i / 20))}-${(i % 20) + 1}`,
    );
    const buy = async (seatId: string, n: number) => {
      const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: [seatId] } });
      const order = await api.call('POST', '/v1/orders', {
        body: {
          holdId: hold.body.id,
          buyer: { email: `buyer${n}@example.com`, name: `Buyer ${n}` },
          delivery: { method: 'email' },
          payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
        },
        holdToken: hold.body.token,
        idempotencyKey: randomUUID(),
      });
      await sandbox.decide(order.body.payments[0].redirectUrl.split('/').at(-1), 'approve', 'approve');
      const paid = await api.call('POST', `/v1/orders/${order.body.id}/payments/complete`, {
        orderToken: order.body.accessToken,
        idempotencyKey: randomUUID(),
      });
      expect(paid.body.state).toBe('paid');
    };
    for (let i = 0; i < ORDERS; i += 8) await Promise.all(seats.slice(i, i + 8).map((seat, j) => buy(seat, i + j)));
    // The sale's own email jobs are done already: the child runs only the cancellation's.
    await db.query(`UPDATE outbox SET state = 'done'`);
  }, 240_000);
  afterAll(async () => {
    await db?.close();
    rmSync(varDir, { recursive: true, force: true });
  });

  /** Starts the API the way `npm start` does, its jobs' lease short so a killed process's jobs are soon taken up. */
  const startApi = (env: Record<string, string> = {}) =>
    startLocalProcess({ DATABASE_URL: databaseUrl, VAR_DIR: varDir, JOB_LEASE_SECONDS: '1', ...env });

  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
  const providerRefunds = () => count('SELECT count(*)::int AS n FROM sandbox_refunds');

  it(`refunds each of ${ORDERS} orders exactly once though the worker is killed mid-way`, async () => {
    const cancelled = await services.eventChanges.cancellations.cancel(eventId, { reason: 'Tour called off' }, admin);
    expect(cancelled).toMatchObject({ total: ORDERS, refunded: 0, pending: ORDERS });

    const first = await startApi({ CRASH_AT: 'cancellation_refund_sent', CRASH_AFTER: String(CRASH_AFTER) });
    expect(await first.exited).toBeNull(); // killed by its own SIGKILL, right after the provider's answer
    const midway = await services.eventChanges.cancellations.progress(eventId, admin);
    expect(midway.refunded).toBe(CRASH_AFTER - 1);
    expect(midway.done).toBe(false);
    // The provider has one refund more than we recorded: the one whose answer the crash lost.
    expect(await providerRefunds()).toBe(CRASH_AFTER);

    const second = await startApi();
    try {
      await expect
        .poll(async () => (await services.eventChanges.cancellations.progress(eventId, admin)).refunded, {
          timeout: 120_000,
          interval: 500,
        })
        .toBe(ORDERS);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const done = await services.eventChanges.cancellations.progress(eventId, admin);
    expect(done).toMatchObject({ total: ORDERS, refunded: ORDERS, failed: 0, pending: 0, done: true });
    // Exactly once at the provider, each for the whole charge.
    expect(await providerRefunds()).toBe(ORDERS);
    expect(await count(`SELECT count(*)::int AS n FROM sandbox_charges WHERE refunded_amount <> amount`)).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM (SELECT charge_id FROM sandbox_refunds GROUP BY charge_id HAVING count(*) <> 1) x`,
      ),
    ).toBe(0);
    // Our books agree: every order cancelled and refunded in full, one succeeded refund each, no valid ticket left.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM orders WHERE event_id = $1 AND state = 'cancelled' AND refunded_amount = total_amount`,
        [eventId],
      ),
    ).toBe(ORDERS);
    expect(await count(`SELECT count(*)::int AS n FROM refunds WHERE state = 'succeeded'`)).toBe(ORDERS);
    expect(await count(`SELECT count(*)::int AS n FROM refunds WHERE state <> 'succeeded'`)).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM tickets WHERE event_id = $1 AND status = 'valid'`, [eventId]),
    ).toBe(0);
    // Each buyer's cancellation email was queued once (the email itself goes out at least once).
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'event_cancelled_email'`)).toBe(ORDERS);
  }, 300_000);
});
