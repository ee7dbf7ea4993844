// The audit log: every staff and admin action (who, what, when, the fields before and after), searched by words,
// object type and dates, narrowed to one person or one object from any entry. The search lives in the address, so
// it survives a reload and can be shared; pages of 50 load on "Show more" (the API's keyset cursor).
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AuditEntry, AuditPage } from '../../../../cloud/contract/index.ts';
import type { AdminScreenProps } from '../screen.ts';
import { DataTable, adminColumns } from '../kit/DataTable.tsx';
import { FormField } from '../kit/FormField.tsx';
import { ErrorState, LoadingState, EmptyState } from '../kit/states.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { AuditChanges } from './AuditChanges.tsx';
import { FILTER_NAMES, addressQuery, apiQuery, filtersFrom, type AuditFilters } from './audit-filters.ts';

const PAGE = 50;
const OBJECT_TYPES = ['event', 'order', 'seat', 'venue', 'seatmap', 'staff', 'device', 'job', 'code'];
const FORM_FIELDS = [...FILTER_NAMES, 'after', 'limit'];

type Loaded = { entries: AuditEntry[]; next: string | null; loadingMore: boolean; moreError: unknown };
type State = { status: 'loading' } | { status: 'failed'; error: unknown } | ({ status: 'loaded' } & Loaded);

const when = (iso: string) =>
  new Date(iso).toLocaleString(navigator.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });

export function AuditLog({
  api,
  query,
  navigate,
  base,
}: Pick<AdminScreenProps, 'api' | 'query' | 'navigate'> & { base: string }) {
  const filters = filtersFrom(query);
  const key = addressQuery(filters);
  const problems = useProblemFields(FORM_FIELDS);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    problems.clear();
    api.call<AuditPage>('searchAuditLog', { query: { ...apiQuery(filters), limit: PAGE } }).then(
      (page) => current && setState({ status: 'loaded', ...page, loadingMore: false, moreError: null }),
      (error: unknown) => {
        if (!current) return;
        problems.capture(error);
        setState({ status: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const search = (next: AuditFilters) => navigate(`${base}${addressQuery(next)}`);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    search({ ...filters, q: text('q'), objectType: text('objectType'), from: text('from'), to: text('to') });
  };

  const loadMore = async () => {
    if (state.status !== 'loaded' || !state.next) return;
    setState({ ...state, loadingMore: true, moreError: null });
    try {
      const page = await api.call<AuditPage>('searchAuditLog', {
        query: { ...apiQuery(filters), limit: PAGE, after: state.next },
      });
      setState({ ...state, entries: [...state.entries, ...page.entries], next: page.next, loadingMore: false });
    } catch (error) {
      setState({ ...state, loadingMore: false, moreError: error });
    }
  };

  const columns = useMemo(() => {
    const col = adminColumns<AuditEntry>();
    return [
      col.accessor('at', {
        header: 'When',
        sortFn: 'datetime',
        cell: (info) => <time dateTime={info.getValue()}>{when(info.getValue())}</time>,
      }),
      col.accessor((entry) => entry.actor.email ?? entry.actor.sub, {
        id: 'who',
        header: 'Who',
        cell: ({ row: { original: entry } }) => (
          <div className="admin-cell-stack">
            <span>{entry.actor.email ?? entry.actor.sub}</span>
            <span className="admin-muted">{entry.actor.role.replace('_', ' ')}</span>
            <button
              type="button"
              className="link-button"
              onClick={() => search({ ...filters, actor: entry.actor.sub })}
            >
              Only this person<span className="visually-hidden"> ({entry.actor.email ?? entry.actor.sub})</span>
            </button>
          </div>
        ),
      }),
      col.accessor('summary', {
        header: 'What',
        cell: ({ row: { original: entry } }) => (
          <div className="admin-cell-stack">
            <span>{entry.summary}</span>
            <span className="admin-muted">
              <code>{entry.action}</code> · {entry.objectType} {entry.objectId}
            </span>
            <button
              type="button"
              className="link-button"
              onClick={() => search({ ...filters, objectType: entry.objectType, objectId: entry.objectId })}
            >
              History of this {entry.objectType}
              <span className="visually-hidden"> ({entry.objectId})</span>
            </button>
          </div>
        ),
      }),
      col.display({ id: 'changes', header: 'Changes', cell: ({ row }) => <AuditChanges entry={row.original} /> }),
    ];
  }, [key]);

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <form className="admin-filters" role="search" aria-label="Search the audit log" onSubmit={submit} key={key}>
        <FormField label="Words" name="q" error={problems.fields.q}>
          {(input) => <input {...input} type="search" defaultValue={filters.q} placeholder="e.g. refund, seat A-12" />}
        </FormField>
        <FormField label="Object type" name="objectType" error={problems.fields.objectType}>
          {(input) => <input {...input} list="audit-object-types" defaultValue={filters.objectType} />}
        </FormField>
        <datalist id="audit-object-types">
          {OBJECT_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <FormField label="From (day)" name="from" error={problems.fields.from}>
          {(input) => <input {...input} type="date" defaultValue={filters.from} />}
        </FormField>
        <FormField label="To (day, included)" name="to" error={problems.fields.to}>
          {(input) => <input {...input} type="date" defaultValue={filters.to} />}
        </FormField>
        <div className="admin-filter-actions">
          <button type="submit" className="primary">
            Search
          </button>
          {key && (
            <button type="button" onClick={() => navigate(base)}>
              Clear
            </button>
          )}
        </div>
      </form>
      {(filters.actor || filters.objectId) && (
        <ul className="admin-chips" aria-label="Narrowed to">
          {filters.actor && (
            <li>
              Actions of one person
              <button type="button" onClick={() => search({ ...filters, actor: '' })}>
                Show everyone
              </button>
            </li>
          )}
          {filters.objectId && (
            <li>
              History of {filters.objectType || 'object'} {filters.objectId}
              <button type="button" onClick={() => search({ ...filters, objectId: '', objectType: '' })}>
                Show every object
              </button>
            </li>
          )}
        </ul>
      )}
      {state.status === 'loading' && <LoadingState what="the audit log" />}
      {state.status === 'failed' &&
        (problems.formError === null ? (
          <p className="admin-form-error" role="alert">
            Check the search: the field marked above is not valid.
          </p>
        ) : (
          <ErrorState error={state.error} retry={() => setAttempt((n) => n + 1)} />
        ))}
      {state.status === 'loaded' && (
        <>
          <DataTable
            caption={key ? 'Matching actions, newest first' : 'Every action, newest first'}
            columns={columns}
            rows={state.entries}
            rowId={(entry) => entry.id}
            empty={
              <EmptyState title={key ? 'No action matches this search.' : 'No staff action has been recorded yet.'} />
            }
            more={state.next ? { onClick: () => void loadMore(), busy: state.loadingMore } : undefined}
          />
          {state.moreError !== null && <ErrorState error={state.moreError} retry={() => void loadMore()} />}
        </>
      )}
    </section>
  );
}
