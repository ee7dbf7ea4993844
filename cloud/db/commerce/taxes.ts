// SQL for a venue's sales tax or VAT (venue_taxes): one row a venue; no row means no tax.
import type { TaxSettings } from '../../contract/index.ts';
import type { Queryable } from '../port.ts';

/** No tax: what a venue without a tax row charges. */
export const NO_TAX: TaxSettings = { label: 'VAT', ratePpm: 0, mode: 'exclusive', feesTaxable: false };

export async function loadVenueTax(db: Queryable, venueId: string): Promise<TaxSettings> {
  const result = await db.query<{ label: string; rate_ppm: number; mode: TaxSettings['mode']; fees_taxable: boolean }>(
    'SELECT label, rate_ppm, mode, fees_taxable FROM venue_taxes WHERE venue_id = $1',
    [venueId],
  );
  const row = result.rows[0];
  if (!row) return NO_TAX;
  return { label: row.label, ratePpm: row.rate_ppm, mode: row.mode, feesTaxable: row.fees_taxable };
}

export async function saveVenueTax(db: Queryable, venueId: string, tax: TaxSettings): Promise<void> {
  await db.query(
    `INSERT INTO venue_taxes (venue_id, label, rate_ppm, mode, fees_taxable, updated_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (venue_id) DO UPDATE SET label = EXCLUDED.label, rate_ppm = EXCLUDED.rate_ppm, mode = EXCLUDED.mode,
       fees_taxable = EXCLUDED.fees_taxable, updated_at = now()`,
    [venueId, tax.label, tax.ratePpm, tax.mode, tax.feesTaxable],
  );
}
