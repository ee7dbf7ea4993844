-- Issue 20, fourth wave. One place in the waiting room buys one basket: the web holds made with an admission of a
-- queued event take at most the event's per-order limit of seats at a time, counted over every admission the place
-- was given (a buyer asks again with the same ticket when one runs out, and must not get a fresh basket by it). A
-- hold remembers the place it was let in at; held seats count while the hold lives, sold ones for good (a bought
-- basket is the basket), and a released or expired hold gives its share back.
ALTER TABLE holds ADD COLUMN queue_place integer;

-- 0035's index of admitted holds, now by place as well: the drain rule still reads the event's admitted holds
-- through it, and a queued hold reads only its own place's (a handful of rows, not the event's thousands).
DROP INDEX holds_queue_admitted;
CREATE INDEX holds_queue_baskets ON holds (event_id, queue_place)
  INCLUDE (state, seat_nos, ga_quantity, expires_at) WHERE queue_admitted;

-- Marks a just-made hold as let in by the waiting room at p_place, unless the place's live and sold holds and this
-- one would take more than p_limit seats; answers whether it marked it and how many seats the place took besides.
-- Holds of one place queue up on a transaction lock of their own (two holds at once with one admission are the case
-- this is for), and the sum is read after it is taken: each statement of a function sees what committed before it
-- began, so the sum counts every mark that committed while this one waited. Holds of other places never wait.
CREATE FUNCTION admit_queue_hold(
  p_hold uuid,
  p_event uuid,
  p_place integer,
  p_limit integer,
  p_now timestamptz,
  OUT marked boolean,
  OUT taken integer
) LANGUAGE plpgsql AS $$
DECLARE
  v_mine integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('queue-basket:' || p_event::text), p_place);
  SELECT coalesce(sum(cardinality(seat_nos) + coalesce(ga_quantity, 0)), 0)::integer INTO taken
    FROM holds
   WHERE event_id = p_event AND queue_admitted AND queue_place = p_place AND id <> p_hold
     AND (state = 'converted' OR (state = 'active' AND expires_at > p_now));
  SELECT cardinality(seat_nos) + coalesce(ga_quantity, 0) INTO v_mine FROM holds WHERE id = p_hold;
  marked := taken + v_mine <= p_limit;
  IF marked THEN
    UPDATE holds SET queue_admitted = true, queue_place = p_place WHERE id = p_hold;
  END IF;
END;
$$;
