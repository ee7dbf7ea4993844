// Failed jobs: background work (ticket emails, mailings, refunds) that failed too often and was parked. Each shows
// its error; "Retry" (after a confirmation) gives it a fresh series of attempts, and it leaves this list.
import { useMemo, useState } from 'react';
import type { DeadJobList } from '../../../../cloud/contract/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { AdminScreenProps } from '../screen.ts';
import { ConfirmDialog } from '../kit/ConfirmDialog.tsx';
import { DataTable, adminColumns } from '../kit/DataTable.tsx';
import { AsyncView, EmptyState } from '../kit/states.tsx';

type DeadJob = DeadJobList['jobs'][number];

/** `ticket_email` → "Ticket email". */
const topicLabel = (topic: string) => {
  const words = topic.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function FailedJobs({ api }: Pick<AdminScreenProps, 'api'>) {
  const [state, reload] = useAsync(() => api.call<DeadJobList>('listDeadJobs'), [api]);
  const [retrying, setRetrying] = useState<DeadJob | null>(null);
  const [retried, setRetried] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState('');

  const columns = useMemo(() => {
    const col = adminColumns<DeadJob>();
    return [
      col.accessor((job) => topicLabel(job.topic), { id: 'job', header: 'Job' }),
      col.accessor('aggregateId', {
        header: 'For',
        enableSorting: false,
        cell: (info) => <code className="admin-id">{info.getValue()}</code>,
      }),
      col.accessor('createdAt', {
        header: 'Since',
        sortFn: 'datetime',
        cell: (info) => (
          <time dateTime={info.getValue()}>
            {new Date(info.getValue()).toLocaleString(navigator.language, { dateStyle: 'medium', timeStyle: 'short' })}
          </time>
        ),
      }),
      col.accessor('attempts', { header: 'Attempts' }),
      col.accessor('lastError', {
        header: 'Error',
        enableSorting: false,
        cell: (info) => <pre className="admin-error-text">{info.getValue() ?? 'No error recorded'}</pre>,
      }),
      col.display({
        id: 'retry',
        header: () => <span className="visually-hidden">Actions</span>,
        cell: ({ row: { original: job } }) => (
          <button type="button" onClick={() => setRetrying(job)}>
            Retry
            <span className="visually-hidden">
              {' '}
              {topicLabel(job.topic)} job for {job.aggregateId}
            </span>
          </button>
        ),
      }),
    ];
  }, []);

  return (
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Failed jobs</h2>
      <p role="status" aria-live="polite" className="admin-status">
        {notice}
      </p>
      <AsyncView state={state} retry={reload} what="failed jobs">
        {({ jobs }) => (
          <DataTable
            caption="Jobs parked after too many failures, newest first"
            columns={columns}
            rows={jobs.filter((job) => !retried.has(job.id))}
            rowId={(job) => job.id}
            empty={
              <EmptyState title="No failed jobs.">
                <p>Emails, mailings and refunds are all going through.</p>
              </EmptyState>
            }
          />
        )}
      </AsyncView>
      <ConfirmDialog
        open={retrying !== null}
        title="Retry this job?"
        confirmLabel="Retry now"
        onClose={() => setRetrying(null)}
        onConfirm={async () => {
          if (!retrying) return;
          await api.call('retryDeadJob', { params: { jobId: retrying.id } });
          setRetried((done) => new Set(done).add(retrying.id));
          setNotice(`${topicLabel(retrying.topic)} job queued again: it runs within a few seconds.`);
        }}
      >
        {retrying && (
          <p>
            The {topicLabel(retrying.topic).toLowerCase()} job for <code>{retrying.aggregateId}</code> runs again from
            now, with a fresh series of attempts. Retry only once the cause of the error is fixed.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
