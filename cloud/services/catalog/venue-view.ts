// A venue as every caller is shown it: its brand colour, its logo's address (versioned by the logo's hash, so the
// logo route can be cached for good) and street address.
import type { VenueRow } from '../../db/venues.ts';
import type { Venue } from '../../contract/index.ts';
import { apiPaths } from '../../contract/routes.ts';

export const venueLogoUrl = (venueId: string, logoHash: string | null): string | null =>
  logoHash === null ? null : `${apiPaths.venueLogo(venueId)}?v=${logoHash.slice(0, 16)}`;

export const venueView = (row: VenueRow): Venue => ({
  id: row.id,
  name: row.name,
  city: row.city,
  timezone: row.timezone,
  brandColor: row.brand_color,
  logoUrl: venueLogoUrl(row.id, row.logo_hash),
  address: row.address,
});
