-- A code's use is taken from one shard row with SKIP LOCKED (0009). The pick of that shard was a LIMIT subquery
-- joined to the row it updates; a plan with the pick on the inner side of the join may scan it again for each row,
-- and under concurrent redemptions SKIP LOCKED then names another shard on the next scan: one redemption counted
-- two uses, and the function failed ('query returned more than one row'), seen under bench:checkout's shared promo
-- code. The pick is now a materialised CTE, made once. The rest of redeem_code is as 0009 wrote it.
CREATE OR REPLACE FUNCTION redeem_code(
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
      -- The pick is materialised, so it is made once: as the inner side of a join it could be scanned again for each
      -- shard row, SKIP LOCKED giving another shard each time under concurrent redemptions, and one use was then
      -- counted on two shards (seen by bench:checkout's promo phase as 'query returned more than one row').
      WITH pick AS MATERIALIZED (
        SELECT u.shard FROM code_use_slots u
        WHERE u.code_id = p_code_id AND u.used < u.capacity
        ORDER BY u.shard < v_start, u.shard LIMIT 1 FOR UPDATE SKIP LOCKED
      )
      UPDATE code_use_slots s SET used = s.used + 1
      FROM pick
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
