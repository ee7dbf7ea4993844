// SQL for the uses of codes (code_redemptions, and the shard rows of code_use_slots they are counted in): redeemed by
// an order, released when the order no longer counts (cancelled, expired, refunded: the caller's rule), and counted.
// No hot row: a limited code's uses are split over up to 16 shards taken with SKIP LOCKED (redeem_code() of
// migration 0009), an unlimited code's redemption locks no shared row, and the per-buyer limit is a unique index.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../port.ts';

export type RedeemOutcome =
  { ok: true; redemptionId: string; shard: number | null } | { ok: false; reason: 'exhausted' | 'buyer_limit' };

/**
 * Counts one use of the code by the order, in the caller's transaction: refused when the code has no use left, or
 * when this buyer (a lower-cased email or an account id: the caller's choice, the same every time) has used it as
 * often as it allows. An order that already has a live use of the code gets that one back. A limited code's shard
 * stays locked until the transaction ends, so call this late in the checkout's transaction.
 */
export async function redeemCode(
  tx: Queryable,
  redemption: { codeId: string; orderId: string; buyerKey: string; now: Date },
): Promise<RedeemOutcome> {
  const result = await tx.query<{ outcome: string; out_redemption_id: string | null; out_shard: number | null }>(
    'SELECT outcome, out_redemption_id, out_shard FROM redeem_code($1, $2, $3, $4, $5)',
    [randomUUID(), redemption.codeId, redemption.orderId, redemption.buyerKey, redemption.now.toISOString()],
  );
  const row = result.rows[0]!;
  if (row.outcome === 'redeemed') return { ok: true, redemptionId: row.out_redemption_id!, shard: row.out_shard };
  return { ok: false, reason: row.outcome as 'exhausted' | 'buyer_limit' };
}

/**
 * Gives a use back to its code, exactly once: true for the call that released it, false when it was released
 * already (a retry, a second path racing this one). The redemption and its shard change in one statement.
 */
export async function releaseRedemption(tx: Queryable, redemptionId: string, now: Date): Promise<boolean> {
  const result = await tx.query<{ released: number }>(
    `WITH released AS (
       UPDATE code_redemptions SET released_at = $2 WHERE id = $1 AND released_at IS NULL RETURNING code_id, shard
     ), given_back AS (
       UPDATE code_use_slots s SET used = s.used - 1
       FROM released r WHERE s.code_id = r.code_id AND s.shard = r.shard
     )
     SELECT count(*)::int AS released FROM released`,
    [redemptionId, now.toISOString()],
  );
  return result.rows[0]!.released > 0;
}

/** Gives back every live use of the order's codes, once; returns how many this call released. */
export async function releaseOrderRedemptions(tx: Queryable, orderId: string, now: Date): Promise<number> {
  const result = await tx.query<{ released: number }>(
    `WITH released AS (
       UPDATE code_redemptions SET released_at = $2 WHERE order_id = $1 AND released_at IS NULL
       RETURNING code_id, shard
     ), per_shard AS (
       SELECT code_id, shard, count(*)::int AS uses FROM released WHERE shard IS NOT NULL GROUP BY code_id, shard
     ), given_back AS (
       UPDATE code_use_slots s SET used = s.used - p.uses
       FROM per_shard p WHERE s.code_id = p.code_id AND s.shard = p.shard
     )
     SELECT count(*)::int AS released FROM released`,
    [orderId, now.toISOString()],
  );
  return result.rows[0]!.released;
}

export interface RedemptionRow {
  id: string;
  code_id: string;
  order_id: string;
  buyer_key: string;
  shard: number | null;
  created_at: Date;
  released_at: Date | null;
}

/** The order's uses of codes, live and released, oldest first. */
export async function listOrderRedemptions(db: Queryable, orderId: string): Promise<RedemptionRow[]> {
  const result = await db.query<RedemptionRow>(
    `SELECT id, code_id, order_id, buyer_key, shard, created_at, released_at FROM code_redemptions
     WHERE order_id = $1 ORDER BY created_at, id`,
    [orderId],
  );
  return result.rows;
}

/**
 * A code's uses now, null for an unknown code: `used` from its shards (or, unlimited, its live redemptions) and
 * `remaining` (null: unlimited). Uses of transactions still running are not counted until they commit.
 */
export async function codeUsage(
  db: Queryable,
  codeId: string,
): Promise<{ used: number; remaining: number | null } | null> {
  const result = await db.query<{ max_uses: number | null; used: number }>(
    `SELECT c.max_uses,
       COALESCE((SELECT sum(s.used) FROM code_use_slots s WHERE s.code_id = c.id),
         (SELECT count(*) FROM code_redemptions r WHERE r.code_id = c.id AND r.released_at IS NULL))::int AS used
     FROM codes c WHERE c.id = $1`,
    [codeId],
  );
  const row = result.rows[0];
  if (!row) return null;
  return { used: row.used, remaining: row.max_uses === null ? null : row.max_uses - row.used };
}
