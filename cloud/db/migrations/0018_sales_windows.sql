-- Sales windows per channel: an event may open and close sales for the web shop, the kiosks and the box office at
-- different moments (e.g. the box office a week before the web, the web closing two hours before doors). No row for a
-- channel: it sells in the event's on-sale period. A row narrows what the event's period allows for its channel; a
-- hold through the channel outside its window is refused (sales_window_closed), a presale code's early start still
-- opening it early.
CREATE TABLE event_sales_windows (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('web', 'kiosk', 'boxoffice')),
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, channel),
  CHECK (opens_at < closes_at)
);

-- The back office lists every event of a venue (drafts too) by date.
CREATE INDEX events_by_venue_start ON events (venue_id, starts_at, id);
