// npm run bench:live — one seat change fanned to WATCHERS (10,000) local watchers, two ways, in one run:
//  1. The delta path (issue 20): WATCHERS simulated shop pollers running the shop's own poller (renderer/client/
//     live-deltas.ts: head every 1–2 s with jitter, the documents it lacks), started from the snapshot's liveVersion,
//     against the local server behind a caching edge like a CDN's (test/bench/live/cdn.ts: keeps answers for their
//     cache-control, collapses concurrent misses). Counted: origin requests per second and per change.
//  2. The baseline: WATCHERS WebSocket clients of the local `ws` hub (in a child process: each socket is a file
//     descriptor at both ends and one process may hold 20,000).
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
import { pollLiveDeltas } from '../../renderer/client/live-deltas.ts';
import type { LiveSubscription } from '../../renderer/client/ticketing-client.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';
import { CachingEdge } from './live/cdn.ts';

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
let nextSeat = 0;
const seats = Array.from(
  { length: 200 },
  (_, i) => `MAIN-${String.fromCharCode(65 + Math.floor(i / 20))}-${(i % 20) + 1}`,
);

/** Holds the next seat through HTTP; its id and when the request started. */
async function change(): Promise<{ seatId: string; startedAt: number }> {
  const seatId = seats[nextSeat++]!;
  const startedAt = now();
  const response = await fetch(`${cloud.url}/v1/events/${eventId}/holds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seatIds: [seatId] }),
  });
  if (response.status !== 201) throw new Error(`hold ${seatId}: ${response.status} ${await response.text()}`);
  return { seatId, startedAt };
}

interface Round {
  p50: number;
  p99: number;
  seen: number;
}
const summarize = (startedAt: number, times: number[]): Round => {
  const latencies = times.map((t) => t - startedAt);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), seen: times.length };
};

// 1. The delta path.
const edge = new CachingEdge(cloud.url);
const snapshot = (await (await fetch(`${cloud.url}/v1/events/${eventId}/availability`)).json()) as Availability;
let expected: string | null = null;
let seenAt: number[] = [];
let seenCount = 0;
let resyncs = 0;
let allSeen: () => void = () => {};
const pollers: LiveSubscription[] = [];
for (let i = 0; i < WATCHERS; i++) {
  const poller = pollLiveDeltas(
    { baseUrl: '', eventId, since: snapshot.liveVersion!, fetch: edge.fetch },
    {
      onChanges(message) {
        if (expected === null || seenAt[i] !== undefined) return;
        if (!message.changes.some((c) => c.seatId === expected)) return;
        seenAt[i] = now();
        if (++seenCount === WATCHERS) allSeen();
      },
      onSubscribed: () => resyncs++,
    },
  );
  pollers.push(poller);
}
const deltaRounds: Round[] = [];
const originPerRound: number[] = [];
const roundSeconds: number[] = [];
for (let round = 0; round < ROUNDS + 1; round++) {
  seenAt = new Array<number>(WATCHERS);
  seenCount = 0;
  const everyone = new Promise<void>((resolve) => (allSeen = resolve));
  const originBefore = edge.originRequests;
  const roundStart = now();
  const pending = change();
  expected = (await pending).seatId;
  const { startedAt } = await pending;
  await Promise.race([everyone, new Promise((resolve) => setTimeout(resolve, ROUND_TIMEOUT_MS).unref())]);
  const seconds = (now() - roundStart) / 1000;
  // Round 0 warms the server, the edge and every poller's first head read: not counted.
  if (round > 0) {
    deltaRounds.push(
      summarize(
        startedAt,
        [...seenAt].filter((t) => t !== undefined),
      ),
    );
    originPerRound.push(edge.originRequests - originBefore);
    roundSeconds.push(seconds);
  }
  expected = null;
}
const edgeRequests = edge.edgeRequests;
for (const poller of pollers) poller.close();

// 2. The baseline: WebSocket watchers.
const child = fork(fileURLToPath(new URL('./live/ws-watchers.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
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
child.send({ type: 'start', url: cloud.url, eventId, count: WATCHERS });
const { connected, failed } = await ready;
const wsRounds: Round[] = [];
for (let round = 0; round < ROUNDS + 1; round++) {
  const expecting = fromChild('expecting');
  const seatId = seats[nextSeat]!;
  child.send({ type: 'expect', seatId });
  await expecting;
  const everyone = fromChild('all-seen');
  const { startedAt } = await change();
  await Promise.race([everyone, new Promise((resolve) => setTimeout(resolve, ROUND_TIMEOUT_MS).unref())]);
  const collected = fromChild<{ times: number[] }>('seen');
  child.send({ type: 'collect' });
  const { times } = await collected;
  if (round > 0) wsRounds.push(summarize(startedAt, times));
}
child.send({ type: 'stop' });
await cloud.close();

const row = (label: string, cells: string[]) =>
  console.log(`  ${label.padEnd(34)}${cells.map((c) => c.padStart(16)).join('')}`);
console.log(`bench:live — one seat change to ${WATCHERS} watchers; medians of ${ROUNDS} rounds (each round's p50/p99)`);
row('', ['delta path', 'WebSocket', 'ratio']);
const deltaP50 = median(deltaRounds.map((r) => r.p50));
const deltaP99 = median(deltaRounds.map((r) => r.p99));
const wsP50 = median(wsRounds.map((r) => r.p50));
const wsP99 = median(wsRounds.map((r) => r.p99));
row('change → seen p50', [ms(deltaP50), ms(wsP50), `${(deltaP50 / wsP50).toFixed(1)}×`]);
row('change → seen p99', [ms(deltaP99), ms(wsP99), `${(deltaP99 / wsP99).toFixed(1)}×`]);
row('watchers that saw it (median)', [
  String(median(deltaRounds.map((r) => r.seen))),
  `${median(wsRounds.map((r) => r.seen))} of ${connected}`,
  '',
]);
const perChange = median(originPerRound);
const seconds = median(roundSeconds);
console.log(
  `  delta path: ${perChange} origin requests per change (a round of ${seconds.toFixed(1)} s with one change, ` +
    `${(perChange / seconds).toFixed(1)}/s, whatever the crowd), ${(edgeRequests / WATCHERS).toFixed(1)} edge ` +
    `requests per watcher in the run; snapshot re-reads ${resyncs}`,
);
console.log(
  `  WebSocket: ${connected} sockets connected${failed ? `, ${failed} refused` : ''}; each change is ${connected} ` +
    'pushes from the origin',
);
