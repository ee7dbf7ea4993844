// SQL for payments: the attempts to pay an order, of which at most one is captured.
import type { Queryable } from './port.ts';
import type { StoredPaymentMethod } from '../contract/index.ts';

export interface PaymentRow {
  id: string;
  order_id: string;
  attempt: number;
  method: StoredPaymentMethod;
  state: 'open' | 'completing' | 'captured' | 'declined' | 'failed';
  amount: number;
  currency: string;
  provider_session_id: string | null;
  provider_charge_id: string | null;
  redirect_url: string | null;
  card_last4: string | null;
  terminal_reference: string | null;
  tendered_amount: number | null;
  change_amount: number | null;
  failure_reason: string | null;
  created_at: Date;
}

export const PAYMENT_COLUMNS = `id, order_id, attempt, method, state, amount, currency, provider_session_id, provider_charge_id,
  redirect_url, card_last4, terminal_reference, tendered_amount, change_amount, failure_reason, created_at`;

/** A payment's values in the column order of insertPayment (created_at last, also its updated_at). */
export function paymentValues(payment: PaymentRow): unknown[] {
  return [
    payment.id,
    payment.order_id,
    payment.attempt,
    payment.method,
    payment.state,
    payment.amount,
    payment.currency,
    payment.provider_session_id,
    payment.provider_charge_id,
    payment.redirect_url,
    payment.card_last4,
    payment.terminal_reference,
    payment.tendered_amount,
    payment.change_amount,
    payment.failure_reason,
    payment.created_at.toISOString(),
  ];
}

export async function insertPayment(db: Queryable, payment: PaymentRow): Promise<void> {
  await db.query(
    `INSERT INTO payments (id, order_id, attempt, method, state, amount, currency, provider_session_id,
       provider_charge_id, redirect_url, card_last4, terminal_reference, tendered_amount, change_amount,
       failure_reason, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
    paymentValues(payment),
  );
}

export async function listPayments(db: Queryable, orderIds: string[]): Promise<PaymentRow[]> {
  const result = await db.query<PaymentRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, attempt`,
    [orderIds],
  );
  return result.rows;
}

export async function updatePayment(
  db: Queryable,
  paymentId: string,
  change: Partial<
    Pick<PaymentRow, 'state' | 'provider_session_id' | 'provider_charge_id' | 'redirect_url' | 'failure_reason'>
  > & { now: Date },
): Promise<void> {
  await db.query(
    `UPDATE payments SET state = COALESCE($2, state), provider_session_id = COALESCE($3, provider_session_id),
       provider_charge_id = COALESCE($4, provider_charge_id), redirect_url = COALESCE($5, redirect_url),
       failure_reason = COALESCE($6, failure_reason), updated_at = $7
     WHERE id = $1`,
    [
      paymentId,
      change.state ?? null,
      change.provider_session_id ?? null,
      change.provider_charge_id ?? null,
      change.redirect_url ?? null,
      change.failure_reason ?? null,
      change.now.toISOString(),
    ],
  );
}
