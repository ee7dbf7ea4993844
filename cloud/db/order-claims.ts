// SQL for claiming guest orders into an account (migration 0032): an account's proven email, the guest orders bought
// with it, and the claim itself, which takes only orders still without an account, so two claims never share one.
import { ORDER_COLUMNS, type OrderRow } from './orders.ts';
import type { Queryable } from './port.ts';

export interface AccountEmailRow {
  email: string;
  /** When the owner of the address opened a link mailed to it; null: not proven yet. */
  email_verified_at: Date | null;
}

/** The account's email and whether it is proven; null for a principal with no account here (a device, Cognito). */
export async function findAccountEmail(db: Queryable, userId: string): Promise<AccountEmailRow | null> {
  const result = await db.query<AccountEmailRow>(
    'SELECT email, email_verified_at FROM users WHERE id = $1 AND disabled_at IS NULL',
    [userId],
  );
  return result.rows[0] ?? null;
}

/** Records that the account's owner opened a link mailed to its address (the first time counts). */
export async function markEmailVerified(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query('UPDATE users SET email_verified_at = coalesce(email_verified_at, $2) WHERE id = $1', [
    userId,
    now.toISOString(),
  ]);
}

// Only an order that was paid is one the customer bought (a transfer's holding is paid by 'transfer' and has paid_at
// too). One never paid holds no tickets: a checkout still waiting for its payment, or one abandoned (cancelled after
// its hold ran out, or with its event) is left where it is, never shown nor taken as "bought with this email".
const CLAIMABLE = `customer_sub IS NULL AND lower(buyer_email) = lower($1) AND paid_at IS NOT NULL`;

/** The guest orders bought with this email, newest first. */
export async function listClaimableOrders(db: Queryable, email: string, limit: number): Promise<OrderRow[]> {
  const result = await db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE ${CLAIMABLE} ORDER BY created_at DESC LIMIT $2`,
    [email, limit],
  );
  return result.rows;
}

/** Gives the guest orders bought with this email (all, or those of `orderIds`) to the account; the orders taken. */
export async function claimOrders(
  db: Queryable,
  claim: { email: string; customerSub: string; orderIds: string[] | null; now: Date },
): Promise<OrderRow[]> {
  const result = await db.query<OrderRow>(
    `UPDATE orders SET customer_sub = $2, updated_at = $3
     WHERE ${CLAIMABLE} AND ($4::uuid[] IS NULL OR id = ANY($4::uuid[]))
     RETURNING ${ORDER_COLUMNS}`,
    [claim.email, claim.customerSub, claim.now.toISOString(), claim.orderIds],
  );
  return result.rows;
}

/**
 * Takes the order out of the account a claim gave it to (its buyer's email changed, so the claim's ground is gone);
 * the account it left, or null when no claim holds it (a guest's order, or one bought signed in, stays as it is).
 * Only the account of the order's latest claim counts: the audit log's `order.claim` entry naming it.
 */
export async function releaseClaimedOrder(db: Queryable, orderId: string, now: Date): Promise<string | null> {
  const result = await db.query<{ previous: string }>(
    `UPDATE orders o SET customer_sub = NULL, updated_at = $2
     FROM (SELECT id, customer_sub FROM orders WHERE id = $1::uuid FOR UPDATE) AS before
     WHERE o.id = before.id AND before.customer_sub IS NOT NULL
       AND EXISTS (SELECT 1 FROM audit_log a
                   WHERE a.object_type = 'order' AND a.object_id = $1::text AND a.action = 'order.claim'
                     AND a.after->>'customerSub' = before.customer_sub)
     RETURNING before.customer_sub AS previous`,
    [orderId, now.toISOString()],
  );
  return result.rows[0]?.previous ?? null;
}
