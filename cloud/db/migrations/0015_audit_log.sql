-- The audit log: every staff and admin action (who, what, when, the object before and after), written in the same
-- transaction as the change it records, so a change and its entry commit or roll back together. Append-only: rows
-- are never updated or deleted (a trigger refuses it), and an entry outlives its object and its venue (no foreign
-- keys). Searched by venue and time (the back office's list), by object (an object's history), by actor, and by words.
CREATE TABLE audit_log (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL,
  -- Who: the principal's subject, email (when known) and the role it acted in.
  actor_sub text NOT NULL,
  actor_email text,
  actor_role text NOT NULL,
  -- The venue the object belongs to; NULL for actions on no venue's object (e.g. an owner inviting an admin).
  venue_id uuid,
  -- What: a stable dotted name (event.publish, order.refund, seat.block), the object's kind and id.
  action text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  object_type text NOT NULL,
  object_id text NOT NULL,
  -- One line in words for the list, and the object's fields before and after (NULL when created or removed).
  summary text NOT NULL,
  before jsonb,
  after jsonb,
  search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', action || ' ' || object_type || ' ' || object_id || ' ' || coalesce(actor_email, '') || ' ' || summary)
  ) STORED
);
CREATE INDEX audit_log_by_venue ON audit_log (venue_id, at DESC, id DESC);
CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_by_object ON audit_log (object_type, object_id, at DESC);
CREATE INDEX audit_log_by_actor ON audit_log (actor_sub, at DESC);
CREATE INDEX audit_log_search ON audit_log USING gin (search);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
