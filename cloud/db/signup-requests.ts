// Sign-up requests waiting for the email's owner to confirm them (migration 0026): written with the request's outbox
// job, given a one-time token by the job, taken (deleted) once by the confirmation; the unconfirmed deleted a day
// after they expire (housekeeping).
import type { Queryable } from './port.ts';

export interface SignUpRequestRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: Date;
  expires_at: Date;
}

export async function insertSignUpRequest(db: Queryable, row: SignUpRequestRow): Promise<void> {
  await db.query(
    `INSERT INTO signup_requests (id, email, name, password_hash, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.id, row.email, row.name, row.password_hash, row.created_at.toISOString(), row.expires_at.toISOString()],
  );
}

/** An unused, unexpired request (what its job emails about). */
export async function findOpenSignUpRequest(db: Queryable, id: string, now: Date): Promise<SignUpRequestRow | null> {
  const result = await db.query<SignUpRequestRow>(
    `SELECT id, email, name, password_hash, created_at, expires_at FROM signup_requests
     WHERE id = $1 AND used_at IS NULL AND expires_at > $2`,
    [id, now.toISOString()],
  );
  return result.rows[0] ?? null;
}

/** The token the email carries, stored hashed; a job run again replaces it (only the last email's link works). */
export async function setSignUpToken(db: Queryable, id: string, tokenHash: string): Promise<void> {
  await db.query('UPDATE signup_requests SET token_hash = $2 WHERE id = $1', [id, tokenHash]);
}

export async function deleteSignUpRequest(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM signup_requests WHERE id = $1', [id]);
}

/**
 * Takes the request of a token once, while it is good: the row is deleted (its password hash with it) and returned;
 * null when unknown, used or expired. In the confirmation's transaction, so a refused account keeps nothing either.
 */
export async function takeSignUpRequest(db: Queryable, tokenHash: string, now: Date): Promise<SignUpRequestRow | null> {
  const result = await db.query<SignUpRequestRow>(
    `DELETE FROM signup_requests
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
     RETURNING id, email, name, password_hash, created_at, expires_at`,
    [tokenHash, now.toISOString()],
  );
  return result.rows[0] ?? null;
}

/** Deletes the requests that expired before `before` (never confirmed); how many went. */
export async function deleteSignUpRequestsExpiredBefore(db: Queryable, before: Date): Promise<number> {
  const result = await db.query('DELETE FROM signup_requests WHERE expires_at < $1', [before.toISOString()]);
  return result.rowCount ?? 0;
}
