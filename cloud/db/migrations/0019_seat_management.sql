-- Seat management (the back office): an organizer takes seats off sale, or holds standing places back, with a kind
-- and a note, and gives them back to sale.
--
-- A seat taken off sale is an event_seats row in status 'unavailable' (the status the inventory and the availability
-- snapshot already had, code 3), now with why: its kind, a note, when and by whom. Nothing can hold or sell such a
-- seat: hold_seats() and sell_hold_seats() only take seats that are available (or held by an expired hold), so no
-- path of the hold or the sale needs to know about blocks. Only an available seat (or one whose hold has expired) can
-- be blocked: a seat that is held or sold is refused, by the same conditional UPDATE that makes holds all or nothing.
-- Kinds: block (off sale, e.g. a broken seat), kill (never sold: sightlines, a camera, the mixing desk), house (kept
-- for the house), production (kept for the production).
ALTER TABLE event_seats
  ADD COLUMN block_kind text CHECK (block_kind IN ('block', 'kill', 'house', 'production')),
  ADD COLUMN block_note text NOT NULL DEFAULT '',
  ADD COLUMN blocked_at timestamptz,
  ADD COLUMN blocked_by text;
UPDATE event_seats SET block_kind = 'block', blocked_at = now(), blocked_by = 'migration 0019'
WHERE status = 'unavailable';
ALTER TABLE event_seats ADD CONSTRAINT event_seats_blocked_has_kind
  CHECK ((status = 'unavailable') = (block_kind IS NOT NULL AND blocked_at IS NOT NULL));
CREATE INDEX event_seats_blocked ON event_seats (event_id, seat_no) WHERE status = 'unavailable';

-- Standing places held back: a counter beside held and sold, moved by the same guarded UPDATE, so held + sold +
-- held_back never passes capacity; each hold-back is a row with its kind and note, given back as a whole.
ALTER TABLE event_ga ADD COLUMN held_back integer NOT NULL DEFAULT 0 CHECK (held_back >= 0);
ALTER TABLE event_ga ADD CONSTRAINT event_ga_within_capacity CHECK (held + sold + held_back <= capacity);

CREATE TABLE event_ga_holdbacks (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL,
  section_id text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  kind text NOT NULL CHECK (kind IN ('block', 'kill', 'house', 'production')),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  FOREIGN KEY (event_id, section_id) REFERENCES event_ga (event_id, section_id) ON DELETE CASCADE
);
CREATE INDEX event_ga_holdbacks_by_event ON event_ga_holdbacks (event_id, section_id);

-- end_hold() of 0001 again, its standing places left now net of the places held back.
CREATE OR REPLACE FUNCTION end_hold(p_hold_id uuid, p_now timestamptz)
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
      RETURNING NULL::text, NULL::integer, g.section_id, (g.capacity - g.held - g.sold - g.held_back)::integer;
  END IF;
END
$$;

-- Notes on an order by staff: append-only, like the audit log (who, when, the text).
CREATE TABLE order_notes (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id),
  at timestamptz NOT NULL,
  author_sub text NOT NULL,
  author_email text,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000)
);
CREATE INDEX order_notes_by_order ON order_notes (order_id, at);
CREATE FUNCTION order_notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'order_notes is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER order_notes_append_only BEFORE UPDATE OR DELETE ON order_notes
  FOR EACH ROW EXECUTE FUNCTION order_notes_append_only();

-- The back office's order search: by ticket code, and newest first within a venue or across all (keyset pages).
CREATE INDEX orders_by_time ON orders (created_at DESC, id DESC);
CREATE INDEX orders_by_buyer_name ON orders (lower(buyer_name) text_pattern_ops);
