-- Identity (customers, staff, devices), orders, tickets, payments, refunds, idempotency keys and the outbox.

-- Customers and staff of the embedded identity provider (Cognito's user pool in AWS). Email is stored lower-case.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  password_hash text NOT NULL,
  name text NOT NULL,
  groups text[] NOT NULL DEFAULT '{}',
  venue_id uuid REFERENCES venues (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Kiosks and box-office machines: a credential of their own, bound to one venue.
CREATE TABLE devices (
  id uuid PRIMARY KEY,
  venue_id uuid NOT NULL REFERENCES venues (id),
  kind text NOT NULL CHECK (kind IN ('kiosk', 'boxoffice')),
  name text NOT NULL,
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE orders (
  id uuid PRIMARY KEY,
  -- What a buyer reads out at the counter: short, not guessable, not sequential.
  code text NOT NULL UNIQUE,
  event_id uuid NOT NULL REFERENCES events (id),
  venue_id uuid NOT NULL REFERENCES venues (id),
  hold_id uuid NOT NULL UNIQUE REFERENCES holds (id),
  state text NOT NULL CHECK (state IN ('pending_payment', 'paid', 'partially_refunded', 'refunded', 'cancelled')),
  channel text NOT NULL CHECK (channel IN ('web', 'kiosk', 'boxoffice')),
  customer_sub text,
  device_id uuid REFERENCES devices (id),
  clerk_sub text,
  buyer_email text NOT NULL,
  buyer_name text NOT NULL,
  buyer_phone text,
  delivery jsonb NOT NULL,
  payment_method text NOT NULL CHECK (payment_method IN ('amazon_pay', 'sandbox', 'card_terminal', 'cash')),
  total_amount integer NOT NULL CHECK (total_amount >= 0),
  refunded_amount integer NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= total_amount),
  currency char(3) NOT NULL,
  access_token_hash text NOT NULL,
  cancel_reason text,
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  updated_at timestamptz NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_sub, created_at DESC) WHERE customer_sub IS NOT NULL;
CREATE INDEX orders_by_email ON orders (lower(buyer_email));
CREATE INDEX orders_by_venue ON orders (venue_id, created_at DESC);
CREATE INDEX orders_pending ON orders (created_at) WHERE state = 'pending_payment';

-- One ticket a seat or standing place. The code is signed (Ed25519) so a scanner can check it offline.
CREATE TABLE tickets (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id),
  event_id uuid NOT NULL REFERENCES events (id),
  seat_no integer,
  seat_id text,
  ga_section_id text,
  tier_id uuid NOT NULL REFERENCES price_tiers (id),
  price_amount integer NOT NULL CHECK (price_amount >= 0),
  currency char(3) NOT NULL,
  status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'refunded', 'void')),
  code text NOT NULL UNIQUE,
  issued_at timestamptz NOT NULL,
  refund_id uuid,
  CHECK ((seat_id IS NULL) <> (ga_section_id IS NULL))
);
CREATE INDEX tickets_by_order ON tickets (order_id);
-- A seat is on at most one valid ticket, whatever the inventory says.
CREATE UNIQUE INDEX tickets_one_valid_per_seat ON tickets (event_id, seat_no) WHERE status = 'valid' AND seat_no IS NOT NULL;

-- Payment attempts of an order. At most one is captured.
CREATE TABLE payments (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id),
  attempt integer NOT NULL,
  method text NOT NULL CHECK (method IN ('amazon_pay', 'sandbox', 'card_terminal', 'cash')),
  state text NOT NULL CHECK (state IN ('open', 'completing', 'captured', 'declined', 'failed')),
  amount integer NOT NULL CHECK (amount >= 0),
  currency char(3) NOT NULL,
  provider_session_id text,
  provider_charge_id text,
  redirect_url text,
  card_last4 text,
  terminal_reference text,
  tendered_amount integer,
  change_amount integer,
  failure_reason text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (order_id, attempt)
);
CREATE UNIQUE INDEX payments_one_captured ON payments (order_id) WHERE state = 'captured';
CREATE INDEX payments_last4 ON payments (card_last4) WHERE card_last4 IS NOT NULL;

CREATE TABLE refunds (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id),
  payment_id uuid NOT NULL REFERENCES payments (id),
  amount integer NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  ticket_ids uuid[] NOT NULL,
  reason text NOT NULL,
  requested_by text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
  provider_refund_id text,
  created_at timestamptz NOT NULL,
  completed_at timestamptz
);
CREATE INDEX refunds_by_order ON refunds (order_id);

-- Idempotency-Key → the request's hash → the first final response. The key is written in the same transaction as
-- the effect; a request that died mid-way leaves a lease that runs out, and the retry carries on.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  locked_until timestamptz,
  resource_id uuid,
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Transactional outbox: jobs written with the change that causes them, run by a dispatcher (SQS in AWS).
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  topic text NOT NULL,
  aggregate_id uuid NOT NULL,
  payload jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  run_after timestamptz NOT NULL,
  last_error text,
  created_at timestamptz NOT NULL,
  done_at timestamptz
);
CREATE INDEX outbox_due ON outbox (run_after) WHERE state = 'pending';
CREATE INDEX outbox_by_aggregate ON outbox (aggregate_id);

-- The sandbox payment provider's own books. It stands for a payment service outside our process: it keeps its
-- state apart from our orders and answers repeated calls with the same idempotency key the same way.
CREATE TABLE sandbox_sessions (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  amount integer NOT NULL,
  currency char(3) NOT NULL,
  return_url text NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'approved', 'declined', 'completed')),
  scenario text NOT NULL DEFAULT 'approve',
  complete_calls integer NOT NULL DEFAULT 0,
  charge_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sandbox_charges (
  id text PRIMARY KEY,
  session_id text NOT NULL UNIQUE REFERENCES sandbox_sessions (id),
  amount integer NOT NULL,
  currency char(3) NOT NULL,
  refunded_amount integer NOT NULL DEFAULT 0 CHECK (refunded_amount <= amount),
  captured_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sandbox_refunds (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  charge_id text NOT NULL REFERENCES sandbox_charges (id),
  amount integer NOT NULL CHECK (amount > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Sells what a hold covers, in one round trip: its seats still held by it, and seats whose hold ended but that are
-- still free (a payment that arrived late). Any seat already gone raises TB409 with the seat ids in DETAIL, and
-- nothing is sold. Rows: one per sold seat.
CREATE FUNCTION sell_hold_seats(p_event_id uuid, p_hold_id uuid, p_order_id uuid, p_seat_nos integer[], p_now timestamptz)
RETURNS TABLE (out_seat_no integer, out_seat_id text, out_tier_id uuid, out_version integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_gone text[];
  v_count integer;
BEGIN
  RETURN QUERY
    UPDATE event_seats s
    SET status = 'sold', order_id = p_order_id, hold_id = NULL, hold_expires_at = NULL, version = s.version + 1
    WHERE s.event_id = p_event_id AND s.seat_no = ANY(p_seat_nos)
      AND (s.status = 'available' OR (s.status = 'held' AND (s.hold_id = p_hold_id OR s.hold_expires_at <= p_now)))
    RETURNING s.seat_no, s.seat_id, s.tier_id, s.version;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  IF v_count < cardinality(p_seat_nos) THEN
    SELECT array_agg(s.seat_id ORDER BY s.seat_no) INTO v_gone FROM event_seats s
    WHERE s.event_id = p_event_id AND s.seat_no = ANY(p_seat_nos) AND NOT (s.status = 'sold' AND s.order_id = p_order_id);
    RAISE EXCEPTION 'seats taken' USING ERRCODE = 'TB409', DETAIL = array_to_string(v_gone, ',');
  END IF;
END
$$;
