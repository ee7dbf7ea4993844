// npm run bench:holds — holds per second and p50/p99 latency through HTTP at concurrency 64, on distinct seats and
// on contended seats (one seat a hold; a hot-seat hold is released at once so the seats keep changing hands), beside a baseline measured in the same run: the bare conditional UPDATE issued directly with
// the Postgres driver at the same concurrency. Real Postgres, started here from the machine's binaries.
// Every phase first runs 3 s unmeasured (BENCH_WARMUP_MS), so the figures are the steady state of a warm server, not
// V8 compiling the freshly started one: with a 1 s warm-up the first API phase's p99 carried ~20 ms of JIT start-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { startPostgresServer, freePort } from '../support/postgres-server.ts';
import { benchVenue } from './bench-venue.ts';
import { generateStadium } from '../../cloud/domain/seatmap/generator.ts';
import { createOnSaleEvent } from '../support/world.ts';
import { phase, printResults, startApiServer, stopApiServer, type PhaseResult } from './harness.ts';

const CONCURRENCY = 64;
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 6000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 3000);
const PHASE = { concurrency: CONCURRENCY, phaseMs: PHASE_MS, warmupMs: WARMUP_MS };
const HOT_SEATS = 60;
const SERVER_POOL = Number(process.env.BENCH_SERVER_POOL ?? 8);

const server = await startPostgresServer();
const dbUrl = server.url;
const varDir = mkdtempSync(join(tmpdir(), 'ticketboss-bench-'));
let child: Awaited<ReturnType<typeof startApiServer>> | undefined;
try {
  // One stadium event per phase, so every phase starts from a full house.
  const { db, services, venue } = await benchVenue(dbUrl);
  const stadium = generateStadium({ seatScale: 1.6 });
  const map = await services.admin.importSeatMap(venue.id, stadium);
  const seatIds = stadium.seats.map((s) => s.id);
  const sections = stadium.sections.map((s) => s.id);
  const newEvent = (name: string) =>
    createOnSaleEvent(services, map.id, sections, { name, currency: 'GBP', holdTtlSeconds: 900 });
  const events = {
    sqlDistinct: await newEvent('sql distinct'),
    sqlHot: await newEvent('sql hot'),
    apiDistinct: await newEvent('api distinct'),
    apiHot: await newEvent('api hot'),
  };
  await db.close();

  const port = await freePort();
  child = await startApiServer({
    PORT: String(port),
    DATABASE_URL: dbUrl,
    VAR_DIR: varDir,
    DB_POOL_SIZE: String(SERVER_POOL),
  });

  // One seat a hold, so the bare UPDATE is all-or-nothing too. Distinct phases walk through the house (100,000
  // seats, more than a phase can take); hot phases pick among the first 60 seats.
  let distinctNext = 0;
  const nextPair = () => [seatIds[distinctNext++ % seatIds.length]!];
  const hotPair = () => [seatIds[Math.floor(Math.random() * HOT_SEATS)]!];

  // Baseline: the bare conditional UPDATE, straight through pg, same concurrency.
  const sql = new pg.Pool({ connectionString: dbUrl, max: CONCURRENCY, idleTimeoutMillis: 0 });
  const bareHold = async (eventId: string, pair: string[]) => {
    const result = await sql.query(
      `UPDATE event_seats SET status = 'held', hold_id = $3, hold_expires_at = now() + interval '15 minutes', version = version + 1
       WHERE event_id = $1 AND seat_id = ANY($2::text[]) AND (status = 'available' OR (status = 'held' AND hold_expires_at <= now()))`,
      [eventId, pair, randomUUID()],
    );
    return result.rowCount === pair.length;
  };
  const bareRelease = (eventId: string, pair: string[]) =>
    sql.query(
      `UPDATE event_seats SET status = 'available', hold_id = NULL, hold_expires_at = NULL, version = version + 1 WHERE event_id = $1 AND seat_id = ANY($2::text[])`,
      [eventId, pair],
    );

  const http = new HttpPool(`http://127.0.0.1:${port}`, { connections: CONCURRENCY, pipelining: 1 });
  const apiHold = async (eventId: string, pair: string[]) => {
    const response = await http.request({
      method: 'POST',
      path: `/v1/events/${eventId}/holds`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seatIds: pair }),
    });
    const body = (await response.body.json()) as { id: string; token: string };
    if (response.statusCode === 201) return body;
    if (response.statusCode === 409) return null;
    throw new Error(`hold answered ${response.statusCode}: ${JSON.stringify(body)}`);
  };
  const apiRelease = async (hold: { id: string; token: string }) => {
    const response = await http.request({
      method: 'DELETE',
      path: `/v1/holds/${hold.id}`,
      headers: { 'x-hold-token': hold.token },
    });
    await response.body.dump();
  };

  const results: PhaseResult[] = [];
  results.push(
    await phase('bare SQL, distinct seats', PHASE, async () => ({
      outcome: (await bareHold(events.sqlDistinct, nextPair())) ? ('held' as const) : ('refused' as const),
    })),
  );
  distinctNext = 0;
  results.push(
    await phase('HTTP API, distinct seats', PHASE, async () => ({
      outcome: (await apiHold(events.apiDistinct, nextPair())) ? ('held' as const) : ('refused' as const),
    })),
  );
  results.push(
    await phase('bare SQL, 60 hot seats', PHASE, async () => {
      const pair = hotPair();
      if (!(await bareHold(events.sqlHot, pair))) return { outcome: 'refused' };
      return { outcome: 'held', afterwards: () => bareRelease(events.sqlHot, pair) };
    }),
  );
  results.push(
    await phase('HTTP API, 60 hot seats', PHASE, async () => {
      const hold = await apiHold(events.apiHot, hotPair());
      if (!hold) return { outcome: 'refused' };
      return { outcome: 'held', afterwards: () => apiRelease(hold) };
    }),
  );
  await sql.end();
  await http.close();

  printResults(
    `holds benchmark — real Postgres ${server.url.replace(/^.*@/, '')}, concurrency ${CONCURRENCY}, ${PHASE_MS / 1000} s a phase, server pool ${SERVER_POOL}`,
    results,
  );
  const ratio = (api: PhaseResult, bare: PhaseResult) => api.perSecond / bare.perSecond;
  const distinct = ratio(results[1]!, results[0]!);
  const hot = ratio(results[3]!, results[2]!);
  console.log(
    `\nAPI / bare SQL: distinct seats ${(distinct * 100).toFixed(0)}%, hot seats ${(hot * 100).toFixed(0)}% (target ≥ 35%)`,
  );
  console.log(
    `API p99: distinct ${results[1]!.p99.toFixed(1)} ms, hot ${results[3]!.p99.toFixed(1)} ms (target < 50 ms)`,
  );
  const failed = results.some((r) => r.errors > 0);
  if (failed) {
    console.error('errors during the benchmark: the figures are not valid');
    process.exitCode = 1;
  }
} finally {
  // The API first: it ends its outbox batch and closes its connections before Postgres goes.
  await stopApiServer(child);
  await server.stop();
  rmSync(varDir, { recursive: true, force: true });
}
