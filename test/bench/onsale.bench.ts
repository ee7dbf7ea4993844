// npm run bench:onsale — a stadium on-sale through the waiting room (issue 20): a queued event of 5,000 seats and
// 20,000 simulated buyers arriving over 20 s (the first second before the opening), each polling the queue's state
// document through a CDN-like cache, then holding 1–4 seats and buying them once admitted. Printed: seats sold and
// sold twice (from the database), time to sell out, fairness (admissions out of order after the opening; how random
// the places of the arrivals before it are), Postgres statements per status poll (pg_stat_statements: a window of
// polls against the origin beside an idle window of the same length), status polls/s served (and what reached the
// origin) beside holds/s, and admitted buyers' hold and purchase p99 while the crowd waits, beside the same sale
// without the crowd (only the buyers it takes to sell out, arriving at the same rate) measured first in the same run,
// both over the same window after the opening: while the crowd is still arriving (its joins are the origin's load;
// its polls are the CDN's).
// Real Postgres started here; the API runs as `npm start` runs it. Sizes: BENCH_SEATS, BENCH_BUYERS, BENCH_ARRIVAL_S,
// BENCH_OPEN_AFTER_S, BENCH_POLL_MS, BENCH_POW_BITS, BENCH_ADMIT_PER_MIN ("drain": as fast as the inventory drains),
// BENCH_QUIET_BUYERS, BENCH_SALE_MAX_S, BENCH_SERVER_POOL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { startPostgresServer, freePort } from '../support/postgres-server.ts';
import { benchVenue } from './bench-venue.ts';
import { generateStadium } from '../../cloud/domain/seatmap/generator.ts';
import { LocalIdentityIssuer } from '../../cloud/adapters/identity/local-issuer.ts';
import { apiRoutes, pathOf } from '../../cloud/contract/routes.ts';
import type { QueueSettings } from '../../cloud/contract/queue.ts';
import { createOnSaleEvent } from '../support/world.ts';
import { cpuTicks, startApiServer, stopApiServer } from './harness.ts';
import { EdgeCache, type EdgeAnswer } from './onsale/edge-cache.ts';
import { runSale, wallNow } from './onsale/crowd.ts';
import { printComparison, printFairness, printSale, printStatements, type Sale, type Stored } from './onsale/report.ts';
import { callsBetween, statementCounts } from './statements.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SEATS = env('BENCH_SEATS', 5000);
const BUYERS = env('BENCH_BUYERS', 20_000);
const ARRIVAL_MS = env('BENCH_ARRIVAL_S', 20) * 1000;
const OPEN_AFTER_MS = env('BENCH_OPEN_AFTER_S', 1) * 1000;
const POLL_MS = env('BENCH_POLL_MS', 2000);
const POW_BITS = env('BENCH_POW_BITS', 4);
const ADMIT_PER_MIN = process.env.BENCH_ADMIT_PER_MIN === 'drain' ? null : env('BENCH_ADMIT_PER_MIN', 1800);
// Enough buyers to sell out (2.5 seats each on average, some giving up) with half again to spare.
const QUIET_BUYERS = env('BENCH_QUIET_BUYERS', Math.ceil((SEATS / 2.5) * 1.5));
const SALE_MAX_MS = env('BENCH_SALE_MAX_S', 90) * 1000;
const SERVER_POOL = env('BENCH_SERVER_POOL', 8);
const PROBE_MS = 2000;
/** The window after the opening over which hold and purchase p99 are compared: while the crowd is still arriving. */
const COMPARED_MS = Math.max(5000, ARRIVAL_MS - OPEN_AFTER_MS);

const server = await startPostgresServer({ settings: { shared_preload_libraries: 'pg_stat_statements' } });
const varDir = mkdtempSync(join(tmpdir(), 'ticketboss-bench-'));
let child: Awaited<ReturnType<typeof startApiServer>> | undefined;
const sql = new pg.Pool({ connectionString: server.url, max: 2 });
try {
  await sql.query('CREATE EXTENSION pg_stat_statements');
  const { db, services, venue } = await benchVenue(server.url, { shopOrigins: () => ['https://shop.example'] });
  // A stadium cut down to the first SEATS seats (no standing floor), so every seat is one a buyer can pick.
  const stadium = generateStadium({ seatScale: 0.5 });
  const seats = stadium.seats.slice(0, SEATS);
  const sectionIds = [...new Set(seats.map((seat) => seat.sectionId))];
  const map = await services.admin.importSeatMap(venue.id, {
    ...stadium,
    sections: stadium.sections.filter((section) => sectionIds.includes(section.id)),
    seats,
  });
  const seatIds = seats.map((seat) => seat.id);
  const newEvent = (name: string) =>
    createOnSaleEvent(services, map.id, sectionIds, { name, currency: 'GBP', holdTtlSeconds: 600, perOrderLimit: 8 });
  const events = {
    probe: await newEvent('warm-up and probe'),
    quiet: await newEvent('quiet'),
    crowd: await newEvent('crowd'),
  };
  await db.close();

  // The admin's token, signed with the key the server will load from VAR_DIR.
  const issuer = await LocalIdentityIssuer.create('ticketboss-local', join(varDir, 'identity-key.json'));
  const adminToken = await issuer.issue({ sub: 'bench-admin', email: 'bench@example.com', groups: ['admin'] });
  const port = await freePort();
  child = await startApiServer({
    PORT: String(port),
    DATABASE_URL: server.url,
    VAR_DIR: varDir,
    DB_POOL_SIZE: String(SERVER_POOL),
    // Every simulated buyer calls from 127.0.0.1: the per-caller limits would see one caller.
    RATE_LIMITS: ['holds', 'orders', 'queue-join', 'queue-admission'].map((bucket) => `${bucket}=100000000`).join(','),
  });
  const base = `http://127.0.0.1:${port}`;
  // Browsers each have connections of their own: pools wide enough that requests wait in the server, not here.
  const joining = new HttpPool(base, { connections: 128 });
  const admitting = new HttpPool(base, { connections: 64 });
  const buying = new HttpPool(base, { connections: 512 });
  const originPool = new HttpPool(base, { connections: 16 });
  const origin = async (method: 'GET', path: string): Promise<EdgeAnswer> => {
    const response = await originPool.request({ method, path });
    const headers = Object.fromEntries(
      Object.entries(response.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : String(value),
      ]),
    );
    return { status: response.statusCode, headers, text: await response.body.text() };
  };
  const edge = new EdgeCache(origin, (path) => path.slice(path.lastIndexOf('/') + 1));

  const openQueue = async (eventId: string, opensAt: number) => {
    const settings: QueueSettings = {
      enabled: true,
      opensAt: new Date(opensAt).toISOString(),
      admissionPerMinute: ADMIT_PER_MIN,
      onePlacePer: 'session',
      challengeBits: POW_BITS,
      tokenMinutes: 15,
    };
    const response = await admitting.request({
      method: 'PUT',
      path: pathOf(apiRoutes.putEventQueue.path, eventId),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify(settings),
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`queue settings answered ${response.statusCode}: ${text}`);
  };

  const sell = async (
    name: string,
    eventId: string,
    buyers: number,
    arrivalWindowMs: number,
    sellingMs: number,
  ): Promise<Sale> => {
    const firstArrivalAt = wallNow() + 1000;
    const opensAt = firstArrivalAt + OPEN_AFTER_MS;
    await openQueue(eventId, opensAt);
    edge.reset();
    const cpuBefore = cpuTicks();
    const result = await runSale(
      {
        eventId,
        seatIds,
        buyers,
        firstArrivalAt,
        arrivalWindowMs,
        pollMs: POLL_MS,
        giveUpAt: opensAt + sellingMs,
        returnUrl: `${base}/`,
      },
      { joining, admitting, buying, edge },
    );
    const endedAt = wallNow();
    const cpuAfter = cpuTicks();
    const seconds = (endedAt - firstArrivalAt) / 1000;
    const share = (side: keyof typeof cpuAfter) => (cpuAfter[side] - cpuBefore[side]) / 100 / seconds;
    return {
      name,
      buyers,
      result,
      opensAt,
      endedAt,
      cpu: { client: share('client'), server: share('server'), postgres: share('postgres') },
      polls: edge.countOf('state'),
    };
  };

  // Warm-up (unmeasured): a small sale, so the measured ones meet a server V8 has compiled; its queue stays open
  // for the probe below.
  await sell('warm-up', events.probe, 150, 1000, 15_000);

  // Statements per status poll: an idle window, then the same length of polls straight to the origin (no CDN).
  const idleStart = await statementCounts(sql);
  await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
  const idle = callsBetween(idleStart, await statementCounts(sql));
  const pollStart = await statementCounts(sql);
  let probePolls = 0;
  const probeEnds = performance.now() + PROBE_MS;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < probeEnds) {
        const answer = await origin('GET', pathOf(apiRoutes.getQueueState.path, events.probe));
        if (answer.status !== 200) throw new Error(`queue state answered ${answer.status}: ${answer.text}`);
        probePolls++;
      }
    }),
  );
  const polled = callsBetween(pollStart, await statementCounts(sql));

  // Without the crowd: only the buyers it takes to sell out, arriving at the crowd's rate, for the compared window.
  const quiet = await sell(
    'without the crowd',
    events.quiet,
    QUIET_BUYERS,
    (ARRIVAL_MS * QUIET_BUYERS) / BUYERS,
    COMPARED_MS,
  );
  const loud = await sell('with the crowd', events.crowd, BUYERS, ARRIVAL_MS, SALE_MAX_MS);
  await Promise.all([joining.close(), admitting.close(), buying.close(), originPool.close()]);

  const inDatabase = async (eventId: string): Promise<Stored> => {
    const { rows } = await sql.query<Stored>(
      `SELECT (SELECT count(*)::int FROM event_seats WHERE event_id = $1 AND status = 'sold') AS sold,
              (SELECT count(*)::int FROM tickets WHERE event_id = $1 AND status = 'valid') AS tickets,
              (SELECT count(*)::int FROM (SELECT seat_id FROM tickets WHERE event_id = $1 AND status = 'valid'
                 AND seat_id IS NOT NULL GROUP BY seat_id HAVING count(*) > 1) AS doubled) AS twice`,
      [eventId],
    );
    return rows[0]!;
  };
  const stored = { quiet: await inDatabase(events.quiet), loud: await inDatabase(events.crowd) };

  console.log(
    `\non-sale benchmark — real Postgres, ${SEATS} seats, ${BUYERS} buyers over ${ARRIVAL_MS / 1000} s (opening after ` +
      `${OPEN_AFTER_MS / 1000} s), polls every ${POLL_MS / 1000} s, proof of work ${POW_BITS} bits, admission ` +
      `${ADMIT_PER_MIN === null ? 'as the inventory drains' : `${ADMIT_PER_MIN}/min`}, server pool ${SERVER_POOL}`,
  );
  printSale(quiet, stored.quiet, SEATS);
  printSale(loud, stored.loud, SEATS);
  printFairness(loud);
  printStatements({ polls: probePolls, ms: PROBE_MS, idle, polled }, loud.polls);
  printComparison(quiet, loud, COMPARED_MS);
  const failed = loud.result.outcomes.failed + quiet.result.outcomes.failed;
  if (stored.quiet.twice + stored.loud.twice > 0 || failed > 0) {
    console.error('seats sold twice or buyers failed: the figures are not valid');
    process.exitCode = 1;
  }
} finally {
  // The API first, so its connections close before Postgres goes.
  await stopApiServer(child);
  await sql.end();
  await server.stop();
  rmSync(varDir, { recursive: true, force: true });
}
