// The venue machine's crash test: the box office's core (its real store, allotment seller and outbox pusher, in a
// child process bundled once with esbuild and run with plain node) sells its allotment offline and is killed with
// SIGKILL at a seeded random moment (while opening its files, inside a sale's transaction, during a push, between),
// restarted 100 times over the same files, now offline, now online; then the cloud is reached and the outbox drains.
// Every sale the clerk saw as done is in the cloud exactly once with its seats, nothing is there twice, no seat is
// sold twice, nothing is left to push. The children reach the cloud through a counting proxy: each key's mutation was
// applied by the cloud once (one answer that is not an idempotent replay), so the check is not idempotency's, and
// none was pushed after the machine recorded it as applied. A failure prints its seed: CRASH_SEED=<seed> replays the same runs.
import { spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { startTestCloud } from '../../support/local-cloud.ts';
import { openDeviceStore } from '../../../main/cache/database.ts';
import { Outbox } from '../../../main/cache/outbox.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { seededRandom } from '../../support/main/seeded-random.ts';
import { apiHeaders } from '../../../cloud/contract/routes.ts';

/** Forwards to the cloud and counts, per idempotency key, the pushes and the answers that applied it (not replays). */
async function startCountingProxy(target: string) {
  const pushes = new Map<string, { sent: number; applied: number; lastSentAt: number }>();
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const key = incoming.headers[apiHeaders.idempotencyKey.toLowerCase()];
    const count = typeof key === 'string' ? (pushes.get(key) ?? { sent: 0, applied: 0, lastSentAt: 0 }) : null;
    if (count && typeof key === 'string') pushes.set(key, { ...count, sent: count.sent + 1, lastSentAt: Date.now() });
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        const replayed = answer.headers[apiHeaders.idempotentReplayed.toLowerCase()] === 'true';
        if (typeof key === 'string' && answer.statusCode! < 300 && !replayed) pushes.get(key)!.applied++;
        outgoing.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pushes,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

const RUNS = 100;
/** test/support/main/crash-counter.ts gives its pusher a clock this far ahead (past any backoff between runs). */
const CHILD_CLOCK_AHEAD_MS = 3600_000;

interface Sale {
  outboxId: string;
  seatIds: string[];
}

interface Run {
  lines: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

describe.sequential('the venue machine killed at random points of its offline sales', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-crash-counter-'));
  const bundle = join(dir, 'crash-counter.cjs');
  const file = join(dir, 'device.db');
  let cloud: LocalCloud;
  let eventId: string;
  let token: string;
  let allotmentId: string;
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>;

  beforeAll(async () => {
    await build({
      entryPoints: ['test/support/main/crash-counter.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3'],
      outfile: bundle,
      logLevel: 'error',
    });
    cloud = await startTestCloud({
      port: 0,
      seed: false,
      rateLimits: { holds: { limit: 100_000, windowSeconds: 60 }, orders: { limit: 100_000, windowSeconds: 60 } },
    });
    const venue = await cloud.services.admin.createVenue({ name: 'Arena', city: 'Lyon', timezone: 'Europe/Paris' });
    const map = smallHall(10, 25);
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, map);
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Crash Course' });
    const device = await cloud.services.identity.createDevice({ venueId: venue.id, kind: 'boxoffice', name: 'Box' });
    token = await cloud.issuer.issue({ sub: device.id, groups: ['boxoffice'], venueId: venue.id });
    const response = await fetch(`${cloud.url}/v1/events/${eventId}/allotments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ seatIds: map.seats.map((seat) => seat.id) }),
    });
    expect(response.status).toBe(201);
    allotmentId = ((await response.json()) as { id: string }).id;
    proxy = await startCountingProxy(cloud.url);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Starts a child for one run: node starts and loads the bundle, then waits. `go` lets it open the store and run;
   * `killWhen` sees each line as it comes and may answer a delay after which the child is killed.
   */
  function prepareChild(env: Record<string, string>) {
    const child = spawn(process.execPath, [bundle], {
      env: { ...process.env, NODE_PATH: resolve('node_modules'), CRASH_FILE: file, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let rest = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<Run>((done) =>
      child.once('close', (code, signal) => {
        if (rest) lines.push(rest);
        done({ lines, code, signal, stderr });
      }),
    );
    const kill = (delayMs: number) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      child.once('exit', () => clearTimeout(timer));
    };
    return {
      go(killWhen: (line: string, lines: string[]) => number | null, killAfterMs: number | null): Promise<Run> {
        child.stdout.on('data', (chunk: Buffer) => {
          const parts = (rest + chunk.toString()).split('\n');
          rest = parts.pop()!;
          for (const line of parts) {
            lines.push(line);
            const delay = killWhen(line, lines);
            if (delay !== null) kill(delay);
          }
        });
        child.stdin.end('go');
        if (killAfterMs !== null) kill(killAfterMs);
        return closed;
      },
    };
  }

  it('loses no sale the clerk saw, pushes each exactly once and sells no seat twice', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`crash test seed ${seed} (replay: CRASH_SEED=${seed})`);
    const random = seededRandom(seed);
    const acknowledged = new Map<string, Sale>();
    const tally = { beforeReady: 0, afterSales: 0, soldOut: 0, online: 0, onlineMs: 0 };
    const started = Date.now();
    const plans = Array.from({ length: RUNS }, (_, run) => ({
      run,
      // The first run is online: the counter pulled its allotment before the network went.
      online: random() < 0.25 || run === 0,
      killAtStart: random() < 0.2 ? Math.floor(random() * 120) : null,
      afterSales: Math.floor(random() * 3),
      delay: Math.floor(random() * 4),
      seed: Math.floor(random() * 2 ** 31),
    }));
    const prepare = (plan: (typeof plans)[number] | undefined) =>
      plan
        ? prepareChild({
            CRASH_CLOUD_URL: plan.online ? proxy.url : '',
            CRASH_TOKEN: token,
            CRASH_ALLOTMENT: allotmentId,
            CRASH_SEED: String(plan.seed),
            CRASH_RUN: String(plan.run),
            CRASH_MODE: 'sell',
          })
        : prepareChild({ CRASH_CLOUD_URL: proxy.url, CRASH_TOKEN: token, CRASH_MODE: 'drain' });
    let next = prepare(plans[0]);
    for (const { run, online, killAtStart, afterSales, delay } of plans) {
      const child = next;
      next = prepare(plans[run + 1]);
      const runStarted = Date.now();
      const result = await child.go((line, lines) => {
        if (killAtStart !== null) return null;
        const sold = lines.filter((l) => l.startsWith('SOLD ')).length;
        if (afterSales === 0 ? line === 'READY' : line.startsWith('SOLD ') && sold === afterSales) return delay;
        return null;
      }, killAtStart);
      const context = `seed ${seed}, run ${run}: ${result.stderr}`;
      for (const line of result.lines.filter((l) => l.startsWith('SOLD '))) {
        const [, outboxId, buyer, seats] = line.split(' ');
        expect(acknowledged.has(buyer!), context).toBe(false);
        acknowledged.set(buyer!, { outboxId: outboxId!, seatIds: seats!.split(',') });
      }
      // Killed, or it sold the allotment out; never a failure of its own.
      expect(result.signal === 'SIGKILL' || result.code === 0, context).toBe(true);
      if (!result.lines.includes('READY')) tally.beforeReady++;
      else if (result.lines.some((l) => l.startsWith('SOLD '))) tally.afterSales++;
      if (result.lines.includes('SOLD_OUT')) tally.soldOut++;
      if (online) {
        tally.online++;
        tally.onlineMs += Date.now() - runStarted;
      }
    }
    const drain = await next.go(() => null, null);
    expect(drain.lines, `seed ${seed}: ${drain.stderr}`).toContain('DRAINED');
    console.log(
      `crash test: ${RUNS} runs in ${Date.now() - started} ms, ${acknowledged.size} sales acknowledged, ` +
        `killed before ready ${tally.beforeReady}, after sales ${tally.afterSales}, ` +
        `online ${tally.online} (${tally.onlineMs} ms), sold out ${tally.soldOut}`,
    );

    // The cloud has every acknowledged sale once, with its seats, and nothing twice.
    const orders = await cloud.services.db.query<{ buyer_name: string; seats: string[] }>(
      `SELECT o.buyer_name, array_agg(t.seat_id ORDER BY t.seat_id) AS seats
       FROM orders o JOIN tickets t ON t.order_id = o.id
       WHERE o.event_id = $1 AND o.state = 'paid' GROUP BY o.id, o.buyer_name`,
      [eventId],
    );
    const byBuyer = new Map<string, string[][]>();
    for (const row of orders.rows) byBuyer.set(row.buyer_name, [...(byBuyer.get(row.buyer_name) ?? []), row.seats]);
    for (const [buyer, sale] of acknowledged) {
      expect(byBuyer.get(buyer), `seed ${seed}: ${buyer}`).toEqual([[...sale.seatIds].sort()]);
    }
    expect(
      [...byBuyer.values()].filter((sales) => sales.length > 1),
      `seed ${seed}`,
    ).toEqual([]);
    const seats = await cloud.services.db.query<{ tickets: number; seats: number }>(
      `SELECT count(*)::int AS tickets, count(DISTINCT seat_id)::int AS seats FROM tickets WHERE event_id = $1`,
      [eventId],
    );
    expect(seats.rows[0]!.tickets).toBe(seats.rows[0]!.seats);

    // The machine's outbox is empty: every sale it committed (seen by the clerk or not) was applied, once.
    const store = openDeviceStore(file);
    const outbox = new Outbox(store.db);
    expect(store.notices).toEqual([]);
    expect(outbox.pendingCount()).toBe(0);
    expect(outbox.rejected()).toEqual([]);
    const applied = store.db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'applied'`).get() as { n: number };
    expect(applied.n).toBe(orders.rows.length);
    for (const sale of acknowledged.values()) expect(outbox.get(sale.outboxId)?.state).toBe('applied');
    // On the wire: every applied entry's key reached the cloud and was applied there once; repeats were replays.
    const keys = store.db
      .prepare(`SELECT idempotency_key AS key, settled_at AS settledAt FROM outbox WHERE state = 'applied'`)
      .all() as { key: string; settledAt: string }[];
    expect(
      keys.filter(({ key }) => proxy.pushes.get(key)?.applied !== 1),
      `seed ${seed}`,
    ).toEqual([]);
    // Nothing is pushed again once the machine recorded it as applied (the children's clock runs an hour ahead).
    const pushedAfter = ({ key, settledAt }: { key: string; settledAt: string }) =>
      proxy.pushes.get(key)!.lastSentAt > Date.parse(settledAt) - CHILD_CLOCK_AHEAD_MS;
    expect(keys.filter(pushedAfter), `seed ${seed}`).toEqual([]);
    expect(proxy.pushes.size, `seed ${seed}: a key pushed that no entry has`).toBe(keys.length);
    const replays = [...proxy.pushes.values()].reduce((sum, count) => sum + count.sent - count.applied, 0);
    console.log(`crash test: ${keys.length} keys applied once each, ${replays} pushes answered as replays`);
    store.db.close();
  }, 480_000);
});
