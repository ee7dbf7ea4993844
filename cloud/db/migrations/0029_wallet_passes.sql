-- Wallet passes (issue 19): a ticket's Apple Wallet pass or Google Wallet object, kept up to date after a refund, a
-- void, a transfer or a new date. A row exists once a pass was handed out (a .pkpass downloaded, a save link made):
-- only those tickets have anything to update. `updated_at` is the pass's version (Apple's passesUpdatedSince tag and
-- Last-Modified); `google_saved` says a save link was made, so the object may exist at Google and is patched.
CREATE TABLE wallet_passes (
  ticket_id uuid PRIMARY KEY REFERENCES tickets (id),
  event_id uuid NOT NULL REFERENCES events (id),
  updated_at timestamptz NOT NULL,
  google_saved boolean NOT NULL DEFAULT false
);
CREATE INDEX wallet_passes_by_event ON wallet_passes (event_id);

-- A device that asked Apple's web service for updates of a pass (its push token is where APNs wakes it).
CREATE TABLE wallet_pass_registrations (
  device_library_id text NOT NULL CHECK (length(device_library_id) BETWEEN 1 AND 128),
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  push_token text NOT NULL CHECK (length(push_token) BETWEEN 1 AND 256),
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (device_library_id, ticket_id)
);
CREATE INDEX wallet_pass_registrations_by_ticket ON wallet_pass_registrations (ticket_id);
