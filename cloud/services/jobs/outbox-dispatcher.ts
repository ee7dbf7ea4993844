// Runs the outbox: claims due jobs of the topics it has handlers for, runs each, marks it done, or schedules a retry
// with exponential backoff, and parks it as dead after too many failures. In AWS the same rows go to SQS instead.
import type { Db } from '../../db/port.ts';
import {
  claimOutboxJobs,
  findPendingOutboxJob,
  markOutboxDone,
  markOutboxFailed,
  type OutboxRow,
} from '../../db/outbox.ts';
import { noMeter, type Meter } from '../metrics.ts';
import type { Clock } from '../ports.ts';

export type JobHandler = (job: OutboxRow) => Promise<void>;

export interface DispatcherOptions {
  maxAttempts?: number;
  /** First retry after this long; doubles each attempt, at most an hour. */
  baseDelayMs?: number;
  /** A claimed job is not given to another dispatcher for this long. */
  leaseMs?: number;
  /**
   * Longer leases by topic: a job that waits its turn in a queue of its own and runs for minutes (an export) must not
   * be relayed again, and counted again, while it waits or runs.
   */
  topicLeases?: Record<string, number>;
}

export class OutboxDispatcher {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly leaseMs: number;
  private readonly topicLeases: Record<string, number>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly handlers: Record<string, JobHandler>,
    options: DispatcherOptions = {},
    private readonly meter: Meter = noMeter,
  ) {
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 5000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.topicLeases = options.topicLeases ?? {};
  }

  /**
   * Runs the jobs due now; returns how many succeeded and how many failed. `topics` narrows it (one machine runs long
   * exports in a loop of their own, so they never hold up a buyer's tickets).
   */
  async runDue(limit = 20, topics?: { only?: string[]; except?: string[] }): Promise<{ done: number; failed: number }> {
    const jobs = await this.claimDue(limit, topics);
    let done = 0;
    let failed = 0;
    for (const job of jobs) {
      if (await this.run(job)) done++;
      else failed++;
    }
    return { done, failed };
  }

  /**
   * In AWS: claims the due jobs (each leased, one attempt counted) and hands them to `send` (SQS) instead of running
   * them here. A job whose message is lost or whose runner dies is claimed again when its lease ends.
   */
  async relayDue(
    send: (jobs: OutboxRow[]) => Promise<void>,
    limit = 100,
    topics?: { only?: string[]; except?: string[] },
  ): Promise<number> {
    const jobs = await this.claimDue(limit, topics);
    if (jobs.length > 0) await send(jobs);
    return jobs.length;
  }

  /**
   * Runs one relayed job (an SQS message). 'skipped' when it is already done or dead (a duplicate delivery); a failure
   * is recorded with its retry time like any other, so the queue's own retries are left for crashes.
   */
  async runJob(jobId: string): Promise<'done' | 'failed' | 'skipped'> {
    const job = await findPendingOutboxJob(this.db, jobId);
    if (!job || !this.handlers[job.topic]) return 'skipped';
    return (await this.run(job)) ? 'done' : 'failed';
  }

  private async claimDue(limit: number, topics: { only?: string[]; except?: string[] } = {}): Promise<OutboxRow[]> {
    const now = this.clock.now();
    const handled = Object.keys(this.handlers).filter(
      (topic) => (!topics.only || topics.only.includes(topic)) && !topics.except?.includes(topic),
    );
    const leaseOf = (topic: string) => this.topicLeases[topic] ?? this.leaseMs;
    const claimed: OutboxRow[] = [];
    // One claim per lease length (usually one).
    for (const leaseMs of new Set(handled.map(leaseOf))) {
      if (claimed.length >= limit) break;
      const topicsOfLease = handled.filter((topic) => leaseOf(topic) === leaseMs);
      const until = new Date(now.getTime() + leaseMs);
      claimed.push(...(await claimOutboxJobs(this.db, topicsOfLease, now, until, limit - claimed.length)));
    }
    return claimed;
  }

  private async run(job: OutboxRow): Promise<boolean> {
    // How long the buyer has waited for it (tickets by email, a refund): from the sale's commit to this run.
    this.meter.milliseconds('JobAge', this.clock.now().getTime() - job.created_at.getTime());
    try {
      await this.handlers[job.topic]!(job);
      await markOutboxDone(this.db, job.id, this.clock.now());
      return true;
    } catch (error) {
      const delay = Math.min(3_600_000, this.baseDelayMs * 2 ** (job.attempts - 1));
      await markOutboxFailed(this.db, job.id, {
        error: error instanceof Error ? error.message : String(error),
        retryAt: job.attempts >= this.maxAttempts ? null : new Date(this.clock.now().getTime() + delay),
      });
      return false;
    }
  }
}
