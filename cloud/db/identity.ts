// SQL for the embedded identity provider: customer and staff accounts, and registered devices.
import type { Queryable } from './port.ts';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  name: string;
  groups: string[];
  venue_id: string | null;
  created_at: Date;
}

/** Inserts the user; false when the email is already registered. */
export async function insertUser(db: Queryable, user: Omit<UserRow, 'created_at'>): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO users (id, email, password_hash, name, groups, venue_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (email) DO NOTHING`,
    [user.id, user.email, user.password_hash, user.name, user.groups, user.venue_id],
  );
  return result.rowCount === 1;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const result = await db.query<UserRow>(
    'SELECT id, email, password_hash, name, groups, venue_id, created_at FROM users WHERE email = $1',
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
