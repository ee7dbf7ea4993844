// SQL for exchanges (the exchanges table): an order's tickets given back for a new order of the same venue, recorded
// with the credit they were worth and how the difference was settled; read back to link the two orders' views.
import type { Queryable } from './port.ts';

export interface ExchangeRow {
  id: string;
  from_order_id: string;
  to_order_id: string;
  returned_ticket_ids: string[];
  credit_amount: number;
  difference_amount: number;
  difference_method: 'amazon_pay' | 'sandbox' | 'card_terminal' | 'cash' | null;
  clerk_sub: string;
  created_at: Date;
}

export async function insertExchange(db: Queryable, exchange: ExchangeRow): Promise<void> {
  await db.query(
    `INSERT INTO exchanges (id, from_order_id, to_order_id, returned_ticket_ids, credit_amount, difference_amount,
       difference_method, clerk_sub, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      exchange.id,
      exchange.from_order_id,
      exchange.to_order_id,
      exchange.returned_ticket_ids,
      exchange.credit_amount,
      exchange.difference_amount,
      exchange.difference_method,
      exchange.clerk_sub,
      exchange.created_at.toISOString(),
    ],
  );
}

/** The orders an order was exchanged to (its tickets went there) and the one it came from, with their codes. */
export async function findExchangeLinks(
  db: Queryable,
  orderId: string,
): Promise<{ to: { order_id: string; code: string }[]; from: { order_id: string; code: string } | null }> {
  const result = await db.query<{ direction: 'to' | 'from'; order_id: string; code: string }>(
    `SELECT 'to' AS direction, o.id AS order_id, o.code FROM exchanges x JOIN orders o ON o.id = x.to_order_id
       WHERE x.from_order_id = $1
     UNION ALL
     SELECT 'from' AS direction, o.id AS order_id, o.code FROM exchanges x JOIN orders o ON o.id = x.from_order_id
       WHERE x.to_order_id = $1`,
    [orderId],
  );
  const pick = (row: { order_id: string; code: string }) => ({ order_id: row.order_id, code: row.code });
  const from = result.rows.find((row) => row.direction === 'from');
  return { to: result.rows.filter((row) => row.direction === 'to').map(pick), from: from ? pick(from) : null };
}

/** Credit that left the order for an exchange: counted beside its refunds, never past its total (a CHECK). */
export async function addOrderCreditOut(db: Queryable, orderId: string, amount: number): Promise<void> {
  await db.query(`UPDATE orders SET credit_out_amount = credit_out_amount + $2 WHERE id = $1`, [orderId, amount]);
}
