// SQL for Idempotency-Key records: claim a key for one request, remember what it created, store its final answer.
import type { Queryable } from './port.ts';

export interface IdempotencyRow {
  request_hash: string;
  locked_until: Date | null;
  resource_id: string | null;
  response_status: number | null;
  response_body: unknown;
}

/** A new key's values for its row: whose, which request, its lease, when. */
export interface KeyClaim {
  scope: string;
  key: string;
  requestHash: string;
  lockedUntil: Date;
  now: Date;
}

/** The key's row inserted with its lease unless the key is there, its five parameters from `$first`. */
const insertKeySql = (first: number) =>
  `INSERT INTO idempotency_keys (scope, key, request_hash, locked_until, created_at)
   VALUES ($${first}, $${first + 1}, $${first + 2}, $${first + 3}, $${first + 4})
   ON CONFLICT (scope, key) DO NOTHING`;

const claimParams = (claim: KeyClaim) => [
  claim.scope,
  claim.key,
  claim.requestHash,
  claim.lockedUntil.toISOString(),
  claim.now.toISOString(),
];

/** Inserts the key with a lease; false when it exists already. */
export async function insertIdempotencyKey(db: Queryable, entry: KeyClaim): Promise<boolean> {
  const result = await db.query(insertKeySql(1), claimParams(entry));
  return result.rowCount === 1;
}

/**
 * The key's claim as a step of another statement whose own parameters are `before` many: `cte` names it `claim` (a
 * row when the statement inserted the key, none when the key was there), `params` follow the statement's own, and
 * `claimed` is the statement's answer (its other steps can be made to depend on it the same way). Without a claim,
 * no step, and `claimed` is false.
 */
export function claimStep(claim: KeyClaim | undefined, before: number) {
  return claim
    ? {
        cte: `claim AS (${insertKeySql(before + 1)} RETURNING true AS claimed)`,
        params: claimParams(claim),
        claimed: 'EXISTS (SELECT 1 FROM claim)',
      }
    : { cte: null, params: [], claimed: 'false' };
}

export async function lockIdempotencyKey(db: Queryable, scope: string, key: string): Promise<IdempotencyRow | null> {
  const result = await db.query<IdempotencyRow>(
    `SELECT request_hash, locked_until, resource_id, response_status, response_body
     FROM idempotency_keys WHERE scope = $1 AND key = $2 FOR UPDATE`,
    [scope, key],
  );
  return result.rows[0] ?? null;
}

export async function setIdempotencyLease(
  db: Queryable,
  scope: string,
  key: string,
  lockedUntil: Date | null,
): Promise<void> {
  await db.query('UPDATE idempotency_keys SET locked_until = $3 WHERE scope = $1 AND key = $2', [
    scope,
    key,
    lockedUntil?.toISOString() ?? null,
  ]);
}

export async function setIdempotencyResource(
  db: Queryable,
  scope: string,
  key: string,
  resourceId: string,
): Promise<void> {
  await db.query('UPDATE idempotency_keys SET resource_id = $3 WHERE scope = $1 AND key = $2', [
    scope,
    key,
    resourceId,
  ]);
}

/** A request's final answer on its key's row. */
export interface IdempotentAnswer {
  scope: string;
  key: string;
  status: number;
  body: unknown;
}

/**
 * The answer written on the key's row, as a statement of its own or as a step of another (the sale's one write, the
 * checkout session's): its parameters are `$first`… in the order of idempotentAnswerParams.
 */
export const saveIdempotentResponseSql = (first: number): string =>
  `UPDATE idempotency_keys SET response_status = $${first + 2}, response_body = $${first + 3}, locked_until = NULL
     WHERE scope = $${first} AND key = $${first + 1}`;

export const idempotentAnswerParams = (answer: IdempotentAnswer): unknown[] => [
  answer.scope,
  answer.key,
  answer.status,
  JSON.stringify(answer.body),
];

export async function saveIdempotentResponse(
  db: Queryable,
  scope: string,
  key: string,
  response: { status: number; body: unknown },
): Promise<void> {
  await db.query(saveIdempotentResponseSql(1), idempotentAnswerParams({ scope, key, ...response }));
}

/** Forgets keys older than `before` (kept at least 24 hours). */
export async function deleteIdempotencyKeysBefore(db: Queryable, before: Date): Promise<number> {
  const result = await db.query('DELETE FROM idempotency_keys WHERE created_at < $1', [before.toISOString()]);
  return result.rowCount;
}
