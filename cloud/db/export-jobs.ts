// SQL of export jobs (migration 0023): the row an export's maker polls, moved by the job that writes the file
// (running with the rows counted, progress every few thousand rows, done with the file's size, or failed with the
// error), one's recent exports within the venues one still reads, and old rows pruned.
import type { Queryable } from './port.ts';

export interface ExportJobRow {
  id: string;
  actor_sub: string;
  venue_id: string;
  event_id: string | null;
  dataset: 'orders' | 'tickets' | 'attendees';
  format: 'csv' | 'xlsx';
  filter: unknown;
  title: string;
  filename: string;
  content_type: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  rows_written: number;
  rows_total: number | null;
  bytes: string | number | null;
  storage_key: string;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export type NewExportJob = Pick<
  ExportJobRow,
  | 'id'
  | 'actor_sub'
  | 'venue_id'
  | 'event_id'
  | 'dataset'
  | 'format'
  | 'filter'
  | 'title'
  | 'filename'
  | 'content_type'
  | 'storage_key'
  | 'created_at'
>;

const COLUMNS = `id, actor_sub, venue_id, event_id, dataset, format, filter, title, filename, content_type, status,
  rows_written, rows_total, bytes, storage_key, error, created_at, started_at, finished_at`;

export async function insertExportJob(db: Queryable, job: NewExportJob): Promise<void> {
  await db.query(
    `INSERT INTO export_jobs (id, actor_sub, venue_id, event_id, dataset, format, filter, title, filename,
                              content_type, storage_key, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      job.id,
      job.actor_sub,
      job.venue_id,
      job.event_id,
      job.dataset,
      job.format,
      JSON.stringify(job.filter),
      job.title,
      job.filename,
      job.content_type,
      job.storage_key,
      job.created_at.toISOString(),
    ],
  );
}

export async function findExportJob(db: Queryable, id: string): Promise<ExportJobRow | null> {
  const result = await db.query<ExportJobRow>(`SELECT ${COLUMNS} FROM export_jobs WHERE id = $1`, [id]);
  return result.rows[0] ?? null;
}

/** The maker's exports asked for since `since` of these venues (`all` for an admin), newest first. */
export async function listExportJobsOf(
  db: Queryable,
  actorSub: string,
  venueIds: 'all' | string[],
  since: Date,
  limit: number,
): Promise<ExportJobRow[]> {
  const result = await db.query<ExportJobRow>(
    `SELECT ${COLUMNS} FROM export_jobs
     WHERE actor_sub = $1 AND created_at >= $2 AND ($4::uuid[] IS NULL OR venue_id = ANY($4::uuid[]))
     ORDER BY created_at DESC, id LIMIT $3`,
    [actorSub, since.toISOString(), limit, venueIds === 'all' ? null : venueIds],
  );
  return result.rows;
}

/**
 * Running from the start (a job run again after a crash starts over), with the rows it will write; false when the
 * export has meanwhile finished (another run of the same job), which is then left as it is.
 */
export async function markExportRunning(db: Queryable, id: string, rowsTotal: number, now: Date): Promise<boolean> {
  const result = await db.query(
    `UPDATE export_jobs SET status = 'running', rows_total = $2, rows_written = 0, bytes = NULL, error = NULL,
       started_at = $3, finished_at = NULL
     WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, rowsTotal, now.toISOString()],
  );
  return result.rowCount > 0;
}

export async function recordExportProgress(db: Queryable, id: string, rowsWritten: number): Promise<void> {
  await db.query(`UPDATE export_jobs SET rows_written = $2 WHERE id = $1 AND status = 'running'`, [id, rowsWritten]);
}

export async function markExportDone(
  db: Queryable,
  id: string,
  done: { rowsWritten: number; bytes: number },
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE export_jobs SET status = 'done', rows_written = $2, bytes = $3, finished_at = $4
     WHERE id = $1 AND status = 'running'`,
    [id, done.rowsWritten, done.bytes, now.toISOString()],
  );
}

/**
 * Failed, from queued or running only: a second run (a redelivered message) never turns a finished export's row
 * from done to failed or back.
 */
export async function markExportFailed(db: Queryable, id: string, error: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE export_jobs SET status = 'failed', error = $2, finished_at = $3
     WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, error.slice(0, 1000), now.toISOString()],
  );
}

/** Deletes the rows of exports asked for before `before` (their files went long ago); how many went. */
export async function deleteExportJobsBefore(db: Queryable, before: Date): Promise<number> {
  const result = await db.query(`DELETE FROM export_jobs WHERE created_at < $1`, [before.toISOString()]);
  return result.rowCount;
}
