// SQL for venues: where events take place, in which time zone (the zone a venue's times are shown in).
import type { Queryable } from './port.ts';

export interface VenueRow {
  id: string;
  name: string;
  city: string;
  timezone: string;
}

export async function insertVenue(db: Queryable, venue: VenueRow): Promise<void> {
  await db.query('INSERT INTO venues (id, name, city, timezone) VALUES ($1, $2, $3, $4)', [
    venue.id,
    venue.name,
    venue.city,
    venue.timezone,
  ]);
}

export async function findVenue(db: Queryable, venueId: string): Promise<VenueRow | null> {
  const result = await db.query<VenueRow>('SELECT id, name, city, timezone FROM venues WHERE id = $1', [venueId]);
  return result.rows[0] ?? null;
}

export async function listVenues(db: Queryable, venueIds: string[]): Promise<VenueRow[]> {
  if (venueIds.length === 0) return [];
  const result = await db.query<VenueRow>('SELECT id, name, city, timezone FROM venues WHERE id = ANY($1::uuid[])', [
    venueIds,
  ]);
  return result.rows;
}

/** Every venue (admins), or the given ones, by name. */
export async function listVenuesByName(db: Queryable, venueIds: 'all' | string[]): Promise<VenueRow[]> {
  const result = await db.query<VenueRow>(
    `SELECT id, name, city, timezone FROM venues WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name, id`,
    [venueIds === 'all' ? null : venueIds],
  );
  return result.rows;
}

export async function lockVenue(tx: Queryable, venueId: string): Promise<VenueRow | null> {
  const result = await tx.query<VenueRow>('SELECT id, name, city, timezone FROM venues WHERE id = $1 FOR UPDATE', [
    venueId,
  ]);
  return result.rows[0] ?? null;
}

export async function updateVenue(tx: Queryable, venue: VenueRow): Promise<void> {
  await tx.query('UPDATE venues SET name = $2, city = $3, timezone = $4 WHERE id = $1', [
    venue.id,
    venue.name,
    venue.city,
    venue.timezone,
  ]);
}
