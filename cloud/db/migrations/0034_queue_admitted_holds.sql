-- Issue 20, second wave. A hold made through the waiting room's gate (an admitted web buyer) or by a waitlist offer
-- is marked: its checkout trusts the mark instead of asking for the admission again (an admission that runs out
-- mid-checkout, or a waitlist offer's buyer who never queued, can still buy within the hold's time).
ALTER TABLE holds ADD COLUMN queue_admitted boolean NOT NULL DEFAULT false;

-- The proof-of-work solutions joined with, and the arrival number each got: a replayed solution, to any process,
-- gets the same number back (one statement, ON CONFLICT). UNLOGGED: a crash forgets them, as it would a challenge's
-- 2-minute life anyway; housekeeping deletes them once stale.
CREATE UNLOGGED TABLE queue_solutions (
  event_id uuid NOT NULL,
  solution_hash bytea NOT NULL,
  arrival bigint NOT NULL,
  stale_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, solution_hash)
);
CREATE INDEX queue_solutions_stale_at ON queue_solutions (stale_at);
