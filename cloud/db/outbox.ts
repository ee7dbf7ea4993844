// SQL for the transactional outbox: jobs written in the transaction of the change that causes them, claimed by a
// dispatcher with a lease, retried with backoff, and parked as dead after too many failures.
import type { Queryable } from './port.ts';

export interface OutboxRow {
  id: string;
  topic: string;
  aggregate_id: string;
  payload: unknown;
  state: 'pending' | 'done' | 'dead';
  attempts: number;
  last_error: string | null;
  /** When the change that caused it committed (a job's age, from this to its run, is a metric). */
  created_at: Date;
}

export interface NewOutboxJob {
  id: string;
  topic: string;
  aggregateId: string;
  payload: unknown;
}

/** The INSERT of jobs from the 4 arrays of `outboxJobArrays` numbered from $first, due at $at: insertOutboxJobs, and
 * the sale's one statement (markOrderPaid) as a step of it. */
export const insertOutboxJobsSql = (first: number, at: number) =>
  `INSERT INTO outbox (id, topic, aggregate_id, payload, run_after, created_at)
     SELECT id, topic, aggregate_id, payload, $${at}, $${at}
     FROM unnest($${first}::uuid[], $${first + 1}::text[], $${first + 2}::uuid[], $${first + 3}::jsonb[])
       AS j(id, topic, aggregate_id, payload)`;

export const outboxJobArrays = (jobs: NewOutboxJob[]): unknown[] => [
  jobs.map((job) => job.id),
  jobs.map((job) => job.topic),
  jobs.map((job) => job.aggregateId),
  jobs.map((job) => JSON.stringify(job.payload)),
];

export async function insertOutboxJobs(db: Queryable, jobs: NewOutboxJob[], now: Date): Promise<void> {
  if (jobs.length === 0) return;
  await db.query(insertOutboxJobsSql(1, 5), [...outboxJobArrays(jobs), now.toISOString()]);
}

/** Claims due jobs of these topics: each gets a lease (run_after moves on) and one more attempt counted. */
export async function claimOutboxJobs(
  db: Queryable,
  topics: string[],
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<OutboxRow[]> {
  const result = await db.query<OutboxRow>(
    `UPDATE outbox SET run_after = $3, attempts = attempts + 1
     WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND run_after <= $2 AND topic = ANY($1::text[])
                  ORDER BY run_after LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING id, topic, aggregate_id, payload, state, attempts, last_error, created_at`,
    [topics, now.toISOString(), leaseUntil.toISOString(), limit],
  );
  return result.rows;
}

/** One pending job by id (handed over by the relay); null when it is done, dead or unknown. */
export async function findPendingOutboxJob(db: Queryable, jobId: string): Promise<OutboxRow | null> {
  const result = await db.query<OutboxRow>(
    `SELECT id, topic, aggregate_id, payload, state, attempts, last_error, created_at FROM outbox WHERE id = $1 AND state = 'pending'`,
    [jobId],
  );
  return result.rows[0] ?? null;
}

export async function markOutboxDone(db: Queryable, jobId: string, now: Date): Promise<void> {
  await db.query(`UPDATE outbox SET state = 'done', done_at = $2 WHERE id = $1`, [jobId, now.toISOString()]);
}

/** Done for every pending job of this topic about this aggregate (the work was done another way, inline). */
export async function markOutboxDoneFor(db: Queryable, topic: string, aggregateId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE outbox SET state = 'done', done_at = $3 WHERE topic = $1 AND aggregate_id = $2 AND state = 'pending'`,
    [topic, aggregateId, now.toISOString()],
  );
}

export async function markOutboxFailed(
  db: Queryable,
  jobId: string,
  failure: { error: string; retryAt: Date | null },
): Promise<void> {
  await db.query(
    `UPDATE outbox SET last_error = $2, state = CASE WHEN $3::timestamptz IS NULL THEN 'dead' ELSE state END,
       run_after = COALESCE($3, run_after) WHERE id = $1`,
    [jobId, failure.error.slice(0, 2000), failure.retryAt?.toISOString() ?? null],
  );
}

export async function listOutboxJobs(db: Queryable, aggregateIds: string[]): Promise<OutboxRow[]> {
  const result = await db.query<OutboxRow>(
    `SELECT id, topic, aggregate_id, payload, state, attempts, last_error, created_at FROM outbox
     WHERE aggregate_id = ANY($1::uuid[]) ORDER BY created_at, topic`,
    [aggregateIds],
  );
  return result.rows;
}

export type DeadJobRow = OutboxRow;

/** Jobs parked as dead after too many failures, newest first. */
export async function listDeadJobs(db: Queryable, limit: number): Promise<DeadJobRow[]> {
  const result = await db.query<DeadJobRow>(
    `SELECT id, topic, aggregate_id, payload, state, attempts, last_error, created_at FROM outbox
     WHERE state = 'dead' ORDER BY created_at DESC LIMIT $1`,
    [limit],
  );
  return result.rows;
}

/** Gives a dead job another series of attempts, now; the job as it was (dead), or null when there is no such dead job. */
export async function reviveDeadJob(db: Queryable, jobId: string, now: Date): Promise<DeadJobRow | null> {
  const result = await db.query<DeadJobRow>(
    `UPDATE outbox o SET state = 'pending', attempts = 0, run_after = $2
     FROM (SELECT id, attempts, last_error FROM outbox WHERE id = $1 AND state = 'dead' FOR UPDATE) was
     WHERE o.id = was.id
     RETURNING o.id, o.topic, o.aggregate_id, o.payload, 'dead' AS state, was.attempts, was.last_error, o.created_at`,
    [jobId, now.toISOString()],
  );
  return result.rows[0] ?? null;
}

/** Runs the jobs of this topic about these aggregates again now, dead or waiting for a retry; answers how many. */
export async function rerunOutboxJobsFor(
  db: Queryable,
  topic: string,
  aggregateIds: string[],
  now: Date,
): Promise<number> {
  const result = await db.query(
    `UPDATE outbox SET state = 'pending', attempts = 0, run_after = $3
     WHERE topic = $1 AND aggregate_id = ANY($2::uuid[]) AND state IN ('pending', 'dead') RETURNING id`,
    [topic, aggregateIds, now.toISOString()],
  );
  return result.rows.length;
}

/** Keeps a running job's lease (a long export): no dispatcher or relay claims it again while it makes progress. */
export async function extendOutboxLease(db: Queryable, jobId: string, leaseUntil: Date): Promise<void> {
  await db.query(`UPDATE outbox SET run_after = $2 WHERE id = $1 AND state = 'pending'`, [
    jobId,
    leaseUntil.toISOString(),
  ]);
}
