// Figures that add up, on PGlite (and real Postgres where the run has one): a day of counter sales with a partial
// refund, a full refund (the order cancelled, its money given back) and an exchange. The dashboard's revenue (today,
// the season, the event) is what the orders brought in net of refunds and exchange credit, the same as the sales
// report's net by day, and the same as the sum over the orders. By tier, a refunded ticket (or one cancelled with its
// money given back) is a refund; an exchanged ticket is void, not a refund, and its value is in the order it paid.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const FRONT = Array.from({ length: 10 }, (_, n) => `MAIN-A-${n + 1}`);

interface Sold {
  id: string;
  total: { amount: number };
  tickets: { id: string; seatId: string }[];
}

describe.each(dbKinds())('figures that add up on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;
  let clerk: string;
  const sold: Record<'partial' | 'full' | 'kept' | 'exchanged' | 'exchangedInto', Sold> = {} as never;

  const sell = async (seatIds: string[]): Promise<Sold> => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds }, bearer: clerk });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'counter@example.com', name: 'At The Counter' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
    return order.body;
  };

  beforeAll(async () => {
    db = await freshDb(kind);
    // 11:00 in Berlin.
    world = await buildWorld(db, {
      now: new Date('2030-01-10T10:00:00Z'),
      tiers: [
        { name: 'Front', price: eur(8000), sectionIds: [], seatIds: FRONT },
        { name: 'Standard', price: eur(5000), sectionIds: ['MAIN', 'PIT'], seatIds: [] },
      ],
    });
    api = await testApi(world.services);
    manager = await api.issuer.issue({ sub: 'manager-a', groups: ['venue_manager'], venueId: world.venueId });
    clerk = await api.issuer.issue({ sub: 'clerk-anna', groups: ['clerk'], venueId: world.venueId });

    // Two Standard seats, one of them refunded: a partial refund.
    sold.partial = await sell(['MAIN-B-1', 'MAIN-B-2']);
    const partial = await api.call('POST', `/v1/admin/orders/${sold.partial.id}/refunds`, {
      bearer: manager,
      body: { ticketIds: [sold.partial.tickets[0]!.id], reason: 'cannot come' },
      idempotencyKey: randomUUID(),
    });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    // A Front seat, the order cancelled and its money given back: a full refund.
    sold.full = await sell(['MAIN-A-1']);
    const full = await api.call('POST', `/v1/admin/orders/${sold.full.id}/cancel`, {
      bearer: manager,
      body: { reason: 'asked to' },
      idempotencyKey: randomUUID(),
    });
    expect(full.status, JSON.stringify(full.body)).toBe(200);
    expect(full.body.refunded).toEqual(eur(8000));
    // A Standard seat kept as sold.
    sold.kept = await sell(['MAIN-C-1']);
    // A Standard seat exchanged at the counter for another Standard seat (even: no money moves).
    sold.exchanged = await sell(['MAIN-D-1']);
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: ['MAIN-D-5'] },
      bearer: clerk,
    });
    const exchange = await api.call('POST', `/v1/orders/${sold.exchanged.id}/exchanges`, {
      body: { ticketIds: [sold.exchanged.tickets[0]!.id], holdId: hold.body.id },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(exchange.status, JSON.stringify(exchange.body)).toBe(201);
    sold.exchangedInto = exchange.body.to;
  });
  afterAll(async () => db?.close());

  it("puts the same net revenue on the dashboard as the sales report's net by day and the orders' sum", async () => {
    // Money in the drawer: 10,000 + 8,000 + 5,000 + 5,000 taken, 5,000 + 8,000 given back; the exchange is even.
    const expected = 15_000;
    const orders = await db.query<{ net: number }>(
      `SELECT sum(total_amount - refunded_amount - credit_out_amount)::int AS net FROM orders WHERE venue_id = $1`,
      [world.venueId],
    );
    expect(orders.rows[0]!.net).toBe(expected);

    const byDay = await api.call(
      'GET',
      `/v1/admin/reports/sales?venueId=${world.venueId}&from=2030-01-10&to=2030-01-10&groupBy=day`,
      { bearer: manager },
    );
    expect(byDay.status, JSON.stringify(byDay.body)).toBe(200);
    expect(byDay.body.rows).toEqual([
      {
        key: '2030-01-10',
        label: '2030-01-10',
        orders: 5,
        tickets: 6,
        // The partial refund's ticket, and the cancelled order's (its money went back).
        refundedTickets: 2,
        // The exchanged ticket.
        voidTickets: 1,
        gross: eur(33_000),
        refunded: eur(13_000),
        voided: eur(5000),
        net: eur(expected),
      },
    ]);

    const dashboard = await api.call('GET', '/v1/admin/reports/dashboard', { bearer: manager });
    expect(dashboard.status, JSON.stringify(dashboard.body)).toBe(200);
    expect(dashboard.body.today.revenue).toEqual([eur(expected)]);
    expect(dashboard.body.season.revenue).toEqual([eur(expected)]);
    expect(dashboard.body.events).toEqual([expect.objectContaining({ revenue: [eur(expected)], sold: 3 })]);
    // The same figure for the venue alone.
    const venue = await api.call('GET', `/v1/admin/reports/dashboard?venueId=${world.venueId}`, { bearer: manager });
    expect(venue.body.today.revenue).toEqual([eur(expected)]);
  });

  it('counts an exchanged ticket as void, not refunded, by tier', async () => {
    const byTier = await api.call(
      'GET',
      `/v1/admin/reports/sales?venueId=${world.venueId}&from=2030-01-10&to=2030-01-10&groupBy=tier`,
      { bearer: manager },
    );
    expect(byTier.status, JSON.stringify(byTier.body)).toBe(200);
    const [front, standard] = byTier.body.rows;
    // Cancelled with its money given back: a refund.
    expect(front).toMatchObject({
      label: 'Test Event: Front',
      tickets: 1,
      refundedTickets: 1,
      voidTickets: 0,
      gross: eur(8000),
      refunded: eur(8000),
      voided: eur(0),
      net: eur(0),
    });
    // Partial (2), kept (1), exchanged (1) and the seat it was exchanged for (1): one refunded, one void.
    expect(standard).toMatchObject({
      label: 'Test Event: Standard',
      tickets: 5,
      refundedTickets: 1,
      voidTickets: 1,
      gross: eur(25_000),
      refunded: eur(5000),
      voided: eur(5000),
      net: eur(15_000),
    });
  });

  it('gives the same net by tier, by channel and by seller as by day', async () => {
    const netBy = async (groupBy: string) => {
      const report = await api.call(
        'GET',
        `/v1/admin/reports/sales?venueId=${world.venueId}&from=2030-01-10&to=2030-01-10&groupBy=${groupBy}`,
        { bearer: manager },
      );
      expect(report.status, JSON.stringify(report.body)).toBe(200);
      return report.body.rows.reduce((sum: number, row: { net: { amount: number } }) => sum + row.net.amount, 0);
    };
    const day = await netBy('day');
    expect({ tier: await netBy('tier'), channel: await netBy('channel'), seller: await netBy('seller') }).toEqual({
      tier: day,
      channel: day,
      seller: day,
    });
  });
});
