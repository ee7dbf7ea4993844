import pg from 'pg';
import { startPostgresServer } from './test/support/postgres-server.ts';
import { createPostgresDb } from './cloud/db/postgres.ts';
import { migrate } from './cloud/db/migrate.ts';
const server = await startPostgresServer();
const setup = createPostgresDb({ connectionString: server.url });
await migrate(setup);
const c = new pg.Client({ connectionString: server.url }); await c.connect();
await c.query(`SET plan_cache_mode = force_generic_plan`);
await c.query(`PREPARE h(uuid, text[], timestamptz, uuid, timestamptz, text, text, int, text) AS WITH wanted AS (SELECT w.seat_id, w.position FROM unnest($2::text[]) WITH ORDINALITY AS w(seat_id, position)),
   taken AS (UPDATE event_seats s SET status = 'held', hold_id = $4, hold_expires_at = $5, version = s.version + 1
     FROM wanted w WHERE s.event_id = $1 AND s.seat_id = w.seat_id AND (s.status = 'available' OR (s.status = 'held' AND s.hold_expires_at <= $3))
     AND EXISTS (SELECT 1 FROM events e WHERE e.id = $1 AND e.status = 'on_sale' AND e.on_sale_from <= $3 AND e.on_sale_until > $3)
     RETURNING s.seat_no, s.seat_id, s.version),
   hold AS (INSERT INTO holds (id, event_id, token_hash, owner_sub, seat_nos, total_amount, currency, expires_at, created_at) SELECT $4, $1, $6, $7, array_agg(seat_no ORDER BY seat_no), $8, $9, $5, $3 FROM taken HAVING count(*) = cardinality($2::text[]) RETURNING id)
   SELECT $1::uuid AS event_id, t.seat_id, 'held' AS status, t.version FROM taken t, hold ORDER BY t.seat_no`);
const r = await c.query(`EXPLAIN EXECUTE h('00000000-0000-4000-8000-000000000000', ARRAY['a','b'], now(), '00000000-0000-4000-8000-000000000001', now(), 'x', null, 1, 'EUR')`);
console.log(r.rows.map(x => x['QUERY PLAN']).join('\n'));
await c.end(); await setup.close(); await server.stop();
