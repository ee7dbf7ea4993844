// SQL for the box office devices a venue has, as the back office offers them for allotments (devices themselves,
// their pairing and revocation are in ./identity.ts).
import type { Queryable } from './port.ts';

/** The venue's box office devices that are not revoked, by name. */
export async function listVenueBoxOffices(db: Queryable, venueId: string): Promise<{ id: string; name: string }[]> {
  const result = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM devices WHERE venue_id = $1 AND kind = 'boxoffice' AND revoked_at IS NULL ORDER BY name, id`,
    [venueId],
  );
  return result.rows;
}
