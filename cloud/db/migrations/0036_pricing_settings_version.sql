-- The event's settings stamp (0024) covers its pricing settings too: each process's copy of an event carries its
-- price list (ticket types, tier × type prices, hidden tiers), its fees and its venue's tax, so an order prices from
-- the copy instead of reading them. Any change to those rows, by any process and code path, raises the stamp of the
-- events it touches; a venue's tax raises the stamp of every event of the venue. None of these tables is written by a
-- sale, so no trigger here runs on the sale path.

-- The row's event before and after the change: an UPDATE that moved a row leaves both events' copies stale. OLD is
-- NULL on an INSERT and NEW on a DELETE, and a NULL in the list matches nothing.
CREATE FUNCTION pricing_part_bumps_settings_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET settings_version = settings_version + 1 WHERE id IN (OLD.event_id, NEW.event_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER ticket_types_settings_version AFTER INSERT OR DELETE OR UPDATE ON ticket_types FOR EACH ROW
EXECUTE FUNCTION pricing_part_bumps_settings_version();

CREATE TRIGGER ticket_prices_settings_version AFTER INSERT OR DELETE OR UPDATE ON ticket_prices FOR EACH ROW
EXECUTE FUNCTION pricing_part_bumps_settings_version();

-- Hidden tiers and fees. The refund policy shares the row but is not part of the copy (refunds read it fresh), so a
-- change to it alone (or a save that changes nothing) leaves the stamp as it was.
CREATE TRIGGER event_commerce_settings_version AFTER INSERT OR DELETE ON event_commerce FOR EACH ROW
EXECUTE FUNCTION pricing_part_bumps_settings_version();

CREATE TRIGGER event_commerce_pricing_settings_version AFTER UPDATE ON event_commerce FOR EACH ROW
WHEN (
  (OLD.event_id, OLD.currency, OLD.hidden_tier_ids, OLD.service_fee, OLD.order_fee, OLD.delivery_fees)
  IS DISTINCT FROM
  (NEW.event_id, NEW.currency, NEW.hidden_tier_ids, NEW.service_fee, NEW.order_fee, NEW.delivery_fees)
)
EXECUTE FUNCTION pricing_part_bumps_settings_version();

-- A venue's tax set, changed or removed: every event of the venue prices with it, so every one's stamp goes up.
CREATE FUNCTION venue_tax_bumps_settings_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE events SET settings_version = settings_version + 1 WHERE venue_id IN (OLD.venue_id, NEW.venue_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER venue_taxes_settings_version AFTER INSERT OR DELETE OR UPDATE ON venue_taxes FOR EACH ROW
EXECUTE FUNCTION venue_tax_bumps_settings_version();
