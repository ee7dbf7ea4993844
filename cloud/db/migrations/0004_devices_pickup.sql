-- Pairing codes: an admin asks the cloud for a short one-time code, types it into a new kiosk or box-office machine,
-- and the machine exchanges it for its own credential. Codes are kept hashed, expire, and work once.
CREATE TABLE device_pairing_codes (
  code_hash text PRIMARY KEY,
  venue_id uuid NOT NULL REFERENCES venues (id),
  kind text NOT NULL CHECK (kind IN ('kiosk', 'boxoffice')),
  name text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid REFERENCES devices (id)
);

-- Will-call: when and by whom the tickets of an order were handed over at the counter.
ALTER TABLE orders ADD COLUMN picked_up_at timestamptz;
ALTER TABLE orders ADD COLUMN picked_up_by text;
