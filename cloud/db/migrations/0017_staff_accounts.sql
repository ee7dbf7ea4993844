-- Staff accounts of the back office: roles with their venues, invitations and password resets by email, disabled
-- accounts, sign-out everywhere, and what each machine last told the API.

-- A venue manager's venues (a clerk's or door steward's one venue stays in venue_id).
ALTER TABLE users ADD COLUMN venue_ids uuid[] NOT NULL DEFAULT '{}';
-- A disabled account cannot sign in, and its tokens stop working (token_cutoffs).
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
-- Invited and not yet set a password: password_hash holds no usable hash until then.
ALTER TABLE users ADD COLUMN invited_at timestamptz;
ALTER TABLE users ADD COLUMN password_set_at timestamptz;
CREATE INDEX users_staff_venue ON users (venue_id) WHERE venue_id IS NOT NULL;
CREATE INDEX users_staff_venues ON users USING gin (venue_ids);

-- Sign-out everywhere: every token of `sub` issued at or before `not_before` is refused. One row per principal that
-- ever signed out everywhere, was disabled, reset a password or (devices) was revoked; the API reads it by primary
-- key on every authenticated request, since a JWT's signature alone cannot tell that it was revoked.
CREATE TABLE token_cutoffs (
  sub text PRIMARY KEY,
  not_before timestamptz NOT NULL
);

-- One-time links of invitation and password-reset emails: only the token's hash is kept, each works once and expires.
CREATE TABLE password_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  purpose text NOT NULL CHECK (purpose IN ('invite', 'reset')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_tokens_by_user ON password_tokens (user_id);

-- What a machine last told the API: when, and which app version it runs; who revoked it.
ALTER TABLE devices ADD COLUMN last_seen_at timestamptz;
ALTER TABLE devices ADD COLUMN app_version text;
ALTER TABLE devices ADD COLUMN revoked_by text;
CREATE INDEX devices_by_venue ON devices (venue_id);
