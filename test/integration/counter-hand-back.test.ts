// A cancelled event's orders paid at the counter: the cancellation voids their tickets and leaves the money to the
// box office; a clerk of the venue records giving it back (cash from the drawer, or a card terminal refund with its
// reference), once. The order is then refunded in full, the cancellation's progress counts it, the clerk's shift
// report takes it out of the drawer, and the audit log says who did it. PGlite and Postgres.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { buildWorld, createOnSaleEvent, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';
import { searchAuditEntries } from '../../cloud/db/audit.ts';

describe.each(productionDbKinds())('handing back a cancelled event’s counter orders on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  let farClerk: string;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { now: new Date() });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({
      sub: 'clerk-hb',
      email: 'desk@hall.example',
      groups: ['clerk'],
      venueId: world.venueId,
    });
    const other = await world.services.admin.createVenue({ name: 'Elsewhere', city: 'Basel', timezone: 'UTC' });
    farClerk = await api.issuer.issue({ sub: 'clerk-far', groups: ['clerk'], venueId: other.id });
  });
  afterAll(async () => {
    await db.close();
  });

  const sell = async (
    eventId: string,
    seatId: string,
    payment: (total: { amount: number; currency: string }) => Record<string, unknown>,
  ) => {
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: [seatId] }, bearer: clerk });
    expect(hold.status).toBe(201);
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'walkup@example.com', name: 'Walk Up' },
        delivery: { method: 'will_call' },
        payment: payment(hold.body.total),
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.status).toBe(201);
    return order.body as { id: string; code: string; total: { amount: number; currency: string } };
  };
  const handBack = (orderId: string, body: unknown, bearer = clerk, key = randomUUID()) =>
    api.call('POST', `/v1/orders/${orderId}/counter-hand-back`, { body, bearer, idempotencyKey: key });
  const runJobs = async () => {
    for (let i = 0; i < 50; i++) {
      const ran = await world.services.outbox.runDue(100);
      if (ran.done + ran.failed === 0) return;
    }
  };

  it('records the money given back once, by the way it was paid, and counts it everywhere', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const eventId = await createOnSaleEvent(world.services, world.seatmapId, ['MAIN', 'PIT'], { name: 'Storm Night' });
    const cash = await sell(eventId, 'MAIN-A-1', () => ({
      method: 'cash',
      tendered: { amount: 50_000, currency: 'EUR' },
    }));
    const card = await sell(eventId, 'MAIN-A-2', (total) => ({
      method: 'card_terminal',
      authorization: { reference: 'AUTH-1', amount: total, cardLast4: '4242' },
    }));
    // Not cancelled yet: nothing waits at the counter.
    expect((await handBack(cash.id, { method: 'cash' })).status).toBe(409);

    // The venue's manager (here the owner) cancels; the clerk hands the money back.
    const cancelled = await api.call('POST', `/v1/admin/events/${eventId}/cancel`, {
      body: { reason: 'storm' },
      bearer: api.adminToken,
    });
    expect(cancelled.status).toBe(202);
    await runJobs();
    const before = await api.call('GET', `/v1/admin/events/${eventId}/cancellation`, { bearer: api.adminToken });
    expect(before.body).toMatchObject({ atCounter: 2, refunded: 0, done: true });

    expect((await handBack(cash.id, { method: 'cash' }, farClerk)).status).toBe(404);
    expect((await handBack(cash.id, { method: 'cash' }, api.customerToken)).status).toBe(403);
    const wrongWay = await handBack(cash.id, { method: 'card_terminal', terminalReference: 'R-1' });
    expect(wrongWay.status).toBe(400);
    expect(wrongWay.body.errors[0].field).toBe('method');
    const noReference = await handBack(cash.id, { method: 'card_terminal' });
    expect(noReference.status).toBe(400);

    const key = randomUUID();
    const done = await handBack(cash.id, { method: 'cash' }, clerk, key);
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('cancelled');
    expect(done.body.refunds).toEqual([expect.objectContaining({ amount: cash.total, state: 'succeeded' })]);
    // The same request again (a lost answer) is the same answer; a second hand-back is refused.
    const replay = await handBack(cash.id, { method: 'cash' }, clerk, key);
    expect(replay.status).toBe(200);
    expect(replay.body.refunds).toHaveLength(1);
    expect((await handBack(cash.id, { method: 'cash' })).status).toBe(409);

    const after = await api.call('GET', `/v1/admin/events/${eventId}/cancellation`, { bearer: api.adminToken });
    expect(after.body).toMatchObject({ atCounter: 1, refunded: 1 });
    const cardDone = await handBack(card.id, { method: 'card_terminal', terminalReference: 'REFUND-77' });
    expect(cardDone.status).toBe(200);
    const finished = await api.call('GET', `/v1/admin/events/${eventId}/cancellation`, { bearer: api.adminToken });
    expect(finished.body).toMatchObject({ atCounter: 0, refunded: 2, done: true });

    const report = await api.call('GET', `/v1/boxoffice/shift-report?from=${encodeURIComponent(from)}`, {
      bearer: clerk,
    });
    expect(report.status).toBe(200);
    const cashLine = (report.body.lines as { method: string; refunded: { amount: number } }[]).find(
      (line) => line.method === 'cash',
    )!;
    expect(cashLine.refunded.amount).toBe(cash.total.amount);

    const audit = await searchAuditEntries(db, { objectType: 'order', objectId: cash.id, limit: 5 });
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'order.hand_back',
        actor_sub: 'clerk-hb',
        actor_email: 'desk@hall.example',
        venue_id: world.venueId,
      }),
    ]);
    expect(audit[0]!.summary).toContain(cash.code);
  });

  it('refuses an order paid online: its money goes back through the provider', async () => {
    const eventId = await createOnSaleEvent(world.services, world.seatmapId, ['MAIN', 'PIT'], { name: 'Online Night' });
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: ['MAIN-B-1'] } });
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'web@example.com', name: 'Web' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
      },
      holdToken: hold.body.token,
      idempotencyKey: randomUUID(),
    });
    await api.call('POST', `/v1/admin/events/${eventId}/cancel`, { body: { reason: 'storm' }, bearer: api.adminToken });
    expect((await handBack(created.body.id, { method: 'cash' })).status).toBe(409);
  });
});
