-- An audit entry belongs to every venue its object belongs to: a staff member given several venues (invited, their
-- role changed, signed out) is the business of each of those venues' managers, not only of the first one's. The
-- reader's venues are matched with `&&` (any in common) over a GIN index; venue_id stays as the entry's first venue.
-- Entries of no venue have an empty list and are the owner's alone, as before.
ALTER TABLE audit_log ADD COLUMN venue_ids uuid[] NOT NULL DEFAULT '{}';

-- The log is append-only (its trigger refuses updates): the backfill of the new column is the one exception.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log SET venue_ids = ARRAY[venue_id] WHERE venue_id IS NOT NULL;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

-- The first venue is one of the venues.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_venue_in_venues
  CHECK (venue_id IS NULL OR venue_id = ANY (venue_ids));

CREATE INDEX audit_log_by_venues ON audit_log USING gin (venue_ids);
DROP INDEX audit_log_by_venue;
