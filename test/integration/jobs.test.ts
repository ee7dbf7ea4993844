// Background work: the outbox dispatcher (retries with backoff, dead after too many failures, done once) and the
// retention of Idempotency-Keys (replayed for at least 24 hours, forgotten after 48).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { ManualClock } from '../support/world.ts';
import type { Db } from '../../cloud/db/port.ts';
import { insertOutboxJobs, listOutboxJobs } from '../../cloud/db/outbox.ts';
import { deleteIdempotencyKeysBefore } from '../../cloud/db/idempotency.ts';
import { OutboxDispatcher } from '../../cloud/services/jobs/outbox-dispatcher.ts';
import { IdempotencyService } from '../../cloud/services/idempotency.ts';

describe.each(dbKinds())('background jobs on %s', (kind) => {
  let db: Db;
  const clock = new ManualClock();
  beforeAll(async () => {
    db = await freshDb(kind);
  });
  afterAll(async () => db.close());

  it('runs due outbox jobs once, retries failures with growing delays, parks a job dead after its last attempt', async () => {
    const ran: string[] = [];
    let failuresLeft = 2;
    const dispatcher = new OutboxDispatcher(
      db,
      clock,
      {
        works: async (job) => void ran.push(job.id),
        flaky: async () => {
          if (failuresLeft-- > 0) throw new Error('provider down');
        },
        broken: async () => {
          throw new Error('always fails');
        },
      },
      { maxAttempts: 3, baseDelayMs: 1000 },
    );
    const aggregateId = randomUUID();
    const job = (topic: string) => ({ id: randomUUID(), topic, aggregateId, payload: {} });
    const jobs = [job('works'), job('flaky'), job('broken'), job('not_mine')];
    await insertOutboxJobs(db, jobs, clock.now());

    expect(await dispatcher.runDue()).toEqual({ done: 1, failed: 2 });
    expect(await dispatcher.runDue()).toEqual({ done: 0, failed: 0 }); // nothing due until the backoff passes
    clock.advance(1000);
    expect(await dispatcher.runDue()).toEqual({ done: 0, failed: 2 });
    clock.advance(1000);
    expect(await dispatcher.runDue()).toEqual({ done: 0, failed: 0 }); // the second retry waits 2 s
    clock.advance(1000);
    expect(await dispatcher.runDue()).toEqual({ done: 1, failed: 1 });
    clock.advance(60_000);
    expect(await dispatcher.runDue()).toEqual({ done: 0, failed: 0 });

    const states = Object.fromEntries(
      (await listOutboxJobs(db, [aggregateId])).map((j) => [j.topic, `${j.state}/${j.attempts}`]),
    );
    expect(states).toEqual({ works: 'done/1', flaky: 'done/3', broken: 'dead/3', not_mine: 'pending/0' });
    expect(ran).toEqual([jobs[0]!.id]);
  });

  it('keeps Idempotency-Keys for at least 24 hours and forgets them after 48', async () => {
    const idempotency = new IdempotencyService(db, clock);
    const request = { scope: 'sub:someone', key: randomUUID(), requestHash: 'h1' };
    let runs = 0;
    const run = () =>
      idempotency.run(
        request,
        201,
        async () => ({ run: ++runs }),
        () => ({ status: 400, body: {} }),
      );
    expect(await run()).toMatchObject({ body: { run: 1 }, replayed: false });
    clock.advance(25 * 3600_000);
    await deleteIdempotencyKeysBefore(db, new Date(clock.now().getTime() - 48 * 3600_000));
    expect(await run()).toMatchObject({ body: { run: 1 }, replayed: true });
    clock.advance(24 * 3600_000);
    await deleteIdempotencyKeysBefore(db, new Date(clock.now().getTime() - 48 * 3600_000));
    expect(await run()).toMatchObject({ body: { run: 2 }, replayed: false });
  });
});
