// Cancelling and postponing an event, through the HTTP API on real Postgres (else PGlite): a cancellation stops sales,
// releases holds, refunds every paid order in full once (web orders at the provider, cash ones at the counter),
// voids its tickets (refused at the door), emails every buyer, and shows its progress; a failed refund is retried. A
// buyer still at the payment page is never charged, and a payment captured as the event is cancelled is refunded.
// A postponement emails the new date, and a buyer gets a full refund on request until the deadline, not after.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { buildWorld, createOnSaleEvent, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';
import { LocalOutboxSender } from '../../cloud/adapters/email/local-outbox.ts';

const RETURN_URL = 'https://shop.example/back';

describe.each(productionDbKinds())('event cancellation and postponement on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  let manager: string;
  let farManager: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-cancel-'));

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { email: new LocalOutboxSender(dir), now: new Date() });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    const other = await world.services.admin.createVenue({ name: 'Elsewhere', city: 'Basel', timezone: 'UTC' });
    // Cancelling and postponing are the venue managers' (events:manage); clerks sell and hand back at the counter.
    manager = await api.issuer.issue({ sub: 'manager-1', groups: ['venue_manager'], venueId: world.venueId });
    farManager = await api.issuer.issue({ sub: 'manager-far', groups: ['venue_manager'], venueId: other.id });
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const emailsTo = async (address: string): Promise<ParsedMail[]> =>
    (
      await Promise.all(
        readdirSync(dir)
          .filter((f) => f.endsWith('.eml'))
          .map((f) => simpleParser(readFileSync(join(dir, f)))),
      )
    ).filter((m) => [m.to ?? []].flat().some((to) => to.text.includes(address)));

  const runJobs = async () => {
    for (let i = 0; i < 50; i++) {
      const ran = await world.services.outbox.runDue(100);
      if (ran.done + ran.failed === 0) return;
    }
  };

  /** A web order paid through the sandbox provider. */
  const webOrder = async (eventId: string, seatIds: string[], email: string) => {
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds } });
    expect(hold.status).toBe(201);
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email, name: email.split('@')[0] },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
      },
      holdToken: hold.body.token,
      idempotencyKey: randomUUID(),
    });
    expect(created.status).toBe(201);
    await world.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve', 'approve');
    const paid = await api.call('POST', `/v1/orders/${created.body.id}/payments/complete`, {
      orderToken: created.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    return { ...paid.body, accessToken: created.body.accessToken as string } as {
      id: string;
      code: string;
      accessToken: string;
      tickets: { id: string; code: string }[];
    };
  };

  const cashOrder = async (eventId: string, seatIds: string[], email: string) => {
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds }, bearer: clerk });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email, name: 'Cash Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.body.state).toBe('paid');
    return order.body as { id: string; tickets: { id: string; code: string }[] };
  };

  const providerRefunds = async (orderId: string) =>
    (
      await db.query<{ amount: number }>(
        `SELECT r.amount FROM sandbox_refunds r JOIN payments p ON p.provider_charge_id = r.charge_id
         WHERE p.order_id = $1`,
        [orderId],
      )
    ).rows.map((r) => r.amount);

  it('cancels an event: every paid order refunded once in full, tickets void and refused, buyers emailed', async () => {
    const eventId = world.eventId;
    const ada = await webOrder(eventId, ['MAIN-A-1', 'MAIN-A-2'], 'ada@example.com');
    const bob = await webOrder(eventId, ['MAIN-A-3'], 'bob@example.com');
    // Part of Carl's order was refunded before: the cancellation gives back what is left.
    const carl = await webOrder(eventId, ['MAIN-B-1', 'MAIN-B-2'], 'carl@example.com');
    const partial = await api.call('POST', `/v1/orders/${carl.id}/refunds`, {
      body: { ticketIds: [carl.tickets[0]!.id], reason: 'one seat' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(partial.body.state).toBe('partially_refunded');
    const cash = await cashOrder(eventId, ['MAIN-C-1'], 'dora@example.com');
    // A broken charge reference: this refund fails until it is fixed, then the retry gets it through.
    const erin = await webOrder(eventId, ['MAIN-C-5'], 'erin@example.com');
    const charge = await db.query<{ provider_charge_id: string }>(
      `UPDATE payments SET provider_charge_id = 'sbc_missing' WHERE order_id = $1 AND state = 'captured'
       RETURNING (SELECT provider_charge_id FROM payments WHERE order_id = $1 AND state = 'captured')`,
      [erin.id],
    );
    const erinCharge = charge.rows[0]!.provider_charge_id;
    const open = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: ['MAIN-D-1'] } });
    expect(open.status).toBe(201);
    // A buyer at the payment page when the event is cancelled: approved at the provider, but never charged.
    const unpaidHold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: ['MAIN-D-5'] } });
    const unpaid = await api.call('POST', '/v1/orders', {
      body: {
        holdId: unpaidHold.body.id,
        buyer: { email: 'late@example.com', name: 'Late' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
      },
      holdToken: unpaidHold.body.token,
      idempotencyKey: randomUUID(),
    });
    await world.sandbox.decide(unpaid.body.payments[0].redirectUrl.split('/').at(-1), 'approve', 'approve');
    // Another one whose payment is being captured at that moment: the sale finds the event cancelled, refunds it.
    const racingHold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: ['MAIN-D-6'] } });
    const racing = await api.call('POST', '/v1/orders', {
      body: {
        holdId: racingHold.body.id,
        buyer: { email: 'racing@example.com', name: 'Racing' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: RETURN_URL },
      },
      holdToken: racingHold.body.token,
      idempotencyKey: randomUUID(),
    });
    await world.sandbox.decide(racing.body.payments[0].redirectUrl.split('/').at(-1), 'approve', 'approve');
    await db.query(`UPDATE payments SET state = 'completing' WHERE order_id = $1`, [racing.body.id]);
    await runJobs();

    // Only managers of the venue: another venue's manager does not see the event, a clerk or customer is refused.
    const path = `/v1/admin/events/${eventId}/cancel`;
    expect((await api.call('POST', path, { body: { reason: 'storm' }, bearer: farManager })).status).toBe(404);
    expect((await api.call('POST', path, { body: { reason: 'storm' }, bearer: api.customerToken })).status).toBe(403);
    expect((await api.call('POST', path, { body: { reason: 'storm' } })).status).toBe(401);
    expect((await api.call('GET', `/v1/admin/events/${eventId}/cancellation`, { bearer: farManager })).status).toBe(
      404,
    );

    expect((await api.call('POST', path, { body: { reason: 'storm' }, bearer: clerk })).status).toBe(403);
    const cancelled = await api.call('POST', path, { body: { reason: 'The band is ill' }, bearer: manager });
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toMatchObject({ total: 5, refunded: 0, pending: 5, done: false, cancelledBy: 'manager-1' });
    expect((await api.call('GET', `/v1/events/${eventId}`)).body.status).toBe('cancelled');
    // Sales stop and holds are released.
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: ['MAIN-D-2'] } });
    expect(hold.status).toBe(409);
    const held = await db.query<{ state: string }>('SELECT state FROM holds WHERE id = $1', [open.body.id]);
    expect(held.rows[0]!.state).toBe('released');
    const late = await api.call('POST', `/v1/orders/${unpaid.body.id}/payments/complete`, {
      orderToken: unpaid.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(late.status).toBe(409);
    expect(
      (await api.call('GET', `/v1/orders/${unpaid.body.id}`, { orderToken: unpaid.body.accessToken })).body,
    ).toMatchObject({ state: 'cancelled', cancelReason: 'The event was cancelled: The band is ill' });
    const charges = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sandbox_charges c JOIN payments p ON p.provider_session_id = c.session_id
       WHERE p.order_id = $1`,
      [unpaid.body.id],
    );
    expect(charges.rows[0]!.n).toBe(0);
    const raced = await api.call('POST', `/v1/orders/${racing.body.id}/payments/complete`, {
      orderToken: racing.body.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(raced.body).toMatchObject({ state: 'cancelled', refunded: { amount: 5_000 } });
    expect(await providerRefunds(racing.body.id)).toEqual([5_000]);

    await runJobs();
    const progress = await api.call('GET', `/v1/admin/events/${eventId}/cancellation`, { bearer: manager });
    expect(progress.body).toMatchObject({ total: 5, refunded: 3, atCounter: 1, failed: 1, done: false });
    expect(progress.body.failures).toEqual([
      expect.objectContaining({ orderId: erin.id, reason: expect.stringContaining('no charge') }),
    ]);

    await db.query(`UPDATE payments SET provider_charge_id = $2 WHERE order_id = $1 AND state = 'captured'`, [
      erin.id,
      erinCharge,
    ]);
    const retried = await api.call('POST', `/v1/admin/events/${eventId}/cancellation/retry`, { bearer: manager });
    expect(retried.body).toEqual({ retried: 1 });
    await runJobs();
    const finished = await api.call('GET', `/v1/admin/events/${eventId}/cancellation`, { bearer: manager });
    expect(finished.body).toMatchObject({ total: 5, refunded: 4, atCounter: 1, failed: 0, pending: 0, done: true });

    // Each web order refunded exactly once at the provider, for what was left; a job run again changes nothing.
    for (const order of [ada, bob, carl, erin]) await world.services.eventChanges.cancellations.refundOrder(order.id);
    expect(await providerRefunds(ada.id)).toEqual([10_000]);
    expect(await providerRefunds(bob.id)).toEqual([5_000]);
    expect((await providerRefunds(carl.id)).sort()).toEqual([5_000, 5_000]);
    expect(await providerRefunds(erin.id)).toEqual([5_000]);
    expect(await providerRefunds(cash.id)).toEqual([]);
    const states = await db.query<{ state: string; refunded_amount: number; total_amount: number }>(
      'SELECT state, refunded_amount, total_amount FROM orders WHERE id = ANY($1::uuid[])',
      [[ada.id, bob.id, carl.id, erin.id]],
    );
    expect(states.rows.every((o) => o.state === 'cancelled' && o.refunded_amount === o.total_amount)).toBe(true);

    // Tickets void, and the door refuses them with the reason.
    const valid = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE event_id = $1 AND status = 'valid'`,
      [eventId],
    );
    expect(valid.rows[0]!.n).toBe(0);
    const scan = await api.call('POST', '/v1/scans', {
      body: { code: ada.tickets[1]!.code, gate: 'N' },
      bearer: clerk,
    });
    expect(scan.body).toMatchObject({ result: 'refused', reason: 'event_cancelled' });
    expect(scan.body.detail).toContain('cancelled');

    // Every buyer is told, once, with the amount and how it comes back.
    const [adaMail, ...more] = (await emailsTo('ada@example.com')).filter((m) => m.subject!.includes('is cancelled'));
    expect(more).toEqual([]);
    expect(adaMail!.subject).toBe(`Test Event is cancelled: your refund (${ada.code})`);
    expect(adaMail!.text).toContain('We have refunded €100.00');
    const carlMail = (await emailsTo('carl@example.com')).find((m) => m.subject!.includes('is cancelled'))!;
    expect(carlMail.text).toContain('We have refunded €50.00');
    const doraMail = (await emailsTo('dora@example.com')).find((m) => m.subject!.includes('is cancelled'))!;
    expect(doraMail.text).toContain('bring this email there and you get €50.00 back');

    // Cancelling again answers the same progress and queues nothing more.
    const again = await api.call('POST', path, { body: { reason: 'again' }, bearer: manager });
    expect(again.body).toMatchObject({ total: 5, done: true, reason: 'The band is ill' });
  });

  it('postpones an event: buyers get the new date, and a refund on request until the deadline only', async () => {
    const eventId = await createOnSaleEvent(world.services, world.seatmapId, ['MAIN', 'PIT'], { name: 'Late Show' });
    const fay = await webOrder(eventId, ['MAIN-A-1'], 'fay@example.com');
    const gus = await webOrder(eventId, ['MAIN-A-2'], 'gus@example.com');
    const now = world.clock.now().getTime();
    const startsAt = new Date(now + 60 * 86_400_000).toISOString();
    const refundDeadline = new Date(now + 10 * 86_400_000).toISOString();
    const path = `/v1/admin/events/${eventId}/postpone`;
    expect((await api.call('POST', path, { body: { startsAt, refundDeadline }, bearer: farManager })).status).toBe(404);
    const bad = await api.call('POST', path, { body: { startsAt, refundDeadline: startsAt + 'x' }, bearer: manager });
    expect(bad.status).toBe(400);
    const postponed = await api.call('POST', path, { body: { startsAt, refundDeadline }, bearer: manager });
    expect(postponed.body).toMatchObject({ startsAt, refundDeadline, notified: 2 });
    expect((await api.call('GET', `/v1/events/${eventId}`)).body.startsAt).toBe(startsAt);
    await runJobs();
    const mail = (await emailsTo('fay@example.com')).find((m) => m.subject!.includes('is postponed'))!;
    expect(mail.subject).toContain(`Late Show is postponed to`);
    expect(mail.text).toContain('ask for a full refund');
    expect(mail.text).toContain(`https://shop.test/orders/${fay.id}?token=`);

    const ask = (order: { id: string; accessToken: string }) =>
      api.call('POST', `/v1/orders/${order.id}/refund-request`, {
        body: {},
        orderToken: order.accessToken,
        idempotencyKey: randomUUID(),
      });
    expect(
      (await api.call('POST', `/v1/orders/${fay.id}/refund-request`, { body: {}, idempotencyKey: randomUUID() }))
        .status,
    ).toBe(404);
    const refunded = await ask(fay);
    expect(refunded.status).toBe(200);
    expect(refunded.body.state).toBe('cancelled');
    expect(refunded.body.tickets.every((t: { status: string }) => t.status === 'void')).toBe(true);
    expect(await providerRefunds(fay.id)).toEqual([5_000]);

    world.clock.advance(11 * 86_400_000);
    const late = await ask(gus);
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect(late.body.type).toMatch(/refund_deadline_passed$/);
    expect(await providerRefunds(gus.id)).toEqual([]);
  });
});
