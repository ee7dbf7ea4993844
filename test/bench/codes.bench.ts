// npm run bench:codes — does counting the uses of one shared code make a hot row that checkouts queue on? Short
// checkout-like transactions per second at concurrency 32 (BENCH_CONCURRENCY), each on its own connection: write an
// order row, redeem the code late in the transaction as checkout will, write the order's lines, commit. Beside the
// baseline measured in the same run (the same transaction without a code), a control where every worker redeems a
// code of its own (the cost of a redemption with nobody to wait for), and the naive design for contrast: one counter
// row a code, which every redemption updates. Real Postgres, started here from the machine's binaries.
import { randomUUID } from 'node:crypto';
import { startPostgresServer } from '../support/postgres-server.ts';
import { insertVenue, makeCode } from '../support/codes.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import { redeemCode, type RedeemOutcome } from '../../cloud/db/codes/uses.ts';
import type { Queryable } from '../../cloud/db/port.ts';
import { phase, printResults, type Attempt, type PhaseResult } from './harness.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PHASE = {
  concurrency: CONCURRENCY,
  phaseMs: Number(process.env.BENCH_PHASE_MS ?? 2000),
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 1000),
};
/** Large enough that no phase runs out: the limit is checked on every redemption but never reached. */
const LARGE_LIMIT = 100_000_000;

const server = await startPostgresServer();
try {
  const db = createPostgresDb({ connectionString: server.url, maxConnections: CONCURRENCY + 2 });
  await migrate(db);
  // The order-like rows of the benchmark, outside the product's schema.
  await db.query(`CREATE TABLE bench_orders (id uuid PRIMARY KEY, buyer text NOT NULL, total integer NOT NULL,
    lines jsonb, created_at timestamptz NOT NULL)`);
  await db.query(`CREATE TABLE bench_code_counters (code_id uuid PRIMARY KEY, max_uses integer NOT NULL,
    used integer NOT NULL DEFAULT 0 CHECK (used <= max_uses))`);
  const venueId = await insertVenue(db, 'Bench Hall');
  const newCode = (maxUses: number | null) => makeCode(db, { venueId, maxUses, now: new Date() });
  const shared = await newCode(LARGE_LIMIT);
  const sharedUnlimited = await newCode(null);
  const ownCodes = await Promise.all(Array.from({ length: CONCURRENCY }, () => newCode(LARGE_LIMIT)));
  const hotRowCode = await newCode(null);
  await db.query('INSERT INTO bench_code_counters (code_id, max_uses) VALUES ($1, $2)', [hotRowCode.id, LARGE_LIMIT]);

  /** One checkout-like transaction; `redeem` runs between the order row and its lines, as checkout will call it. */
  const checkout =
    (redeem?: (tx: Queryable, orderId: string) => Promise<RedeemOutcome>) => async (): Promise<Attempt> =>
      db.transaction(async (tx) => {
        const orderId = randomUUID();
        const buyer = `buyer-${orderId.slice(0, 8)}@example.com`;
        await tx.query('INSERT INTO bench_orders (id, buyer, total, created_at) VALUES ($1, $2, $3, now())', [
          orderId,
          buyer,
          5000,
        ]);
        const outcome = redeem ? await redeem(tx, orderId) : null;
        if (outcome && !outcome.ok) return { outcome: 'refused' as const };
        await tx.query('UPDATE bench_orders SET total = $2, lines = $3 WHERE id = $1', [
          orderId,
          outcome ? 4500 : 5000,
          JSON.stringify([{ seat: 'A-1', price: 5000, discount: outcome ? 500 : 0 }]),
        ]);
        return { outcome: 'held' as const };
      });
  const redeemOf = (codeId: (loop: number) => string, loop: number) => (tx: Queryable, orderId: string) =>
    redeemCode(tx, { codeId: codeId(loop), orderId, buyerKey: `buyer-${orderId}`, now: new Date() });
  // The naive design: one counter row a code, guarded like event_ga, and a redemption row.
  const hotRowRedeem = async (tx: Queryable, orderId: string): Promise<RedeemOutcome> => {
    const counted = await tx.query(
      'UPDATE bench_code_counters SET used = used + 1 WHERE code_id = $1 AND used < max_uses',
      [hotRowCode.id],
    );
    if (counted.rowCount === 0) return { ok: false, reason: 'exhausted' };
    const redemptionId = randomUUID();
    await tx.query(
      `INSERT INTO code_redemptions (id, code_id, order_id, buyer_key, created_at) VALUES ($1, $2, $3, $4, now())`,
      [redemptionId, hotRowCode.id, orderId, `buyer-${orderId}`],
    );
    return { ok: true, redemptionId, shard: null };
  };

  // The phases take turns, round after round, and each ratio is taken within a round: a machine whose load drifts
  // (other processes, autovacuum) then moves baseline and variant together. Medians over the rounds are reported.
  const variants: [string, (loop: number) => Promise<Attempt>][] = [
    ['no code (baseline)', checkout()],
    ['own code per worker', (loop) => checkout(redeemOf((l) => ownCodes[l]!.id, loop))()],
    ['one shared limited code', (loop) => checkout(redeemOf(() => shared.id, loop))()],
    ['one shared unlimited code', (loop) => checkout(redeemOf(() => sharedUnlimited.id, loop))()],
    ['one counter row (naive)', checkout(hotRowRedeem)],
  ];
  const rounds: PhaseResult[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const turn: PhaseResult[] = [];
    for (const [name, attempt] of variants) turn.push(await phase(name, PHASE, attempt));
    rounds.push(turn);
  }

  const shards = await db.query<{ shards: number; used: number; max_used: number; min_used: number }>(
    `SELECT count(*)::int AS shards, sum(used)::int AS used, max(used) AS max_used, min(used) AS min_used
     FROM code_use_slots WHERE code_id = $1`,
    [shared.id],
  );
  await db.close();

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const medianOf = (index: number): PhaseResult => {
    const runs = rounds.map((turn) => turn[index]!);
    const of = (pick: (r: PhaseResult) => number) => median(runs.map(pick));
    return {
      name: runs[0]!.name,
      cpu: { client: of((r) => r.cpu.client), server: of((r) => r.cpu.server), postgres: of((r) => r.cpu.postgres) },
      requests: runs.reduce((sum, r) => sum + r.requests, 0),
      held: runs.reduce((sum, r) => sum + r.held, 0),
      refused: runs.reduce((sum, r) => sum + r.refused, 0),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      perSecond: of((r) => r.perSecond),
      p50: of((r) => r.p50),
      p99: of((r) => r.p99),
    };
  };
  const results = variants.map((_, index) => medianOf(index));
  printResults(
    `codes benchmark — real Postgres, concurrency ${CONCURRENCY}, ${ROUNDS} rounds of ${PHASE.phaseMs / 1000} s a phase ` +
      `(after ${PHASE.warmupMs / 1000} s warm-up); medians over the rounds, counts summed`,
    results,
    ['done', 'refused'],
  );
  const ratio = (variant: number, base: number) =>
    `${(median(rounds.map((r) => r[variant]!.perSecond / r[base]!.perSecond)) * 100).toFixed(0)}%`;
  console.log(
    `\nshared limited code / no code: ${ratio(2, 0)}; shared unlimited code / no code: ${ratio(3, 0)} ` +
      `(target ≥ 70% for a whole checkout; these transactions are only the code's part of one)`,
  );
  console.log(
    `against the same work without sharing (own code per worker): shared limited ${ratio(2, 1)}, ` +
      `shared unlimited ${ratio(3, 1)}, one counter row ${ratio(4, 1)}`,
  );
  const spread = shards.rows[0]!;
  console.log(
    `the shared limited code's ${spread.shards} shards: ${spread.used} uses, ${spread.min_used}–${spread.max_used} a shard`,
  );
  if (results.some((r) => r.errors > 0 || r.refused > 0)) {
    console.error('errors or refusals during the benchmark: the figures are not valid');
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
