// The back office's failed jobs: background jobs (emails, mailings, refunds) parked as dead after too many failures,
// and their retry. Both need jobs:manage, which only the owner/admin has: a job carries no venue (a refund's or an
// email's job is about an order, a mailing's about an event), so no venue manager could be shown only theirs. A retry
// is a staff action: it is in the audit log, in the retry's transaction, with the attempts and error it had.
import type { DeadJobList } from '../../contract/index.ts';
import { listDeadJobs, reviveDeadJob } from '../../db/outbox.ts';
import type { Db } from '../../db/port.ts';
import { DomainError } from '../../domain/errors.ts';
import { authorizeStaff } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal } from '../ports.ts';

export class DeadJobs {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Jobs parked as dead, newest first. */
  async list(principal: Principal | undefined, limit = 200): Promise<DeadJobList> {
    authorizeStaff(principal, 'jobs:manage');
    const jobs = await listDeadJobs(this.db, limit);
    return {
      jobs: jobs.map((job) => ({
        id: job.id,
        topic: job.topic,
        aggregateId: job.aggregate_id,
        attempts: job.attempts,
        lastError: job.last_error,
        createdAt: job.created_at.toISOString(),
      })),
    };
  }

  /** Gives a dead job a fresh series of attempts, starting now; not_found when it is not (or no longer) dead. */
  async retry(principal: Principal | undefined, jobId: string): Promise<void> {
    const staff = authorizeStaff(principal, 'jobs:manage');
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const job = await reviveDeadJob(tx, jobId, now);
      if (!job) throw new DomainError('not_found', 'No such dead job.');
      const error = job.last_error ?? 'no error recorded';
      const lastError = error.length > 120 ? `${error.slice(0, 120)}…` : error;
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'job.retry',
          objectType: 'job',
          objectId: job.id,
          venueId: null,
          summary: `Retried the failed ${job.topic} job after ${job.attempts} attempts: ${lastError}`,
          before: { state: 'dead', attempts: job.attempts },
          after: { state: 'pending', attempts: 0 },
        },
        now,
      );
    });
  }
}
