// SQL for venues: where events take place, in which time zone (the zone a venue's times are shown in), their brand
// (colour and logo, the logo's bytes read only by the logo's own route) and street address.
import type { Queryable } from './port.ts';

export interface VenueRow {
  id: string;
  name: string;
  city: string;
  timezone: string;
  /** `#rrggbb`, lower case; null: TicketBoss's own colours. */
  brand_color: string | null;
  address: string | null;
  /** A hash of the logo's bytes (its address's version), null without a logo. */
  logo_hash: string | null;
}

/** A venue's logo as stored. */
export interface VenueLogo {
  bytes: Uint8Array;
  contentType: string;
  hash: string;
}

export const VENUE_COLUMNS = 'id, name, city, timezone, brand_color, address, logo_hash';

export async function insertVenue(
  db: Queryable,
  venue: Omit<VenueRow, 'brand_color' | 'address' | 'logo_hash'> & Partial<Pick<VenueRow, 'brand_color' | 'address'>>,
): Promise<void> {
  await db.query(
    'INSERT INTO venues (id, name, city, timezone, brand_color, address) VALUES ($1, $2, $3, $4, $5, $6)',
    [venue.id, venue.name, venue.city, venue.timezone, venue.brand_color ?? null, venue.address ?? null],
  );
}

export async function findVenue(db: Queryable, venueId: string): Promise<VenueRow | null> {
  const result = await db.query<VenueRow>(`SELECT ${VENUE_COLUMNS} FROM venues WHERE id = $1`, [venueId]);
  return result.rows[0] ?? null;
}

export async function listVenues(db: Queryable, venueIds: string[]): Promise<VenueRow[]> {
  if (venueIds.length === 0) return [];
  const result = await db.query<VenueRow>(`SELECT ${VENUE_COLUMNS} FROM venues WHERE id = ANY($1::uuid[])`, [venueIds]);
  return result.rows;
}

/** Every venue (admins), or the given ones, by name. */
export async function listVenuesByName(db: Queryable, venueIds: 'all' | string[]): Promise<VenueRow[]> {
  const result = await db.query<VenueRow>(
    `SELECT ${VENUE_COLUMNS} FROM venues WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name, id`,
    [venueIds === 'all' ? null : venueIds],
  );
  return result.rows;
}

export async function lockVenue(tx: Queryable, venueId: string): Promise<VenueRow | null> {
  const result = await tx.query<VenueRow>(`SELECT ${VENUE_COLUMNS} FROM venues WHERE id = $1 FOR UPDATE`, [venueId]);
  return result.rows[0] ?? null;
}

export async function updateVenue(tx: Queryable, venue: Omit<VenueRow, 'logo_hash'>): Promise<void> {
  await tx.query(
    'UPDATE venues SET name = $2, city = $3, timezone = $4, brand_color = $5, address = $6 WHERE id = $1',
    [venue.id, venue.name, venue.city, venue.timezone, venue.brand_color, venue.address],
  );
}

/** Replaces the venue's logo (null removes it). */
export async function setVenueLogo(tx: Queryable, venueId: string, logo: VenueLogo | null): Promise<void> {
  await tx.query('UPDATE venues SET logo = $2, logo_type = $3, logo_hash = $4 WHERE id = $1', [
    venueId,
    logo?.bytes ?? null,
    logo?.contentType ?? null,
    logo?.hash ?? null,
  ]);
}

export async function readVenueLogo(db: Queryable, venueId: string): Promise<VenueLogo | null> {
  const result = await db.query<{ logo: Uint8Array; logo_type: string; logo_hash: string }>(
    'SELECT logo, logo_type, logo_hash FROM venues WHERE id = $1 AND logo IS NOT NULL',
    [venueId],
  );
  const row = result.rows[0];
  return row ? { bytes: new Uint8Array(row.logo), contentType: row.logo_type, hash: row.logo_hash } : null;
}
