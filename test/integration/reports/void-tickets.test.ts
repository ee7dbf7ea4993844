// A cancellation without a refund (yet) is not a refund, on real Postgres (else PGlite): a cancelled event's ticket
// paid in cash at the counter is void and its money still in the drawer, so by tier it is a void ticket and the money
// counts as taken, in the tier's net as in the day's; once the clerk hands the money back it is a refunded ticket and
// the tier's net, the day's net and the dashboard's revenue all drop by it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { buildWorld, createOnSaleEvent, type World } from '../../support/world.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.each(productionDbKinds())('void tickets of a cancelled event on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  let manager: string;
  let eventId: string;
  let orderId: string;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { now: new Date() });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-v', groups: ['clerk'], venueId: world.venueId });
    manager = await api.issuer.issue({ sub: 'manager-v', groups: ['venue_manager'], venueId: world.venueId });
    eventId = await createOnSaleEvent(world.services, world.seatmapId, ['MAIN', 'PIT'], {
      name: 'Storm Night',
      amount: 4000,
    });
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, {
      body: { seatIds: ['MAIN-A-1'] },
      bearer: clerk,
    });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'walkup@example.com', name: 'Walk Up' },
        delivery: { method: 'will_call' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    orderId = order.body.id;
    const cancelled = await api.call('POST', `/v1/admin/events/${eventId}/cancel`, {
      body: { reason: 'storm' },
      bearer: manager,
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(202);
    for (let i = 0; i < 50; i++) {
      const ran = await world.services.outbox.runDue(100);
      if (ran.done + ran.failed === 0) break;
    }
  });
  afterAll(async () => db?.close());

  const tierRow = async () => {
    const report = await api.call(
      'GET',
      `/v1/admin/reports/sales?venueId=${world.venueId}&from=${day(-1)}&to=${day(1)}&groupBy=tier&eventId=${eventId}`,
      { bearer: manager },
    );
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.rows).toHaveLength(1);
    return report.body.rows[0];
  };
  /** The net of all rows of a grouping: every grouping's is the same money. */
  const netBy = async (groupBy: 'day' | 'tier' | 'channel' | 'seller') => {
    const report = await api.call(
      'GET',
      `/v1/admin/reports/sales?venueId=${world.venueId}&from=${day(-1)}&to=${day(1)}&groupBy=${groupBy}&eventId=${eventId}`,
      { bearer: manager },
    );
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    return eur(report.body.rows.reduce((sum: number, row: { net: { amount: number } }) => sum + row.net.amount, 0));
  };
  const nets = async () => ({
    day: await netBy('day'),
    tier: await netBy('tier'),
    channel: await netBy('channel'),
    seller: await netBy('seller'),
  });
  const all = (money: { amount: number; currency: string }) => ({
    day: money,
    tier: money,
    channel: money,
    seller: money,
  });
  const eventRevenue = async () => {
    const dashboard = await api.call('GET', '/v1/admin/reports/dashboard', { bearer: manager });
    return dashboard.body.events.find((event: { eventId: string }) => event.eventId === eventId).revenue;
  };

  it('counts the ticket void, not refunded, while its money waits at the counter, and refunded once given back', async () => {
    expect(await tierRow()).toMatchObject({
      tickets: 1,
      refundedTickets: 0,
      voidTickets: 1,
      refunded: eur(0),
      voided: eur(0),
      net: eur(4000),
    });
    // The money is still in the drawer: every grouping's net has it, until it is handed back.
    expect(await nets()).toEqual(all(eur(4000)));
    expect(await eventRevenue()).toEqual([eur(4000)]);

    const handedBack = await api.call('POST', `/v1/orders/${orderId}/counter-hand-back`, {
      body: { method: 'cash' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(handedBack.status, JSON.stringify(handedBack.body)).toBe(200);
    expect(await tierRow()).toMatchObject({
      tickets: 1,
      refundedTickets: 1,
      voidTickets: 0,
      refunded: eur(4000),
      voided: eur(0),
      net: eur(0),
    });
    expect(await nets()).toEqual(all(eur(0)));
    expect(await eventRevenue()).toEqual([]);
  });
});
