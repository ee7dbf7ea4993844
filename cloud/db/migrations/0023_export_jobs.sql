-- Export jobs: an export of orders, tickets or attendees is made by a job, not in the request (API Gateway and Lambda
-- cap a response at ~6 MB and 29 s; a 100,000-ticket CSV is ~14 MB). The row is the export's state as its maker
-- polls it: queued, running (rows written of rows counted first), done (the file's key and size) or failed (the
-- error). The file lives in the export store (S3 in AWS, files under the data dir locally) and expires after a day.
CREATE TABLE export_jobs (
  id uuid PRIMARY KEY,
  -- Who asked: only they (or an admin) read it.
  actor_sub text NOT NULL,
  venue_id uuid NOT NULL REFERENCES venues (id),
  event_id uuid REFERENCES events (id),
  dataset text NOT NULL CHECK (dataset IN ('orders', 'tickets', 'attendees')),
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  -- The filter as asked (eventId, or venueId with from and to) and resolved (instants of the venue's days).
  filter jsonb NOT NULL,
  title text NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  rows_written integer NOT NULL DEFAULT 0,
  rows_total integer,
  bytes bigint,
  storage_key text NOT NULL,
  error text,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz
);
-- One's recent exports, newest first.
CREATE INDEX export_jobs_by_actor ON export_jobs (actor_sub, created_at DESC);
