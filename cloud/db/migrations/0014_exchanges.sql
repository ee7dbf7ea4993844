-- Exchanges at the box office: valid tickets of a paid order A are given back and a new order B is sold in their place
-- (another seat or date of the same venue), in one transaction. What the returned tickets were paid is a credit
-- that pays B, as a captured payment of the method 'exchange_credit' beside B's own cash or card-terminal payment
-- for any difference (so an order may hold one captured money payment and one captured credit); what B costs less
-- than the credit goes back to the buyer as a refund of A. A's credit_out_amount counts the credit that left A for
-- other orders: what A was paid is its refunds, its credit out and what its valid tickets and kept fees are worth.
ALTER TABLE orders DROP CONSTRAINT orders_payment_method_check;
ALTER TABLE orders ADD CONSTRAINT orders_payment_method_check
  CHECK (payment_method IN ('amazon_pay', 'sandbox', 'card_terminal', 'cash', 'exchange_credit'));
ALTER TABLE payments DROP CONSTRAINT payments_method_check;
ALTER TABLE payments ADD CONSTRAINT payments_method_check
  CHECK (method IN ('amazon_pay', 'sandbox', 'card_terminal', 'cash', 'exchange_credit'));
DROP INDEX payments_one_captured;
CREATE UNIQUE INDEX payments_one_captured ON payments (order_id)
  WHERE state = 'captured' AND method <> 'exchange_credit';
CREATE UNIQUE INDEX payments_one_captured_credit ON payments (order_id)
  WHERE state = 'captured' AND method = 'exchange_credit';

ALTER TABLE orders ADD COLUMN credit_out_amount integer NOT NULL DEFAULT 0 CHECK (credit_out_amount >= 0);
ALTER TABLE orders ADD CONSTRAINT orders_money_out_check CHECK (refunded_amount + credit_out_amount <= total_amount);

CREATE TABLE exchanges (
  id uuid PRIMARY KEY,
  from_order_id uuid NOT NULL REFERENCES orders (id),
  to_order_id uuid NOT NULL UNIQUE REFERENCES orders (id),
  returned_ticket_ids uuid[] NOT NULL CHECK (cardinality(returned_ticket_ids) > 0),
  -- What the returned tickets were paid, and B's total less that (negative: given back to the buyer).
  credit_amount integer NOT NULL CHECK (credit_amount >= 0),
  difference_amount integer NOT NULL,
  -- How the difference was settled: B's cash or card-terminal payment, A's refund method, or none when even.
  difference_method text CHECK (difference_method IN ('amazon_pay', 'sandbox', 'card_terminal', 'cash')),
  clerk_sub text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (from_order_id <> to_order_id)
);
CREATE INDEX exchanges_from ON exchanges (from_order_id);
