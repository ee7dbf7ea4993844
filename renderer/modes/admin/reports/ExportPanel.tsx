// Export buttons of the reports screen: orders, tickets or attendees as CSV or XLSX, of the chosen event or of the
// venue's orders paid in the chosen days. The export is a job: the panel shows its progress bar (rows written of rows
// counted) as it runs, then a download link (S3's or the API's, valid ten minutes: an older one is fetched again on
// click), or its error with a way to try again.
import { useMemo, useState, type MouseEvent } from 'react';
import {
  EXPORT_DATASETS,
  type ExportDataset,
  type ExportFormat,
  type ExportJob,
} from '../../../../cloud/contract/index.ts';
import { AdminApi } from '../admin-api.ts';
import type { AdminSession } from '../admin-session.ts';
import { useExportJob } from './use-export-job.ts';

const DATASET_LABELS: Record<ExportDataset, string> = { orders: 'Orders', tickets: 'Tickets', attendees: 'Attendees' };

export interface ExportScope {
  venueId: string;
  eventId: string;
  from: string;
  to: string;
}

const rows = (count: number) => `${count.toLocaleString('en')} ${count === 1 ? 'row' : 'rows'}`;

function progressText(job: ExportJob): string {
  const kind = `${DATASET_LABELS[job.dataset].toLowerCase()} (${job.format.toUpperCase()})`;
  if (job.status === 'queued') return `Export of ${kind} queued…`;
  if (job.status === 'running')
    return job.rowsTotal === null
      ? `Counting ${kind}…`
      : `Exporting ${kind}: ${job.rowsWritten.toLocaleString('en')} of ${rows(job.rowsTotal)}…`;
  return `Exported ${rows(job.rowsWritten)} of ${kind}.`;
}

export function ExportPanel({
  session,
  scope,
  onError,
}: {
  session: AdminSession;
  scope: ExportScope;
  /** A refused export (its problem names a filter's field): the filters show it. */
  onError: (error: unknown) => void;
}) {
  const api = useMemo(() => new AdminApi(() => session.accessToken), [session.accessToken]);
  const [dataset, setDataset] = useState<ExportDataset>('tickets');
  const exporting = useExportJob(api, onError);
  const { job } = exporting;
  const busy = job !== null && (job.status === 'queued' || job.status === 'running');

  const start = (format: ExportFormat) =>
    void exporting.start(
      scope.eventId
        ? { dataset, format, eventId: scope.eventId }
        : { dataset, format, venueId: scope.venueId, from: scope.from, to: scope.to },
    );

  // A link older than its ten minutes is refused: read the export again for a fresh one, then follow it.
  const download = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!job?.download || Date.parse(job.download.expiresAt) - Date.now() > 5000) return;
    event.preventDefault();
    exporting
      .refresh()
      .then((fresh) => {
        if (fresh?.download) window.location.assign(fresh.download.url);
      })
      .catch(onError);
  };

  return (
    <section className="rep-panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="rep-muted">
        {scope.eventId ? 'Everything of the chosen event.' : "The venue's orders paid on the chosen days."} Money as
        decimal amounts with a currency column; times in the venue's time zone. Files are kept for a day.
      </p>
      <div className="rep-export">
        <label htmlFor="export-dataset">What</label>
        <select id="export-dataset" value={dataset} onChange={(e) => setDataset(e.target.value as ExportDataset)}>
          {EXPORT_DATASETS.map((option) => (
            <option key={option} value={option}>
              {DATASET_LABELS[option]}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy} onClick={() => start('csv')}>
          Export CSV
        </button>
        <button type="button" disabled={busy} onClick={() => start('xlsx')}>
          Export XLSX
        </button>
      </div>
      {job && job.status !== 'failed' && job.status !== 'expired' && (
        <div className="rep-progress" role="status" aria-live="polite">
          <label htmlFor="export-progress">{progressText(job)}</label>
          <progress
            id="export-progress"
            max={Math.max(job.rowsTotal ?? 1, 1)}
            {...(job.status === 'queued' || job.rowsTotal === null
              ? {}
              : { value: job.status === 'done' ? Math.max(job.rowsTotal, 1) : job.rowsWritten })}
          />
          {job.status === 'done' && job.download && (
            <p>
              <a className="rep-button-link" href={job.download.url} download={job.filename} onClick={download}>
                Download {job.filename}
              </a>{' '}
              <span className="rep-muted">
                {job.bytes !== null
                  ? `${(job.bytes / 1024).toLocaleString('en', { maximumFractionDigits: 0 })} KB`
                  : ''}
              </span>
            </p>
          )}
        </div>
      )}
      {job?.status === 'failed' && (
        <div className="rep-progress" role="alert">
          <p>The export failed: {job.error ?? 'no reason was given'}.</p>
          <p>
            <button type="button" onClick={() => exporting.request && void exporting.start(exporting.request)}>
              Try again
            </button>
          </p>
        </div>
      )}
      {job?.status === 'expired' && (
        <p className="rep-progress" role="status">
          This export has expired (files are kept for a day). Export again for a fresh file.
        </p>
      )}
    </section>
  );
}
