// npm run bench:live — one seat change fanned to WATCHERS (10,000) local watchers, two ways, in one run:
//  1. The delta path (issue 20): WATCHERS simulated shop pollers running the shop's own poller (renderer/client/
//     live-deltas.ts: head every 1–2 s with jitter, the documents it lacks), started from the snapshot's liveVersion,
//     against the local server behind a caching edge like a CDN's (test/bench/live/cdn.ts: keeps answers for their
//     cache-control, collapses concurrent misses). Counted: origin requests per change.
//  2. The baseline: WATCHERS WebSocket clients of the local `ws` hub.
// Both kinds run in a child process (test/bench/live/watchers.ts), so the server's process does the origin's work
// only; the child's one core runs all 10,000 watchers (and the edge), which adds its own event-loop delay to both.
// Each round holds one more seat through HTTP and times change → seen at every watcher (hold request start to the
// moment the watcher's handler got the seat); p50/p99 per round, medians over ROUNDS rounds, and the ratio of the
// delta path's to the WebSocket's. The delta path's latency is by design about a second of batching (one document per
// second) plus the poll interval (1–2 s) and the head's edge lifetime (1 s): the price of costing the origin a few
// requests a second whatever the crowd.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Availability } from '../../cloud/contract/index.ts';
import { createPgliteDb } from '../../cloud/db/pglite.ts';
import { startLocalCloud } from '../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';
import type { WatcherStart } from './live/watchers.ts';

const WATCHERS = Number(process.env.LIVE_WATCHERS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_RUNS ?? 5);
const ROUND_TIMEOUT_MS = 15_000;

const now = () => performance.timeOrigin + performance.now();
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => `${value.toFixed(0)} ms`;

const cloud = await startLocalCloud({
  port: 0,
  db: await createPgliteDb(),
  seed: false,
  liveLimits: { socketsPerAddress: WATCHERS + 100, maxSockets: WATCHERS + 100 },
});
const venue = await cloud.services.admin.createVenue({ name: 'Live Bench', city: 'Leeds', timezone: 'Europe/London' });
const map = await cloud.services.admin.importSeatMap(venue.id, smallHall(10, 20));
const eventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], { name: 'Live bench' });
const seats = Array.from(
  { length: 200 },
  (_, i) => `MAIN-${String.fromCharCode(65 + Math.floor(i / 20))}-${(i % 20) + 1}`,
);
let nextSeat = 0;

/** Holds the next seat through HTTP; its id and when the request started. */
async function change(seatId: string): Promise<number> {
  const startedAt = now();
  const response = await fetch(`${cloud.url}/v1/events/${eventId}/holds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seatIds: [seatId] }),
  });
  if (response.status !== 201) throw new Error(`hold ${seatId}: ${response.status} ${await response.text()}`);
  return startedAt;
}

interface Seen {
  times: number[];
  originRequests: number;
  edgeRequests: number;
  resyncs: number;
}
interface Rounds {
  p50: number[];
  p99: number[];
  seen: number[];
  originPerChange: number[];
  connected: number;
  failed: number;
  last: Seen;
}

/** WATCHERS watchers of one kind in a child; ROUNDS + 1 changes (the first warms everything up and is not counted). */
async function measure(kind: WatcherStart['kind'], since?: number): Promise<Rounds> {
  const child = fork(fileURLToPath(new URL('./live/watchers.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  const fromChild = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const listener = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', listener);
        resolve(message as T);
      };
      child.on('message', listener);
    });
  const ready = fromChild<{ connected: number; failed: number }>('ready');
  child.send({ type: 'start', kind, url: cloud.url, eventId, count: WATCHERS, since } satisfies WatcherStart);
  const { connected, failed } = await ready;
  const rounds: Rounds = { p50: [], p99: [], seen: [], originPerChange: [], connected, failed, last: undefined! };
  for (let round = 0; round <= ROUNDS; round++) {
    const seatId = seats[nextSeat++]!;
    const expecting = fromChild<{ originRequests: number }>('expecting');
    child.send({ type: 'expect', seatId });
    const { originRequests: originBefore } = await expecting;
    const everyone = fromChild('all-seen');
    const startedAt = await change(seatId);
    await Promise.race([everyone, new Promise((resolve) => setTimeout(resolve, ROUND_TIMEOUT_MS).unref())]);
    const collected = fromChild<Seen>('seen');
    child.send({ type: 'collect' });
    const seen = await collected;
    rounds.last = seen;
    if (round === 0) continue;
    const latencies = seen.times.map((t) => t - startedAt);
    rounds.p50.push(percentile(latencies, 50));
    rounds.p99.push(percentile(latencies, 99));
    rounds.seen.push(seen.times.length);
    rounds.originPerChange.push(seen.originRequests - originBefore);
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' });
  await exited;
  return rounds;
}

const snapshot = (await (await fetch(`${cloud.url}/v1/events/${eventId}/availability`)).json()) as Availability;
const deltas = await measure('deltas', snapshot.liveVersion);
const ws = await measure('ws');
await cloud.close();

const row = (label: string, cells: string[]) =>
  console.log(`  ${label.padEnd(34)}${cells.map((c) => c.padStart(16)).join('')}`);
console.log(`bench:live — one seat change to ${WATCHERS} watchers; medians of ${ROUNDS} rounds (each round's p50/p99)`);
row('', ['delta path', 'WebSocket', 'ratio']);
for (const [label, key] of [
  ['change → seen p50', 'p50'],
  ['change → seen p99', 'p99'],
] as const) {
  const [d, w] = [median(deltas[key]), median(ws[key])];
  row(label, [ms(d), ms(w), `${(d / w).toFixed(1)}×`]);
}
row('watchers that saw it (median)', [
  `${median(deltas.seen)} of ${deltas.connected}`,
  `${median(ws.seen)} of ${ws.connected}`,
  '',
]);
row('origin requests per change', [String(median(deltas.originPerChange)), String(ws.connected), '']);
console.log(
  `  delta path: ${(deltas.last.edgeRequests / WATCHERS).toFixed(1)} edge requests per watcher in the run, ` +
    `${deltas.last.originRequests} reached the origin; snapshot re-reads ${deltas.last.resyncs}. ` +
    `WebSocket: ${ws.connected} sockets${ws.failed ? `, ${ws.failed} refused` : ''}, each change one push to each.`,
);
