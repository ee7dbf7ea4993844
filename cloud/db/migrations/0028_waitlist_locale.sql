-- The language a waitlist entry was joined in (the shop's, sent with the join request): its offer email is written in
-- it, as an order's emails are written in the order's (0027). Entries from before this migration were English.
ALTER TABLE waitlist_entries
  ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'de', 'ar'));
