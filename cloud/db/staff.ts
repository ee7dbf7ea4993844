// SQL for staff accounts in the back office: the staff of some venues, one member, their role and venues, disabling,
// one-time password tokens (invitation and reset) and the token cut-offs of sign-out everywhere.
import { STAFF_ROLES } from '../domain/staff-roles.ts';
import type { Queryable } from './port.ts';

/** The groups that make an account staff: the roles of the domain's table. */
const STAFF_GROUPS = [...STAFF_ROLES];

export interface StaffRow {
  id: string;
  email: string;
  name: string;
  groups: string[];
  venue_id: string | null;
  venue_ids: string[];
  created_at: Date;
  invited_at: Date | null;
  password_set_at: Date | null;
  disabled_at: Date | null;
  /** The account's subject in the user pool in front (Cognito), once it is there. */
  directory_subject: string | null;
}

const STAFF_COLUMNS =
  'id, email, name, groups, venue_id, venue_ids, created_at, invited_at, password_set_at, disabled_at, directory_subject';

/** Staff with a staff role; `venueIds` null for every venue, else those bound to one of them (admins are not). */
export async function listStaff(db: Queryable, venueIds: string[] | null): Promise<StaffRow[]> {
  const result = await db.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} FROM users
     WHERE groups && $1::text[]
       AND ($2::uuid[] IS NULL OR venue_id = ANY($2::uuid[]) OR venue_ids && $2::uuid[])
     ORDER BY lower(name), email
     LIMIT 1000`,
    [STAFF_GROUPS, venueIds],
  );
  return result.rows;
}

export async function findStaff(db: Queryable, userId: string): Promise<StaffRow | null> {
  const result = await db.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM users WHERE id = $1 AND groups && $2::text[]`, [
    userId,
    STAFF_GROUPS,
  ]);
  return result.rows[0] ?? null;
}

/** The member whose account in the user pool in front (Cognito) has this subject. */
export async function findStaffByDirectorySubject(db: Queryable, subject: string): Promise<StaffRow | null> {
  const result = await db.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} FROM users WHERE directory_subject = $1 AND groups && $2::text[]`,
    [subject, STAFF_GROUPS],
  );
  return result.rows[0] ?? null;
}

/** Locks the member's row for a change of role, venues or state. */
export async function lockStaff(db: Queryable, userId: string): Promise<StaffRow | null> {
  const result = await db.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} FROM users WHERE id = $1 AND groups && $2::text[] FOR UPDATE`,
    [userId, STAFF_GROUPS],
  );
  return result.rows[0] ?? null;
}

/** An invited account: no usable password until the invitee sets one. False when the email is taken. */
export async function insertInvitedStaff(
  db: Queryable,
  staff: { id: string; email: string; name: string; groups: string[]; venue_id: string | null; venue_ids: string[] },
  now: Date,
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO users (id, email, password_hash, name, groups, venue_id, venue_ids, invited_at)
     VALUES ($1, $2, '!invited', $3, $4, $5, $6, $7)
     ON CONFLICT (email) DO NOTHING`,
    [staff.id, staff.email, staff.name, staff.groups, staff.venue_id, staff.venue_ids, now.toISOString()],
  );
  return result.rowCount === 1;
}

export async function setStaffRole(
  db: Queryable,
  userId: string,
  role: { groups: string[]; venue_id: string | null; venue_ids: string[] },
): Promise<void> {
  await db.query('UPDATE users SET groups = $2, venue_id = $3, venue_ids = $4 WHERE id = $1', [
    userId,
    role.groups,
    role.venue_id,
    role.venue_ids,
  ]);
}

export async function disableUser(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query('UPDATE users SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL', [
    userId,
    now.toISOString(),
  ]);
}

/** A disabled account works again (its old tokens stay cut off). */
export async function enableUser(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [userId]);
}

/** The subject the user pool in front (Cognito) gave the account; its tokens name this `sub`. */
export async function setDirectorySubject(db: Queryable, userId: string, subject: string): Promise<void> {
  await db.query('UPDATE users SET directory_subject = $2 WHERE id = $1', [userId, subject]);
}

export async function setPassword(db: Queryable, userId: string, passwordHash: string, now: Date): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, password_set_at = $3 WHERE id = $1', [
    userId,
    passwordHash,
    now.toISOString(),
  ]);
}

export interface PasswordTokenRow {
  token_hash: string;
  user_id: string;
  purpose: 'invite' | 'reset';
  created_at: Date;
  expires_at: Date;
}

export async function insertPasswordToken(db: Queryable, token: PasswordTokenRow): Promise<void> {
  await db.query(
    `INSERT INTO password_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [token.token_hash, token.user_id, token.purpose, token.created_at.toISOString(), token.expires_at.toISOString()],
  );
}

/** Uses up a token that is still good; null when it is unknown, used or expired. */
export async function claimPasswordToken(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<PasswordTokenRow | null> {
  const result = await db.query<PasswordTokenRow>(
    `UPDATE password_tokens SET used_at = $2
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
     RETURNING token_hash, user_id, purpose, created_at, expires_at`,
    [tokenHash, now.toISOString()],
  );
  return result.rows[0] ?? null;
}

/** A newer link replaces the older ones: only the last reset email works. */
export async function expireUnusedPasswordTokens(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query(
    'UPDATE password_tokens SET expires_at = $2 WHERE user_id = $1 AND used_at IS NULL AND expires_at > $2',
    [userId, now.toISOString()],
  );
}

/** Every token of `sub` issued at or before `notBefore` is refused from now on. */
export async function cutOffTokens(db: Queryable, sub: string, notBefore: Date): Promise<void> {
  await db.query(
    `INSERT INTO token_cutoffs (sub, not_before) VALUES ($1, $2)
     ON CONFLICT (sub) DO UPDATE SET not_before = greatest(token_cutoffs.not_before, excluded.not_before)`,
    [sub, notBefore.toISOString()],
  );
}

/**
 * The cut-off of `sub`'s tokens, if it has one: one primary-key lookup per authenticated request. A user pool's
 * subject (Cognito) also gets its account's cut-off, and `disabled` when the account is disabled here.
 */
export async function findTokenCutoff(
  db: Queryable,
  sub: string,
): Promise<{ notBefore: Date | null; disabled: boolean }> {
  const result = await db.query<{ not_before: Date | null; disabled: boolean }>(
    `SELECT (SELECT max(c.not_before) FROM token_cutoffs c
              WHERE c.sub IN ($1, (SELECT u.id::text FROM users u WHERE u.directory_subject = $1))) AS not_before,
            EXISTS (SELECT 1 FROM users u WHERE u.directory_subject = $1 AND u.disabled_at IS NOT NULL) AS disabled`,
    [sub],
  );
  const row = result.rows[0];
  return { notBefore: row?.not_before ?? null, disabled: row?.disabled ?? false };
}
