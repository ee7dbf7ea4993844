-- The door: when, at which gate and by whom a ticket was let in. A ticket is admitted once.
ALTER TABLE tickets ADD COLUMN used_at timestamptz;
ALTER TABLE tickets ADD COLUMN used_gate text;
ALTER TABLE tickets ADD COLUMN used_by text;
