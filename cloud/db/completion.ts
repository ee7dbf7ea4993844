// SQL of a payment's completion before the provider is called (services/orders/payment-completion.ts): the order
// read with its latest payment, and that payment marked `completing` under the order's lock. A buyer who brings the
// order's own token has both in one round trip (the token is checked by the statement before it writes); anyone else
// (staff, a device, a signed-in buyer) has the read, then the mark, in two. Either way, a caller who may not see the
// order changes nothing.
import { ORDER_COLUMNS, paymentsFromJson, type OrderRow, type PaymentJson } from './orders.ts';
import { PAYMENT_COLUMNS, type PaymentRow } from './payments.ts';
import type { Queryable } from './port.ts';
import { claimStep, type KeyClaim } from './idempotency.ts';

/** What the completion read with the order, for its sale in one statement (db/sales.ts, sellReadOrder). */
export interface ReadWithOrder {
  /** The order row's version (xmin) as read. */
  version: string;
  /** All the order's payments by attempt, as read (before the mark). */
  payments: PaymentRow[];
  /** The order's hold's seats and standing section, as read; null without the hold. */
  hold: { seat_nos: number[]; ga_section_id: string | null } | null;
}

/**
 * The order and its latest payment (null without one), with what its sale needs of them (`read`); null when there
 * is no such order. With `byToken` (the hash of the token the caller brought, and the time), the same statement also
 * marks that payment `completing`, under the order's lock, when the hash is the order's own, the order still waits
 * for its payment and the payment is open with a provider session: `marked` says whether it did. The rows read are
 * those from before the mark. With `claim`, the statement also claims the request's Idempotency-Key, and marks
 * nothing unless it did: `claimed` says whether.
 */
export async function findOrderWithLatestPayment(
  db: Queryable,
  orderId: string,
  byToken?: { tokenHash: string; now: Date },
  claim?: KeyClaim,
): Promise<{
  found: { order: OrderRow; latest: PaymentRow | null; marked: boolean; read: ReadWithOrder } | null;
  claimed: boolean;
}> {
  const readColumns = `(SELECT COALESCE(json_agg(p ORDER BY p.attempt), '[]') FROM (
       SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = $1) p) AS payments,
     (SELECT json_build_object('seat_nos', seat_nos, 'ga_section_id', ga_section_id) FROM holds
        WHERE id = o.hold_id) AS hold`;
  // The claim's row answers even when there is no such order.
  const fromOrder = `FROM (SELECT 1) one
     LEFT JOIN (SELECT ${ORDER_COLUMNS}, xmin::text AS version FROM orders WHERE id = $1) o ON true`;
  type Row = Partial<OrderRow> & {
    version: string;
    payments: PaymentJson[] | null;
    hold: ReadWithOrder['hold'];
    marked: boolean;
    claimed: boolean;
  };
  const step = claimStep(claim, byToken ? 3 : 1);
  const { claimed } = step;
  const result = byToken
    ? await db.query<Row>(
        `WITH ${step.cte ? `${step.cte}, ` : ''}marked AS (
           UPDATE payments p SET state = 'completing', updated_at = $3
           FROM (SELECT id FROM orders WHERE id = $1 AND state = 'pending_payment' AND access_token_hash = $2
                   AND ${claimed}
                 FOR UPDATE) locked
           WHERE p.order_id = locked.id AND p.state = 'open' AND p.provider_session_id IS NOT NULL
             AND p.attempt = (SELECT max(attempt) FROM payments WHERE order_id = $1)
           RETURNING p.id)
         SELECT o.*, ${readColumns}, EXISTS (SELECT 1 FROM marked) AS marked, ${claimed} AS claimed ${fromOrder}`,
        [orderId, byToken.tokenHash, byToken.now.toISOString(), ...step.params],
      )
    : await db.query<Row>(
        `${step.cte ? `WITH ${step.cte} ` : ''}SELECT o.*, ${readColumns}, false AS marked, ${claimed} AS claimed
         ${fromOrder}`,
        [orderId, ...step.params],
      );
  const { payments: paymentsJson, hold, version, marked, claimed: didClaim, ...order } = result.rows[0]!;
  if (!order.id) return { found: null, claimed: didClaim };
  const payments = paymentsFromJson(paymentsJson ?? []);
  return {
    found: { order: order as OrderRow, latest: payments.at(-1) ?? null, marked, read: { version, payments, hold } },
    claimed: didClaim,
  };
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
