// Export jobs, one path for every size and both runtimes: asking for an export checks it like a report (reports:read
// on the event's or venue's venue), records it with its outbox job and its audit entry in one transaction, and answers
// at once; the job (run in-process locally, via SQS in AWS) counts the rows, streams them from Postgres a keyset page
// at a time into the export store (a file locally, an S3 multipart upload in AWS), and records its progress every few
// thousand rows, then the file's size, or a fixed message when it fails (the cause, which may name a bucket or SQL,
// goes to the log). Its maker (or an admin) polls it and, when it is done, gets a download link valid for ten minutes:
// S3's presigned GET, or a link the API signs and serves itself. Files live a day, rows 30 days (then housekeeping).
import { randomUUID } from 'node:crypto';
import type { CreateExport, ExportJob, ExportJobList } from '../../contract/index.ts';
import { apiPaths } from '../../contract/routes.ts';
import {
  deleteExportJobsBefore,
  findExportJob,
  insertExportJob,
  listExportJobsOf,
  markExportDone,
  markExportFailed,
  markExportRunning,
  recordExportProgress,
  type ExportJobRow,
} from '../../db/export-jobs.ts';
import { extendOutboxLease, insertOutboxJobs, type OutboxRow } from '../../db/outbox.ts';
import type { Db } from '../../db/port.ts';
import type { ExportFilter } from '../../db/reports-exports.ts';
import { DomainError } from '../../domain/errors.ts';
import { authorizeStaff, staffRolesOf, staffVenueScope } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { Clock, ExportStore, Principal } from '../ports.ts';
import type { ExportLinkSigner } from './export-links.ts';
import { EXPORT_COLUMNS, exportRows, type Cell } from './export-sheets.ts';
import {
  EXPORT_CONTENT_TYPES,
  countExportRows,
  exportFile,
  exportFilename,
  exportTarget,
  type ExportLog,
} from './exports.ts';

/** A file is kept a day after it was asked for (S3's lifecycle rule, the local sweep). */
export const EXPORT_FILE_LIFETIME_MS = 24 * 3600 * 1000;
/** An export's row is kept this long (its file a day), so its maker still sees it expired; housekeeping drops it. */
export const EXPORT_ROW_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** What the maker is told when the file could not be written (the cause, which may name buckets or SQL, is logged). */
export const EXPORT_FAILED_MESSAGE = 'The export could not be written. Try again; if it fails again, tell the owner.';
/** A download link works this long (and never past the file's day). */
export const EXPORT_LINK_LIFETIME_MS = 10 * 60 * 1000;
/** Progress is recorded, and the job's lease kept, every this many rows. */
export const EXPORT_PROGRESS_EVERY_ROWS = 2000;
/**
 * A running export keeps its outbox job leased this far ahead of its last progress: longer than the exports function
 * runs (15 minutes in AWS, cloud/infra), so a run still going is never relayed again.
 */
export const EXPORT_LEASE_MS = 20 * 60 * 1000;
/**
 * An export job's lease when it is claimed (relayed to the exports queue, or taken by the local exports loop): time to
 * wait behind the exports before it (two at a time in AWS) and start, when its run takes the lease on itself.
 */
export const EXPORT_CLAIM_LEASE_MS = 45 * 60 * 1000;
/** An export whose runner died this many times (out of memory, killed) is failed rather than tried again. */
const EXPORT_MAX_RUNS = 3;
/** The local sweep looks for old files at most this often. */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

export interface ExportJobDeps {
  db: Db;
  clock: Clock;
  /** Where files go; without one, exports are refused (a deployment that forgot to configure it). */
  store: ExportStore | undefined;
  links: ExportLinkSigner;
  log?: ExportLog;
}

/** The filter as stored with the job (instants as ISO strings), and the venue's zone its times are written in. */
interface StoredFilter {
  eventId: string | null;
  venueId: string | null;
  paidFrom: string | null;
  paidBefore: string | null;
  timezone: string;
  from: string | null;
  to: string | null;
}

const filterOf = (stored: StoredFilter): ExportFilter => ({
  eventId: stored.eventId,
  venueId: stored.venueId,
  paidFrom: stored.paidFrom ? new Date(stored.paidFrom) : null,
  paidBefore: stored.paidBefore ? new Date(stored.paidBefore) : null,
});

export class ExportJobs {
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: ExportJobDeps) {}

  /** Asks for an export: checked, recorded with its job and audit entry, answered queued. */
  async create(principal: Principal | undefined, request: CreateExport): Promise<ExportJob> {
    const { db, clock } = this.deps;
    this.store(); // refused before anything is recorded when none is configured
    const target = await exportTarget(db, principal, request);
    const actor = principal!;
    const now = clock.now();
    const id = randomUUID();
    const filename = exportFilename(request.dataset, target.title, request.format);
    const stored: StoredFilter = {
      eventId: target.filter.eventId,
      venueId: target.filter.venueId,
      paidFrom: target.filter.paidFrom?.toISOString() ?? null,
      paidBefore: target.filter.paidBefore?.toISOString() ?? null,
      timezone: target.timezone,
      from: request.from ?? null,
      to: request.to ?? null,
    };
    await db.transaction(async (tx) => {
      await insertExportJob(tx, {
        id,
        actor_sub: actor.sub,
        venue_id: target.venueId,
        event_id: target.objectType === 'event' ? target.objectId : null,
        dataset: request.dataset,
        format: request.format,
        filter: stored,
        title: target.title,
        filename,
        content_type: EXPORT_CONTENT_TYPES[request.format],
        storage_key: `exports/${id}.${request.format}`,
        created_at: now,
      });
      await insertOutboxJobs(
        tx,
        [{ id: randomUUID(), topic: OUTBOX_TOPICS.exportFile, aggregateId: id, payload: { exportId: id } }],
        now,
      );
      // Exports carry buyers' names and addresses: who took which is in the log.
      await recordStaffAction(
        tx,
        actor,
        {
          action: 'export.create',
          objectType: target.objectType,
          objectId: target.objectId,
          venueId: target.venueId,
          summary: `Exported ${request.dataset} of ${target.title} as ${request.format.toUpperCase()}`,
          after: { exportId: id, dataset: request.dataset, format: request.format, from: stored.from, to: stored.to },
        },
        now,
      );
    });
    return this.view((await findExportJob(db, id))!);
  }

  /** One export, to its maker or an admin; another venue's, or another staff member's, is not found. */
  async get(principal: Principal | undefined, exportId: string): Promise<ExportJob> {
    return this.view(await this.readable(principal, exportId));
  }

  /** The caller's exports of the last day, newest first: only of the venues the caller may still read. */
  async listMine(principal: Principal | undefined): Promise<ExportJobList> {
    const actor = authorizeStaff(principal, 'reports:read');
    const venues = staffVenueScope(actor, 'reports:read');
    const since = new Date(this.deps.clock.now().getTime() - EXPORT_FILE_LIFETIME_MS);
    const rows = await listExportJobsOf(this.deps.db, actor.sub, venues, since, 20);
    return { exports: await Promise.all(rows.map((row) => this.view(row))) };
  }

  /** The file behind a link the API signed (the local store): its stream, name, type and size. */
  async openFile(exportId: string, expires: number, signature: string) {
    const now = this.deps.clock.now();
    this.deps.links.verify(exportId, expires, signature, now);
    const row = await findExportJob(this.deps.db, exportId);
    if (!row || row.status !== 'done') throw new DomainError('not_found', 'No such export.');
    if (this.expired(row, now)) throw new DomainError('download_link_expired', 'This export has expired.');
    const body = await this.store().read(row.storage_key);
    if (!body) throw new DomainError('not_found', 'The export file is gone.');
    return { body, filename: row.filename, contentType: row.content_type, bytes: Number(row.bytes ?? 0) };
  }

  /** The outbox job: writes the export's file to the store, recording progress, then its size or the error. */
  async run(job: OutboxRow): Promise<void> {
    const { db, clock } = this.deps;
    const exportId = (job.payload as { exportId: string }).exportId;
    const row = await findExportJob(db, exportId);
    if (!row || row.status === 'done' || row.status === 'failed') return;
    if (job.attempts > EXPORT_MAX_RUNS) {
      await markExportFailed(
        db,
        row.id,
        `The export stopped ${EXPORT_MAX_RUNS} times before it finished.`,
        clock.now(),
      );
      return;
    }
    const stored = row.filter as StoredFilter;
    const filter = filterOf(stored);
    const total = await countExportRows(db, row.dataset, filter);
    if (!(await markExportRunning(db, row.id, total, clock.now()))) return; // finished meanwhile by another run
    const keepLease = () => extendOutboxLease(db, job.id, new Date(clock.now().getTime() + EXPORT_LEASE_MS));
    await keepLease();
    let written = 0;
    const counted = async function* (rows: AsyncGenerator<Cell[]>) {
      for await (const cells of rows) {
        yield cells;
        written++;
        if (written % EXPORT_PROGRESS_EVERY_ROWS === 0) {
          await recordExportProgress(db, row.id, written);
          await keepLease();
        }
      }
    };
    try {
      const rows = counted(exportRows(db, row.dataset, filter, stored.timezone));
      const body = await exportFile(EXPORT_COLUMNS[row.dataset], rows, row.dataset, row.format, this.log);
      const { bytes } = await this.store().write(row.storage_key, body, { contentType: row.content_type });
      await markExportDone(db, row.id, { rowsWritten: written, bytes }, clock.now());
    } catch (error) {
      this.log('export failed', error);
      await markExportFailed(db, row.id, EXPORT_FAILED_MESSAGE, clock.now());
    }
  }

  /**
   * At most every ten minutes: drops the rows of exports older than 30 days, and deletes files older than a day
   * (locally; S3's lifecycle rule does its own). Returns how many files went.
   */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now().getTime();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return 0;
    this.lastSweep = now;
    await deleteExportJobsBefore(this.deps.db, new Date(now - EXPORT_ROW_LIFETIME_MS));
    if (!this.deps.store) return 0;
    return this.deps.store.deleteOlderThan(new Date(now - EXPORT_FILE_LIFETIME_MS));
  }

  private readonly log: ExportLog = (message, error) => this.deps.log?.(message, error);

  private store(): ExportStore {
    if (!this.deps.store) throw new DomainError('internal', 'No export store is configured.');
    return this.deps.store;
  }

  private async readable(principal: Principal | undefined, exportId: string): Promise<ExportJobRow> {
    const actor = authorizeStaff(principal, 'reports:read');
    const row = await findExportJob(this.deps.db, exportId);
    if (!row) throw new DomainError('not_found', 'No such export.');
    authorizeStaff(actor, 'reports:read', row.venue_id);
    // Personal data: an export is its maker's (and the owner's), not every manager's of the venue.
    if (row.actor_sub !== actor.sub && !staffRolesOf(actor).includes('admin')) {
      throw new DomainError('not_found', 'No such export.');
    }
    return row;
  }

  /** The API's own link to the file (same origin as the API): `/v1/exports/<id>/file?expires=…&signature=…`. */
  private signedLink(exportId: string, expiresAt: Date): string {
    const { expires, signature } = this.deps.links.sign(exportId, expiresAt);
    return `${apiPaths.exportFile(exportId)}?expires=${expires}&signature=${signature}`;
  }

  private expired(row: ExportJobRow, now: Date): boolean {
    return now.getTime() >= row.created_at.getTime() + EXPORT_FILE_LIFETIME_MS;
  }

  private async view(row: ExportJobRow): Promise<ExportJob> {
    const now = this.deps.clock.now();
    const fileExpiresAt = new Date(row.created_at.getTime() + EXPORT_FILE_LIFETIME_MS);
    const status = row.status === 'done' && this.expired(row, now) ? 'expired' : row.status;
    let download: ExportJob['download'] = null;
    if (status === 'done') {
      const expiresAt = new Date(Math.min(now.getTime() + EXPORT_LINK_LIFETIME_MS, fileExpiresAt.getTime()));
      const file = { filename: row.filename, contentType: row.content_type };
      const url =
        (await this.store().presignedUrl(row.storage_key, file, expiresAt)) ?? this.signedLink(row.id, expiresAt);
      download = { url, expiresAt: expiresAt.toISOString() };
    }
    return {
      id: row.id,
      dataset: row.dataset,
      format: row.format,
      title: row.title,
      filename: row.filename,
      status,
      rowsWritten: row.rows_written,
      rowsTotal: row.rows_total,
      bytes: row.bytes === null ? null : Number(row.bytes),
      error: row.error,
      createdAt: row.created_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      download,
      expiresAt: fileExpiresAt.toISOString(),
    };
  }
}
