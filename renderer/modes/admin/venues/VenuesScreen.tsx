// Venues and their seat maps: the list (the venues the staff member manages), a new venue (owners), and a venue's
// page with its form and every seat-map version with the events built on it.
//   /admin/venues          the list
//   /admin/venues/new      a new venue
//   /admin/venues/:id      one venue
import { may } from '../../../../cloud/domain/staff-roles.ts';
import type { SeatMapVersionList, Venue, VenueList } from '../../../../cloud/contract/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { AdminScreenProps } from '../screen.ts';
import { adminColumns, DataTable } from '../kit/DataTable.tsx';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AsyncView } from '../kit/states.tsx';
import { VenueForm } from './VenueForm.tsx';
import '../../../styles/admin-events.css';

const BASE = '/admin/venues';
const DESIGNER = '/admin/designer';

export default function VenuesScreen(props: AdminScreenProps) {
  const rest = props.path.slice(BASE.length).replace(/^\//, '');
  if (rest === '') return <VenueListPage {...props} />;
  if (rest === 'new') return <NewVenuePage {...props} />;
  return <VenuePage {...props} venueId={rest.split('/')[0]!} />;
}

const venueColumns = adminColumns<Venue>();

function VenueListPage({ api, session, navigate }: AdminScreenProps) {
  const [state, retry] = useAsync(() => api.call<VenueList>('listVenues'), []);
  const columns = [
    venueColumns.accessor('name', {
      header: 'Venue',
      cell: (info) => (
        <a
          href={`${BASE}/${info.row.original.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(`${BASE}/${info.row.original.id}`);
          }}
        >
          {info.getValue()}
        </a>
      ),
    }),
    venueColumns.accessor('city', { header: 'City' }),
    venueColumns.accessor('timezone', { header: 'Time zone' }),
  ];
  return (
    <>
      <PageHeader
        title="Venues"
        description="Where your events take place, and their seat maps."
        actions={
          may(session.principal, 'org:manage') && (
            <a
              className="admin-button primary"
              href={`${BASE}/new`}
              onClick={(e) => (e.preventDefault(), navigate(`${BASE}/new`))}
            >
              New venue
            </a>
          )
        }
      />
      <AsyncView state={state} retry={retry} what="venues">
        {(list) => (
          <DataTable
            caption="Venues"
            columns={columns}
            rows={list.venues}
            rowId={(venue) => venue.id}
            empty="No venues yet."
            initialSort={[{ id: 'name', desc: false }]}
          />
        )}
      </AsyncView>
    </>
  );
}

function NewVenuePage({ api, navigate }: AdminScreenProps) {
  return (
    <>
      <PageHeader title="New venue" />
      <VenueForm api={api} onSaved={(venue) => navigate(`${BASE}/${venue.id}`)} />
    </>
  );
}

const mapColumns = adminColumns<SeatMapVersionList['seatMaps'][number]>();

function VenuePage({ api, venueId, navigate }: AdminScreenProps & { venueId: string }) {
  const [venue, retryVenue] = useAsync(() => api.call<Venue>('getVenue', { params: { venueId } }), [venueId]);
  const [maps, retryMaps] = useAsync(
    () => api.call<SeatMapVersionList>('listSeatMapVersions', { params: { venueId } }),
    [venueId],
  );
  return (
    <AsyncView state={venue} retry={retryVenue} what="the venue">
      {(loaded) => {
        const columns = [
          mapColumns.accessor('name', { header: 'Seat map' }),
          mapColumns.accessor('version', { header: 'Version' }),
          mapColumns.accessor('seatCount', { header: 'Seats' }),
          mapColumns.accessor('gaCapacity', { header: 'Standing' }),
          mapColumns.accessor('createdAt', {
            header: 'Stored',
            cell: (info) => formatDateTime(info.getValue(), loaded.timezone),
          }),
          mapColumns.accessor((map) => map.events.map((event) => event.name).join(', ') || '—', {
            id: 'events',
            header: 'Used by',
            enableSorting: false,
          }),
        ];
        return (
          <>
            <PageHeader title={loaded.name} description={`${loaded.city} · ${loaded.timezone}`} />
            <section aria-labelledby="venue-details">
              <h2 id="venue-details">Details</h2>
              <VenueForm api={api} venue={loaded} onSaved={() => {}} />
            </section>
            <section aria-labelledby="venue-maps">
              <h2 id="venue-maps">Seat maps</h2>
              <p>
                <a
                  className="admin-button"
                  href={`${DESIGNER}/${loaded.id}`}
                  onClick={(e) => (e.preventDefault(), navigate(`${DESIGNER}/${loaded.id}`))}
                >
                  Open in the seat-map designer
                </a>
              </p>
              <AsyncView state={maps} retry={retryMaps} what="seat maps">
                {(list) => (
                  <DataTable
                    caption={`Seat-map versions of ${loaded.name}`}
                    columns={columns}
                    rows={list.seatMaps}
                    rowId={(map) => map.id}
                    empty="No seat map yet: draw one in the designer, or import a CSV or JSON file there."
                  />
                )}
              </AsyncView>
            </section>
          </>
        );
      }}
    </AsyncView>
  );
}
