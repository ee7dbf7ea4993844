-- Venues, seat maps, events, price tiers, the seat inventory and holds.

CREATE TABLE venues (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  city text NOT NULL,
  timezone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A seat map is immutable: importing a changed layout stores a new version.
CREATE TABLE seatmaps (
  id uuid PRIMARY KEY,
  venue_id uuid NOT NULL REFERENCES venues (id),
  name text NOT NULL,
  version integer NOT NULL,
  width real NOT NULL,
  height real NOT NULL,
  stage jsonb NOT NULL,
  seat_count integer NOT NULL,
  ga_capacity integer NOT NULL,
  etag text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (venue_id, name, version)
);

CREATE TABLE seatmap_sections (
  seatmap_id uuid NOT NULL REFERENCES seatmaps (id) ON DELETE CASCADE,
  section_id text NOT NULL,
  position integer NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('seated', 'ga')),
  polygon jsonb NOT NULL,
  capacity integer CHECK (capacity IS NULL OR capacity > 0),
  level text,
  PRIMARY KEY (seatmap_id, section_id)
);

-- seat_no is the seat's place in seat-map order, the index into the packed availability snapshot.
CREATE TABLE seats (
  seatmap_id uuid NOT NULL REFERENCES seatmaps (id) ON DELETE CASCADE,
  seat_no integer NOT NULL,
  seat_id text NOT NULL,
  section_id text NOT NULL,
  row_label text NOT NULL,
  seat_number text NOT NULL,
  x real NOT NULL,
  y real NOT NULL,
  wheelchair boolean NOT NULL DEFAULT false,
  companion boolean NOT NULL DEFAULT false,
  aisle boolean NOT NULL DEFAULT false,
  restricted_view boolean NOT NULL DEFAULT false,
  PRIMARY KEY (seatmap_id, seat_no),
  UNIQUE (seatmap_id, seat_id),
  FOREIGN KEY (seatmap_id, section_id) REFERENCES seatmap_sections (seatmap_id, section_id)
);

CREATE TABLE events (
  id uuid PRIMARY KEY,
  venue_id uuid NOT NULL REFERENCES venues (id),
  seatmap_id uuid NOT NULL REFERENCES seatmaps (id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  starts_at timestamptz NOT NULL,
  on_sale_from timestamptz NOT NULL,
  on_sale_until timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'on_sale', 'paused', 'cancelled')),
  per_order_limit integer NOT NULL CHECK (per_order_limit BETWEEN 1 AND 100),
  hold_ttl_seconds integer NOT NULL CHECK (hold_ttl_seconds > 0),
  currency char(3) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (on_sale_from < on_sale_until)
);
CREATE INDEX events_upcoming ON events (starts_at) WHERE status = 'on_sale';

CREATE TABLE price_tiers (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  rank smallint NOT NULL,
  name text NOT NULL,
  price_amount integer NOT NULL CHECK (price_amount >= 0),
  currency char(3) NOT NULL,
  color text NOT NULL,
  UNIQUE (event_id, rank)
);

-- The inventory. A hold is one conditional UPDATE over these rows; an expired hold counts as free at once.
CREATE TABLE event_seats (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  seat_no integer NOT NULL,
  seat_id text NOT NULL,
  tier_id uuid NOT NULL REFERENCES price_tiers (id),
  status text NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'held', 'sold', 'unavailable')),
  hold_id uuid,
  hold_expires_at timestamptz,
  order_id uuid,
  version integer NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, seat_no),
  UNIQUE (event_id, seat_id),
  CHECK ((status = 'held') = (hold_id IS NOT NULL AND hold_expires_at IS NOT NULL))
);
CREATE INDEX event_seats_by_hold ON event_seats (hold_id) WHERE hold_id IS NOT NULL;

-- General admission is counted, not seated: a guarded UPDATE keeps held + sold within capacity.
CREATE TABLE event_ga (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  section_id text NOT NULL,
  tier_id uuid NOT NULL REFERENCES price_tiers (id),
  capacity integer NOT NULL CHECK (capacity > 0),
  held integer NOT NULL DEFAULT 0 CHECK (held >= 0),
  sold integer NOT NULL DEFAULT 0 CHECK (sold >= 0),
  version integer NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, section_id),
  CHECK (held + sold <= capacity)
);

-- No foreign key to events on purpose: its check would take a KEY SHARE lock on the event row for every hold,
-- turning that row into a hot (multixact) row on the hold path. Holds are only made for seats of a live event.
CREATE TABLE holds (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL,
  token_hash text NOT NULL,
  owner_sub text,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'released', 'expired', 'converted')),
  seat_nos integer[] NOT NULL DEFAULT '{}',
  ga_section_id text,
  ga_quantity integer CHECK (ga_quantity IS NULL OR ga_quantity > 0),
  total_amount integer NOT NULL,
  currency char(3) NOT NULL,
  expires_at timestamptz NOT NULL,
  extended boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  CHECK ((ga_section_id IS NULL) = (ga_quantity IS NULL))
);
CREATE INDEX holds_active_by_expiry ON holds (expires_at) WHERE state = 'active';
CREATE INDEX holds_active_ga ON holds (event_id, ga_section_id) WHERE state = 'active' AND ga_section_id IS NOT NULL;

-- A hold over explicit seats, all or nothing, in one round trip. The caller passes the seats in seat-map order, so
-- every hold locks rows in the same order and two multi-seat holds cannot deadlock. Each UPDATE re-checks its row
-- after a lock wait (READ COMMITTED), so a seat is never held twice; a held seat whose hold has expired is free.
-- Outcome rows: 'held' per seat; or 'unavailable' per seat that cannot be held now; or one 'not_on_sale'.
-- If a later seat is gone after earlier ones were taken, an error (SQLSTATE TB409, the unavailable seat ids in its
-- DETAIL) undoes the seats already taken by this call: the statement is atomic.
CREATE FUNCTION hold_seats(
  p_event_id uuid, p_seat_ids text[], p_now timestamptz, p_hold_id uuid, p_expires_at timestamptz,
  p_token_hash text, p_owner_sub text, p_total_amount integer, p_currency char(3)
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
                 AND e.on_sale_from <= p_now AND e.on_sale_until > p_now) THEN
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

-- Ends a hold, in one round trip: marks it expired (past its expiry) or released, and frees what it still holds,
-- the seats still carrying its id and its standing places. A hold that already ended is left alone (no rows).
-- Rows: one per freed seat (out_seat_id, out_version), and one for its GA section (out_section_id, out_remaining).
CREATE FUNCTION end_hold(p_hold_id uuid, p_now timestamptz)
RETURNS TABLE (out_seat_id text, out_version integer, out_section_id text, out_remaining integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_event_id uuid;
  v_section_id text;
  v_quantity integer;
BEGIN
  UPDATE holds h
  SET state = CASE WHEN h.expires_at <= p_now THEN 'expired' ELSE 'released' END, ended_at = p_now
  WHERE h.id = p_hold_id AND h.state = 'active'
  RETURNING h.event_id, h.ga_section_id, h.ga_quantity INTO v_event_id, v_section_id, v_quantity;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  RETURN QUERY
    UPDATE event_seats s
    SET status = 'available', hold_id = NULL, hold_expires_at = NULL, version = s.version + 1
    WHERE s.hold_id = p_hold_id AND s.status = 'held'
    RETURNING s.seat_id, s.version, NULL::text, NULL::integer;
  IF v_section_id IS NOT NULL THEN
    RETURN QUERY
      UPDATE event_ga g SET held = g.held - v_quantity, version = g.version + 1
      WHERE g.event_id = v_event_id AND g.section_id = v_section_id
      RETURNING NULL::text, NULL::integer, g.section_id, (g.capacity - g.held - g.sold)::integer;
  END IF;
END
$$;
