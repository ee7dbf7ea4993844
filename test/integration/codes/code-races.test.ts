// Codes under a race on a real Postgres server: 200 checkouts redeem one code of 50 uses at once, each in its own
// transaction on its own connection, with and without releases and rollbacks in between; a buyer races himself past
// the per-buyer limit; and the redemptions of one shared code do not queue on a row, shown by the locks they hold.
// The suite opens over 200 connections, so it runs its own server (the machine's binaries, like the shared one) and
// leaves the shared server's connections to the other suites; like them it must run in CI.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../support/databases.ts';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server.ts';
import { createPostgresDb } from '../../../cloud/db/postgres.ts';
import { migrate } from '../../../cloud/db/migrate.ts';
import type { CodeRow, NewCode } from '../../../cloud/db/codes/codes.ts';
import { insertVenue, makeCode } from '../../support/codes.ts';
import { redeemCode, releaseRedemption, type RedeemOutcome } from '../../../cloud/db/codes/uses.ts';
import type { Db, Queryable } from '../../../cloud/db/port.ts';

const RACERS = 200;
const USES = 50;

/** Resolves for everyone once `parties` have arrived: the racers start together, each inside its open transaction. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.skipIf(!postgresUrl())('codes under a race on real Postgres', () => {
  let server: PostgresServer;
  let db: Db;
  let venueId: string;
  const now = new Date();

  const newCode = (options: Partial<NewCode>) => makeCode(db, { venueId, now, ...options });
  /** The code's shards and, per shard, the live redemptions counted in it: read in one snapshot. */
  const shardsOf = async (codeId: string, on: Queryable = db) =>
    (
      await on.query<{ shard: number; capacity: number; used: number; live: number }>(
        `SELECT s.shard, s.capacity, s.used,
           (SELECT count(*)::int FROM code_redemptions r
            WHERE r.code_id = s.code_id AND r.shard = s.shard AND r.released_at IS NULL) AS live
         FROM code_use_slots s WHERE s.code_id = $1 ORDER BY s.shard`,
        [codeId],
      )
    ).rows;
  const redeemIn = (tx: Queryable, code: CodeRow, buyerKey: string) =>
    redeemCode(tx, { codeId: code.id, orderId: randomUUID(), buyerKey, now });

  beforeAll(async () => {
    server = await startPostgresServer({ maxConnections: RACERS + 60 });
    db = createPostgresDb({ connectionString: server.url, maxConnections: RACERS + 20, lockTimeoutMs: 15_000 });
    await migrate(db);
    venueId = await insertVenue(db, 'Race Hall');
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
  });

  it('lets exactly 50 of 200 concurrent redemptions of a 50-use code through, no shard over its capacity', async () => {
    const code = await newCode({ maxUses: USES });
    const start = barrier(RACERS);
    const outcomes = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        db
          .transaction(async (tx) => {
            await start();
            const outcome = await redeemIn(tx, code, `buyer-${i}`);
            // The rest of the checkout's transaction: the shard stays locked meanwhile.
            await tx.query('SELECT pg_sleep(0.02)');
            return outcome;
          })
          .catch((error: Error) => ({ error: error.message })),
      ),
    );
    const errors = outcomes.filter((o) => 'error' in o);
    expect(errors).toEqual([]);
    const redeemed = outcomes.filter((o): o is RedeemOutcome & { ok: true } => 'ok' in o && o.ok);
    expect(redeemed).toHaveLength(USES);
    expect(outcomes.filter((o) => 'ok' in o && !o.ok && o.reason === 'exhausted')).toHaveLength(RACERS - USES);
    expect(new Set(redeemed.map((o) => o.redemptionId)).size).toBe(USES);

    const shards = await shardsOf(code.id);
    expect(shards).toHaveLength(16);
    expect(shards.reduce((sum, s) => sum + s.used, 0)).toBe(USES);
    for (const shard of shards) {
      expect(shard.used).toBe(shard.capacity);
      expect(shard.live).toBe(shard.used);
    }
    const perShard = new Map<number, number>();
    for (const o of redeemed) perShard.set(o.shard!, (perShard.get(o.shard!) ?? 0) + 1);
    for (const shard of shards) expect(perShard.get(shard.shard)).toBe(shard.used);
  });

  it('never counts more than 50 live uses while redemptions, rollbacks and releases interleave', async () => {
    const code = await newCode({ maxUses: USES });
    const start = barrier(RACERS);
    let racing = true;
    const samples: { used: number; live: number }[] = [];
    // Watches the counters all through the race: every snapshot keeps the shards and the redemptions in step.
    const watch = (async () => {
      while (racing) {
        const { rows } = await db.query<{ used: number; live: number }>(
          `SELECT (SELECT COALESCE(sum(used), 0)::int FROM code_use_slots WHERE code_id = $1) AS used,
             (SELECT count(*)::int FROM code_redemptions WHERE code_id = $1 AND released_at IS NULL) AS live`,
          [code.id],
        );
        samples.push(rows[0]!);
      }
    })();
    let committed = 0;
    let released = 0;
    let rolledBack = 0;
    let exhausted = 0;
    const errors: string[] = [];
    await Promise.all(
      Array.from({ length: RACERS }, async (_, i) => {
        try {
          const outcome = await db.transaction(async (tx) => {
            await start();
            const result = await redeemIn(tx, code, `buyer-${i}`);
            await tx.query('SELECT pg_sleep(0.01)');
            // Every fifth checkout fails after its redemption: the unit goes back with the rollback.
            if (result.ok && i % 5 === 0) throw new Error('checkout failed');
            return result;
          });
          if (!outcome.ok) {
            exhausted++;
            return;
          }
          committed++;
          // Every third paid order is cancelled at once, racing the redemptions still running; twice, as a retry
          // would: the unit comes back once.
          if (i % 3 === 0) {
            const [first, again] = await Promise.all([
              db.transaction((tx) => releaseRedemption(tx, outcome.redemptionId, now)),
              db.transaction((tx) => releaseRedemption(tx, outcome.redemptionId, now)),
            ]);
            expect([first, again].filter(Boolean)).toHaveLength(1);
            released++;
          }
        } catch (error) {
          if ((error as Error).message === 'checkout failed') rolledBack++;
          else errors.push((error as Error).message);
        }
      }),
    );
    racing = false;
    await watch;

    expect(errors).toEqual([]);
    expect(rolledBack).toBeGreaterThan(0);
    expect(released).toBeGreaterThan(0);
    expect(exhausted).toBeGreaterThan(0);
    // Someone was told "exhausted", so at that moment all 50 uses were committed: at least 50 orders kept theirs.
    expect(committed).toBeGreaterThanOrEqual(USES);
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      expect(sample.used).toBe(sample.live);
      expect(sample.used).toBeLessThanOrEqual(USES);
    }
    const shards = await shardsOf(code.id);
    const used = shards.reduce((sum, s) => sum + s.used, 0);
    expect(used).toBe(committed - released);
    expect(used).toBeLessThanOrEqual(USES);
    for (const shard of shards) {
      expect(shard.used).toBeLessThanOrEqual(shard.capacity);
      expect(shard.live).toBe(shard.used);
    }
    console.log(
      `code race with releases: ${committed} committed, ${released} released, ${rolledBack} rolled back, ` +
        `${exhausted} exhausted; ${used} of ${USES} uses live; ${samples.length} snapshots watched`,
    );
  });

  it('holds a buyer racing himself to the per-buyer limit, on a limited and an unlimited code', async () => {
    for (const maxUses of [100, null]) {
      const code = await newCode({ maxUses, maxUsesPerBuyer: 3 });
      const start = barrier(40);
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, () =>
          db.transaction(async (tx) => {
            await start();
            const outcome = await redeemIn(tx, code, 'same-buyer@example.com');
            await tx.query('SELECT pg_sleep(0.01)');
            return outcome;
          }),
        ),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
      expect(outcomes.filter((o) => !o.ok && o.reason === 'buyer_limit')).toHaveLength(37);
      const live = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM code_redemptions WHERE code_id = $1 AND released_at IS NULL`,
        [code.id],
      );
      expect(live.rows[0]!.n).toBe(3);
      if (maxUses !== null) expect((await shardsOf(code.id)).reduce((sum, s) => sum + s.used, 0)).toBe(3);
    }
  });

  it('makes one use of racing redemptions for the same order (a retry racing the first)', async () => {
    for (const limits of [{ maxUses: 100 }, { maxUses: null }, { maxUses: 100, maxUsesPerBuyer: 5 }]) {
      const code = await newCode(limits);
      const orderId = randomUUID();
      const start = barrier(20);
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction(async (tx) => {
            await start();
            return redeemCode(tx, { codeId: code.id, orderId, buyerKey: 'retrying@example.com', now });
          }),
        ),
      );
      const ids = new Set(outcomes.map((o) => (o.ok ? o.redemptionId : o.reason)));
      expect(ids.size).toBe(1);
      expect(outcomes[0]!.ok).toBe(true);
      const live = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM code_redemptions WHERE code_id = $1 AND released_at IS NULL`,
        [code.id],
      );
      expect(live.rows[0]!.n).toBe(1);
      if (limits.maxUses !== null) expect((await shardsOf(code.id)).reduce((sum, s) => sum + s.used, 0)).toBe(1);
    }
  });

  it('lets 16 open checkouts hold uses of one code side by side, each locking one shard and never the code', async () => {
    const code = await newCode({ maxUses: 1_000 });
    const unlimited = await newCode({});
    const finish = deferred();
    const redeemedInside: Promise<void>[] = [];
    const transactions: Promise<unknown>[] = [];
    // One after another, each left open: if a redemption waited on another one's lock, this would hang.
    for (let i = 0; i < 16; i++) {
      const redeemed = deferred();
      redeemedInside.push(redeemed.promise);
      transactions.push(
        db.transaction(async (tx) => {
          expect((await redeemIn(tx, code, `open-${i}`)).ok).toBe(true);
          expect((await redeemIn(tx, unlimited, `open-${i}`)).ok).toBe(true);
          redeemed.resolve();
          await finish.promise;
        }),
      );
      await redeemed.promise;
    }
    // Seen from outside: all 16 shards locked, the code rows free to lock at once (no foreign-key share lock).
    const probe = await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '100ms'`);
      const free = await tx.query('SELECT shard FROM code_use_slots WHERE code_id = $1 FOR UPDATE SKIP LOCKED', [
        code.id,
      ]);
      const codes = await tx.query('SELECT id FROM codes WHERE id = ANY($1::uuid[]) FOR UPDATE NOWAIT', [
        [code.id, unlimited.id],
      ]);
      return { freeShards: free.rows.length, lockedCodes: codes.rows.length };
    });
    expect(probe).toEqual({ freeShards: 0, lockedCodes: 2 });

    // A 17th finds every shard with room locked, so it waits for one rather than answer "exhausted".
    let seventeenth: RedeemOutcome | undefined;
    const waiting = db.transaction((tx) => redeemIn(tx, code, 'open-17')).then((outcome) => (seventeenth = outcome));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seventeenth).toBeUndefined();
    finish.resolve();
    await Promise.all(transactions);
    await waiting;
    expect(seventeenth).toMatchObject({ ok: true });
    expect((await shardsOf(code.id)).reduce((sum, s) => sum + s.used, 0)).toBe(17);
  });

  it('counts each use of a shared code on one shard while 32 checkouts redeem it for 3 s on end', async () => {
    // As bench:checkout's shared promo code: many shards, every checkout taking one use, releasing its shard at
    // commit, the next one at once. A shard picked twice in one redemption counted two uses and failed the checkout
    // (migration 0038). The bench met it three times in one run; this run of the same shape has not met it on this
    // machine (the plan and the timing have to line up), so it guards the counts rather than reproduce the race.
    const code = await newCode({ maxUses: 1_000_000 });
    await db.query('ANALYZE code_use_slots');
    // The API's pool: 8 connections for the 32 checkouts, as `npm start` has it.
    const pool = createPostgresDb({ connectionString: server.url, maxConnections: 8, lockTimeoutMs: 15_000 });
    const ends = Date.now() + 3000;
    const failures: unknown[] = [];
    let redemptions = 0;
    await Promise.all(
      Array.from({ length: 32 }, async (_, loop) => {
        while (Date.now() < ends) {
          try {
            const outcome = await pool.transaction(async (tx) => {
              const taken = await redeemIn(tx, code, `shared-${loop}`);
              await tx.query('SELECT 1'); // the order's write, in the same transaction
              return taken;
            });
            expect(outcome).toMatchObject({ ok: true });
            redemptions++;
          } catch (error) {
            failures.push(error);
          }
        }
      }),
    );
    await pool.close();
    expect(failures).toEqual([]);
    const shards = await shardsOf(code.id);
    expect(shards.reduce((sum, s) => sum + s.used, 0)).toBe(redemptions);
    expect(shards.every((s) => s.used === s.live)).toBe(true);
  });
});
