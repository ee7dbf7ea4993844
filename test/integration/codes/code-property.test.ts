// Property: for random codes (limited or not, with or without a per-buyer limit) and random sequences of redemptions
// and releases by random buyers, the uses counted equal the redemptions that succeeded minus those released, never
// pass the code's limit, and no buyer holds more live uses than the per-buyer limit. On PGlite one at a time against
// an exact model; on real Postgres in rounds of concurrent transactions, where a refusal must also be true when made.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb, postgresUrl } from '../../support/databases.ts';
import type { CodeRow } from '../../../cloud/db/codes/codes.ts';
import { insertVenue, makeCode } from '../../support/codes.ts';
import { redeemCode, releaseRedemption } from '../../../cloud/db/codes/uses.ts';
import type { Db } from '../../../cloud/db/port.ts';

const BUYERS = 4;
const now = new Date('2030-01-10T12:00:00Z');

type Op =
  { kind: 'redeem'; buyer: number } | { kind: 'redeem_same_order'; which: number } | { kind: 'release'; which: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.nat(BUYERS - 1).map((buyer) => ({ kind: 'redeem' as const, buyer })) },
  { weight: 1, arbitrary: fc.nat(30).map((which) => ({ kind: 'redeem_same_order' as const, which })) },
  { weight: 3, arbitrary: fc.nat(30).map((which) => ({ kind: 'release' as const, which })) },
);

const limits = fc.record({
  maxUses: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
  maxUsesPerBuyer: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
});

interface Redemption {
  id: string;
  orderId: string;
  buyer: number;
  released: boolean;
}

const makeLimitedCode = (
  db: Db,
  venueId: string,
  limit: { maxUses: number | null; maxUsesPerBuyer: number | null },
): Promise<CodeRow> => makeCode(db, { venueId, now, ...limit });

/** What the database counts: uses over the shards (or live redemptions), live redemptions per buyer. */
async function counted(db: Db, codeId: string): Promise<{ used: number; live: number; perBuyer: number[] }> {
  const { rows } = await db.query<{ used: number; live: number; per_buyer: Record<string, number> | null }>(
    `SELECT COALESCE((SELECT sum(used) FROM code_use_slots WHERE code_id = $1),
              (SELECT count(*) FROM code_redemptions WHERE code_id = $1 AND released_at IS NULL))::int AS used,
            (SELECT count(*)::int FROM code_redemptions WHERE code_id = $1 AND released_at IS NULL) AS live,
            (SELECT jsonb_object_agg(buyer_key, n) FROM (SELECT buyer_key, count(*)::int AS n FROM code_redemptions
               WHERE code_id = $1 AND released_at IS NULL GROUP BY buyer_key) b) AS per_buyer`,
    [codeId],
  );
  const row = rows[0]!;
  return {
    used: row.used,
    live: row.live,
    perBuyer: Array.from({ length: BUYERS }, (_, b) => row.per_buyer?.[`buyer-${b}`] ?? 0),
  };
}

describe('code uses property on pglite', () => {
  let db: Db;
  let venueId: string;
  beforeAll(async () => {
    db = await freshDb('pglite');
    venueId = await insertVenue(db, 'Model Hall');
  });
  afterAll(async () => db.close());

  it('matches an exact model of limits, per-buyer limits and releases', async () => {
    await fc.assert(
      fc.asyncProperty(limits, fc.array(op, { minLength: 1, maxLength: 40 }), async (limit, ops) => {
        const code = await makeLimitedCode(db, venueId, limit);
        const made: Redemption[] = [];
        const live = () => made.filter((r) => !r.released);
        let succeeded = 0;
        let released = 0;
        for (const step of ops) {
          if (step.kind === 'release') {
            const target = made[step.which % Math.max(made.length, 1)];
            if (!target) continue;
            const result = await releaseRedemption(db, target.id, now);
            expect(result).toBe(!target.released);
            if (result) released++;
            target.released = true;
          } else if (step.kind === 'redeem_same_order') {
            const target = live()[step.which % Math.max(live().length, 1)];
            if (!target) continue;
            const again = await redeemCode(db, {
              codeId: code.id,
              orderId: target.orderId,
              buyerKey: `buyer-${target.buyer}`,
              now,
            });
            expect(again).toMatchObject({ ok: true, redemptionId: target.id });
          } else {
            const orderId = randomUUID();
            const buyerLive = live().filter((r) => r.buyer === step.buyer).length;
            const expected: true | 'buyer_limit' | 'exhausted' =
              limit.maxUsesPerBuyer !== null && buyerLive >= limit.maxUsesPerBuyer
                ? 'buyer_limit'
                : limit.maxUses !== null && live().length >= limit.maxUses
                  ? 'exhausted'
                  : true;
            const outcome = await redeemCode(db, { codeId: code.id, orderId, buyerKey: `buyer-${step.buyer}`, now });
            if (expected === true) {
              expect(outcome.ok).toBe(true);
              if (outcome.ok) made.push({ id: outcome.redemptionId, orderId, buyer: step.buyer, released: false });
              succeeded++;
            } else {
              expect(outcome).toEqual({ ok: false, reason: expected });
            }
          }
          const state = await counted(db, code.id);
          expect(state.used).toBe(succeeded - released);
          expect(state.live).toBe(state.used);
          if (limit.maxUses !== null) expect(state.used).toBeLessThanOrEqual(limit.maxUses);
          for (const n of state.perBuyer)
            if (limit.maxUsesPerBuyer !== null) expect(n).toBeLessThanOrEqual(limit.maxUsesPerBuyer);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe.skipIf(!postgresUrl())('code uses property on real Postgres, concurrently', () => {
  let db: Db;
  let venueId: string;
  beforeAll(async () => {
    db = await freshDb('postgres', { maxConnections: 12 });
    venueId = await insertVenue(db, 'Model Hall');
  });
  afterAll(async () => db?.close());

  it('keeps the counts true and the limits whole when each round of operations races', async () => {
    const rounds = fc.array(fc.array(op, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(limits, rounds, async (limit, plan) => {
        const code = await makeLimitedCode(db, venueId, limit);
        const made: Redemption[] = [];
        let succeeded = 0;
        let released = 0;
        for (const round of plan) {
          // Releases aim at redemptions made before the round; the round's operations then run at once.
          const before = [...made];
          let releasedInRound = false;
          const refusals: { reason: string; buyer: number }[] = [];
          await Promise.all(
            round.map(async (step) => {
              if (step.kind === 'redeem') {
                const orderId = randomUUID();
                const outcome = await db.transaction((tx) =>
                  redeemCode(tx, { codeId: code.id, orderId, buyerKey: `buyer-${step.buyer}`, now }),
                );
                if (outcome.ok) {
                  made.push({ id: outcome.redemptionId, orderId, buyer: step.buyer, released: false });
                  succeeded++;
                } else refusals.push({ reason: outcome.reason, buyer: step.buyer });
                return;
              }
              const target = before[step.which % Math.max(before.length, 1)];
              if (!target) return;
              if (step.kind === 'release') {
                releasedInRound = true;
                if (await db.transaction((tx) => releaseRedemption(tx, target.id, now))) {
                  released++;
                  target.released = true;
                }
              } else {
                const again = await db.transaction((tx) =>
                  redeemCode(tx, {
                    codeId: code.id,
                    orderId: target.orderId,
                    buyerKey: `buyer-${target.buyer}`,
                    now,
                  }),
                );
                // The order gets its live use back; released in this round already, it redeems anew (or is refused).
                // Two of them racing after a release make one new use between them: count each use once.
                if (!again.ok) refusals.push({ reason: again.reason, buyer: target.buyer });
                else if (!made.some((r) => r.id === again.redemptionId)) {
                  made.push({ id: again.redemptionId, orderId: target.orderId, buyer: target.buyer, released: false });
                  succeeded++;
                }
              }
            }),
          );
          const state = await counted(db, code.id);
          expect(state.used).toBe(succeeded - released);
          expect(state.live).toBe(state.used);
          expect(state.perBuyer.reduce((sum, n) => sum + n, 0)).toBe(state.live);
          if (limit.maxUses !== null) expect(state.used).toBeLessThanOrEqual(limit.maxUses);
          if (limit.maxUsesPerBuyer !== null)
            for (const n of state.perBuyer) expect(n).toBeLessThanOrEqual(limit.maxUsesPerBuyer);
          // Nothing was given back in the round, so a refusal still holds after it: no unit was left when it was made.
          if (!releasedInRound) {
            for (const refusal of refusals) {
              if (refusal.reason === 'exhausted') expect(state.used).toBe(limit.maxUses);
              else expect(state.perBuyer[refusal.buyer]).toBe(limit.maxUsesPerBuyer);
            }
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});
