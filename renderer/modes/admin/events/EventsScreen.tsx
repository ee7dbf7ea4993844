// Events in the back office: the list (drafts too) with its filters kept in the address, a new event, and an event's
// page (edit, tiers, sales windows, copies, publish/pause/cancel).
//   /admin/events          the list: ?status=&venueId=&q=&from=&to=&sort=&offset=
//   /admin/events/new      a new event
//   /admin/events/:id      one event
import type { EventStatus, StaffEventList, StaffEventSummary, VenueList } from '../../../../cloud/contract/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { AdminScreenProps } from '../screen.ts';
import { adminColumns, DataTable } from '../kit/DataTable.tsx';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AsyncView } from '../kit/states.tsx';
import { EventCreate } from './EventCreate.tsx';
import { EventPage } from './EventPage.tsx';
import { fromZonedInput } from './form-values.ts';
import '../../../styles/admin-events.css';

export const EVENTS_BASE = '/admin/events';
const PAGE = 25;
export const STATUS_LABELS: Record<EventStatus, string> = {
  draft: 'Draft',
  on_sale: 'On sale',
  paused: 'Paused',
  cancelled: 'Cancelled',
};

export default function EventsScreen(props: AdminScreenProps) {
  const rest = props.path.slice(EVENTS_BASE.length).replace(/^\//, '');
  if (rest === '') return <EventList {...props} />;
  if (rest === 'new') return <EventCreate {...props} />;
  return <EventPage {...props} eventId={rest.split('/')[0]!} />;
}

const columns = adminColumns<StaffEventSummary>();

function EventList({ api, query, navigate }: AdminScreenProps) {
  const filters = {
    status: query.get('status') ?? '',
    venueId: query.get('venueId') ?? '',
    q: query.get('q') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    sort: query.get('sort') ?? 'soonest',
  };
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [venues] = useAsync(() => api.call<VenueList>('listVenues'), []);
  const [state, retry] = useAsync(
    () =>
      api.call<StaffEventList>('listStaffEvents', {
        query: {
          ...filters,
          // Days are taken as UTC midnights: a filter, not a schedule.
          from: filters.from ? fromZonedInput(`${filters.from}T00:00`, 'UTC') : undefined,
          to: filters.to ? fromZonedInput(`${filters.to}T00:00`, 'UTC') : undefined,
          limit: PAGE,
          offset,
        },
      }),
    [query.toString()],
  );
  const go = (next: Record<string, string | number>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filters, ...next }))
      if (value !== '') params.set(key, String(value));
    navigate(`${EVENTS_BASE}?${params.toString()}`);
  };
  const link = (event: StaffEventSummary) => (
    <a
      href={`${EVENTS_BASE}/${event.id}`}
      onClick={(e) => (e.preventDefault(), navigate(`${EVENTS_BASE}/${event.id}`))}
    >
      {event.name}
    </a>
  );
  const table = [
    columns.accessor('name', { header: 'Event', cell: (info) => link(info.row.original) }),
    columns.accessor('startsAt', {
      header: 'Starts',
      cell: (info) => formatDateTime(info.getValue(), info.row.original.venue.timezone),
    }),
    columns.accessor((event) => event.venue.name, { id: 'venue', header: 'Venue' }),
    columns.accessor('status', {
      header: 'Status',
      cell: (info) => (
        <span className={`admin-badge admin-badge-${info.getValue()}`}>{STATUS_LABELS[info.getValue()]}</span>
      ),
    }),
  ];
  return (
    <>
      <PageHeader
        title="Events"
        description="Drafts, events on sale, paused and cancelled ones."
        actions={
          <a
            className="admin-button primary"
            href={`${EVENTS_BASE}/new`}
            onClick={(e) => (e.preventDefault(), navigate(`${EVENTS_BASE}/new`))}
          >
            New event
          </a>
        }
      />
      <form
        className="admin-filters"
        role="search"
        aria-label="Filter events"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          go({ ...Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])), offset: '' });
        }}
      >
        <label>
          Words <input name="q" type="search" defaultValue={filters.q} />
        </label>
        <label>
          Status
          <select name="status" defaultValue={filters.status}>
            <option value="">Any</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Venue
          <select name="venueId" defaultValue={filters.venueId}>
            <option value="">Any</option>
            {venues.status === 'loaded' &&
              venues.value.venues.map((venue) => (
                <option key={venue.id} value={venue.id}>
                  {venue.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          From <input name="from" type="date" defaultValue={filters.from} />
        </label>
        <label>
          Until <input name="to" type="date" defaultValue={filters.to} />
        </label>
        <label>
          Order
          <select name="sort" defaultValue={filters.sort}>
            <option value="soonest">Soonest first</option>
            <option value="newest">Newest first</option>
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <AsyncView state={state} retry={retry} what="events">
        {(list) => (
          <>
            <DataTable
              caption={`Events (${list.total})`}
              columns={table}
              rows={list.events}
              rowId={(event) => event.id}
              empty="No events match. Create one, or change the filters."
            />
            {list.total > PAGE && (
              <nav className="admin-pages" aria-label="Pages of events">
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => go({ offset: Math.max(0, offset - PAGE) })}
                >
                  Previous
                </button>
                <span>
                  {offset + 1}–{Math.min(offset + PAGE, list.total)} of {list.total}
                </span>
                <button
                  type="button"
                  disabled={offset + PAGE >= list.total}
                  onClick={() => go({ offset: offset + PAGE })}
                >
                  Next
                </button>
              </nav>
            )}
          </>
        )}
      </AsyncView>
    </>
  );
}
