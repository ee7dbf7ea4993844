// Export jobs on real Postgres (else PGlite): an export is asked for (202, queued), its job writes a few thousand rows
// to the export store with its progress rising (rows of the count made first), and its maker downloads the file by the
// signed link it then offers; the file read back from CSV (papaparse) and XLSX (exceljs) has every row once (the keyset
// pages meet paid_at ties down to the microsecond), money as decimals beside the currency, times in the venue's zone
// with its offset, attendees without given-back tickets, a venue's range in its own days. Each export is in the audit
// log; only its maker or an admin reads it; a changed or late link is refused; files go after a day.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import { OUTBOX_TOPICS } from '../../../cloud/services/jobs/outbox-topics.ts';
import type { ExportJob } from '../../../cloud/contract/index.ts';
import type { ExportStore } from '../../../cloud/services/ports.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
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

describe.each(productionDbKinds())('export jobs on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;

  const ask = async (request: Record<string, unknown>, bearer = manager) =>
    api.call('POST', '/v1/admin/exports', { bearer, body: request });
  const status = async (id: string, bearer = manager) => api.call<ExportJob>('GET', `/v1/exports/${id}`, { bearer });

  /** Runs the export jobs due while polling the export as its maker would; every state seen, in order. */
  const runWatching = async (id: string): Promise<ExportJob[]> => {
    let finished = false;
    const running = world.services.outbox
      .runDue(5, { only: [OUTBOX_TOPICS.exportFile] })
      .finally(() => (finished = true));
    const seen: ExportJob[] = [];
    while (!finished) {
      seen.push((await status(id)).body);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await running;
    seen.push((await status(id)).body);
    return seen;
  };

  /** Asks for an export, runs it, and downloads the file by its link (no bearer). */
  const exportFile = async (request: Record<string, unknown>) => {
    const asked = await ask(request);
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    const seen = await runWatching(asked.body.id);
    const done = seen.at(-1)!;
    expect(done.status, done.error ?? '').toBe('done');
    const response = await api.app.request(done.download!.url);
    return { asked: asked.body as ExportJob, seen, done, response, bytes: Buffer.from(await response.arrayBuffer()) };
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

  it('goes queued → running → done with its progress rising, and its CSV has every ticket once, as people read them', async () => {
    const { asked, seen, done, response, bytes } = await exportFile({
      dataset: 'tickets',
      format: 'csv',
      eventId: world.eventId,
    });
    expect(asked).toMatchObject({ status: 'queued', rowsWritten: 0, rowsTotal: null, download: null });
    const total = ORDERS * 2 + 1;
    const running = seen.filter((job) => job.status === 'running');
    expect(running.length).toBeGreaterThan(0);
    expect(running.every((job) => job.rowsTotal === total)).toBe(true);
    // Progress is told every 2,000 rows: the maker saw it rise, never fall, before the end.
    const written = running.map((job) => job.rowsWritten);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(new Set(written.filter((rows) => rows > 0 && rows < total)).size).toBeGreaterThanOrEqual(2);
    expect(done).toMatchObject({ rowsWritten: total, rowsTotal: total, bytes: bytes.length, error: null });
    expect(done.download!.url).toMatch(/^\/v1\/exports\/[0-9a-f-]{36}\/file\?expires=\d+&signature=/);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="tickets-test-event.csv"');
    const parsed = csvRows(bytes);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(total);
    expect(new Set(parsed.data.map((row) => row.Ticket)).size).toBe(total);
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
    const { done, response, bytes } = await exportFile({
      dataset: 'attendees',
      format: 'xlsx',
      eventId: world.eventId,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="attendees-test-event.xlsx"');
    const expected = ORDERS * 2 - (ORDERS / 10) * 2 + 1;
    expect(done.rowsTotal).toBe(expected);
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
    const fifth = await exportFile({
      dataset: 'orders',
      format: 'csv',
      venueId: world.venueId,
      from: '2030-01-05',
      to: '2030-01-05',
    });
    expect(fifth.done.rowsTotal).toBe(ORDERS);
    const rows = csvRows(fifth.bytes).data;
    expect(rows).toHaveLength(ORDERS);
    expect(rows[0]).toMatchObject({
      Order: 'BULK1',
      Buyer: 'Doe, "Jo"',
      Tickets: '2',
      Total: '100.00',
      Currency: 'EUR',
    });
    expect(rows[1]!.Buyer).toBe(`'=HYPERLINK("http://evil.example")`);
    const both = await exportFile({
      dataset: 'orders',
      format: 'xlsx',
      venueId: world.venueId,
      from: '2030-01-05',
      to: '2030-01-06',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(both.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('orders')!;
    expect(sheet.rowCount).toBe(ORDERS + 2);
    const last = sheet.getRow(ORDERS + 2);
    expect(last.getCell(1).value).toBe('SEAT1');
    expect(last.getCell(4).value).toBe('2030-01-06T00:30:00+01:00');
    expect(last.getCell(13).value).toBe(50);
  });

  it('records who asked for which export in the audit log, and lists one’s own exports', async () => {
    const entries = await searchAuditEntries(db, { objectType: 'event', objectId: world.eventId, limit: 10 });
    expect(entries.map((entry) => [entry.action, entry.actor_sub, entry.summary])).toContainEqual([
      'export.create',
      'manager-m',
      'Exported tickets of Test Event as CSV',
    ]);
    const venue = await searchAuditEntries(db, { objectType: 'venue', objectId: world.venueId, limit: 10 });
    expect(venue).toContainEqual(
      expect.objectContaining({
        action: 'export.create',
        venue_id: world.venueId,
        after: expect.objectContaining({ dataset: 'orders', format: 'xlsx', from: '2030-01-05', to: '2030-01-06' }),
      }),
    );
    const mine = await api.call('GET', '/v1/exports', { bearer: manager });
    expect(mine.status).toBe(200);
    expect(mine.body.exports).toHaveLength(4);
    expect(mine.body.exports.every((job: ExportJob) => job.status === 'done')).toBe(true);
    const others = await api.call('GET', '/v1/exports', { bearer: api.adminToken });
    expect(others.body.exports).toEqual([]);
  });

  it("refuses another venue's manager and roles without reports:read; an export is its maker's and the owner's", async () => {
    const other = await world.services.admin.createVenue({ name: 'Other', city: 'Oslo', timezone: 'Europe/Oslo' });
    const outsider = await api.issuer.issue({ sub: 'manager-o', groups: ['venue_manager'], venueId: other.id });
    const colleague = await api.issuer.issue({ sub: 'manager-2', groups: ['venue_manager'], venueId: world.venueId });
    const clerk = await api.issuer.issue({ sub: 'clerk-c', groups: ['clerk'], venueId: world.venueId });
    const request = { dataset: 'orders', format: 'csv', eventId: world.eventId };
    expect((await ask(request, outsider)).status).toBe(404);
    expect((await ask(request, clerk)).status).toBe(403);
    expect((await api.call('POST', '/v1/admin/exports', { body: request })).status).toBe(401);
    const range = { dataset: 'orders', format: 'csv', venueId: world.venueId, from: '2030-01-05', to: '2030-01-05' };
    expect((await ask(range, outsider)).status).toBe(404);
    const refused = await ask({ dataset: 'orders', format: 'csv', venueId: world.venueId });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      type: expect.stringContaining('validation_failed'),
      errors: [{ field: 'from' }],
    });

    const mine = (await ask(request)).body as ExportJob;
    expect((await status(mine.id)).status).toBe(200);
    expect((await status(mine.id, api.adminToken)).status).toBe(200);
    for (const stranger of [colleague, outsider]) {
      const response = await status(mine.id, stranger);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await status(mine.id, clerk)).status).toBe(403);
  });

  it('answers a request it cannot export with problem+json naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ dataset: 'orders', format: 'pdf', eventId: world.eventId }, 'format'],
      [{ dataset: 'orders', format: 'csv', venueId: world.venueId, from: '2030-01-01' }, 'to'],
      [{ dataset: 'orders', format: 'csv' }, 'eventId'],
      [{ dataset: 'receipts', format: 'csv', eventId: world.eventId }, 'dataset'],
      [{ dataset: 'orders', format: 'csv', venueId: world.venueId, from: '2029-01-01', to: '2030-01-09' }, 'to'],
    ];
    for (const [request, field] of cases) {
      const answer = await ask(request, api.adminToken);
      expect(answer.status, JSON.stringify(request)).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.type).toMatch(/validation_failed$/);
      expect(answer.body.errors?.[0]?.field ?? answer.body.field, JSON.stringify(request)).toBe(field);
    }
  });

  it('refuses a download link changed by a character or followed after its ten minutes, as problem+json', async () => {
    const { done } = await exportFile({ dataset: 'orders', format: 'csv', eventId: world.eventId });
    const url = new URL(done.download!.url, 'http://api.test');
    const signature = url.searchParams.get('signature')!;
    const flipped = new URL(url);
    flipped.searchParams.set('signature', (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1));
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const otherExport = new URL(url);
    otherExport.pathname = `/v1/exports/${crypto.randomUUID()}/file`;
    for (const tampered of [flipped, later, otherExport]) {
      const response = await api.app.request(tampered.pathname + tampered.search);
      expect(response.status, tampered.href).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const unsigned = await api.app.request(url.pathname);
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ field: 'expires' })]),
    });

    world.clock.advance(10 * 60 * 1000 + 1000);
    const expired = await api.app.request(url.pathname + url.search);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ type: expect.stringContaining('download_link_expired') });
    // Opening the export again gives a fresh link that works.
    const again = (await status(done.id)).body;
    expect(again.download!.url).not.toBe(done.download!.url);
    expect((await api.app.request(again.download!.url)).status).toBe(200);
  });

  it('expires after a day: no link, and housekeeping deletes the file', async () => {
    const { done } = await exportFile({ dataset: 'orders', format: 'csv', eventId: world.eventId });
    const link = done.download!.url;
    world.clock.advance(24 * 3600 * 1000 + 1000);
    const expired = (await status(done.id)).body;
    expect(expired).toMatchObject({ status: 'expired', download: null });
    expect(await world.services.exports.sweep()).toBeGreaterThanOrEqual(1);
    // The signed link itself is past its time too; the file is gone from the store.
    expect((await api.app.request(link)).status).toBe(410);
  });
});

describe('an export whose file cannot be written', () => {
  it('ends failed with a message for the maker, who can ask again; the cause goes to the log only', async () => {
    const db = await freshDb('pglite');
    const broken: ExportStore = {
      write: async (_key, body) => {
        body.resume();
        throw new Error('The bucket refused the upload (AccessDenied)');
      },
      presignedUrl: async () => null,
      read: async () => null,
      deleteOlderThan: async () => 0,
    };
    try {
      const logged: unknown[] = [];
      const world = await buildWorld(db, { exportStore: broken, exportLog: (_message, error) => logged.push(error) });
      const api = await testApi(world.services);
      const asked = await api.call('POST', '/v1/admin/exports', {
        bearer: api.adminToken,
        body: { dataset: 'tickets', format: 'xlsx', eventId: world.eventId },
      });
      expect(asked.status).toBe(202);
      expect(await world.services.outbox.runDue(5, { only: [OUTBOX_TOPICS.exportFile] })).toEqual({
        done: 1,
        failed: 0,
      });
      const failed = await api.call('GET', `/v1/exports/${asked.body.id}`, { bearer: api.adminToken });
      expect(failed.body).toMatchObject({
        status: 'failed',
        error: 'The export could not be written. Try again; if it fails again, tell the owner.',
        download: null,
      });
      expect(JSON.stringify(failed.body)).not.toContain('AccessDenied');
      expect(logged).toEqual([expect.objectContaining({ message: 'The bucket refused the upload (AccessDenied)' })]);
    } finally {
      await db.close();
    }
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
