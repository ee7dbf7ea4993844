-- Commerce: an event's ticket types and price list (tier × type), its fees and refund policy, a venue's tax; the
-- price breakdown stored with each order and the type and price paid on each ticket. Amounts are minor units of the
-- event's currency; shapes follow cloud/contract/commerce.ts (rules kept as jsonb are validated there, at the edge).

-- The kinds of ticket an event sells (adult, child, concession…). Exactly one adult type per event: the default.
CREATE TABLE ticket_types (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position >= 0),
  kind text NOT NULL CHECK (kind IN ('adult', 'child', 'concession', 'student', 'wheelchair_companion', 'custom')),
  name text NOT NULL CHECK (name <> ''),
  max_per_order integer CHECK (max_per_order IS NULL OR max_per_order BETWEEN 1 AND 100),
  requires_check text,
  -- {"adults": n, "perTickets": m} or NULL
  accompanied_by jsonb,
  UNIQUE (event_id, position)
);
CREATE UNIQUE INDEX ticket_types_one_adult ON ticket_types (event_id) WHERE kind = 'adult';

-- The price list: what a ticket of a type costs in a tier. No row: that type is not sold in that tier.
CREATE TABLE ticket_prices (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  tier_id uuid NOT NULL REFERENCES price_tiers (id) ON DELETE CASCADE,
  ticket_type_id uuid NOT NULL REFERENCES ticket_types (id) ON DELETE CASCADE,
  amount integer NOT NULL CHECK (amount >= 0),
  currency char(3) NOT NULL,
  PRIMARY KEY (tier_id, ticket_type_id)
);
CREATE INDEX ticket_prices_by_event ON ticket_prices (event_id);

-- An event's commerce settings besides the price list: tiers sold only with a presale code, fees (FeeRule jsonb:
-- {"kind":"fixed","amount":n} or {"kind":"percent","basisPoints":n}) and the buyer refund policy.
CREATE TABLE event_commerce (
  event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  currency char(3) NOT NULL,
  hidden_tier_ids uuid[] NOT NULL DEFAULT '{}',
  service_fee jsonb,
  order_fee jsonb,
  -- [{"method": "mail", "amount": n}, …]
  delivery_fees jsonb NOT NULL DEFAULT '[]',
  refundable_until_days_before integer CHECK (refundable_until_days_before BETWEEN 0 AND 365),
  refund_fee jsonb,
  refund_service_fees boolean NOT NULL DEFAULT false,
  refund_order_fee boolean NOT NULL DEFAULT false,
  refund_delivery_fee boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A venue's sales tax or VAT. No row: no tax.
CREATE TABLE venue_taxes (
  venue_id uuid PRIMARY KEY REFERENCES venues (id) ON DELETE CASCADE,
  label text NOT NULL CHECK (label <> ''),
  rate_ppm integer NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
  mode text NOT NULL CHECK (mode IN ('inclusive', 'exclusive')),
  fees_taxable boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The priced order (PriceBreakdown) and the promo code it used; NULL on orders placed before this migration.
ALTER TABLE orders ADD COLUMN price_breakdown jsonb;
ALTER TABLE orders ADD COLUMN promo_code_id uuid;

-- The presale code a hold was made with: its hidden tiers are priced at checkout.
ALTER TABLE holds ADD COLUMN presale_code_id uuid;

-- hold_seats() as in 0001, with the start of sales a presale code gives its holder (p_sales_open_from, earlier than
-- the public on-sale; NULL: the public one). LEAST ignores a NULL.
DROP FUNCTION hold_seats(uuid, text[], timestamptz, uuid, timestamptz, text, text, integer, char(3));
CREATE FUNCTION hold_seats(
  p_event_id uuid, p_seat_ids text[], p_now timestamptz, p_hold_id uuid, p_expires_at timestamptz,
  p_token_hash text, p_owner_sub text, p_total_amount integer, p_currency char(3),
  p_sales_open_from timestamptz DEFAULT NULL
) RETURNS TABLE (out_seat_id text, out_version integer, outcome text)
LANGUAGE plpgsql AS $$
DECLARE
  v_seat_id text;
  v_seat_no integer;
  v_version integer;
  v_seat_nos integer[] := '{}';
  v_unavailable text[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM events e WHERE e.id = p_event_id AND e.status = 'on_sale'
                 AND LEAST(e.on_sale_from, p_sales_open_from) <= p_now AND e.on_sale_until > p_now) THEN
    RETURN QUERY SELECT NULL::text, NULL::integer, 'not_on_sale'::text;
    RETURN;
  END IF;
  FOREACH v_seat_id IN ARRAY p_seat_ids LOOP
    UPDATE event_seats s
    SET status = 'held', hold_id = p_hold_id, hold_expires_at = p_expires_at, version = s.version + 1
    WHERE s.event_id = p_event_id AND s.seat_id = v_seat_id
      AND (s.status = 'available' OR (s.status = 'held' AND s.hold_expires_at <= p_now))
    RETURNING s.seat_no, s.version INTO v_seat_no, v_version;
    IF NOT FOUND THEN
      SELECT array_agg(w.seat_id ORDER BY w.position) INTO v_unavailable
      FROM unnest(p_seat_ids) WITH ORDINALITY AS w(seat_id, position)
      LEFT JOIN event_seats s ON s.event_id = p_event_id AND s.seat_id = w.seat_id
      WHERE s.seat_id IS NULL OR (s.hold_id IS DISTINCT FROM p_hold_id
        AND NOT (s.status = 'available' OR (s.status = 'held' AND s.hold_expires_at <= p_now)));
      IF cardinality(v_seat_nos) > 0 THEN
        RAISE EXCEPTION 'seats not available' USING ERRCODE = 'TB409', DETAIL = array_to_string(v_unavailable, ',');
      END IF;
      RETURN QUERY SELECT u, NULL::integer, 'unavailable'::text FROM unnest(v_unavailable) AS u;
      RETURN;
    END IF;
    v_seat_nos := v_seat_nos || v_seat_no;
    out_seat_id := v_seat_id;
    out_version := v_version;
    outcome := 'held';
    RETURN NEXT;
  END LOOP;
  INSERT INTO holds (id, event_id, token_hash, owner_sub, seat_nos, total_amount, currency, expires_at, created_at)
  VALUES (p_hold_id, p_event_id, p_token_hash, p_owner_sub, v_seat_nos, p_total_amount, p_currency, p_expires_at, p_now);
END
$$;

-- What each ticket was sold as: its type (kept by value too, as types can be edited later), what the door checks,
-- and price_amount (already there) is the price paid for it.
ALTER TABLE tickets ADD COLUMN ticket_type_id uuid;
ALTER TABLE tickets ADD COLUMN ticket_type_name text;
ALTER TABLE tickets ADD COLUMN requires_check text;

-- Existing events keep selling what they sold: one "Adult" type priced at each tier's price, no fees, no tax.
INSERT INTO ticket_types (id, event_id, position, kind, name)
SELECT gen_random_uuid(), e.id, 0, 'adult', 'Adult' FROM events e;

INSERT INTO ticket_prices (event_id, tier_id, ticket_type_id, amount, currency)
SELECT t.event_id, t.id, tt.id, t.price_amount, t.currency
FROM price_tiers t JOIN ticket_types tt ON tt.event_id = t.event_id AND tt.kind = 'adult';

INSERT INTO event_commerce (event_id, currency) SELECT e.id, e.currency FROM events e;

UPDATE tickets t SET ticket_type_id = tt.id, ticket_type_name = tt.name
FROM ticket_types tt WHERE tt.event_id = t.event_id AND tt.kind = 'adult';
