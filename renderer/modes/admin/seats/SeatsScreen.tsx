// Seat management: pick an event (/admin/seats), then its map (/admin/seats/<eventId>) to block, kill or hold back
// seats by painting and give them back to sale, hold back standing places, and see what is off sale and why.
import type { EventSummary } from '../../../../cloud/contract/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AsyncView, EmptyState } from '../kit/states.tsx';
import type { AdminScreenProps } from '../screen.ts';
import { EventSeats } from './EventSeats.tsx';
import './seats.css';

const BASE = '/admin/seats';

export default function SeatsScreen(props: AdminScreenProps) {
  const eventId = props.path.startsWith(`${BASE}/`) ? decodeURIComponent(props.path.slice(BASE.length + 1)) : null;
  if (eventId) return <EventSeats {...props} eventId={eventId} back={() => props.navigate(BASE)} />;
  return <EventPicker {...props} />;
}

function EventPicker({ api, navigate }: AdminScreenProps) {
  const [state, retry] = useAsync(
    () => api.call<{ events: EventSummary[] }>('listEvents', { query: { limit: 100 } }),
    [api],
  );
  return (
    <>
      <PageHeader title="Seat management" description="Choose an event to block, hold back or release its seats." />
      <AsyncView state={state} retry={retry} what="events">
        {({ events }) =>
          events.length === 0 ? (
            <EmptyState title="No events on sale yet." />
          ) : (
            <ul className="seat-events">
              {events.map((event) => (
                <li key={event.id}>
                  <a
                    href={`${BASE}/${event.id}`}
                    onClick={(click) => {
                      click.preventDefault();
                      navigate(`${BASE}/${event.id}`);
                    }}
                  >
                    {event.name}
                  </a>{' '}
                  <span className="seat-muted">
                    {event.venue.name} ·{' '}
                    <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.venue.timezone)}</time>
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </AsyncView>
    </>
  );
}
