// What pricing an event's order needs of the stored settings: its price list, its fees and its venue's tax, read
// together (three small reads, run side by side). Kept with the event's cached copy under its settings stamp, which
// migration 0036's triggers raise whenever any of them changes.
import type { FeeSettings, PriceList, TaxSettings } from '../../contract/index.ts';
import type { Queryable } from '../port.ts';
import { loadFeeSettings } from './event-settings.ts';
import { loadPriceList } from './price-lists.ts';
import { loadVenueTax } from './taxes.ts';

export interface PricingSettings {
  /** Null when the event has no ticket types (no such event). */
  priceList: PriceList | null;
  /** Null when there is no such event. */
  fees: FeeSettings | null;
  tax: TaxSettings;
}

export async function loadPricingSettings(db: Queryable, eventId: string, venueId: string): Promise<PricingSettings> {
  const [priceList, fees, tax] = await Promise.all([
    loadPriceList(db, eventId),
    loadFeeSettings(db, eventId),
    loadVenueTax(db, venueId),
  ]);
  return { priceList, fees, tax };
}
