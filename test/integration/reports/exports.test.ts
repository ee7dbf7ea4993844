// Exports on PGlite and real Postgres: a few thousand tickets read back from CSV (papaparse) and XLSX (exceljs) with
// every row once (the keyset pages meet paid_at ties down to the microsecond), the row count sent first, money as
// decimals beside the currency, times in the venue's zone with its offset, attendees without given-back tickets, a
// venue's range in its own days, and each export in the audit log.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import { openExport } from '../../../cloud/services/reports/exports.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

const ORDERS = 2500;

/** Paid orders of two standing places each, straight into the tables: many share a second, none a microsecond. */
async function seedOrders(db: Db, world: World): Promise<void> {
  const tier = await db.query<{ id: string }>('SELECT id FROM price_tiers WHERE event_id = $1', [world.eventId]);
  const params = [world.eventId, world.venueId, tier.rows[0]!.id, ORDERS];
  await db.query(
    `INSERT INTO holds (id, event_id, token_hash, state, ga_section_id, ga_quantity, total_amount, currency, expires_at)
     SELECT md5('h' || i)::uuid, $1, 'x', 'converted', 'PIT', 2, 10000, 'EUR', '2030-01-05T10:00:00Z'
     FROM generate_series(1, $4::int) i WHERE $2::uuid IS NOT NULL AND $3::uuid IS NOT NULL`,
    params,
  );
  await db.query(
    `INSERT INTO orders (id, code, event_id, venue_id, hold_id, state, channel, buyer_email, buyer_name, delivery,
                         payment_method, total_amount, currency, access_token_hash, created_at, paid_at, updated_at)
     SELECT md5('o' || i)::uuid, 'BULK' || i, $1, $2, md5('h' || i)::uuid, 'paid', 'web', 'buyer' || i || '@example.com',
            CASE WHEN i = 1 THEN 'Doe, "Jo"' WHEN i = 2 THEN '=HYPERLINK("http://evil.example")' ELSE 'Buyer ' || i END, '{"method":"email"}', 'sandbox', 10000, 'EUR',
            'x', '2030-01-05T10:00:00Z',
            '2030-01-05T10:00:00Z'::timestamptz + (i / 7) * interval '1 second' + (i % 7) * interval '1 microsecond',
            '2030-01-05T10:00:00Z'
     FROM generate_series(1, $4::int) i WHERE $3::uuid IS NOT NULL`,
    params,
  );
  // Every tenth order was given back: its tickets are not attendees any more.
  await db.query(
    `INSERT INTO tickets (id, order_id, event_id, ga_section_id, tier_id, price_amount, currency, status, code, issued_at)
     SELECT md5('t' || i || '-' || k)::uuid, md5('o' || i)::uuid, $1, 'PIT', $3, 5000, 'EUR',
            CASE WHEN i % 10 = 0 THEN 'refunded' ELSE 'valid' END, 'T' || i || '-' || k, '2030-01-05T10:00:00Z'
     FROM generate_series(1, $4::int) i, generate_series(1, 2) k WHERE $2::uuid IS NOT NULL`,
    params,
  );
  // One seat bought at 00:30 in Berlin on the 6th (23:30 UTC on the 5th).
  await db.query(
    `INSERT INTO holds (id, event_id, token_hash, state, total_amount, currency, expires_at)
     VALUES (md5('h-seat')::uuid, $1, 'x', 'converted', 5000, 'EUR', '2030-01-05T23:30:00Z')`,
    [world.eventId],
  );
  await db.query(
    `INSERT INTO orders (id, code, event_id, venue_id, hold_id, state, channel, buyer_email, buyer_name, delivery,
                         payment_method, total_amount, currency, access_token_hash, created_at, paid_at, updated_at)
     VALUES (md5('o-seat')::uuid, 'SEAT1', $1, $2, md5('h-seat')::uuid, 'paid', 'web', 'seat@example.com', 'Seat Holder',
             '{"method":"email"}', 'sandbox', 5000, 'EUR', 'x', '2030-01-05T23:30:00Z', '2030-01-05T23:30:00Z',
             '2030-01-05T23:30:00Z')`,
    [world.eventId, world.venueId],
  );
  await db.query(
    `INSERT INTO tickets (id, order_id, event_id, seat_no, seat_id, tier_id, price_amount, currency, code, issued_at)
     SELECT md5('t-seat')::uuid, md5('o-seat')::uuid, $1, s.seat_no, s.seat_id, s.tier_id, 5000, 'EUR', 'TSEAT',
            '2030-01-05T23:30:00Z'
     FROM event_seats s WHERE s.event_id = $1 AND s.seat_id = 'MAIN-B-4'`,
    [world.eventId],
  );
}

describe.each(dbKinds())('exports on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;

  const download = async (path: string, bearer = manager) => {
    const response = await api.app.request(path, { headers: { authorization: `Bearer ${bearer}` } });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const csvRows = (bytes: Buffer) =>
    Papa.parse<Record<string, string>>(bytes.toString('utf8'), { header: true, skipEmptyLines: true });

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db, { map: smallHall(5, 10, 6000) });
    api = await testApi(world.services);
    manager = await api.issuer.issue({ sub: 'manager-m', groups: ['venue_manager'], venueId: world.venueId });
    await seedOrders(db, world);
  });
  afterAll(async () => db?.close());

  it('streams every ticket of the event once as CSV, with the count first, money and times as people read them', async () => {
    const { response, bytes } = await download(`/v1/admin/exports/tickets?format=csv&eventId=${world.eventId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="tickets-test-event.csv"');
    expect(response.headers.get('x-row-count')).toBe(String(ORDERS * 2 + 1));
    const parsed = csvRows(bytes);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(ORDERS * 2 + 1);
    expect(new Set(parsed.data.map((row) => row.Ticket)).size).toBe(ORDERS * 2 + 1);
    // In the order they were paid: the first order's two tickets first, the 00:30 seat last.
    expect(parsed.data.slice(0, 2).map((row) => row.Order)).toEqual(['BULK1', 'BULK1']);
    expect(parsed.data[0]).toMatchObject({
      Section: 'Pit',
      Tier: 'Standard',
      Price: '50.00',
      Currency: 'EUR',
      Status: 'valid',
      'Issued at': '2030-01-05T11:00:00+01:00',
      'Buyer email': 'buyer1@example.com',
    });
    expect(parsed.data.at(-1)).toMatchObject({ Order: 'SEAT1', Section: 'Main', Row: 'B', Seat: '4' });
    expect(parsed.data.filter((row) => row.Status === 'refunded')).toHaveLength((ORDERS / 10) * 2);
  });

  it('writes the attendees as XLSX a spreadsheet opens, without tickets given back', async () => {
    const { response, bytes } = await download(`/v1/admin/exports/attendees?format=xlsx&eventId=${world.eventId}`);
    expect(response.status).toBe(200);
    const expected = ORDERS * 2 - (ORDERS / 10) * 2 + 1;
    expect(response.headers.get('x-row-count')).toBe(String(expected));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('attendees')!;
    expect(sheet.rowCount).toBe(expected + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS.attendees]);
    expect(sheet.getRow(2).getCell(1).value).toBe('Doe, "Jo"');
    expect(sheet.getRow(2).getCell(6).value).toBe('2030-02-09T13:00:00+01:00');
    const orders = new Set<string>();
    sheet.eachRow((row, index) => {
      if (index > 1) orders.add(String(row.getCell(4).value));
    });
    expect(orders.has('BULK10')).toBe(false);
    expect(orders.size).toBe(ORDERS - ORDERS / 10 + 1);
  });

  it("exports a venue's orders paid on its own days, amounts as numbers in XLSX", async () => {
    const fifth = await download(
      `/v1/admin/exports/orders?format=csv&venueId=${world.venueId}&from=2030-01-05&to=2030-01-05`,
    );
    expect(fifth.response.headers.get('x-row-count')).toBe(String(ORDERS));
    const rows = csvRows(fifth.bytes).data;
    expect(rows).toHaveLength(ORDERS);
    expect(rows[0]).toMatchObject({
      Order: 'BULK1',
      Buyer: 'Doe, "Jo"',
      Tickets: '2',
      Total: '100.00',
      Currency: 'EUR',
    });
    const both = await download(
      `/v1/admin/exports/orders?format=xlsx&venueId=${world.venueId}&from=2030-01-05&to=2030-01-06`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(both.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('orders')!;
    expect(sheet.rowCount).toBe(ORDERS + 2);
    const last = sheet.getRow(ORDERS + 2);
    expect(last.getCell(1).value).toBe('SEAT1');
    expect(last.getCell(4).value).toBe('2030-01-06T00:30:00+01:00');
    expect(last.getCell(13).value).toBe(50);
  });

  it('sends its first rows before it has read the last page of orders', async () => {
    let pages = 0;
    const counting = new Proxy(db, {
      get(target, name) {
        if (name === 'query') {
          return (sql: string, params?: readonly unknown[]) => {
            if (sql.includes('ORDER BY o.paid_at, o.id')) pages++;
            return target.query(sql, params);
          };
        }
        const value: unknown = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const principal = { sub: 'manager-m', groups: ['venue_manager'], venueId: world.venueId };
    const file = await openExport(
      counting,
      principal,
      'tickets',
      { format: 'csv', eventId: world.eventId },
      new Date(),
    );
    const chunks = file.body[Symbol.asyncIterator]();
    const first = await chunks.next();
    expect(String(first.value)).toContain('Ticket,Order,Event');
    // 2,501 orders are 6 pages of 500: the file began with the first of them.
    expect(pages).toBeLessThanOrEqual(2);
    let rest = 0;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest += String(next.value).length;
    expect(rest).toBeGreaterThan(0);
    expect(pages).toBe(6);
  });

  it('records who exported what in the audit log', async () => {
    const entries = await searchAuditEntries(db, { objectType: 'event', objectId: world.eventId, limit: 10 });
    expect(entries.map((entry) => [entry.action, entry.actor_sub, entry.summary])).toContainEqual([
      'report.export',
      'manager-m',
      `Exported ${ORDERS * 2 + 1} tickets of Test Event as CSV`,
    ]);
    // Both venue exports were made at the same instant of the test's clock: either may be listed first.
    const venue = await searchAuditEntries(db, { objectType: 'venue', objectId: world.venueId, limit: 10 });
    expect(venue).toContainEqual(
      expect.objectContaining({
        action: 'report.export',
        venue_id: world.venueId,
        after: { dataset: 'orders', format: 'xlsx', rows: ORDERS + 1, from: '2030-01-05', to: '2030-01-06' },
      }),
    );
  });

  it("refuses another venue's manager and roles without reports:read", async () => {
    const other = await world.services.admin.createVenue({ name: 'Other', city: 'Oslo', timezone: 'Europe/Oslo' });
    const outsider = await api.issuer.issue({ sub: 'manager-o', groups: ['venue_manager'], venueId: other.id });
    const clerk = await api.issuer.issue({ sub: 'clerk-c', groups: ['clerk'], venueId: world.venueId });
    const path = `/v1/admin/exports/orders?format=csv&eventId=${world.eventId}`;
    expect((await download(path, outsider)).response.status).toBe(404);
    expect((await download(path, clerk)).response.status).toBe(403);
    expect(
      (
        await download(
          `/v1/admin/exports/orders?format=csv&venueId=${world.venueId}&from=2030-01-05&to=2030-01-05`,
          outsider,
        )
      ).response.status,
    ).toBe(404);
  });
});

const HEADERS = {
  attendees: [
    'Name',
    'Email',
    'Phone',
    'Order',
    'Event',
    'Event starts',
    'Section',
    'Row',
    'Seat',
    'Tier',
    'Ticket type',
    'Checked in at',
    'Gate',
  ],
};
