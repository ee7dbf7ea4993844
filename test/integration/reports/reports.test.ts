// The back office's dashboard and reports over a small made-up season (season.ts), on PGlite and real Postgres: exact
// figures, days of the venue's calendar (a sale at 00:30 Berlin is the next day there), a venue manager of A sees
// nothing of B, roles without reports:read are refused, and bad input is problem+json naming its field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitTicket } from '../../../cloud/db/tickets.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildSeason, type Season } from './season.ts';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe.each(dbKinds())('reports on %s', (kind) => {
  let db: Db;
  let season: Season;
  const get = (path: string, bearer?: string) => season.api.call('GET', path, bearer ? { bearer } : {});
  const sales = (groupBy: string, bearer = season.tokens.managerA, extra = '') =>
    get(
      `/v1/admin/reports/sales?venueId=${season.world.venueId}&from=2030-01-09&to=2030-01-10&groupBy=${groupBy}${extra}`,
      bearer,
    );

  beforeAll(async () => {
    db = await freshDb(kind);
    season = await buildSeason(db);
  });
  afterAll(async () => db?.close());

  it('sums sales by day of the venue, by channel, by tier and by seller', async () => {
    const byDay = await sales('day');
    expect(byDay.status, JSON.stringify(byDay.body)).toBe(200);
    expect(byDay.body.timezone).toBe('Europe/Berlin');
    expect(byDay.body.rows).toEqual([
      {
        key: '2030-01-09',
        label: '2030-01-09',
        orders: 2,
        tickets: 3,
        refundedTickets: 1,
        voidTickets: 0,
        gross: eur(21_000),
        refunded: eur(5000),
        voided: eur(0),
        net: eur(16_000),
      },
      {
        key: '2030-01-10',
        label: '2030-01-10',
        orders: 2,
        tickets: 3,
        refundedTickets: 0,
        voidTickets: 0,
        gross: eur(18_000),
        refunded: eur(0),
        voided: eur(0),
        net: eur(18_000),
      },
    ]);
    const byChannel = await sales('channel');
    expect(byChannel.body.rows).toEqual([
      {
        key: 'boxoffice',
        label: 'Box office',
        orders: 2,
        tickets: 2,
        refundedTickets: 1,
        voidTickets: 0,
        gross: eur(13_000),
        refunded: eur(5000),
        voided: eur(0),
        net: eur(8000),
      },
      {
        key: 'web',
        label: 'Web shop',
        orders: 2,
        tickets: 4,
        refundedTickets: 0,
        voidTickets: 0,
        gross: eur(26_000),
        refunded: eur(0),
        voided: eur(0),
        net: eur(26_000),
      },
    ]);
    const byTier = await sales('tier');
    expect(byTier.body.rows.map((row: { label: string }) => row.label)).toEqual([
      'Test Event: Front',
      'Test Event: Standard',
    ]);
    expect(byTier.body.rows[0]).toMatchObject({
      orders: 2,
      tickets: 3,
      gross: eur(24_000),
      refunded: eur(0),
      voidTickets: 0,
    });
    expect(byTier.body.rows[1]).toMatchObject({
      orders: 2,
      tickets: 3,
      refundedTickets: 1,
      voidTickets: 0,
      gross: eur(15_000),
      refunded: eur(5000),
      voided: eur(0),
      net: eur(10_000),
    });
    const bySeller = await sales('seller');
    expect(bySeller.body.rows).toEqual([
      {
        key: 'clerk-anna',
        label: 'clerk-anna',
        orders: 2,
        tickets: 2,
        refundedTickets: 1,
        voidTickets: 0,
        gross: eur(13_000),
        refunded: eur(5000),
        voided: eur(0),
        net: eur(8000),
      },
      {
        key: 'web',
        label: 'Web shop',
        orders: 2,
        tickets: 4,
        refundedTickets: 0,
        voidTickets: 0,
        gross: eur(26_000),
        refunded: eur(0),
        voided: eur(0),
        net: eur(26_000),
      },
    ]);
    // One day only: the 00:30 sale belongs to the 10th in Berlin.
    const tenth = await get(
      `/v1/admin/reports/sales?venueId=${season.world.venueId}&from=2030-01-10&to=2030-01-10&groupBy=channel`,
      season.tokens.owner,
    );
    expect(tenth.body.rows.map((row: { key: string; orders: number }) => [row.key, row.orders])).toEqual([
      ['boxoffice', 1],
      ['web', 1],
    ]);
  });

  it('shows the dashboard: today, the season, sell-through, sales per hour and day, failed jobs', async () => {
    const dashboard = await get('/v1/admin/reports/dashboard', season.tokens.managerA);
    expect(dashboard.status, JSON.stringify(dashboard.body)).toBe(200);
    expect(dashboard.headers.get('cache-control')).toBe('no-store');
    expect(dashboard.body.today).toEqual({ orders: 2, tickets: 3, revenue: [eur(18_000)] });
    // Net of the cash order's refund (5,000), as the sales report's net: 16,000 + 18,000.
    expect(dashboard.body.season).toEqual({ orders: 4, tickets: 6, revenue: [eur(34_000)] });
    // 50 seats and 20 standing places; 6 sold, 1 given back.
    expect(dashboard.body.events).toEqual([
      expect.objectContaining({ name: 'Test Event', sold: 5, capacity: 70, revenue: [eur(34_000)] }),
    ]);
    expect(dashboard.body.salesToday).toEqual([
      { hour: 0, channel: 'web', orders: 1, tickets: 2 },
      { hour: 10, channel: 'boxoffice', orders: 1, tickets: 1 },
    ]);
    expect(dashboard.body.salesSeason).toEqual([
      { day: '2030-01-09', channel: 'boxoffice', orders: 1, tickets: 1 },
      { day: '2030-01-09', channel: 'web', orders: 1, tickets: 2 },
      { day: '2030-01-10', channel: 'boxoffice', orders: 1, tickets: 1 },
      { day: '2030-01-10', channel: 'web', orders: 1, tickets: 2 },
    ]);
    expect(dashboard.body.failedJobs).toBe(0);

    const owner = await get('/v1/admin/reports/dashboard', season.tokens.owner);
    expect(owner.body.season).toEqual({ orders: 5, tickets: 7, revenue: [eur(37_000)] });
    expect(owner.body.events.map((event: { name: string }) => event.name).sort()).toEqual([
      'Lisbon Night',
      'Test Event',
    ]);
  });

  it('counts failed jobs of the venues in scope', async () => {
    await db.query(
      `INSERT INTO outbox (id, topic, aggregate_id, payload, state, attempts, run_after, last_error, created_at)
       VALUES (gen_random_uuid(), 'ticket_email', $1, '{}', 'dead', 5, now(), 'mailbox full', now())`,
      [season.orders.ga],
    );
    expect((await get('/v1/admin/reports/dashboard', season.tokens.managerA)).body.failedJobs).toBe(1);
    expect((await get('/v1/admin/reports/dashboard', season.tokens.managerB)).body.failedJobs).toBe(0);
    expect((await get('/v1/admin/reports/dashboard', season.tokens.owner)).body.failedJobs).toBe(1);
  });

  it("reports an event's check-ins per gate and hour, and today's entries on the dashboard", async () => {
    const [first, second] = season.webFrontTickets;
    await admitTicket(db, first!, { when: new Date('2030-01-10T18:05:00Z'), gate: 'North', by: 'steward-sam' });
    await admitTicket(db, second!, { when: new Date('2030-01-10T19:10:00Z'), gate: 'South', by: 'steward-sam' });
    const report = await get(`/v1/admin/reports/events/${season.world.eventId}/check-ins`, season.tokens.managerA);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body).toMatchObject({
      expected: 5,
      admitted: 2,
      byGate: [
        { gate: 'North', admitted: 1 },
        { gate: 'South', admitted: 1 },
      ],
      byHour: [
        { hour: '2030-01-10T19:00', gate: 'North', admitted: 1 },
        { hour: '2030-01-10T20:00', gate: 'South', admitted: 1 },
      ],
    });
    // The event starts in a month: not on today's door list.
    expect((await get('/v1/admin/reports/dashboard', season.tokens.managerA)).body.entries).toEqual([]);
  });

  it('lists the shift report of every seller at the box office, per day', async () => {
    const shifts = await get(
      `/v1/admin/reports/shifts?venueId=${season.world.venueId}&from=2030-01-09&to=2030-01-10`,
      season.tokens.managerA,
    );
    expect(shifts.status, JSON.stringify(shifts.body)).toBe(200);
    expect(
      shifts.body.shifts.map((shift: { day: string; seller: string; lines: { method: string; net: unknown }[] }) => [
        shift.day,
        shift.seller,
        shift.lines.map((line) => [line.method, line.net]),
      ]),
    ).toEqual([
      ['2030-01-09', 'clerk-anna', [['cash', eur(5000)]]],
      [
        '2030-01-10',
        'clerk-anna',
        [
          ['card_terminal', eur(8000)],
          ['cash', { amount: -5000, currency: 'EUR' }],
        ],
      ],
    ]);
    expect(shifts.body.shifts[0].from).toBe('2030-01-08T23:00:00.000Z');
  });

  it('shows a venue manager of A nothing of B, and refuses roles without reports:read', async () => {
    const b = season.venueB;
    expect((await sales('day', season.tokens.managerB)).status).toBe(404);
    expect((await get(`/v1/admin/reports/events/${season.eventB}/check-ins`, season.tokens.managerA)).status).toBe(404);
    expect(
      (await get(`/v1/admin/reports/shifts?venueId=${b}&from=2030-01-09&to=2030-01-10`, season.tokens.managerA)).status,
    ).toBe(404);
    expect((await get(`/v1/admin/reports/dashboard?venueId=${b}`, season.tokens.managerA)).status).toBe(404);
    const managerB = await get('/v1/admin/reports/dashboard', season.tokens.managerB);
    expect(managerB.body.season).toEqual({ orders: 1, tickets: 1, revenue: [eur(3000)] });
    expect(managerB.body.events.map((event: { name: string }) => event.name)).toEqual(['Lisbon Night']);

    for (const token of [season.tokens.clerkA, season.tokens.steward, season.api.customerToken]) {
      const refused = await sales('day', token);
      expect(refused.status).toBe(403);
      expect(refused.body.type).toMatch(/forbidden$/);
    }
    expect((await get(`/v1/admin/reports/dashboard`)).status).toBe(401);
  });

  it('answers bad input with problem+json naming the field', async () => {
    const venue = season.world.venueId;
    const cases: [string, string][] = [
      [`/v1/admin/reports/sales?venueId=${venue}&from=2030-01-10&to=2030-01-09&groupBy=day`, 'to'],
      [`/v1/admin/reports/sales?venueId=${venue}&from=2030-02-30&to=2030-03-01&groupBy=day`, 'from'],
      [`/v1/admin/reports/sales?venueId=${venue}&from=2030-01-01&to=2030-01-09&groupBy=weekday`, 'groupBy'],
      [`/v1/admin/reports/sales?venueId=not-a-venue&from=2030-01-01&to=2030-01-09&groupBy=day`, 'venueId'],
      [`/v1/admin/reports/sales?venueId=${venue}&from=2029-01-01&to=2030-01-09&groupBy=day`, 'to'],
      [`/v1/admin/reports/shifts?venueId=${venue}&from=2030-01-01&to=2030-03-01`, 'to'],
      [`/v1/admin/reports/dashboard?seasonFrom=yesterday`, 'seasonFrom'],
    ];
    for (const [path, field] of cases) {
      const answer = await get(path, season.tokens.owner);
      expect(answer.status, path).toBe(400);
      expect(answer.headers.get('content-type'), path).toContain('application/problem+json');
      expect(answer.body.type, path).toMatch(/validation_failed$/);
      expect(answer.body.errors?.[0]?.field ?? answer.body.field, path).toBe(field);
    }
  });
});
