// SQL for the embedded identity provider: customer and staff accounts, and registered devices.
import type { Queryable } from './port.ts';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  name: string;
  groups: string[];
  venue_id: string | null;
  /** A venue manager's venues. */
  venue_ids: string[];
  disabled_at: Date | null;
  created_at: Date;
}

/** Inserts the user; false when the email is already registered. */
export async function insertUser(
  db: Queryable,
  user: Omit<UserRow, 'created_at' | 'disabled_at' | 'venue_ids'> & { venue_ids?: string[] },
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO users (id, email, password_hash, name, groups, venue_id, venue_ids, password_set_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (email) DO NOTHING`,
    [user.id, user.email, user.password_hash, user.name, user.groups, user.venue_id, user.venue_ids ?? []],
  );
  return result.rowCount === 1;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const result = await db.query<UserRow>(
    `SELECT id, email, password_hash, name, groups, venue_id, venue_ids, disabled_at, created_at
     FROM users WHERE email = $1`,
    [email],
  );
  return result.rows[0] ?? null;
}

export interface DeviceRow {
  id: string;
  venue_id: string;
  kind: 'kiosk' | 'boxoffice';
  name: string;
  secret_hash: string;
  revoked_at: Date | null;
}

export async function insertDevice(db: Queryable, device: Omit<DeviceRow, 'revoked_at'>): Promise<void> {
  await db.query('INSERT INTO devices (id, venue_id, kind, name, secret_hash) VALUES ($1, $2, $3, $4, $5)', [
    device.id,
    device.venue_id,
    device.kind,
    device.name,
    device.secret_hash,
  ]);
}

export async function findDevice(db: Queryable, deviceId: string): Promise<DeviceRow | null> {
  const result = await db.query<DeviceRow>(
    'SELECT id, venue_id, kind, name, secret_hash, revoked_at FROM devices WHERE id = $1',
    [deviceId],
  );
  return result.rows[0] ?? null;
}

export interface PairingCodeRow {
  code_hash: string;
  venue_id: string;
  kind: 'kiosk' | 'boxoffice';
  name: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
}

export async function insertPairingCode(db: Queryable, code: PairingCodeRow): Promise<void> {
  await db.query(
    `INSERT INTO device_pairing_codes (code_hash, venue_id, kind, name, created_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      code.code_hash,
      code.venue_id,
      code.kind,
      code.name,
      code.created_by,
      code.created_at.toISOString(),
      code.expires_at.toISOString(),
    ],
  );
}

/** Uses up a pairing code that is still good; null when it is unknown, used or expired. */
export async function claimPairingCode(db: Queryable, codeHash: string, now: Date): Promise<PairingCodeRow | null> {
  const result = await db.query<PairingCodeRow>(
    `UPDATE device_pairing_codes SET used_at = $2
     WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
     RETURNING code_hash, venue_id, kind, name, created_by, created_at, expires_at`,
    [codeHash, now.toISOString()],
  );
  return result.rows[0] ?? null;
}

export async function recordPairedDevice(db: Queryable, codeHash: string, deviceId: string): Promise<void> {
  await db.query('UPDATE device_pairing_codes SET device_id = $2 WHERE code_hash = $1', [codeHash, deviceId]);
}
