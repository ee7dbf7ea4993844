// npm run bench:checkout — completed purchases per second through HTTP at concurrency 32 (hold → order → the buyer
// approves on the sandbox provider's page → complete → paid with tickets), p50/p99 of a whole purchase, beside the
// baseline measured in the same run: holds per second through the same API at the same concurrency, in each round
// next to that round's purchases (the ratio quoted is the median of the rounds'); then the same purchases with one
// shared promo code (1,000,000 uses, counted on its shard rows) and their ratio to plain purchases (issue 16's target:
// at least 70 %). Plain and promo phases alternate over three rounds (plain first, then promo first, then plain
// first), each on events of its own, so neither side always runs warm; that ratio too is the median of the rounds'.
// Real Postgres, started here from the machine's binaries; the API runs as `npm start` runs it. Before the timed
// phases, a purchase made step by step: CPU ms and Postgres statements (each a round trip, BEGIN and COMMIT included)
// per request, where a purchase's time goes.
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
import {
  countPostgresOn,
  cpuTicks,
  percentile,
  phase,
  printResults,
  startApiServer,
  stopApiServer,
  type PhaseResult,
} from './harness.ts';
import { callsBetween, statementCounts, totalCalls } from './statements.ts';

const CONCURRENCY = 32;
const PHASE = {
  concurrency: CONCURRENCY,
  phaseMs: Number(process.env.BENCH_PHASE_MS ?? 6000),
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 3000),
};
const SERVER_POOL = Number(process.env.BENCH_SERVER_POOL ?? 8);

// pg_stat_statements counts the statements of each step (BEGIN and COMMIT too: each is a round trip).
const server = await startPostgresServer({ settings: { shared_preload_libraries: 'pg_stat_statements' } });
countPostgresOn(server.port);
const varDir = mkdtempSync(join(tmpdir(), 'ticketboss-bench-'));
let child: Awaited<ReturnType<typeof startApiServer>> | undefined;
try {
  const { db, services, venue } = await benchVenue(server.url, { shopOrigins: () => ['https://shop.example'] });
  await db.query('CREATE EXTENSION pg_stat_statements');
  const sql = new pg.Pool({ connectionString: server.url, max: 1 });
  const stadium = generateStadium();
  const map = await services.admin.importSeatMap(venue.id, stadium);
  const seatIds = stadium.seats.map((s) => s.id);
  const sections = stadium.sections.map((s) => s.id);
  const newEvent = (name: string) =>
    createOnSaleEvent(services, map.id, sections, { name, currency: 'GBP', holdTtlSeconds: 900, perOrderLimit: 10 });
  const ROUNDS = 3;
  const events = {
    holds: await newEvent('holds baseline'),
    checkout: [] as string[],
    promo: [] as string[],
    steps: await newEvent('CPU per step'),
  };
  for (let round = 0; round < ROUNDS; round++) {
    events.checkout.push(await newEvent(`checkout ${round + 1}`));
    const promoEvent = await newEvent(`checkout with a shared promo code ${round + 1}`);
    events.promo.push(promoEvent);
    await services.commerce.codes.createPromo(
      { sub: 'bench-admin', groups: ['admin'] },
      {
        eventId: promoEvent,
        // Codes are unique per venue: one per round's event.
        code: `BENCH-SHARED-${round + 1}`,
        discount: { kind: 'percent', basisPoints: 1000 },
        scope: { tierIds: null, ticketTypeIds: null },
        validFrom: null,
        validUntil: null,
        maxUses: 1_000_000,
        maxUsesPerBuyer: null,
      },
    );
  }

  const port = await freePort();
  child = await startApiServer({
    PORT: String(port),
    DATABASE_URL: server.url,
    VAR_DIR: varDir,
    DB_POOL_SIZE: String(SERVER_POOL),
  });
  const base = `http://127.0.0.1:${port}`;
  const http = new HttpPool(base, { connections: CONCURRENCY * 2, pipelining: 1 });
  const send = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
    const response = await http.request({
      method: method as 'POST',
      path,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.body.text();
    return { status: response.statusCode, text };
  };
  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    send('POST', path, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));

  let next = 0;
  const nextSeat = () => seatIds[next++ % seatIds.length]!;
  const hold = async (eventId: string) => {
    const response = await postJson(`/v1/events/${eventId}/holds`, { seatIds: [nextSeat()] });
    if (response.status !== 201) throw new Error(`hold answered ${response.status}: ${response.text}`);
    return JSON.parse(response.text) as { id: string; token: string };
  };

  const results: PhaseResult[] = [];
  type Held = { id: string; token: string };
  type Created = { id: string; accessToken: string; payments: { redirectUrl: string }[] };
  const createOrder = async (held: Held, code?: string) => {
    const created = await postJson(
      '/v1/orders',
      {
        holdId: held.id,
        buyer: { email: 'bench@example.com', name: 'Bench Buyer' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: `${base}/back` },
        ...(code ? { code } : {}),
      },
      { 'x-hold-token': held.token, 'idempotency-key': randomUUID() },
    );
    if (created.status !== 201) throw new Error(`order answered ${created.status}: ${created.text}`);
    return JSON.parse(created.text) as Created;
  };
  const approve = async (order: Created) => {
    const approval = new URL(order.payments[0]!.redirectUrl);
    const approved = await send(
      'POST',
      approval.pathname,
      { 'content-type': 'application/x-www-form-urlencoded' },
      'decision=approve&scenario=approve',
    );
    if (approved.status !== 303) throw new Error(`approval answered ${approved.status}`);
  };
  const complete = async (order: Created, code?: string) => {
    const paid = await send('POST', `/v1/orders/${order.id}/payments/complete`, {
      'x-order-token': order.accessToken,
      'idempotency-key': randomUUID(),
    });
    if (paid.status !== 200 || !paid.text.includes('"state":"paid"')) {
      throw new Error(`complete answered ${paid.status}: ${paid.text.slice(0, 200)}`);
    }
    if (code && !paid.text.includes('"promoCode":"BENCH-SHARED-')) throw new Error('the promo code was not applied');
  };
  // Every purchase completed, warm-up included: a phase's purchases with their tickets emailed are counted from its
  // start until the outbox is empty again.
  let purchased = 0;
  // Each request of a plain phase's purchases, timed after its warm-up: where a whole purchase's time goes.
  const STEPS = ['hold', 'order', 'approval', 'completion'] as const;
  let timing: Record<(typeof STEPS)[number], number[]> | null = null;
  const timed = async <T>(step: (typeof STEPS)[number], request: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const answer = await request();
    timing?.[step].push(performance.now() - started);
    return answer;
  };
  const purchase = async (eventId: string, code?: string) => {
    const held = await timed('hold', () => hold(eventId));
    const order = await timed('order', () => createOrder(held, code));
    await timed('approval', () => approve(order));
    await timed('completion', () => complete(order, code));
    purchased++;
    return { outcome: 'held' as const };
  };
  // Where a purchase's server time goes: STEP_PURCHASES purchases made step by step (all holds, then all orders, then
  // all approvals, then all completions, each at the same concurrency, after as many unmeasured), the API server's and
  // Postgres's CPU counted around each step and divided by its requests. The sales queue fulfilment jobs (the emails
  // with the tickets), which the outbox dispatcher runs in the same process locally (in AWS in a Lambda of its own):
  // the step starts with the outbox empty, the jobs left after the completions are run to the end and counted on their
  // own, and the jobs the dispatcher ran while the completions were going are taken off the completions at that cost a
  // job. It runs before the timed phases, so no job of theirs is left to count here, and it leaves the outbox empty for
  // them.
  const STEP_PURCHASES = Number(process.env.BENCH_STEP_PURCHASES ?? 256);
  type Cpu = { server: number; postgres: number; statements: number };
  const perStep: ({ step: string } & Cpu)[] = [];
  const measured = async <T>(work: () => Promise<T>): Promise<{ result: T; cpu: Cpu }> => {
    const counted = await statementCounts(sql);
    const before = cpuTicks();
    const result = await work();
    const after = cpuTicks();
    // Ticks are 10 ms. The counts' own reads are not counted (statements.ts leaves them out).
    const ms = (side: 'server' | 'postgres') => (after[side] - before[side]) * 10;
    const statements = totalCalls(callsBetween(counted, await statementCounts(sql)));
    return { result, cpu: { server: ms('server'), postgres: ms('postgres'), statements } };
  };
  const record = (step: string, cpu: Cpu, count = STEP_PURCHASES) =>
    perStep.push({
      step,
      server: cpu.server / count,
      postgres: cpu.postgres / count,
      statements: cpu.statements / count,
    });
  const eachAtConcurrency = async <T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> => {
    const answers: R[] = new Array<R>(items.length);
    let taken = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (taken < items.length) {
          const index = taken++;
          answers[index] = await work(items[index]!);
        }
      }),
    );
    return answers;
  };
  const outbox = async () => {
    const counts = await db.query<{ pending: number; done: number }>(
      `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE state = 'done')::int AS done
       FROM outbox`,
    );
    return counts.rows[0]!;
  };
  // The dispatcher looks every 250 ms; the bench asks Postgres as often, which costs it next to nothing.
  const outboxDrained = async () => {
    while ((await outbox()).pending > 0) await new Promise((resolve) => setTimeout(resolve, 250));
  };
  next = 0;
  const stepSeats = Array.from({ length: STEP_PURCHASES }, (_, i) => i);
  // The same steps once first, not counted: the first few hundred requests of a kind run while V8 still compiles
  // their code, which would count against the steps here but not against the timed phases.
  const warmOrders = await eachAtConcurrency(await eachAtConcurrency(stepSeats, () => hold(events.steps)), (held) =>
    createOrder(held),
  );
  await eachAtConcurrency(warmOrders, approve);
  await eachAtConcurrency(warmOrders, (order) => complete(order));
  await outboxDrained();
  const holds = await measured(() => eachAtConcurrency(stepSeats, () => hold(events.steps)));
  record('hold', holds.cpu);
  const orders = await measured(() => eachAtConcurrency(holds.result, (held) => createOrder(held)));
  record('order', orders.cpu);
  record('approve (sandbox page)', (await measured(() => eachAtConcurrency(orders.result, approve))).cpu);
  const doneBefore = (await outbox()).done;
  const completions = await measured(() => eachAtConcurrency(orders.result, (order) => complete(order)));
  const doneMeanwhile = (await outbox()).done - doneBefore;
  const jobs = await measured(outboxDrained);
  const jobsAfter = (await outbox()).done - doneBefore - doneMeanwhile;
  const perJob = (side: keyof Cpu) => (jobsAfter > 0 ? jobs.cpu[side] / jobsAfter : 0);
  const estimated = (side: keyof Cpu) => Math.max(0, completions.cpu[side] - doneMeanwhile * perJob(side));
  record('complete', {
    server: estimated('server'),
    postgres: estimated('postgres'),
    statements: estimated('statements'),
  });
  const jobsPerOrder = (doneMeanwhile + jobsAfter) / STEP_PURCHASES;
  const forJobs = (side: keyof Cpu) => perJob(side) * jobsPerOrder * STEP_PURCHASES;
  record(`fulfilment (${jobsPerOrder.toFixed(0)} jobs)`, {
    server: forJobs('server'),
    postgres: forJobs('postgres'),
    statements: forJobs('statements'),
  });
  const holdCpu = perStep[0]!.server + perStep[0]!.postgres;
  console.log(
    `\nCPU ms per request, ${STEP_PURCHASES} purchases step by step at concurrency ${CONCURRENCY} ` +
      `(complete: less the ${doneMeanwhile} fulfilment jobs run meanwhile, at the cost of the ${jobsAfter} after):`,
  );
  console.log('step                       server  postgres   both  × a hold  statements');
  for (const { step, server, postgres, statements } of perStep) {
    console.log(
      `${step.padEnd(24)} ${server.toFixed(2).padStart(8)} ${postgres.toFixed(2).padStart(9)} ${(server + postgres).toFixed(2).padStart(6)} ${((server + postgres) / holdCpu).toFixed(1).padStart(9)} ${statements.toFixed(1).padStart(11)}`,
    );
  }
  const purchaseSteps = perStep.slice(0, 4);
  const sum = (side: keyof Cpu) => purchaseSteps.reduce((total, s) => total + s[side], 0);
  console.log(
    `a purchase's 4 requests (hold, order, approval, completion): ${sum('statements').toFixed(1)} statements, ` +
      `server ${sum('server').toFixed(2)} ms, postgres ` +
      `${sum('postgres').toFixed(2)} ms, ${((sum('server') + sum('postgres')) / 4 / holdCpu).toFixed(1)} × a hold's a request; ` +
      `its fulfilment jobs besides: server ${perStep[4]!.server.toFixed(1)} ms`,
  );
  // What the CPU alone allows, less exposed to the other work on a shared machine than the timed phases below: holds
  // a purchase costs, with its jobs (here, and on this machine) and without them (in AWS they run in a Lambda of their
  // own, so the API's cores serve only the requests).
  const purchaseCpu = sum('server') + sum('postgres');
  const jobsCpu = perStep[4]!.server + perStep[4]!.postgres;
  console.log(
    `purchases / holds by CPU: ${((holdCpu / (purchaseCpu + jobsCpu)) * 100).toFixed(1)}% with the fulfilment jobs, ` +
      `${((holdCpu / purchaseCpu) * 100).toFixed(1)}% for the requests alone (the jobs elsewhere, as in AWS)`,
  );
  const plain: PhaseResult[] = [];
  const promoted: PhaseResult[] = [];
  // The fulfilment jobs run in the API's process here (in AWS in a Lambda of their own), on the same 2 cores: a
  // phase's figure counts the jobs run while it lasts, and a phase is over only when the jobs of its purchases are
  // done (so no phase pays for another's emails). "With their tickets emailed": all its purchases, warm-up included,
  // over the time from its start until the outbox was empty.
  const emailed: { plain: number[]; promo: number[] } = { plain: [], promo: [] };
  const rounds: Record<(typeof STEPS)[number], number[]>[] = [];
  const drained: number[] = [];
  const timedWithJobs = async (side: keyof typeof emailed, run: () => Promise<PhaseResult>) => {
    const started = performance.now();
    const before = purchased;
    const result = await run();
    const ended = performance.now();
    await outboxDrained();
    drained.push((performance.now() - ended) / 1000);
    emailed[side].push((purchased - before) / ((performance.now() - started) / 1000));
    return result;
  };
  // The baseline, holds, is measured in each round beside its plain purchases (the machine is shared and its speed
  // drifts over a run), on one event whose seats go on from round to round; the ratio quoted is the median of the
  // rounds' ratios.
  const holdsRounds: PhaseResult[] = [];
  let holdSeat = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const runHolds = async () => {
      next = holdSeat;
      holdsRounds.push(
        await phase(`HTTP API, holds (round ${round + 1})`, PHASE, async () => {
          await hold(events.holds);
          return { outcome: 'held' };
        }),
      );
      holdSeat = next;
    };
    const runPlain = async () => {
      next = 0;
      const warmedUp = setTimeout(
        () => rounds.push((timing = { hold: [], order: [], approval: [], completion: [] })),
        PHASE.warmupMs,
      );
      plain.push(
        await timedWithJobs('plain', async () => {
          const result = await phase(`HTTP API, whole purchases (round ${round + 1})`, PHASE, () =>
            purchase(events.checkout[round]!),
          );
          clearTimeout(warmedUp);
          timing = null;
          return result;
        }),
      );
    };
    const runPromo = async () => {
      next = 0;
      promoted.push(
        await timedWithJobs('promo', () =>
          phase(`HTTP API, whole purchases, one shared promo code (round ${round + 1})`, PHASE, () =>
            purchase(events.promo[round]!, `bench-shared-${round + 1}`),
          ),
        ),
      );
    };
    // Holds always next to plain purchases; promo purchases first in one round, last in the next.
    if (round % 2 === 0) {
      await runHolds();
      await runPlain();
      await runPromo();
    } else {
      await runPromo();
      await runPlain();
      await runHolds();
    }
  }
  results.push(...holdsRounds, ...plain, ...promoted);

  printResults(
    `checkout benchmark — real Postgres, concurrency ${CONCURRENCY}, ${PHASE.phaseMs / 1000} s a phase, server pool ${SERVER_POOL}`,
    results,
    ['done', 'refused'],
  );
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const holdsPerSecond = median(holdsRounds.map((r) => r.perSecond));
  const purchasesPerSecond = median(plain.map((r) => r.perSecond));
  const shares = plain.map((r, round) => r.perSecond / holdsRounds[round]!.perSecond);
  console.log(
    `\npurchases / holds: ${(median(shares) * 100).toFixed(1)}% (median of the rounds: ` +
      `${shares.map((r) => `${(r * 100).toFixed(1)}%`).join(', ')}; median ${purchasesPerSecond.toFixed(0)} purchases/s, ` +
      `each 5 requests incl. the buyer's approval; ${holdsPerSecond.toFixed(0)} holds/s)`,
  );
  const withTickets = median(emailed.plain);
  console.log(
    `purchases with their tickets emailed / holds: ${((withTickets / holdsPerSecond) * 100).toFixed(0)}% ` +
      `(median ${withTickets.toFixed(0)}/s: rounds ${emailed.plain.map((r) => r.toFixed(0)).join(', ')}; ` +
      `the outbox emptied ${median(drained).toFixed(1)} s after a phase, median)`,
  );
  console.log(
    `purchase p50 ${median(plain.map((r) => r.p50)).toFixed(1)} ms, p99 ${median(plain.map((r) => r.p99)).toFixed(1)} ms (medians)`,
  );
  // A closed loop of CONCURRENCY buyers, each starting the next purchase when one ends: by Little's law a purchase's
  // mean time is CONCURRENCY ÷ purchases per second, whatever the server does with it; the p99 can't be below it.
  console.log(
    `a purchase's mean time at concurrency ${CONCURRENCY} by Little's law: ${((CONCURRENCY / purchasesPerSecond) * 1000).toFixed(0)} ms ` +
      `(${CONCURRENCY} ÷ ${purchasesPerSecond.toFixed(0)}/s); a p99 under 150 ms needs about ` +
      `${((CONCURRENCY * median(plain.map((r) => r.p99 / r.p50))) / 0.15).toFixed(0)} purchases/s at this run's p99 ÷ p50`,
  );
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  console.log(
    `each request of a purchase, p50 / p99 ms (medians of the rounds): ` +
      STEPS.map((step) => {
        const each = rounds.map((r) => sorted(r[step]));
        return `${step} ${median(each.map((v) => percentile(v, 50))).toFixed(1)} / ${median(each.map((v) => percentile(v, 99))).toFixed(1)}`;
      }).join(', '),
  );
  const ratios = plain.map((r, round) => promoted[round]!.perSecond / r.perSecond);
  console.log(
    `shared promo code / plain purchases: ${(median(ratios) * 100).toFixed(0)}% (target ≥ 70%; median of the rounds: ` +
      `${ratios.map((r) => `${(r * 100).toFixed(0)}%`).join(', ')}; promo p50 ${median(promoted.map((r) => r.p50)).toFixed(1)} ms, ` +
      `p99 ${median(promoted.map((r) => r.p99)).toFixed(1)} ms)`,
  );

  if (results.some((r) => r.errors > 0)) {
    console.error('errors during the benchmark: the figures are not valid');
    process.exitCode = 1;
  }
  await http.close();
  await sql.end();
  await db.close();
} finally {
  // The API first: it ends its outbox batch and closes its connections before Postgres goes.
  await stopApiServer(child);
  await server.stop();
  rmSync(varDir, { recursive: true, force: true });
}
