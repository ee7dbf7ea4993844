// npm run bench:queue — what joining the waiting room costs the database under concurrency (issue 20): the join's own
// statement (arrivalForSolution: the solution recorded in the UNLOGGED queue_solutions with an arrival number from the
// queue's own SEQUENCE, nextval, no lock), the sequence's nextval alone, the alternative of one counter row per event
// (`UPDATE … SET joined = joined + 1 RETURNING joined`: every join waits on the row's lock), and the verified-account
// join (one INSERT … ON CONFLICT a new account), beside a baseline measured in the same run: one round trip
// (`SELECT 1`). Concurrency 32 (BENCH_CONCURRENCY), each call on its own pooled connection; rounds take turns and
// ratios are taken within a round; medians over the rounds. Real Postgres, started here.
import { randomBytes, randomUUID } from 'node:crypto';
import { startPostgresServer } from '../support/postgres-server.ts';
import { buildWorld } from '../support/world.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import { joinAsAccount, nextArrival, saveQueueSettings } from '../../cloud/db/queue.ts';
import { arrivalForSolution } from '../../cloud/db/queue-solutions.ts';
import { median, medianOfRounds, phase, printResults, type Attempt, type PhaseResult } from './harness.ts';
import { openQueueRow } from '../support/queue.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PHASE = {
  concurrency: CONCURRENCY,
  phaseMs: Number(process.env.BENCH_PHASE_MS ?? 2000),
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 500),
};

const server = await startPostgresServer();
try {
  const db = createPostgresDb({ connectionString: server.url, maxConnections: CONCURRENCY + 2 });
  await migrate(db);
  const { eventId } = await buildWorld(db, { now: new Date() });
  const now = new Date();
  await db.transaction((tx) => saveQueueSettings(tx, openQueueRow(eventId, now), 'bench', now));
  // The design not taken, outside the product's schema: one counter row per event.
  await db.query('CREATE TABLE bench_queue_counters (event_id uuid PRIMARY KEY, joined bigint NOT NULL DEFAULT 0)');
  await db.query('INSERT INTO bench_queue_counters (event_id) VALUES ($1)', [eventId]);

  const done: Attempt = { outcome: 'held' };
  const variants: [string, () => Promise<Attempt>][] = [
    ['one round trip (baseline)', async () => (await db.query('SELECT 1'), done)],
    // A new solution each time, as every first join has: a replay would draw no number.
    [
      'join statement (product)',
      async () => (await arrivalForSolution(db, eventId, randomBytes(32), new Date(Date.now() + 120_000)), done),
    ],
    ['sequence nextval alone', async () => (await nextArrival(db, eventId), done)],
    [
      'counter row UPDATE (not taken)',
      async () => (
        await db.query('UPDATE bench_queue_counters SET joined = joined + 1 WHERE event_id = $1 RETURNING joined', [
          eventId,
        ]),
        done
      ),
    ],
    ['verified account INSERT', async () => (await joinAsAccount(db, eventId, randomUUID(), new Date()), done)],
  ];
  const rounds: PhaseResult[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const turn: PhaseResult[] = [];
    for (const [name, attempt] of variants) turn.push(await phase(name, PHASE, attempt));
    rounds.push(turn);
  }
  await db.close();

  const results = medianOfRounds(rounds);
  printResults(
    `queue arrivals — real Postgres, concurrency ${CONCURRENCY}, ${ROUNDS} rounds of ${PHASE.phaseMs / 1000} s a phase; ` +
      'medians over the rounds, counts summed',
    results,
    ['joined', '-'],
  );
  const ratio = (variant: number, base: number) =>
    `${(median(rounds.map((r) => r[variant]!.perSecond / r[base]!.perSecond)) * 100).toFixed(0)}%`;
  const p99Ratio = (variant: number, base: number) =>
    median(rounds.map((r) => r[variant]!.p99 / r[base]!.p99)).toFixed(2);
  console.log(
    `\njoins/s as a share of round trips/s: join (product) ${ratio(1, 0)}, sequence alone ${ratio(2, 0)}, ` +
      `counter row ${ratio(3, 0)}, verified account ${ratio(4, 0)}; ` +
      `join / counter row: ${ratio(1, 3)} of the rate, p99 × ${p99Ratio(1, 3)}`,
  );
} finally {
  await server.stop();
}
