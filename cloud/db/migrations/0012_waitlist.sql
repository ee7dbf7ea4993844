-- Waitlists of sold-out events and tiers: buyers join with an email and a quantity; when seats come back they are
-- offered in join order, each offer a hold (so no seat is offered to two people at once) that the buyer claims by
-- the link in an email, until the offer expires. Tokens are kept hashed (sha256, hex) like hold and order tokens.

-- state: waiting (in line) → offered (an open offer) → claimed (opened the offer) | expired (let the offer lapse);
-- waiting or offered → left (the buyer left the line). tier_id NULL: any tier of the event.
CREATE TABLE waitlist_entries (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  tier_id uuid REFERENCES price_tiers (id),
  email text NOT NULL CHECK (email = lower(email)),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 10),
  state text NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'offered', 'claimed', 'expired', 'left')),
  -- The buyer's token for leaving the line (given once, when joining).
  token_hash text NOT NULL,
  joined_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- One live entry per email and event: joining twice is refused while the first is waiting or has an open offer.
CREATE UNIQUE INDEX waitlist_entries_one_live ON waitlist_entries (event_id, email) WHERE state IN ('waiting', 'offered');
-- The line of an event, in join order (id breaks ties of one instant), and which events have one at all.
CREATE INDEX waitlist_entries_line ON waitlist_entries (event_id, joined_at, id) WHERE state = 'waiting';
CREATE INDEX waitlist_entries_by_event ON waitlist_entries (event_id, joined_at);

-- An offer: the hold made for one entry. The hold's token is the claim token (its hash is in both rows), so the link
-- in the email opens the hold directly; the hold is made already extended, so checkout cannot move it past expires_at.
-- state: open → claimed (link opened) | expired (lapsed unclaimed) | withdrawn (the buyer left the line).
CREATE TABLE waitlist_offers (
  id uuid PRIMARY KEY,
  entry_id uuid NOT NULL REFERENCES waitlist_entries (id) ON DELETE CASCADE,
  event_id uuid NOT NULL,
  hold_id uuid NOT NULL UNIQUE REFERENCES holds (id),
  claim_token_hash text NOT NULL UNIQUE,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'claimed', 'expired', 'withdrawn')),
  offered_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  emailed_at timestamptz,
  ended_at timestamptz
);
-- At most one open offer an entry, whatever two passes do.
CREATE UNIQUE INDEX waitlist_offers_one_open ON waitlist_offers (entry_id) WHERE state = 'open';
CREATE INDEX waitlist_offers_open_by_expiry ON waitlist_offers (expires_at) WHERE state = 'open';

-- Per event: how long an offer stays open (an event without a row uses the service's default, 30 minutes).
CREATE TABLE waitlist_settings (
  event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  offer_seconds integer NOT NULL CHECK (offer_seconds BETWEEN 60 AND 86400)
);
