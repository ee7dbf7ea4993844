// SQL for box-office reports: what one seller (a box-office machine or a clerk) took and gave back in a period.
import type { Queryable } from './port.ts';

export interface SellerTotalsRow {
  method: string;
  currency: string;
  orders: number;
  tickets: number;
  taken: number;
  refunds: number;
  refunded: number;
}

/**
 * Per payment method and currency: orders paid and money taken by this seller in [from, to), and refunds this seller
 * made in that period (whoever sold the order: a refund at the counter comes out of this drawer). Money only: the
 * credit of exchanged tickets paying a new order, and the exchange's record of them (a refund of nothing), move none.
 */
export async function sellerTotals(
  db: Queryable,
  seller: string,
  from: Date,
  to: Date,
  /** Only orders of this venue (the back office's list of a venue's shifts); every venue when absent. */
  venueId?: string,
): Promise<SellerTotalsRow[]> {
  const result = await db.query<SellerTotalsRow>(
    `WITH sales AS (
       SELECT p.method, p.currency, count(*)::int AS orders,
              sum((SELECT count(*) FROM tickets t WHERE t.order_id = o.id))::int AS tickets,
              sum(p.amount)::int AS taken
       FROM orders o JOIN payments p ON p.order_id = o.id AND p.state = 'captured'
       WHERE (o.device_id::text = $1 OR o.clerk_sub = $1) AND o.paid_at >= $2 AND o.paid_at < $3
         AND p.method <> 'exchange_credit' AND ($4::uuid IS NULL OR o.venue_id = $4::uuid)
       GROUP BY p.method, p.currency
     ), given AS (
       SELECT p.method, r.currency, count(*)::int AS refunds, sum(r.amount)::int AS refunded
       FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN orders ro ON ro.id = p.order_id
       WHERE r.requested_by = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.amount > 0
         AND ($4::uuid IS NULL OR ro.venue_id = $4::uuid)
       GROUP BY p.method, r.currency
     )
     SELECT COALESCE(s.method, g.method) AS method, COALESCE(s.currency, g.currency) AS currency,
            COALESCE(s.orders, 0) AS orders, COALESCE(s.tickets, 0) AS tickets, COALESCE(s.taken, 0) AS taken,
            COALESCE(g.refunds, 0) AS refunds, COALESCE(g.refunded, 0) AS refunded
     FROM sales s FULL JOIN given g ON g.method = s.method AND g.currency = s.currency
     ORDER BY 1, 2`,
    [seller, from.toISOString(), to.toISOString(), venueId ?? null],
  );
  return result.rows;
}

export interface SellerSaleRow {
  currency: string;
  /** What the captured payments took in money. */
  taken: number;
  /** What exchanged tickets' credit paid of the order. */
  credit: number;
  /** The order's PriceBreakdown (contract/commerce.ts); null on orders priced before breakdowns were kept. */
  price_breakdown: unknown;
}

/** Each order this seller was paid for in [from, to), once: the money taken, the exchange credit that paid part of
 * it, and the order's price breakdown. */
export async function sellerSales(db: Queryable, seller: string, from: Date, to: Date): Promise<SellerSaleRow[]> {
  const result = await db.query<SellerSaleRow>(
    `SELECT o.currency,
            (COALESCE(sum(p.amount) FILTER (WHERE p.method <> 'exchange_credit'), 0))::int AS taken,
            (COALESCE(sum(p.amount) FILTER (WHERE p.method = 'exchange_credit'), 0))::int AS credit,
            o.price_breakdown
     FROM orders o JOIN payments p ON p.order_id = o.id AND p.state = 'captured'
     WHERE (o.device_id::text = $1 OR o.clerk_sub = $1) AND o.paid_at >= $2 AND o.paid_at < $3
     GROUP BY o.id
     ORDER BY o.paid_at, o.id`,
    [seller, from.toISOString(), to.toISOString()],
  );
  return result.rows;
}

export interface SellerRefundRow {
  currency: string;
  amount: number;
  /** What the refund gave back part by part (a RefundBreakdown, contract/commerce.ts); null when it was not kept. */
  breakdown: unknown;
}

/** Each refund this seller made in [from, to) (the refunds sellerTotals counts), with its breakdown. */
export async function sellerRefunds(db: Queryable, seller: string, from: Date, to: Date): Promise<SellerRefundRow[]> {
  const result = await db.query<SellerRefundRow>(
    `SELECT r.currency, r.amount,
            -- An exchange's refund row itemizes the whole credit (most of it paid the new order, not handed back).
            CASE WHEN EXISTS (SELECT 1 FROM exchanges e
                              WHERE e.from_order_id = r.order_id AND e.returned_ticket_ids && r.ticket_ids)
                 THEN NULL ELSE r.breakdown END AS breakdown
     FROM refunds r JOIN payments p ON p.id = r.payment_id
     WHERE r.requested_by = $1 AND r.created_at >= $2 AND r.created_at < $3 AND r.amount > 0
     ORDER BY r.created_at, r.id`,
    [seller, from.toISOString(), to.toISOString()],
  );
  return result.rows;
}
