// SQL of a payment's completion before the provider is called (services/orders/payment-completion.ts): the order
// read with its latest payment, then that payment marked `completing` in one statement that holds the order's lock
// while it checks and writes. Two round trips where a transaction took five; the read writes nothing, so a caller
// who may not see the order changes nothing.
import { ORDER_COLUMNS, paymentsFromJson, type OrderRow, type PaymentJson } from './orders.ts';
import { PAYMENT_COLUMNS, type PaymentRow } from './payments.ts';
import type { Queryable } from './port.ts';

/** The order and its latest payment (null without one); null when there is no such order. */
export async function findOrderWithLatestPayment(
  db: Queryable,
  orderId: string,
): Promise<{ order: OrderRow; latest: PaymentRow | null } | null> {
  const result = await db.query<OrderRow & { latest_payment: PaymentJson | null }>(
    `SELECT ${ORDER_COLUMNS}, (SELECT row_to_json(p) FROM (
       SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = $1 ORDER BY attempt DESC LIMIT 1) p) AS latest_payment
     FROM orders WHERE id = $1`,
    [orderId],
  );
  const row = result.rows[0];
  if (!row) return null;
  const { latest_payment: latest, ...order } = row;
  return { order, latest: latest ? paymentsFromJson([latest])[0]! : null };
}

/**
 * Marks the open payment `completing` if its order is still waiting for it, under the order's lock (so an event's
 * cancellation or the abandoned-order sweep, which lock the order too, either see the mark or are seen by it); false
 * when the order or the payment changed since they were read.
 */
export async function markPaymentCompleting(
  db: Queryable,
  change: { orderId: string; paymentId: string; now: Date },
): Promise<boolean> {
  const result = await db.query(
    `WITH locked AS (SELECT id FROM orders WHERE id = $1 AND state = 'pending_payment' FOR UPDATE)
     UPDATE payments p SET state = 'completing', updated_at = $3
     FROM locked WHERE p.id = $2 AND p.order_id = locked.id AND p.state = 'open'`,
    [change.orderId, change.paymentId, change.now.toISOString()],
  );
  return result.rowCount === 1;
}
