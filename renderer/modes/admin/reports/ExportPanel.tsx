// Export buttons of the reports screen: orders, tickets or attendees as CSV or XLSX, of the chosen event or of the
// venue's orders paid in the chosen days, with a progress bar in rows while the file streams in.
import { useState } from 'react';
import { EXPORT_DATASETS, type ExportDataset, type ExportFormat } from '../../../../cloud/contract/index.ts';
import { saveDownload } from '../admin-api.ts';
import type { AdminSession } from '../admin-session.ts';
import { downloadExport, type ExportProgress } from './export-download.ts';

const DATASET_LABELS: Record<ExportDataset, string> = { orders: 'Orders', tickets: 'Tickets', attendees: 'Attendees' };

export interface ExportScope {
  venueId: string;
  eventId: string;
  from: string;
  to: string;
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
  const [dataset, setDataset] = useState<ExportDataset>('tickets');
  const [progress, setProgress] = useState<(ExportProgress & { format: ExportFormat }) | null>(null);
  const busy = progress !== null && !progress.done;

  const start = async (format: ExportFormat) => {
    onError(null);
    setProgress({ rows: 0, total: 0, done: false, format });
    const query = scope.eventId
      ? { format, eventId: scope.eventId }
      : { format, venueId: scope.venueId, from: scope.from, to: scope.to };
    try {
      const file = await downloadExport(session.accessToken, dataset, query, (next) =>
        setProgress({ ...next, format }),
      );
      saveDownload(file, `${dataset}.${format}`);
    } catch (error) {
      setProgress(null);
      onError(error);
    }
  };

  return (
    <section className="rep-panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="rep-muted">
        {scope.eventId ? 'Everything of the chosen event.' : "The venue's orders paid on the chosen days."} Money as
        decimal amounts with a currency column; times in the venue's time zone.
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
        <button type="button" disabled={busy} onClick={() => void start('csv')}>
          Export CSV
        </button>
        <button type="button" disabled={busy} onClick={() => void start('xlsx')}>
          Export XLSX
        </button>
      </div>
      {progress && (
        <div className="rep-progress" role="status" aria-live="polite">
          <label htmlFor="export-progress">
            {progress.done
              ? `Exported ${progress.total} ${progress.total === 1 ? 'row' : 'rows'} (${progress.format.toUpperCase()}).`
              : progress.total > 0
                ? `Exporting ${progress.rows} of ${progress.total} rows…`
                : 'Starting the export…'}
          </label>
          <progress
            id="export-progress"
            max={Math.max(progress.total, 1)}
            value={progress.done ? Math.max(progress.total, 1) : progress.rows}
          />
        </div>
      )}
    </section>
  );
}
