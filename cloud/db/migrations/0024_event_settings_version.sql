-- An event's settings stamp: every process (each Lambda instance) keeps a copy of what the hold path needs to know
-- about an event (its row, tiers and prices, standing sections: services/catalog/event-context.ts). The stamp goes up
-- whenever any of that changes, by whichever process and code path, so a copy made from an older stamp is known to
-- be stale the next time a sale reads the stamp (it rides on the sales-window query every hold and checkout makes).
-- Triggers rather than application code: a writer added later cannot forget to bump it. Status is left out: it is
-- checked in SQL on every hold, never taken from the copy.
ALTER TABLE events ADD COLUMN settings_version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION events_bump_settings_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.settings_version := OLD.settings_version + 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER events_settings_version BEFORE UPDATE ON events FOR EACH ROW
WHEN (
  (OLD.venue_id, OLD.seatmap_id, OLD.name, OLD.description, OLD.starts_at, OLD.on_sale_from, OLD.on_sale_until,
   OLD.per_order_limit, OLD.hold_ttl_seconds, OLD.currency)
  IS DISTINCT FROM
  (NEW.venue_id, NEW.seatmap_id, NEW.name, NEW.description, NEW.starts_at, NEW.on_sale_from, NEW.on_sale_until,
   NEW.per_order_limit, NEW.hold_ttl_seconds, NEW.currency)
)
EXECUTE FUNCTION events_bump_settings_version();

-- A tier or standing section of the event added, changed or removed: the event's stamp goes up. Standing sections'
-- counters (held, sold) change on every sale and are not part of the copy, so only their shape counts.
CREATE FUNCTION event_part_bumps_settings_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET settings_version = settings_version + 1
  WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.event_id ELSE NEW.event_id END;
  RETURN NULL;
END
$$;

CREATE TRIGGER price_tiers_settings_version AFTER INSERT OR DELETE OR UPDATE ON price_tiers FOR EACH ROW
EXECUTE FUNCTION event_part_bumps_settings_version();

CREATE TRIGGER event_ga_settings_version AFTER INSERT OR DELETE OR UPDATE OF tier_id, capacity ON event_ga FOR EACH ROW
EXECUTE FUNCTION event_part_bumps_settings_version();
