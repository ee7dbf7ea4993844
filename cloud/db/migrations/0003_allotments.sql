-- Allotments: seats a box office reserves for one device while online (a long hold it owns), so that it can sell
-- them at the counter even when the network is down. An order sells part of an allotment by moving those seats into
-- a hold of their own first.
ALTER TABLE holds ADD COLUMN kind text NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard', 'allotment'));

-- Moves these seats of an active allotment into a new standard hold (same owner, same expiry), in one statement.
-- Returns the seat numbers moved; raises TB409 (nothing moved) if any seat is not in the allotment any more.
CREATE FUNCTION split_allotment(
  p_allotment_id uuid, p_seat_ids text[], p_hold_id uuid, p_token_hash text, p_total_amount integer, p_now timestamptz
) RETURNS integer[]
LANGUAGE plpgsql AS $$
DECLARE
  v_allotment holds%ROWTYPE;
  v_moved integer[];
BEGIN
  SELECT * INTO v_allotment FROM holds
  WHERE id = p_allotment_id AND kind = 'allotment' AND state = 'active' AND expires_at > p_now FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no active allotment' USING ERRCODE = 'TB410';
  END IF;
  WITH moved AS (
    UPDATE event_seats s SET hold_id = p_hold_id, version = s.version + 1
    WHERE s.event_id = v_allotment.event_id AND s.hold_id = p_allotment_id AND s.status = 'held'
      AND s.seat_id = ANY(p_seat_ids)
    RETURNING s.seat_no
  )
  SELECT array_agg(seat_no ORDER BY seat_no) INTO v_moved FROM moved;
  IF COALESCE(cardinality(v_moved), 0) <> cardinality(p_seat_ids) THEN
    RAISE EXCEPTION 'seats not in the allotment' USING ERRCODE = 'TB409';
  END IF;
  UPDATE holds SET seat_nos = ARRAY(SELECT n FROM unnest(seat_nos) AS n WHERE n <> ALL (v_moved)),
    total_amount = total_amount - p_total_amount
  WHERE id = p_allotment_id;
  INSERT INTO holds (id, event_id, token_hash, owner_sub, seat_nos, total_amount, currency, expires_at, created_at)
  VALUES (p_hold_id, v_allotment.event_id, p_token_hash, v_allotment.owner_sub, v_moved, p_total_amount,
          v_allotment.currency, v_allotment.expires_at, p_now);
  RETURN v_moved;
END
$$;
