-- Rotating ticket codes (issue 19; the format in cloud/domain/tickets/README.md): the phone a ticket is bound to (its
-- P-256 public key, 65 raw bytes, and the credential issued for it, so the same key asking again gets the same
-- credential), each event's code policy, and the rotating codes the cloud's door has seen (its replay memory: a
-- (ticket, time) pair a second time is a replay; rows older than the clock rule's window are of no further use and
-- are deleted as new ones come in).
CREATE TABLE ticket_device_keys (
  ticket_id uuid PRIMARY KEY REFERENCES tickets (id),
  public_key bytea NOT NULL CHECK (octet_length(public_key) = 65),
  credential text NOT NULL,
  bound_at timestamptz NOT NULL
);

ALTER TABLE events
  ADD COLUMN code_policy text NOT NULL DEFAULT 'static' CHECK (code_policy IN ('static', 'rotating', 'rotating_only'));

CREATE TABLE rotating_code_sightings (
  ticket_id uuid NOT NULL,
  code_time bigint NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, code_time)
);
CREATE INDEX rotating_code_sightings_seen_at ON rotating_code_sightings (seen_at);
