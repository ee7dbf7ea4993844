// npm run bench:holds — holds per second and p50/p99 latency through HTTP at concurrency 64, on distinct seats and
// on contended seats (one seat a hold; a hot-seat hold is released at once so the seats keep changing hands), beside a baseline measured in the same run: the bare conditional UPDATE issued directly with
// the Postgres driver at the same concurrency. Real Postgres, started here from the machine's binaries.
// Every phase first runs 3 s unmeasured (BENCH_WARMUP_MS), so the figures are the steady state of a warm server, not
// V8 compiling the freshly started one: with a 1 s warm-up the first API phase's p99 carried ~20 ms of JIT start-up.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { startPostgresServer, freePort } from '../support/postgres-server.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import { createServices } from '../../cloud/services/index.ts';
import { generateStadium } from '../../cloud/domain/seatmap/generator.ts';
import { createOnSaleEvent } from '../support/world.ts';

const CONCURRENCY = 64;
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 6000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 3000);
const HOT_SEATS = 60;
const SERVER_POOL = Number(process.env.BENCH_SERVER_POOL ?? 8);

interface PhaseResult {
  name: string;
  /** CPU seconds per second of each side during the phase (Linux /proc), for seeing who is busy. */
  cpu: { client: number; server: number; postgres: number };
  requests: number;
  held: number;
  refused: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

let serverPid: number | undefined;

/** Clock ticks used so far by this process, the API server and every postgres process (Linux only; else zeros). */
function cpuTicks(): { client: number; server: number; postgres: number } {
  const ticks = { client: 0, server: 0, postgres: 0 };
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const used = Number(fields[11]) + Number(fields[12]);
      if (Number(pid) === process.pid) ticks.client += used;
      else if (Number(pid) === serverPid) ticks.server += used;
      else if (name === 'postgres') ticks.postgres += used;
    } catch {
      // the process ended between listing and reading
    }
  }
  return ticks;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

type Attempt = {
  outcome: 'held' | 'refused';
  /** Runs after the hold is timed (the hot phases' release). */ afterwards?: () => Promise<unknown>;
};

/** Runs `attempt` on CONCURRENCY loops for the phase time after a warm-up; one call = one hold, timed alone. */
async function phase(name: string, attempt: (loop: number) => Promise<Attempt>): Promise<PhaseResult> {
  const latencies: number[] = [];
  let held = 0;
  let refused = 0;
  let errors = 0;
  let measuring = false;
  const warmupEnds = Date.now() + WARMUP_MS;
  const ends = warmupEnds + PHASE_MS;
  let cpuAtStart = cpuTicks();
  setTimeout(() => {
    measuring = true;
    cpuAtStart = cpuTicks();
  }, WARMUP_MS);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, loop) => {
      while (Date.now() < ends) {
        const started = performance.now();
        try {
          const { outcome, afterwards } = await attempt(loop);
          const latency = performance.now() - started;
          await afterwards?.();
          if (!measuring) continue;
          latencies.push(latency);
          if (outcome === 'held') held++;
          else refused++;
        } catch (error) {
          errors++;
          if (errors < 5) console.error(name, error);
        }
      }
    }),
  );
  const cpuAtEnd = cpuTicks();
  const share = (side: keyof typeof cpuAtEnd) => (cpuAtEnd[side] - cpuAtStart[side]) / 100 / (PHASE_MS / 1000);
  latencies.sort((a, b) => a - b);
  return {
    name,
    cpu: { client: share('client'), server: share('server'), postgres: share('postgres') },
    requests: latencies.length,
    held,
    refused,
    errors,
    perSecond: latencies.length / (PHASE_MS / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const server = await startPostgresServer();
const dbUrl = server.url;
const varDir = mkdtempSync(join(tmpdir(), 'ticketboss-bench-'));
let child: ReturnType<typeof spawn> | undefined;
try {
  // One stadium event per phase, so every phase starts from a full house.
  const db = createPostgresDb({ connectionString: dbUrl, maxConnections: 4 });
  await migrate(db);
  const services = createServices({ db, live: { publish: async () => {} } });
  const venue = await services.admin.createVenue({ name: 'Bench Stadium', city: 'Leeds', timezone: 'Europe/London' });
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
  child = spawn(process.execPath, ['--import', 'tsx', 'cloud/local/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: dbUrl,
      VAR_DIR: varDir,
      DB_POOL_SIZE: String(SERVER_POOL),
      SEED: 'false',
      HOLD_RATE_LIMIT: '100000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  serverPid = child.pid;
  await new Promise<void>((resolve, reject) => {
    child!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('local cloud at') && resolve());
    child!.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
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
    await phase('bare SQL, distinct seats', async () => ({
      outcome: (await bareHold(events.sqlDistinct, nextPair())) ? ('held' as const) : ('refused' as const),
    })),
  );
  distinctNext = 0;
  results.push(
    await phase('HTTP API, distinct seats', async () => ({
      outcome: (await apiHold(events.apiDistinct, nextPair())) ? ('held' as const) : ('refused' as const),
    })),
  );
  results.push(
    await phase('bare SQL, 60 hot seats', async () => {
      const pair = hotPair();
      if (!(await bareHold(events.sqlHot, pair))) return { outcome: 'refused' };
      return { outcome: 'held', afterwards: () => bareRelease(events.sqlHot, pair) };
    }),
  );
  results.push(
    await phase('HTTP API, 60 hot seats', async () => {
      const hold = await apiHold(events.apiHot, hotPair());
      if (!hold) return { outcome: 'refused' };
      return { outcome: 'held', afterwards: () => apiRelease(hold) };
    }),
  );
  await sql.end();
  await http.close();

  console.log(
    `\nholds benchmark — real Postgres ${server.url.replace(/^.*@/, '')}, concurrency ${CONCURRENCY}, ${PHASE_MS / 1000} s a phase, server pool ${SERVER_POOL}`,
  );
  console.log(
    'phase                         attempts/s   held   refused  errors   p50 ms   p99 ms   CPU cores: client server postgres',
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(28)} ${r.perSecond.toFixed(0).padStart(10)} ${String(r.held).padStart(6)} ${String(r.refused).padStart(9)} ${String(r.errors).padStart(7)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}` +
        `   ${r.cpu.client.toFixed(2).padStart(17)} ${r.cpu.server.toFixed(2).padStart(6)} ${r.cpu.postgres.toFixed(2).padStart(8)}`,
    );
  }
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
  child?.kill('SIGTERM');
  await server.stop();
  rmSync(varDir, { recursive: true, force: true });
}
