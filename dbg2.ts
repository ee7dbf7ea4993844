import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { startPostgresServer } from './test/support/postgres-server.ts';
import { createPostgresDb } from './cloud/db/postgres.ts';
import { migrate } from './cloud/db/migrate.ts';
import { createServices } from './cloud/services/index.ts';
import { generateStadium } from './cloud/domain/seatmap/generator.ts';
const server = await startPostgresServer();
const setup = createPostgresDb({ connectionString: server.url });
await migrate(setup);

const s = createServices({ db: setup, live: { publish: async () => {} } });
const venue = await s.admin.createVenue({ name: 'B', city: 'L', timezone: 'UTC' });
const stadium = generateStadium({ seatScale: 1.6 });
const map = await s.admin.importSeatMap(venue.id, stadium);
const mk = async () => { const { id } = await s.admin.createEvent({ name: 'x', description: '', seatmapId: map.id, currency: 'GBP', perOrderLimit: 8, holdTtlSeconds: 900, startsAt: new Date(Date.now() + 86400000).toISOString(), onSaleFrom: new Date(Date.now() - 60000).toISOString(), onSaleUntil: new Date(Date.now() + 3600000).toISOString(), tiers: [{ name: 'A', price: { amount: 1, currency: 'GBP' }, sectionIds: stadium.sections.map(x => x.id), seatIds: [] }] }); await s.admin.setEventStatus(id, 'on_sale'); return id; };
const seatIds = stadium.seats.map(x => x.id);
const variants: Record<string, string> = {
  ordered: `WITH wanted AS (SELECT w.seat_id, w.position FROM unnest($2::text[]) WITH ORDINALITY AS w(seat_id, position)),
   taken AS (UPDATE event_seats s SET status = 'held', hold_id = $4, hold_expires_at = $5, version = s.version + 1
     FROM wanted w WHERE s.event_id = $1 AND s.seat_id = w.seat_id AND (s.status = 'available' OR (s.status = 'held' AND s.hold_expires_at <= $3))
     AND EXISTS (SELECT 1 FROM events e WHERE e.id = $1 AND e.status = 'on_sale' AND e.on_sale_from <= $3 AND e.on_sale_until > $3)
     RETURNING s.seat_no, s.seat_id, s.version),
   hold AS (INSERT INTO holds (id, event_id, token_hash, owner_sub, seat_nos, total_amount, currency, expires_at, created_at) SELECT $4, $1, $6, $7, array_agg(seat_no ORDER BY seat_no), $8, $9, $5, $3 FROM taken HAVING count(*) = cardinality($2::text[]) RETURNING id)
   SELECT $1::uuid AS event_id, t.seat_id, 'held' AS status, t.version FROM taken t, hold ORDER BY t.seat_no`,
  full: `WITH on_sale AS (SELECT 1 FROM events WHERE id = $1 AND status = 'on_sale' AND on_sale_from <= $3 AND on_sale_until > $3),
   locked AS (SELECT seat_no, status, hold_expires_at FROM event_seats WHERE event_id = $1 AND seat_id = ANY($2::text[]) ORDER BY seat_no FOR UPDATE),
   verdict AS (SELECT count(*) = cardinality($2::text[]) AND bool_and(status = 'available' OR (status = 'held' AND hold_expires_at <= $3)) AND EXISTS (SELECT 1 FROM on_sale) AS ok FROM locked),
   taken AS (UPDATE event_seats s SET status = 'held', hold_id = $4, hold_expires_at = $5, version = s.version + 1 FROM locked l, verdict v WHERE v.ok AND s.event_id = $1 AND s.seat_no = l.seat_no RETURNING s.seat_no, s.seat_id, s.version),
   hold AS (INSERT INTO holds (id, event_id, token_hash, owner_sub, seat_nos, total_amount, currency, expires_at, created_at) SELECT $4, $1, $6, $7, array_agg(seat_no ORDER BY seat_no), $8, $9, $5, $3 FROM taken HAVING count(*) > 0 RETURNING id)
   SELECT $1::uuid AS event_id, t.seat_id, 'held' AS status, t.version FROM taken t, hold ORDER BY t.seat_no`,
  bare: `UPDATE event_seats SET status = 'held', hold_id = $4, hold_expires_at = $5, version = version + 1 WHERE event_id = $1 AND seat_id = ANY($2::text[]) AND (status = 'available' OR (status = 'held' AND hold_expires_at <= $3)) AND $6::text IS NOT NULL AND $7::text IS NULL AND $8::int > 0 AND $9::text IS NOT NULL`,
  ctidNoFk: `WITH on_sale AS (SELECT 1 FROM events WHERE id = $1 AND status = 'on_sale' AND on_sale_from <= $3 AND on_sale_until > $3),
   locked AS (SELECT ctid AS row_id, seat_no, status, hold_expires_at FROM event_seats WHERE event_id = $1 AND seat_id = ANY($2::text[]) ORDER BY seat_no FOR UPDATE),
   verdict AS (SELECT count(*) = cardinality($2::text[]) AND bool_and(status = 'available' OR (status = 'held' AND hold_expires_at <= $3)) AND EXISTS (SELECT 1 FROM on_sale) AS ok FROM locked),
   taken AS (UPDATE event_seats s SET status = 'held', hold_id = $4, hold_expires_at = $5, version = s.version + 1 FROM locked l, verdict v WHERE v.ok AND s.ctid = l.row_id RETURNING s.seat_no, s.seat_id, s.version),
   hold AS (INSERT INTO holds (id, event_id, token_hash, owner_sub, seat_nos, total_amount, currency, expires_at, created_at) SELECT $4, $1, $6, $7, array_agg(seat_no ORDER BY seat_no), $8, $9, $5, $3 FROM taken HAVING count(*) > 0 RETURNING id)
   SELECT $1::uuid AS event_id, t.seat_id, 'held' AS status, t.version FROM taken t, hold ORDER BY t.seat_no`,
};
for (const fk of [true, false]) { if (!fk) await setup.query('ALTER TABLE holds DROP CONSTRAINT holds_event_id_fkey');
for (const [name, text] of Object.entries(variants)) {
  const ev = await mk();
  const sql = new pg.Pool({ connectionString: server.url, max: 16 }); sql.on('error', () => {});
  let k = 0, n = 0; const end = Date.now() + 3000;
  await Promise.all(Array.from({ length: 64 }, async () => { while (Date.now() < end) { const now = new Date(); await sql.query({ name, text, values: [ev, [seatIds[k++]!], now.toISOString(), randomUUID(), new Date(now.getTime() + 600000).toISOString(), 'x', null, 1, 'GBP'] }); n++; } }));
  console.log(`fk=${fk} ${name}: ${n / 3}/s`);
  await sql.end();
}}
await setup.close(); await server.stop();
