// Orders in the back office, through the HTTP API on real Postgres (else PGlite): a venue
// manager finds the orders of their venue (and no other's) by buyer, code, ticket, event, state and days, a page at
// a time; opens one with its history and notes; adds notes; changes the buyer's email (the tickets go to the new
// address); sends the tickets again; refunds a ticket and cancels the order through the order use cases. Each step
// is in the order's history (the audit log); other venues' staff get 404, roles without orders:manage 403.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { buildWorld, createOnSaleEvent, smallHall, type World } from '../../support/world.ts';

interface Sold {
  id: string;
  code: string;
  tickets: { id: string; seatId: string }[];
}

describe.each(productionDbKinds())('the back office order desk on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;
  let farManager: string;
  let clerk: string;
  let farClerk: string;
  let farEventId: string;
  const sold: Sold[] = [];

  const sell = async (eventId: string, seatId: string, buyer: { email: string; name: string }, bearer = clerk) => {
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: [seatId] }, bearer });
    expect(hold.status).toBe(201);
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer,
        delivery: { method: 'email' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer,
      idempotencyKey: randomUUID(),
    });
    expect(order.status).toBe(201);
    return order.body as Sold;
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { now: new Date() });
    api = await testApi(world.services);
    manager = await api.issuer.issue({
      sub: 'manager-1',
      email: 'anna@hall.example',
      groups: ['venue_manager'],
      venueId: world.venueId,
    });
    clerk = await api.issuer.issue({
      sub: 'clerk-1',
      email: 'desk@hall.example',
      groups: ['clerk'],
      venueId: world.venueId,
    });
    const other = await world.services.admin.createVenue({ name: 'Elsewhere', city: 'Basel', timezone: 'UTC' });
    const otherMap = await world.services.admin.importSeatMap(other.id, smallHall(2, 5));
    farEventId = await createOnSaleEvent(world.services, otherMap.id, ['MAIN', 'PIT'], { name: 'Far Away' });
    farManager = await api.issuer.issue({ sub: 'manager-far', groups: ['venue_manager'], venueId: other.id });
    farClerk = await api.issuer.issue({ sub: 'clerk-far', groups: ['clerk'], venueId: other.id });
    sold.push(await sell(world.eventId, 'MAIN-A-1', { email: 'ada@example.com', name: 'Ada Lovelace' }));
    sold.push(await sell(world.eventId, 'MAIN-A-2', { email: 'grace@example.com', name: 'Grace Hopper' }));
    sold.push(await sell(world.eventId, 'MAIN-A-3', { email: 'alan@example.com', name: 'Alan Turing' }));
    await sell(farEventId, 'MAIN-A-1', { email: 'ada@example.com', name: 'Ada Elsewhere' }, farClerk);
  });
  afterAll(async () => {
    await db.close();
  });

  const search = (query: string, bearer = manager) => api.call('GET', `/v1/admin/orders?${query}`, { bearer });
  const codesOf = (body: { orders: { code: string }[] }) => body.orders.map((order) => order.code).sort();

  it("finds the orders of the manager's venue by buyer, code, ticket, event and state, and no other venue's", async () => {
    const all = await search('limit=50');
    expect(all.status).toBe(200);
    expect(codesOf(all.body)).toEqual(sold.map((order) => order.code).sort());
    expect(all.body.orders[0]).toMatchObject({ eventName: 'Test Event', tickets: 1, state: 'paid' });

    expect(codesOf((await search('q=ada%40example.com')).body)).toEqual([sold[0]!.code]);
    expect(codesOf((await search('q=hopper')).body)).toEqual([sold[1]!.code]);
    expect(codesOf((await search(`q=${encodeURIComponent(sold[2]!.code)}`)).body)).toEqual([sold[2]!.code]);
    expect(codesOf((await search(`q=${sold[1]!.tickets[0]!.id}`)).body)).toEqual([sold[1]!.code]);
    expect((await search(`eventId=${farEventId}`)).body.orders).toEqual([]);
    expect((await search('state=refunded')).body.orders).toEqual([]);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await search(`to=${yesterday}`)).body.orders).toEqual([]);
    // An admin sees every venue's.
    expect((await search('q=ada%40example.com', api.adminToken)).body.orders).toHaveLength(2);
  });

  it('pages newest first without gaps or repeats', async () => {
    const first = await search('limit=2');
    expect(first.body.orders).toHaveLength(2);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await search(`limit=2&cursor=${first.body.next}`);
    expect(second.body.orders).toHaveLength(1);
    expect(second.body.next).toBeNull();
    const seen = [...first.body.orders, ...second.body.orders].map((order: { code: string }) => order.code);
    expect(seen.sort()).toEqual(sold.map((order) => order.code).sort());
    const times = [...first.body.orders, ...second.body.orders].map((order: { createdAt: string }) => order.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('answers a bad filter with its field', async () => {
    for (const [query, field] of [
      ['state=lost', 'state'],
      ['from=2030-02-01&to=2030-01-01', 'to'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['eventId=nope', 'eventId'],
      ['limit=1000', 'limit'],
    ]) {
      const response = await search(query!);
      expect(response.status, query).toBe(400);
      expect(response.body.errors[0].field, query).toBe(field);
    }
  });

  it('opens an order with notes, changes its email, resends, refunds and cancels, each in its history', async () => {
    const order = sold[0]!;
    const path = `/v1/admin/orders/${order.id}`;
    const noted = await api.call('POST', `${path}/notes`, {
      bearer: manager,
      body: { text: 'Called: wants seats on the aisle next time.' },
    });
    expect(noted.status).toBe(201);
    expect(noted.body).toMatchObject({ author: 'anna@hall.example' });
    const empty = await api.call('POST', `${path}/notes`, { bearer: manager, body: { text: '  ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('text');

    const badEmail = await api.call('PUT', `${path}/buyer-email`, { bearer: manager, body: { email: 'not-an-email' } });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.errors[0].field).toBe('email');
    const changed = await api.call('PUT', `${path}/buyer-email`, {
      bearer: manager,
      body: { email: 'ada@newmail.example' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.buyer.email).toBe('ada@newmail.example');
    const resent = await api.call('POST', `${path}/resend`, { bearer: manager });
    expect(resent.status).toBe(202);
    expect(resent.body.recipient).toBe('ada@newmail.example');
    const jobs = await db.query<{ topic: string }>(
      `SELECT topic FROM outbox WHERE aggregate_id = $1 AND topic = 'ticket_email'`,
      [order.id],
    );
    // The sale's email, the one after the change of address, and the one sent again.
    expect(jobs.rows.length).toBe(3);

    const quote = await api.call('POST', `${path}/refund-quote`, { bearer: manager, body: { cancel: true } });
    expect(quote.status).toBe(200);
    expect(quote.body.amount.amount).toBeGreaterThan(0);
    const noKey = await api.call('POST', `${path}/cancel`, { bearer: manager, body: { reason: 'Asked to' } });
    expect(noKey.status).toBe(400);
    const cancelled = await api.call('POST', `${path}/cancel`, {
      bearer: manager,
      body: { reason: 'Asked to' },
      idempotencyKey: randomUUID(),
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.refunded).toEqual(quote.body.amount);
    expect(cancelled.body.tickets.every((ticket: { status: string }) => ticket.status !== 'valid')).toBe(true);
    // The seat is on sale again.
    const again = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-A-1'] } });
    expect(again.status).toBe(201);

    const page = await api.call('GET', path, { bearer: manager });
    expect(page.status).toBe(200);
    expect(page.body.event).toMatchObject({ name: 'Test Event', timezone: 'Europe/Berlin' });
    expect(page.body.notes).toEqual([expect.objectContaining({ text: 'Called: wants seats on the aisle next time.' })]);
    expect(page.body.history.map((entry: { action: string }) => entry.action).sort()).toEqual(
      ['order.cancel', 'order.change_email', 'order.note', 'order.resend'].sort(),
    );
    const emailChange = page.body.history.find((entry: { action: string }) => entry.action === 'order.change_email');
    expect(emailChange.summary).toMatch(/ada@newmail\.example/);
    expect(emailChange.actor).toBe('anna@hall.example');
  });

  it('refunds chosen tickets, and the box office’s own refunds are in the history too', async () => {
    const order = sold[1]!;
    const refunded = await api.call('POST', `/v1/admin/orders/${order.id}/refunds`, {
      bearer: manager,
      body: { ticketIds: [order.tickets[0]!.id], reason: 'Double booking' },
      idempotencyKey: randomUUID(),
    });
    expect(refunded.status).toBe(200);
    expect(refunded.body.state).toBe('refunded');
    const byClerk = await api.call('POST', `/v1/orders/${sold[2]!.id}/refunds`, {
      bearer: clerk,
      body: { reason: 'Changed plans' },
      idempotencyKey: randomUUID(),
    });
    expect(byClerk.status).toBe(200);
    for (const [id, actor] of [
      [order.id, 'anna@hall.example'],
      [sold[2]!.id, 'desk@hall.example'],
    ]) {
      const page = await api.call('GET', `/v1/admin/orders/${id}`, { bearer: manager });
      expect(page.body.history).toEqual([expect.objectContaining({ action: 'order.refund', actor })]);
    }
  });

  it("hides orders from other venues' staff and refuses roles that may not manage orders", async () => {
    const path = `/v1/admin/orders/${sold[1]!.id}`;
    expect((await api.call('GET', path, { bearer: farManager })).status).toBe(404);
    expect((await api.call('POST', `${path}/notes`, { bearer: farManager, body: { text: 'x' } })).status).toBe(404);
    expect((await api.call('POST', `${path}/resend`, { bearer: farManager })).status).toBe(404);
    expect((await api.call('GET', path, { bearer: clerk })).status).toBe(403);
    expect((await search('limit=5', clerk)).status).toBe(403);
    expect((await api.call('GET', path)).status).toBe(401);
    expect((await search('limit=50', farManager)).body.orders).toHaveLength(1);
    expect((await api.call('GET', `/v1/admin/orders/${randomUUID()}`, { bearer: manager })).status).toBe(404);
  });
});
