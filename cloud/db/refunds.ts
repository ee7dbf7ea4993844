// SQL for refunds: money given back for some of an order's tickets, settled with the provider or at the counter.
import type { Queryable } from './port.ts';

export interface RefundRow {
  id: string;
  order_id: string;
  payment_id: string;
  amount: number;
  currency: string;
  ticket_ids: string[];
  reason: string;
  requested_by: string;
  state: 'pending' | 'succeeded' | 'failed';
  provider_refund_id: string | null;
  created_at: Date;
  /** What the refund gave back part by part (a RefundBreakdown, contract/commerce.ts); null for refunds of orders
   * priced before breakdowns. Kept as given (jsonb), checked by the service that reads it. */
  breakdown?: unknown;
}

export async function insertRefund(db: Queryable, refund: RefundRow): Promise<void> {
  await db.query(
    `INSERT INTO refunds (id, order_id, payment_id, amount, currency, ticket_ids, reason, requested_by, state,
       provider_refund_id, created_at, completed_at, breakdown)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $9 = 'succeeded' THEN $11::timestamptz END,
       $12::jsonb)`,
    [
      refund.id,
      refund.order_id,
      refund.payment_id,
      refund.amount,
      refund.currency,
      refund.ticket_ids,
      refund.reason,
      refund.requested_by,
      refund.state,
      refund.provider_refund_id,
      refund.created_at.toISOString(),
      refund.breakdown == null ? null : JSON.stringify(refund.breakdown),
    ],
  );
}

export const REFUND_COLUMNS = `id, order_id, payment_id, amount, currency, ticket_ids, reason, requested_by, state,
  provider_refund_id, created_at, breakdown`;

export async function listRefunds(db: Queryable, orderIds: string[]): Promise<RefundRow[]> {
  const result = await db.query<RefundRow>(
    `SELECT ${REFUND_COLUMNS} FROM refunds WHERE order_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [orderIds],
  );
  return result.rows;
}

export async function findRefund(db: Queryable, refundId: string): Promise<RefundRow | null> {
  const result = await db.query<RefundRow>(`SELECT ${REFUND_COLUMNS} FROM refunds WHERE id = $1`, [refundId]);
  return result.rows[0] ?? null;
}

export async function completeRefund(
  db: Queryable,
  refundId: string,
  outcome: { state: 'succeeded' | 'failed'; providerRefundId?: string; now: Date },
): Promise<void> {
  await db.query(
    `UPDATE refunds SET state = $2, provider_refund_id = COALESCE($3, provider_refund_id), completed_at = $4
     WHERE id = $1 AND state = 'pending'`,
    [refundId, outcome.state, outcome.providerRefundId ?? null, outcome.now.toISOString()],
  );
}
