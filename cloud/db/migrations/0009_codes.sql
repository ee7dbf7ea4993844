-- Promo and presale codes and their uses. A code's pricing rule is stored as given (jsonb); the database only counts
-- uses. Counting must not make a hot row that every checkout with a shared code waits on, so a limited code's uses
-- are split over shard rows (code_use_slots) taken with SKIP LOCKED; an unlimited code has none and a redemption of
-- it locks no shared row at all.

-- A code as buyers type it, normalized: upper case, no spaces or dashes. At most one live (not disabled) code of a
-- text per venue. event_id NULL: any event of the venue. batch_id groups single-use codes made together.
CREATE TABLE codes (
  id uuid PRIMARY KEY,
  venue_id uuid NOT NULL REFERENCES venues (id),
  event_id uuid REFERENCES events (id),
  code text NOT NULL CHECK (code <> '' AND code = upper(code) AND code !~ '[[:space:]-]'),
  kind text NOT NULL CHECK (kind IN ('promo', 'presale')),
  rule jsonb NOT NULL,
  max_uses integer CHECK (max_uses IS NULL OR max_uses > 0),
  max_uses_per_buyer integer CHECK (max_uses_per_buyer IS NULL OR max_uses_per_buyer > 0),
  valid_from timestamptz,
  valid_until timestamptz,
  batch_id uuid,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until)
);
CREATE UNIQUE INDEX codes_live_by_venue ON codes (venue_id, code) WHERE disabled_at IS NULL;
CREATE INDEX codes_by_venue ON codes (venue_id, created_at DESC) WHERE batch_id IS NULL;
CREATE INDEX codes_by_batch ON codes (batch_id, code) WHERE batch_id IS NOT NULL;

-- How many shard rows a limited code's uses are split over: enough that concurrent checkouts with one shared code
-- rarely find every shard locked, few enough that reading the usage stays cheap.
CREATE FUNCTION code_use_shard_count(p_max_uses integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT LEAST(16, p_max_uses) $$;

-- A limited code's uses, split over shards whose capacities add up to max_uses exactly. A redemption adds one to a
-- shard's used, a release takes it back; no shard ever goes over its capacity.
CREATE TABLE code_use_slots (
  code_id uuid NOT NULL REFERENCES codes (id),
  shard smallint NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  used integer NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= capacity),
  PRIMARY KEY (code_id, shard)
);

-- One use of a code by an order. No foreign key to codes on purpose: its check would take a KEY SHARE lock on the
-- code row for every redemption, making that row the hot (multixact) row the shards are there to avoid; nor to
-- orders, so the caller may write the redemption before the order row in its transaction. Codes are never deleted.
-- shard: where the use was counted (NULL for an unlimited code). buyer_ordinal: 1..max_uses_per_buyer, unique among
-- a buyer's live uses of the code, so the per-buyer limit holds under a race without a lock on the code.
CREATE TABLE code_redemptions (
  id uuid PRIMARY KEY,
  code_id uuid NOT NULL,
  order_id uuid NOT NULL,
  buyer_key text NOT NULL,
  buyer_ordinal integer CHECK (buyer_ordinal IS NULL OR buyer_ordinal > 0),
  shard smallint,
  created_at timestamptz NOT NULL,
  released_at timestamptz
);
-- Also the index of a code's live uses (counted for an unlimited code). redeem_code() asks each index a question
-- only it can answer (by order alone; ordinals by ON CONFLICT): on a table without statistics yet the planner may
-- otherwise look an order up through code_id, reading every live use of a shared code on every checkout.
CREATE UNIQUE INDEX code_redemptions_buyer_ordinal ON code_redemptions (code_id, buyer_key, buyer_ordinal)
  WHERE released_at IS NULL;
-- An order uses a code once.
CREATE UNIQUE INDEX code_redemptions_live_by_order ON code_redemptions (order_id, code_id) WHERE released_at IS NULL;

-- The order's live use of the code, if any (id NULL if none). By the order alone, so that only the order's index can
-- serve it (an order has a live use or two), never an index over a shared code's uses.
CREATE FUNCTION order_code_redemption(p_order_id uuid, p_code_id uuid, OUT id uuid, OUT shard smallint)
LANGUAGE plpgsql AS $$
DECLARE
  v_row record;
BEGIN
  FOR v_row IN
    SELECT r.id, r.code_id, r.shard FROM code_redemptions r WHERE r.order_id = p_order_id AND r.released_at IS NULL
  LOOP
    IF v_row.code_id = p_code_id THEN
      id := v_row.id;
      shard := v_row.shard;
      RETURN;
    END IF;
  END LOOP;
END
$$;

-- Redeems a code for an order, in one round trip. Outcome 'redeemed' (with the redemption's id and shard; the order's
-- live redemption of this code if it has one already), 'buyer_limit' or 'exhausted'.
-- The per-buyer limit first: the insert of the redemption takes the lowest ordinal the buyer's live uses leave free,
-- trying 1, 2, … against the unique index (a probe each, no scan); a concurrent redemption by the same buyer holding
-- an ordinal makes the insert wait for it, then do nothing if it committed. Nothing else is locked while it waits.
-- Then a limited code takes one unit from a shard: first a shard with room that nobody has locked, tried from a random
-- start (SKIP LOCKED), so concurrent redemptions spread over the shards and none waits on another; only when every
-- shard with room is locked does it wait for them, one at a time, so 'exhausted' is never the answer while a unit
-- may still be free. Shards are locked inside blocks (subtransactions) left with an error when they took no unit:
-- FOR UPDATE keeps the lock of a row it passed over because the row filled up meanwhile, and leaving the block
-- gives such locks back, so a waiting redemption never holds a full shard another one waits on (no deadlock).
-- Two redemptions for the same order at once (a retry racing the first) end with one use: the later insert finds the
-- order's use made (the unique index), gives back its unit and answers with that use.
-- The shard stays locked until the caller's transaction ends: call this late in the checkout's transaction.
CREATE FUNCTION redeem_code(
  p_redemption_id uuid, p_code_id uuid, p_order_id uuid, p_buyer_key text, p_now timestamptz,
  OUT outcome text, OUT out_redemption_id uuid, OUT out_shard smallint
)
LANGUAGE plpgsql AS $$
DECLARE
  v_max_uses integer;
  v_per_buyer integer;
  v_shard smallint;
  v_start integer;
  v_candidate smallint;
  v_room boolean;
  v_ordinal integer;
  v_inserted boolean := false;
BEGIN
  SELECT 'redeemed', e.id, e.shard INTO outcome, out_redemption_id, out_shard
  FROM order_code_redemption(p_order_id, p_code_id) e WHERE e.id IS NOT NULL;
  IF FOUND THEN
    RETURN;
  END IF;
  SELECT c.max_uses, c.max_uses_per_buyer INTO v_max_uses, v_per_buyer FROM codes c WHERE c.id = p_code_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no code %', p_code_id USING ERRCODE = 'TB404';
  END IF;

  IF v_per_buyer IS NOT NULL THEN
    FOR v_ordinal IN 1..v_per_buyer LOOP
      INSERT INTO code_redemptions (id, code_id, order_id, buyer_key, buyer_ordinal, created_at)
      VALUES (p_redemption_id, p_code_id, p_order_id, p_buyer_key, v_ordinal, p_now)
      ON CONFLICT DO NOTHING;
      IF FOUND THEN
        v_inserted := true;
        EXIT;
      END IF;
      -- The ordinal was taken, or a concurrent redemption for the same order made its use first.
      SELECT 'redeemed', e.id, e.shard INTO outcome, out_redemption_id, out_shard
      FROM order_code_redemption(p_order_id, p_code_id) e WHERE e.id IS NOT NULL;
      IF FOUND THEN
        RETURN;
      END IF;
    END LOOP;
    IF NOT v_inserted THEN
      outcome := 'buyer_limit';
      out_redemption_id := NULL;
      out_shard := NULL;
      RETURN;
    END IF;
  END IF;

  IF v_max_uses IS NOT NULL THEN
    v_start := floor(random() * code_use_shard_count(v_max_uses))::integer;
    -- The usual case, one statement: the first shard with room nobody holds, from the random start.
    BEGIN
      UPDATE code_use_slots s SET used = s.used + 1
      FROM (SELECT u.shard FROM code_use_slots u
            WHERE u.code_id = p_code_id AND u.used < u.capacity
            ORDER BY u.shard < v_start, u.shard LIMIT 1 FOR UPDATE SKIP LOCKED) pick
      WHERE s.code_id = p_code_id AND s.shard = pick.shard AND s.used < s.capacity
      RETURNING s.shard INTO v_shard;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'every shard with room locked' USING ERRCODE = 'TB499';
      END IF;
    EXCEPTION WHEN SQLSTATE 'TB499' THEN
      NULL;
    END;
    -- Every shard with room is locked: wait for them one at a time.
    IF v_shard IS NULL THEN
      <<shards>>
      FOR v_candidate IN
        SELECT u.shard FROM code_use_slots u WHERE u.code_id = p_code_id AND u.used < u.capacity
        ORDER BY u.shard < v_start, u.shard
      LOOP
        BEGIN
          SELECT u.used < u.capacity INTO v_room FROM code_use_slots u
          WHERE u.code_id = p_code_id AND u.shard = v_candidate FOR UPDATE;
          IF v_room IS NOT TRUE THEN
            RAISE EXCEPTION 'shard full' USING ERRCODE = 'TB499';
          END IF;
          UPDATE code_use_slots u SET used = u.used + 1 WHERE u.code_id = p_code_id AND u.shard = v_candidate;
          v_shard := v_candidate;
          EXIT shards;
        EXCEPTION WHEN SQLSTATE 'TB499' THEN
          NULL;
        END;
      END LOOP;
    END IF;
    IF v_shard IS NULL THEN
      IF v_inserted THEN
        DELETE FROM code_redemptions r WHERE r.id = p_redemption_id;
      END IF;
      outcome := 'exhausted';
      out_redemption_id := NULL;
      out_shard := NULL;
      RETURN;
    END IF;
  END IF;

  IF v_inserted THEN
    IF v_shard IS NOT NULL THEN
      UPDATE code_redemptions r SET shard = v_shard WHERE r.id = p_redemption_id;
    END IF;
  ELSE
    INSERT INTO code_redemptions (id, code_id, order_id, buyer_key, shard, created_at)
    VALUES (p_redemption_id, p_code_id, p_order_id, p_buyer_key, v_shard, p_now)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      -- A concurrent redemption for the same order made its use first: give the unit back (still locked by us).
      IF v_shard IS NOT NULL THEN
        UPDATE code_use_slots u SET used = u.used - 1 WHERE u.code_id = p_code_id AND u.shard = v_shard;
      END IF;
      SELECT 'redeemed', e.id, e.shard INTO outcome, out_redemption_id, out_shard
      FROM order_code_redemption(p_order_id, p_code_id) e;
      RETURN;
    END IF;
  END IF;
  outcome := 'redeemed';
  out_redemption_id := p_redemption_id;
  out_shard := v_shard;
  RETURN;
END
$$;
