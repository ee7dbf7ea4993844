-- Refunds part by part: each refund made from an order's price breakdown keeps its RefundBreakdown (contract/
-- commerce.ts: what each ticket, fee and tax gave back, and the refund fee kept), so later refunds of the same order
-- give back only what is left of each part. NULL for refunds of orders priced before breakdowns (0010).
-- A buyer's refund may come to nothing (the refund fee takes what a free ticket is worth): the ticket still goes
-- back, so such a refund is recorded, settled at once, with an amount of 0.
ALTER TABLE refunds ADD COLUMN breakdown jsonb;
ALTER TABLE refunds DROP CONSTRAINT refunds_amount_check;
ALTER TABLE refunds ADD CONSTRAINT refunds_amount_check CHECK (amount >= 0);
