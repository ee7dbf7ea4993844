-- The seat-map designer paints tier keys on seats and sections and keeps the map's list of tiers (key, name,
-- colour). All optional: maps stored before have none, and an event still prices sections and seats as before.
ALTER TABLE seatmaps ADD COLUMN tiers jsonb;
ALTER TABLE seatmap_sections ADD COLUMN tier_key text;
ALTER TABLE seats ADD COLUMN tier_key text;
