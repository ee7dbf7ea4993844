// SQL for the back office's view of machines: a venue's kiosks and box offices with what each last told the API, and
// revoking one. Registration and pairing are in identity.ts.
import type { Queryable } from './port.ts';

export interface DeviceListRow {
  id: string;
  venue_id: string;
  kind: 'kiosk' | 'boxoffice';
  name: string;
  created_at: Date;
  last_seen_at: Date | null;
  app_version: string | null;
  revoked_at: Date | null;
}

/** Machines of these venues (null: every venue), working ones first, then by name. */
export async function listDevices(db: Queryable, venueIds: string[] | null): Promise<DeviceListRow[]> {
  const result = await db.query<DeviceListRow>(
    `SELECT id, venue_id, kind, name, created_at, last_seen_at, app_version, revoked_at FROM devices
     WHERE $1::uuid[] IS NULL OR venue_id = ANY($1::uuid[])
     ORDER BY revoked_at IS NOT NULL, lower(name), id
     LIMIT 1000`,
    [venueIds],
  );
  return result.rows;
}

/** Revokes a machine once; false when it was revoked already. */
export async function revokeDevice(db: Queryable, deviceId: string, by: string, now: Date): Promise<boolean> {
  const result = await db.query(
    'UPDATE devices SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL',
    [deviceId, now.toISOString(), by],
  );
  return result.rowCount === 1;
}

/**
 * Records that the machine called the API, at most once a minute unless its app version changed: a machine that
 * syncs every few seconds does not write a row each time.
 */
export async function touchDevice(
  db: Queryable,
  deviceId: string,
  now: Date,
  appVersion: string | null,
): Promise<void> {
  await db.query(
    `UPDATE devices SET last_seen_at = $2, app_version = coalesce($3, app_version)
     WHERE id = $1 AND (last_seen_at IS NULL OR last_seen_at < $2::timestamptz - interval '1 minute'
       OR ($3::text IS NOT NULL AND app_version IS DISTINCT FROM $3::text))`,
    [deviceId, now.toISOString(), appVersion],
  );
}
