-- Indexes for the back office's dashboard, reports and exports: each figure is read straight from the tables it
-- counts (no summary rows to fall behind, no cache), so a sale shows on the next refresh. Every report reads paid
-- orders by when they were paid, of a venue or of an event, and tickets by event.

-- Today's sales across every venue (an owner's dashboard) and the sales of a venue in a date range (reports, exports,
-- shift lists); (paid_at, id) is the keyset an export pages by.
CREATE INDEX orders_paid ON orders (paid_at) WHERE paid_at IS NOT NULL;
CREATE INDEX orders_paid_by_venue ON orders (venue_id, paid_at, id) WHERE paid_at IS NOT NULL;
-- An event's sales: the season's figures per event, its sales by day, tier and seller, its exports page by page.
CREATE INDEX orders_paid_by_event ON orders (event_id, paid_at, id) WHERE paid_at IS NOT NULL;
-- An event's tickets counted by status (sell-through) and by gate (entries) from the index alone.
CREATE INDEX tickets_by_event ON tickets (event_id) INCLUDE (status, used_gate);
-- The failed-jobs count of the dashboard.
CREATE INDEX outbox_dead ON outbox (created_at) WHERE state = 'dead';
