// Orders by the roles table (order-access.ts on may/venues, not group names), and one refund and one resend for the
// box office and the back office, through the HTTP API on PGlite: a venue manager of two venues finds both venues'
// orders in the box office search and refunds at the counter (orders:manage there), a clerk only their venue's; a
// door steward is refused; another venue's staff find no such order, word for word as for an id of nothing; the box
// office machine still sees and hands over but does not refund. A resend by staff is audited the same whichever way
// it came (counter or back office); the buyer's own resend is not a staff action.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, createOnSaleEvent, smallHall, type World } from '../../support/world.ts';

interface Sold {
  id: string;
  code: string;
  accessToken?: string;
  tickets: { id: string }[];
}

describe('orders reached by role and venue (PGlite)', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  const token: Record<string, string> = {};
  let farEventId: string;
  let nearOrder: Sold;
  let farOrder: Sold;
  let secondOrder: Sold;

  const sell = async (eventId: string, seatId: string, email: string, bearer: string) => {
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds: [seatId] }, bearer });
    expect(hold.status).toBe(201);
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email, name: 'Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer,
      idempotencyKey: randomUUID(),
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    return order.body as Sold;
  };
  const problemOf = (body: Record<string, unknown>) => ({ type: body.type, title: body.title, detail: body.detail });

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db, { now: new Date() });
    api = await testApi(world.services);
    const far = await world.services.admin.createVenue({ name: 'Far', city: 'Basel', timezone: 'UTC' });
    const farMap = await world.services.admin.importSeatMap(far.id, smallHall(2, 5));
    farEventId = await createOnSaleEvent(world.services, farMap.id, ['MAIN', 'PIT'], { name: 'Far Away' });
    const issue = (claims: Record<string, unknown>) =>
      api.issuer.issue({ sub: randomUUID(), groups: [], ...claims } as Parameters<typeof api.issuer.issue>[0]);
    token.bothManager = await issue({ groups: ['venue_manager'], venueIds: [world.venueId, far.id] });
    token.nearManager = await issue({ groups: ['venue_manager'], venueIds: [world.venueId] });
    token.nearClerk = await issue({ groups: ['clerk'], venueId: world.venueId });
    token.farClerk = await issue({ groups: ['clerk'], venueId: far.id });
    token.farManager = await issue({ groups: ['venue_manager'], venueIds: [far.id] });
    token.steward = await issue({ groups: ['door_steward'], venueId: world.venueId });
    token.machine = await issue({ groups: ['boxoffice'], venueId: world.venueId });
    nearOrder = await sell(world.eventId, 'MAIN-A-1', 'near@example.com', token.nearClerk!);
    secondOrder = await sell(world.eventId, 'MAIN-A-2', 'second@example.com', token.nearClerk!);
    farOrder = await sell(farEventId, 'MAIN-A-1', 'far@example.com', token.farClerk!);
  });
  afterAll(async () => db.close());

  const searchCodes = async (who: string, q: string) => {
    const found = await api.call('GET', `/v1/orders?q=${encodeURIComponent(q)}`, { bearer: token[who] });
    return { status: found.status, codes: ((found.body.orders ?? []) as { code: string }[]).map((o) => o.code) };
  };

  it('searches at the counter within the venues of the role, every one of a manager of two', async () => {
    expect((await searchCodes('bothManager', 'far@example.com')).codes).toEqual([farOrder.code]);
    expect((await searchCodes('bothManager', 'near@example.com')).codes).toEqual([nearOrder.code]);
    expect((await searchCodes('nearClerk', 'far@example.com')).codes).toEqual([]);
    expect((await searchCodes('machine', 'near@example.com')).codes).toEqual([nearOrder.code]);
    expect((await searchCodes('machine', 'far@example.com')).codes).toEqual([]);
    expect((await searchCodes('steward', 'near@example.com')).status).toBe(403);
  });

  it('refunds at the counter for the venue’s clerks and managers; others find nothing, or may not', async () => {
    const refund = (who: string, orderId: string) =>
      api.call('POST', `/v1/orders/${orderId}/refunds`, {
        bearer: token[who],
        body: { reason: 'changed plans' },
        idempotencyKey: randomUUID(),
      });
    const elsewhere = await refund('farManager', nearOrder.id);
    const nothing = await refund('farManager', randomUUID());
    expect(elsewhere.status).toBe(404);
    expect(problemOf(elsewhere.body)).toEqual(problemOf(nothing.body));
    expect((await refund('steward', nearOrder.id)).status).toBe(403);
    expect((await refund('machine', nearOrder.id)).status).toBe(403);
    // A venue manager (orders:manage at the venue) refunds at the counter: it was "box-office staff only" before.
    const byManager = await refund('nearManager', nearOrder.id);
    expect(byManager.status, JSON.stringify(byManager.body)).toBe(200);
    expect(byManager.body.state).toBe('refunded');
  });

  it('audits a resend by staff alike from the counter and the back office, not the buyer’s own', async () => {
    const atCounter = await api.call('POST', `/v1/orders/${secondOrder.id}/resend`, { bearer: token.nearClerk });
    expect(atCounter.status).toBe(202);
    world.clock.advance(1000);
    const inBackOffice = await api.call('POST', `/v1/admin/orders/${secondOrder.id}/resend`, {
      bearer: token.nearManager,
    });
    expect(inBackOffice.status).toBe(202);
    expect(inBackOffice.body.recipient).toBe('second@example.com');
    // The back office's check is the only difference: a clerk may resend at the counter, not in the back office.
    expect(
      (await api.call('POST', `/v1/admin/orders/${secondOrder.id}/resend`, { bearer: token.nearClerk })).status,
    ).toBe(403);
    const byBuyer = await api.call('POST', `/v1/orders/${secondOrder.id}/resend`, {
      orderToken: secondOrder.accessToken!,
    });
    expect(byBuyer.status).toBe(202);
    const entries = await searchAuditEntries(db, { objectType: 'order', objectId: secondOrder.id, limit: 10 });
    expect(entries.map((entry) => [entry.action, entry.actor_role, entry.summary])).toEqual([
      ['order.resend', 'venue_manager', `Sent the tickets of order ${secondOrder.code} again to second@example.com`],
      ['order.resend', 'clerk', `Sent the tickets of order ${secondOrder.code} again to second@example.com`],
    ]);
  });
});
