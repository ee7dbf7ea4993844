-- Ticket transfers (issue 19): a buyer sends valid tickets of a paid order to someone else's email; accepting issues
-- NEW tickets (new ids and codes, the same seats) in an order of the recipient's, and the old tickets become
-- 'transferred' (refused at the door online at once, and offline from the revocation list after the next sync).
-- The recipient's order costs nothing and has no payment (method 'transfer'): the money stays with the sender's order,
-- so refunds and reports keep counting it there once. Its hold is a converted one over the same seats, as every
-- order has a hold.

ALTER TABLE tickets DROP CONSTRAINT tickets_status_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_status_check CHECK (status IN ('valid', 'refunded', 'void', 'transferred'));
-- How many times this place has moved (the event's rule caps it); a new ticket of a transfer is the old one's + 1.
ALTER TABLE tickets ADD COLUMN transfer_count integer NOT NULL DEFAULT 0 CHECK (transfer_count >= 0);

ALTER TABLE orders DROP CONSTRAINT orders_payment_method_check;
ALTER TABLE orders ADD CONSTRAINT orders_payment_method_check
  CHECK (payment_method IN ('amazon_pay', 'sandbox', 'card_terminal', 'cash', 'exchange_credit', 'transfer'));

-- The organizer's rules per event; an event without a row follows the defaults of domain/tickets/transfer-rules.ts.
CREATE TABLE event_transfer_rules (
  event_id uuid PRIMARY KEY REFERENCES events (id),
  allowed boolean NOT NULL,
  -- Transfers close this many hours before the event starts (0: until the start).
  close_hours_before integer NOT NULL CHECK (close_hours_before BETWEEN 0 AND 8760),
  -- How many times one place may move from person to person.
  max_transfers integer NOT NULL CHECK (max_transfers BETWEEN 1 AND 20),
  -- Only to a recipient of the same name as the buyer (personalised tickets).
  same_name_only boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

CREATE TABLE ticket_transfers (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id),
  event_id uuid NOT NULL REFERENCES events (id),
  venue_id uuid NOT NULL REFERENCES venues (id),
  ticket_ids uuid[] NOT NULL CHECK (cardinality(ticket_ids) > 0),
  recipient_email text NOT NULL CHECK (recipient_email = lower(recipient_email)),
  recipient_name text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'accepted', 'cancelled')),
  -- Who sent it: the buyer's account, 'guest' (the order link), or the clerk at the counter.
  sent_by text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('web', 'boxoffice')),
  -- The language of the recipient's email (the sender's page's).
  locale text NOT NULL CHECK (locale IN ('en', 'de', 'ar')),
  to_order_id uuid UNIQUE REFERENCES orders (id),
  accepted_by text,
  created_at timestamptz NOT NULL,
  ended_at timestamptz,
  CHECK ((state = 'accepted') = (to_order_id IS NOT NULL))
);
CREATE INDEX ticket_transfers_by_order ON ticket_transfers (order_id, created_at);
