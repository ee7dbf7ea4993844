-- The on-sale waiting room (issue 20): an event's queue settings (the organizer's), its one state row (how far
-- admission has reached: written at most once a second, by whichever process finds it stale), its arrival numbers
-- (one SEQUENCE per queue, created with the settings: nextval never waits on a lock, where a counter row would
-- serialize every join), and one row per account for queues that give one place per verified account. No row per
-- waiting buyer otherwise: the buyer keeps a signed ticket.
CREATE TABLE event_queues (
  event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  enabled boolean NOT NULL,
  opens_at timestamptz NOT NULL,
  admission_per_minute integer CHECK (admission_per_minute IS NULL OR admission_per_minute BETWEEN 1 AND 1000000),
  one_place_per text NOT NULL CHECK (one_place_per IN ('session', 'verified_account')),
  challenge_bits smallint NOT NULL CHECK (challenge_bits BETWEEN 0 AND 24),
  token_minutes smallint NOT NULL CHECK (token_minutes BETWEEN 1 AND 120),
  updated_at timestamptz NOT NULL,
  updated_by text
);

-- The queue's settings ride on the event's settings stamp (0024), so a hold's gate reads them from its cached copy
-- and never misses another process's change.
CREATE TRIGGER event_queues_settings_version AFTER INSERT OR DELETE OR UPDATE ON event_queues FOR EACH ROW
EXECUTE FUNCTION event_part_bumps_settings_version();

CREATE TABLE event_queue_states (
  event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  -- Rises with every write; the conditional UPDATE that advances the state names the version it read.
  version bigint NOT NULL DEFAULT 0,
  -- Arrivals before the opening (frozen when it opens: they are shuffled among themselves); null until then.
  arrived_before_opening bigint CHECK (arrived_before_opening >= 0),
  admitted_through bigint NOT NULL DEFAULT 0 CHECK (admitted_through >= 0),
  joined bigint NOT NULL DEFAULT 0 CHECK (joined >= 0),
  admitting_per_minute double precision,
  -- A fixed admission rate's fraction of a place not yet given (carried to the next write).
  admission_carry double precision NOT NULL DEFAULT 0,
  sold_out boolean NOT NULL DEFAULT false,
  -- Seats and places free when the queue opened (the drain rule counts the buyers served since from them).
  free_at_opening bigint,
  -- admitted_through once a minute (the drain rule: buyers whose token lapsed count as served).
  checkpoints jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL
);

CREATE TABLE event_queue_accounts (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  account_sub text NOT NULL,
  arrival bigint NOT NULL,
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, account_sub)
);

-- The queue's arrival sequence, made once per event (its name from the event id; IF NOT EXISTS: saving the settings
-- again keeps the numbers given). The API's role may not change the schema (db/app-role.ts), so the function runs as
-- its owner (the migrating role) and gives the calling role the use of the new sequence.
CREATE FUNCTION queue_arrival_sequence(event uuid) RETURNS text LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  name text := 'queue_arrivals_' || replace(event::text, '-', '');
BEGIN
  EXECUTE format('CREATE SEQUENCE IF NOT EXISTS public.%I AS bigint MINVALUE 1', name);
  IF session_user <> current_user THEN
    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE public.%I TO %I', name, session_user);
  END IF;
  RETURN name;
END
$$;
