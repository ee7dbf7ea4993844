// Export jobs over their life, on PGlite and real Postgres: relayed to a queue of their own under a lease that covers
// their wait and run (a job beside them keeps its minute); a job run twice at once (a redelivered message) ends done
// when one run wrote the file, whatever the other run met; one's list of exports shows only the venues one still
// reads; an export's row is kept a month (its maker sees it expired) and then housekeeping drops it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalFileExportStore } from '../../../cloud/adapters/exports/local-files.ts';
import type { ExportJob } from '../../../cloud/contract/index.ts';
import { insertOutboxJobs, type OutboxRow } from '../../../cloud/db/outbox.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { OUTBOX_TOPICS } from '../../../cloud/services/jobs/outbox-topics.ts';
import type { ExportStore } from '../../../cloud/services/ports.ts';
import { testApi } from '../../support/api.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld } from '../../support/world.ts';

const DAY_MS = 24 * 3600 * 1000;

describe.each(dbKinds())('export jobs over their life on %s', (kind) => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  const exportJobOf = async (exportId: string): Promise<OutboxRow> => {
    const result = await db!.query<OutboxRow>(
      `SELECT id, topic, aggregate_id, payload, state, attempts, last_error, created_at FROM outbox
       WHERE topic = $1 AND payload->>'exportId' = $2`,
      [OUTBOX_TOPICS.exportFile, exportId],
    );
    return result.rows[0]!;
  };

  it('relays an export to its own queue leased for its wait and run, while a refund beside it keeps its minute', async () => {
    db = await freshDb(kind);
    const world = await buildWorld(db);
    const api = await testApi(world.services);
    const asked = await api.call<ExportJob>('POST', '/v1/admin/exports', {
      bearer: api.adminToken,
      body: { dataset: 'orders', format: 'csv', eventId: world.eventId },
    });
    const refund = randomUUID();
    await insertOutboxJobs(
      db,
      [{ id: refund, topic: OUTBOX_TOPICS.paymentRefund, aggregateId: refund, payload: { refundId: refund } }],
      world.clock.now(),
    );
    const exportTopics = [OUTBOX_TOPICS.exportFile];
    const relay = async () => {
      const sent: Record<'jobs' | 'exports', string[]> = { jobs: [], exports: [] };
      const to = (queue: 'jobs' | 'exports') => async (jobs: OutboxRow[]) => {
        sent[queue].push(...jobs.map((job) => job.topic));
      };
      await world.services.outbox.relayDue(to('jobs'), 100, { except: exportTopics });
      await world.services.outbox.relayDue(to('exports'), 10, { only: exportTopics });
      return sent;
    };
    expect(asked.status).toBe(202);
    expect(await relay()).toEqual({ jobs: [OUTBOX_TOPICS.paymentRefund], exports: [OUTBOX_TOPICS.exportFile] });
    // A minute on, the refund (never run) is relayed again; the export, waiting behind others, is not.
    world.clock.advance(61_000);
    expect(await relay()).toEqual({ jobs: [OUTBOX_TOPICS.paymentRefund], exports: [] });
    world.clock.advance(20 * 60_000);
    expect((await relay()).exports).toEqual([]);
    // Its message lost, it is relayed again once its lease is over.
    world.clock.advance(25 * 60_000);
    expect((await relay()).exports).toEqual([OUTBOX_TOPICS.exportFile]);
  });

  it('stays done when a second run of the same job fails after the first wrote the file', async () => {
    db = await freshDb(kind);
    const files = new LocalFileExportStore(mkdtempSync(join(tmpdir(), 'ticketboss-exports-')));
    let runs: Promise<void>[] = [];
    let writes = 0;
    let secondArrived!: () => void;
    const bothWriting = new Promise<void>((resolve) => (secondArrived = resolve));
    // Both runs get as far as writing; the first writes the file, the other fails (S3 refusing it, say) once the
    // first has finished.
    const store: ExportStore = {
      write: async (key, body) => {
        if (++writes === 1) {
          await bothWriting;
          return files.write(key, body);
        }
        secondArrived();
        body.resume();
        await Promise.any(runs);
        throw new Error('The bucket refused the upload (SlowDown)');
      },
      presignedUrl: async () => null,
      read: (key) => files.read(key),
      deleteOlderThan: async () => 0,
    };
    const world = await buildWorld(db, { exportStore: store });
    const api = await testApi(world.services);
    const asked = await api.call<ExportJob>('POST', '/v1/admin/exports', {
      bearer: api.adminToken,
      body: { dataset: 'tickets', format: 'csv', eventId: world.eventId },
    });
    expect(asked.status).toBe(202);
    const job = await exportJobOf(asked.body.id);
    runs = [world.services.exports.run(job), world.services.exports.run(job)];
    await Promise.all(runs);
    expect(writes).toBe(2);
    const seen = await api.call<ExportJob>('GET', `/v1/exports/${asked.body.id}`, { bearer: api.adminToken });
    expect(seen.body).toMatchObject({ status: 'done', error: null });
    expect((await api.app.request(seen.body.download!.url)).status).toBe(200);
    // A run that starts after it finished leaves it as it is.
    await world.services.exports.run(job);
    expect(
      (await api.call<ExportJob>('GET', `/v1/exports/${asked.body.id}`, { bearer: api.adminToken })).body,
    ).toMatchObject({ status: 'done', error: null });
  });

  it("no longer lists a manager's exports of a venue taken away from them", async () => {
    db = await freshDb(kind);
    const world = await buildWorld(db);
    const api = await testApi(world.services);
    const other = await world.services.admin.createVenue({ name: 'Other', city: 'Oslo', timezone: 'Europe/Oslo' });
    const before = await api.issuer.issue({ sub: 'manager-m', groups: ['venue_manager'], venueId: world.venueId });
    const asked = await api.call<ExportJob>('POST', '/v1/admin/exports', {
      bearer: before,
      body: { dataset: 'orders', format: 'csv', eventId: world.eventId },
    });
    expect(asked.status).toBe(202);
    const listed = await api.call<{ exports: ExportJob[] }>('GET', '/v1/exports', { bearer: before });
    expect(listed.body.exports.map((job) => job.id)).toEqual([asked.body.id]);

    // The same person, now managing the other venue only.
    const after = await api.issuer.issue({ sub: 'manager-m', groups: ['venue_manager'], venueId: other.id });
    const now = await api.call<{ exports: ExportJob[] }>('GET', '/v1/exports', { bearer: after });
    expect(now.status).toBe(200);
    expect(now.body.exports).toEqual([]);
    expect((await api.call('GET', `/v1/exports/${asked.body.id}`, { bearer: after })).status).toBe(404);
  });

  it('keeps an export a month, shown expired after its day, then housekeeping drops it', async () => {
    db = await freshDb(kind);
    const world = await buildWorld(db);
    const api = await testApi(world.services);
    const asked = await api.call<ExportJob>('POST', '/v1/admin/exports', {
      bearer: api.adminToken,
      body: { dataset: 'orders', format: 'csv', eventId: world.eventId },
    });
    await world.services.outbox.runDue(5, { only: [OUTBOX_TOPICS.exportFile] });
    const status = () => api.call<ExportJob>('GET', `/v1/exports/${asked.body.id}`, { bearer: api.adminToken });

    world.clock.advance(2 * DAY_MS);
    await world.services.exports.sweep();
    expect((await status()).body).toMatchObject({ status: 'expired', download: null });

    world.clock.advance(27 * DAY_MS);
    await world.services.exports.sweep();
    expect((await status()).status).toBe(200);

    world.clock.advance(2 * DAY_MS);
    await world.services.exports.sweep();
    const gone = await status();
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
    const rows = await db.query('SELECT id FROM export_jobs WHERE id = $1', [asked.body.id]);
    expect(rows.rows).toEqual([]);
  });
});
