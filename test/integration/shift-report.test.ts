// The box office's end-of-shift report on real Postgres (else PGlite): per payment method what this clerk sold and
// refunded, and the cash that should be in the drawer; other sellers' sales are not in it, and only the box office may
// ask.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';

describe.each(productionDbKinds())('shift report on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-anna', groups: ['clerk'], venueId: world.venueId });
  });
  afterAll(async () => db.close());

  const sell = async (bearer: string, seatIds: string[], payment: object) => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds }, bearer });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'counter@example.com', name: 'At The Counter' },
        delivery: { method: 'print_at_venue' },
        payment,
      },
      bearer,
      idempotencyKey: randomUUID(),
    });
    expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
    return order.body;
  };

  it('totals sales and refunds per method and the cash expected in the drawer', async () => {
    const from = new Date(world.clock.now().getTime() - 3600_000).toISOString();
    const cash = await sell(clerk, ['MAIN-A-1', 'MAIN-A-2'], {
      method: 'cash',
      tendered: { amount: 12_000, currency: 'EUR' },
    });
    await sell(clerk, ['MAIN-A-3'], {
      method: 'card_terminal',
      authorization: { reference: 'TERM-0001', amount: { amount: 5000, currency: 'EUR' }, cardLast4: '1234' },
    });
    await api.call('POST', `/v1/orders/${cash.id}/refunds`, {
      body: { ticketIds: [cash.tickets[0].id], reason: 'one friend cannot come' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    // Another clerk's sale is not in this drawer.
    const other = await api.issuer.issue({ sub: 'clerk-ben', groups: ['clerk'], venueId: world.venueId });
    await sell(other, ['MAIN-A-4'], { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } });

    const report = await api.call(
      'GET',
      `/v1/boxoffice/shift-report?from=${encodeURIComponent(from)}&openingFloat=20000&currency=EUR`,
      {
        bearer: clerk,
      },
    );
    expect(report.status).toBe(200);
    expect(report.body.lines).toEqual([
      {
        method: 'card_terminal',
        orders: 1,
        tickets: 1,
        taken: { amount: 5000, currency: 'EUR' },
        refunds: 0,
        refunded: { amount: 0, currency: 'EUR' },
        net: { amount: 5000, currency: 'EUR' },
      },
      {
        method: 'cash',
        orders: 1,
        tickets: 2,
        taken: { amount: 10_000, currency: 'EUR' },
        refunds: 1,
        refunded: { amount: 5000, currency: 'EUR' },
        net: { amount: 5000, currency: 'EUR' },
      },
    ]);
    expect(report.body.cashExpected).toEqual([{ amount: 25_000, currency: 'EUR' }]);

    const bens = await api.call('GET', `/v1/boxoffice/shift-report?from=${encodeURIComponent(from)}`, {
      bearer: other,
    });
    expect(bens.body.lines.map((l: { method: string; orders: number }) => [l.method, l.orders])).toEqual([['cash', 1]]);
  });

  it('is for the box office only, and checks the period', async () => {
    const from = encodeURIComponent(world.clock.now().toISOString());
    expect((await api.call('GET', `/v1/boxoffice/shift-report?from=${from}`)).status).toBe(401);
    expect(
      (await api.call('GET', `/v1/boxoffice/shift-report?from=${from}`, { bearer: api.customerToken })).status,
    ).toBe(403);
    const bad = await api.call('GET', '/v1/boxoffice/shift-report?from=yesterday', { bearer: clerk });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });
});
