// SQL for an event's fees and buyer refund policy (event_commerce): one row an event, written when the event is made
// and changed by the admin. Fee rules are jsonb in the shape of the contract's FeeRule, checked at the API's edge.
import type { FeeRule, FeeSettings, RefundPolicy } from '../../contract/index.ts';
import type { Queryable } from '../port.ts';

interface EventCommerceRow {
  currency: string;
  service_fee: FeeRule | null;
  order_fee: FeeRule | null;
  delivery_fees: FeeSettings['deliveryFees'];
  refundable_until_days_before: number | null;
  refund_fee: FeeRule | null;
  refund_service_fees: boolean;
  refund_order_fee: boolean;
  refund_delivery_fee: boolean;
}

/** The refund policy's columns of `event_commerce c` (LEFT JOINed: an event without a row has no buyer refunds). */
export const REFUND_POLICY_COLUMNS = `c.refundable_until_days_before, c.refund_fee,
  COALESCE(c.refund_service_fees, false) AS refund_service_fees, COALESCE(c.refund_order_fee, false) AS refund_order_fee,
  COALESCE(c.refund_delivery_fee, false) AS refund_delivery_fee`;
export type RefundPolicyRow = Pick<
  EventCommerceRow,
  'refundable_until_days_before' | 'refund_fee' | 'refund_service_fees' | 'refund_order_fee' | 'refund_delivery_fee'
>;

async function loadRow(db: Queryable, eventId: string): Promise<EventCommerceRow | null> {
  const result = await db.query<EventCommerceRow>(
    `SELECT e.currency, c.service_fee, c.order_fee, COALESCE(c.delivery_fees, '[]') AS delivery_fees,
       ${REFUND_POLICY_COLUMNS}
     FROM events e LEFT JOIN event_commerce c ON c.event_id = e.id WHERE e.id = $1`,
    [eventId],
  );
  return result.rows[0] ?? null;
}

/** The event's fees (none set: no fees); null when there is no such event. */
export async function loadFeeSettings(db: Queryable, eventId: string): Promise<FeeSettings | null> {
  const row = await loadRow(db, eventId);
  if (!row) return null;
  return {
    currency: row.currency.trim(),
    serviceFee: row.service_fee,
    orderFee: row.order_fee,
    deliveryFees: row.delivery_fees,
  };
}

export async function saveFeeSettings(db: Queryable, eventId: string, fees: FeeSettings): Promise<void> {
  await db.query(
    `INSERT INTO event_commerce (event_id, currency, service_fee, order_fee, delivery_fees, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (event_id) DO UPDATE SET service_fee = EXCLUDED.service_fee, order_fee = EXCLUDED.order_fee,
       delivery_fees = EXCLUDED.delivery_fees, updated_at = now()`,
    [
      eventId,
      fees.currency,
      fees.serviceFee ? JSON.stringify(fees.serviceFee) : null,
      fees.orderFee ? JSON.stringify(fees.orderFee) : null,
      JSON.stringify(fees.deliveryFees),
    ],
  );
}

/** The event's buyer refund policy (none set: no buyer refunds); null when there is no such event. */
export async function loadRefundPolicy(db: Queryable, eventId: string): Promise<RefundPolicy | null> {
  const row = await loadRow(db, eventId);
  return row ? refundPolicyOf(row) : null;
}

export const refundPolicyOf = (row: RefundPolicyRow): RefundPolicy => ({
  refundableUntilDaysBefore: row.refundable_until_days_before,
  refundFee: row.refund_fee,
  refundServiceFees: row.refund_service_fees,
  refundOrderFee: row.refund_order_fee,
  refundDeliveryFee: row.refund_delivery_fee,
});

export async function saveRefundPolicy(
  db: Queryable,
  event: { id: string; currency: string },
  policy: RefundPolicy,
): Promise<void> {
  await db.query(
    `INSERT INTO event_commerce (event_id, currency, refundable_until_days_before, refund_fee, refund_service_fees,
       refund_order_fee, refund_delivery_fee, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (event_id) DO UPDATE SET refundable_until_days_before = EXCLUDED.refundable_until_days_before,
       refund_fee = EXCLUDED.refund_fee, refund_service_fees = EXCLUDED.refund_service_fees,
       refund_order_fee = EXCLUDED.refund_order_fee, refund_delivery_fee = EXCLUDED.refund_delivery_fee,
       updated_at = now()`,
    [
      event.id,
      event.currency,
      policy.refundableUntilDaysBefore,
      policy.refundFee ? JSON.stringify(policy.refundFee) : null,
      policy.refundServiceFees,
      policy.refundOrderFee,
      policy.refundDeliveryFee,
    ],
  );
}
