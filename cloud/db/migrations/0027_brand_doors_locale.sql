-- The buyer's experience (issue 18): a venue's brand (colour and logo) and street address, an event's doors time,
-- and the language an order was placed in (its emails and PDFs are written in it).
-- The logo is kept in the row (at most 200 KB, checked here as well as by the API) with its content type and a hash
-- of its bytes, which versions its public address so it can be cached for a year.
ALTER TABLE venues
  ADD COLUMN brand_color text CHECK (brand_color ~ '^#[0-9a-f]{6}$'),
  ADD COLUMN address text CHECK (char_length(address) BETWEEN 1 AND 300),
  ADD COLUMN logo bytea CHECK (octet_length(logo) BETWEEN 1 AND 204800),
  ADD COLUMN logo_type text CHECK (logo_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')),
  ADD COLUMN logo_hash text,
  ADD CONSTRAINT venues_logo_whole CHECK (
    (logo IS NULL AND logo_type IS NULL AND logo_hash IS NULL)
    OR (logo IS NOT NULL AND logo_type IS NOT NULL AND logo_hash IS NOT NULL)
  );

ALTER TABLE events
  ADD COLUMN doors_at timestamptz,
  ADD CONSTRAINT events_doors_before_start CHECK (doors_at IS NULL OR doors_at < starts_at);

ALTER TABLE orders
  ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'de', 'ar'));
