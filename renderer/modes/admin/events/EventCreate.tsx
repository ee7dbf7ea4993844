// A new event: a venue, one of its seat-map versions, the event's fields on the venue's clock, and its price tiers
// (two to start with) with every section of the map given to one tier. The API's problems go beside their inputs; a
// map the tiers do not cover lists what is missing.
import { useMemo, useState, type FormEvent } from 'react';
import type { EventDetail, SeatMap, SeatMapVersionList, VenueList } from '../../../../cloud/contract/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { AdminScreenProps } from '../screen.ts';
import { FormField } from '../kit/FormField.tsx';
import { FormFooter } from '../kit/FormFooter.tsx';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AsyncView, EmptyState } from '../kit/states.tsx';
import { focusField, useFormRequest } from '../kit/use-form-request.ts';
import { EventFields, eventFieldsBody, type EventFieldValues } from './EventFields.tsx';
import { TierFields } from './TierFields.tsx';
import { useTierRows } from './use-tier-rows.ts';

const BASE_NAMES = [
  'venueId',
  'seatmapId',
  'name',
  'description',
  'startsAt',
  'doorsAt',
  'onSaleFrom',
  'onSaleUntil',
  'currency',
  'perOrderLimit',
  'codePolicy',
  'tiers',
];

export function EventCreate({ api, navigate }: AdminScreenProps) {
  const [venues, retryVenues] = useAsync(() => api.call<VenueList>('listVenues'), []);
  const [venueId, setVenueId] = useState('');
  return (
    <>
      <PageHeader title="New event" description="A draft until you publish it." />
      <AsyncView state={venues} retry={retryVenues} what="venues">
        {(list) =>
          list.venues.length === 0 ? (
            <EmptyState title="Make a venue with a seat map first." />
          ) : (
            <>
              <FormField label="Venue" name="venueId">
                {(props) => (
                  <select {...props} value={venueId} onChange={(e) => setVenueId(e.target.value)}>
                    <option value="">Choose a venue</option>
                    {list.venues.map((venue) => (
                      <option key={venue.id} value={venue.id}>
                        {venue.name}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              {venueId && (
                <VenueMaps
                  key={venueId}
                  api={api}
                  venue={list.venues.find((venue) => venue.id === venueId)!}
                  onCreated={(id) => navigate(`/admin/events/${id}`)}
                />
              )}
            </>
          )
        }
      </AsyncView>
    </>
  );
}

function VenueMaps({
  api,
  venue,
  onCreated,
}: {
  api: AdminScreenProps['api'];
  venue: VenueList['venues'][number];
  onCreated: (eventId: string) => void;
}) {
  const [versions, retry] = useAsync(
    () => api.call<SeatMapVersionList>('listSeatMapVersions', { params: { venueId: venue.id } }),
    [venue.id],
  );
  const [chosen, setChosen] = useState('');
  return (
    <AsyncView state={versions} retry={retry} what="seat maps">
      {(list) => {
        if (list.seatMaps.length === 0) return <EmptyState title="This venue has no seat map yet." />;
        const seatmapId = chosen || list.seatMaps[0]!.id;
        return (
          <>
            <FormField label="Seat map" name="seatmapId">
              {(props) => (
                <select {...props} value={seatmapId} onChange={(e) => setChosen(e.target.value)}>
                  {list.seatMaps.map((map) => (
                    <option key={map.id} value={map.id}>
                      {map.name} v{map.version} ({map.seatCount} seats
                      {map.gaCapacity ? `, ${map.gaCapacity} standing` : ''})
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <MapForm key={seatmapId} api={api} seatmapId={seatmapId} timeZone={venue.timezone} onCreated={onCreated} />
          </>
        );
      }}
    </AsyncView>
  );
}

function MapForm({
  api,
  seatmapId,
  timeZone,
  onCreated,
}: {
  api: AdminScreenProps['api'];
  seatmapId: string;
  timeZone: string;
  onCreated: (eventId: string) => void;
}) {
  const [map, retry] = useAsync(() => api.call<SeatMap>('getSeatMapVersion', { params: { seatmapId } }), [seatmapId]);
  return (
    <AsyncView state={map} retry={retry} what="the seat map">
      {(loaded) => <CreateForm api={api} map={loaded} timeZone={timeZone} onCreated={onCreated} />}
    </AsyncView>
  );
}

function CreateForm({
  api,
  map,
  timeZone,
  onCreated,
}: {
  api: AdminScreenProps['api'];
  map: SeatMap;
  timeZone: string;
  onCreated: (eventId: string) => void;
}) {
  const [fields, setFields] = useState<EventFieldValues>({
    name: '',
    description: '',
    startsAt: '',
    onSaleFrom: '',
    onSaleUntil: '',
    perOrderLimit: '10',
    holdTtlSeconds: '600',
  });
  const [currency, setCurrency] = useState('EUR');
  const rows = useTierRows(map, () => ({
    tiers: [
      { name: 'Tier 1', price: '' },
      { name: 'Tier 2', price: '' },
    ],
    sectionTier: Object.fromEntries(map.sections.map((section, index) => [section.id, Math.min(1, index)])),
  }));
  const names = useMemo(() => [...BASE_NAMES, ...rows.names], [rows.names]);
  const request = useFormRequest(names);
  const { problems } = request;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    request.reset();
    // The browser's own checks first; the first field marked gets the focus.
    const marked: string[] = [];
    const mark = (name: string, message: string) => {
      marked.push(name);
      problems.setField(name, message);
    };
    const body = eventFieldsBody(fields, timeZone, mark);
    const tiers = rows.toBody(currency, mark);
    if (!body || !tiers || marked.length > 0) return focusField(form, marked[0]);
    await request.send(form, async () => {
      const created = await api.call<EventDetail>('createEvent', {
        body: {
          ...body,
          seatmapId: map.id,
          currency,
          tiers,
        },
      });
      onCreated(created.id);
    });
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <EventFields values={fields} onChange={setFields} errors={problems.fields} timeZone={timeZone} />
      <FormField label="Currency" name="currency" error={problems.fields.currency} hint="ISO code, e.g. EUR">
        {(props) => (
          <input
            {...props}
            value={currency}
            maxLength={3}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          />
        )}
      </FormField>
      <TierFields {...rows.fields} currency={currency} errors={problems.fields} />
      <FormFooter
        error={problems.formError}
        entries={request.entries}
        busy={request.busy}
        label="Create draft"
        busyLabel="Creating…"
      />
    </form>
  );
}
