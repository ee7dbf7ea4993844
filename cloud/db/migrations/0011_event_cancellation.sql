-- Event cancellation and postponement: who did it, when and why; for a cancellation, one row per paid order whose
-- refund job runs through the outbox (the refund row it made, so a job run again after a crash reuses the refund and
-- with it the provider's idempotency key, and never refunds twice); for a postponement, the new start and the date
-- until which buyers may ask for their money back. Voided tickets reuse tickets.status = 'void'.
CREATE TABLE event_changes (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events (id),
  kind text NOT NULL CHECK (kind IN ('cancelled', 'postponed')),
  reason text NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL,
  previous_starts_at timestamptz NOT NULL,
  new_starts_at timestamptz,
  refund_deadline timestamptz,
  -- Paid orders when the cancellation committed: the denominator of its progress.
  orders_total integer NOT NULL DEFAULT 0,
  CHECK ((kind = 'postponed') = (new_starts_at IS NOT NULL AND refund_deadline IS NOT NULL))
);
-- An event is cancelled once.
CREATE UNIQUE INDEX event_changes_one_cancellation ON event_changes (event_id) WHERE kind = 'cancelled';
CREATE INDEX event_changes_by_event ON event_changes (event_id, changed_at DESC);

-- One paid order of a cancelled event and its refund job. Progress is counted from these rows (no counter row that
-- every job would update). state: pending (job queued), refunded (money back, tickets void), counter (paid in cash
-- or on a card terminal: tickets void, the money is given back at the box office), failed (the last attempt failed;
-- the outbox retries, and an admin can retry now).
CREATE TABLE event_cancellation_orders (
  event_id uuid NOT NULL REFERENCES events (id),
  order_id uuid NOT NULL REFERENCES orders (id),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'refunded', 'counter', 'failed')),
  refund_id uuid REFERENCES refunds (id),
  amount integer,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, order_id)
);
CREATE INDEX event_cancellation_orders_failed ON event_cancellation_orders (event_id) WHERE state = 'failed';
CREATE UNIQUE INDEX event_cancellation_orders_by_order ON event_cancellation_orders (order_id);

-- Voided or refunded tickets of an event, for the door's offline revocation list.
CREATE INDEX tickets_revoked_by_event ON tickets (event_id) WHERE status <> 'valid';
