// The back office's dashboard: today's and the season's sales and revenue (net of refunds), sales over time,
// sell-through per event, entries per gate on event days and failed jobs, for the venues the staff member may see
// (all, or the one chosen). It reads the figures again every second while the page is visible (the API reads them
// straight from the tables), so a sale shows within two seconds.
import { useState } from 'react';
import type { Dashboard, MoneyTotal } from '../../../../cloud/contract/index.ts';
import { formatDateTime, formatMoney } from '../../../../cloud/domain/format.ts';
import { may } from '../../../../cloud/domain/staff-roles.ts';
import { Link } from '../../shop/router.tsx';
import { PageHeader } from '../kit/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../kit/states.tsx';
import type { AdminScreenProps } from '../screen.ts';
import { SalesChart } from './SalesChart.tsx';
import { DASHBOARD_REFRESH_MS, usePolling } from './use-polling.ts';
import '../reports/reports.css';

const money = (totals: MoneyTotal[]) =>
  totals.length === 0
    ? formatMoney({ amount: 0, currency: 'EUR' })
    : totals.map((total) => formatMoney(total)).join(' + ');

function Figures({ id, title, figures }: { id: string; title: string; figures: Dashboard['today'] }) {
  return (
    <section className="rep-card" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <dl className="rep-figures">
        <div>
          <dt>Tickets</dt>
          <dd data-testid={`${id}-tickets`}>{figures.tickets}</dd>
        </div>
        <div>
          <dt>Orders</dt>
          <dd data-testid={`${id}-orders`}>{figures.orders}</dd>
        </div>
        <div>
          <dt>Net revenue</dt>
          <dd data-testid={`${id}-revenue`}>{money(figures.revenue)}</dd>
        </div>
      </dl>
    </section>
  );
}

function SellThrough({ events }: { events: Dashboard['events'] }) {
  if (events.length === 0) return <EmptyState title="No events in this season yet." />;
  return (
    // Focusable, so a keyboard can scroll it when it is wider than the screen.
    <div className="admin-table-wrap" tabIndex={0} role="region" aria-label="Sell-through per event">
      <table className="admin-table">
        <caption>Sell-through per event</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Starts</th>
            <th scope="col">Sold</th>
            <th scope="col">Net revenue</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const share = event.capacity > 0 ? Math.round((event.sold / event.capacity) * 100) : 0;
            return (
              <tr key={event.eventId} data-testid="sell-through-row">
                <th scope="row">
                  {event.name}
                  <span className="rep-muted"> · {event.venueName}</span>
                </th>
                <td>{formatDateTime(event.startsAt, event.timezone)}</td>
                <td>
                  <meter
                    min={0}
                    max={Math.max(event.capacity, 1)}
                    value={event.sold}
                    aria-label={`${event.name} sold`}
                  />{' '}
                  <span data-testid="sell-through-sold">
                    {event.sold} of {event.capacity} ({share}%)
                  </span>
                </td>
                <td>{money(event.revenue)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Entries({ entries }: { entries: Dashboard['entries'] }) {
  if (entries.length === 0) return <EmptyState title="No event today." />;
  const events = [...new Map(entries.map((entry) => [entry.eventId, entry])).values()];
  return (
    <ul className="rep-entries">
      {events.map((event) => {
        const gates = entries.filter((entry) => entry.eventId === event.eventId && entry.gate !== '');
        const admitted = gates.reduce((sum, gate) => sum + gate.admitted, 0);
        return (
          <li key={event.eventId}>
            <strong>{event.name}</strong>: {admitted} of {event.expected} in
            {gates.length === 0 ? (
              <span className="rep-muted"> (nobody scanned yet)</span>
            ) : (
              <ul>
                {gates.map((gate) => (
                  <li key={gate.gate}>
                    Gate {gate.gate}: {gate.admitted}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The venues to show the figures of: every venue the reader may read ('') or one; only when there are several. */
function VenueFilter({
  venues,
  venueId,
  onChange,
}: {
  venues: Dashboard['venues'];
  venueId: string;
  onChange: (venueId: string) => void;
}) {
  if (venues.length < 2) return null;
  return (
    <div className="admin-field rep-venue-filter">
      <label htmlFor="dashboard-venue">Venue</label>
      <select id="dashboard-venue" value={venueId} onChange={(e) => onChange(e.target.value)}>
        <option value="">All your venues</option>
        {venues.map((venue) => (
          <option key={venue.id} value={venue.id}>
            {venue.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function DashboardScreen({ api, session }: AdminScreenProps) {
  // Jobs are retried by the owner/admin (jobs:manage); a venue manager sees the count of their venues' only.
  const canRetryJobs = may(session.principal, 'jobs:manage');
  const [span, setSpan] = useState<'today' | 'season'>('today');
  const [venueId, setVenueId] = useState('');
  const polled = usePolling(
    (signal) => api.call<Dashboard>('getDashboard', { signal, ...(venueId ? { query: { venueId } } : {}) }),
    DASHBOARD_REFRESH_MS,
    [api, venueId],
  );
  // Figures of another venue than the one chosen (the last read before the choice) are not shown as this one's.
  const dashboard = polled.value && (polled.value.venueId ?? '') === venueId ? polled.value : undefined;
  const updated = polled.at ? new Date(polled.at).toLocaleTimeString('en-GB') : undefined;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={updated ? `Live figures, updated ${updated}.` : 'Live figures.'}
        actions={
          <Link to="/admin/reports" className="rep-button-link">
            Reports and exports
          </Link>
        }
      />
      {polled.value && <VenueFilter venues={polled.value.venues} venueId={venueId} onChange={setVenueId} />}
      {polled.error !== undefined && <ErrorState error={polled.error} retry={polled.refresh} />}
      {!dashboard ? (
        polled.error === undefined && <LoadingState what="the dashboard" />
      ) : (
        <>
          <div className="rep-cards">
            <Figures id="today" title="Today" figures={dashboard.today} />
            <Figures id="season" title={`Season (events from ${dashboard.seasonFrom})`} figures={dashboard.season} />
            <section className="rep-card" aria-labelledby="failed-jobs-title" data-testid="failed-jobs">
              <h2 id="failed-jobs-title">Failed jobs</h2>
              <p className={dashboard.failedJobs > 0 ? 'rep-big rep-alert' : 'rep-big'}>{dashboard.failedJobs}</p>
              {canRetryJobs ? (
                <Link to="/admin/operations">{dashboard.failedJobs > 0 ? 'See and retry them' : 'Operations'}</Link>
              ) : (
                dashboard.failedJobs > 0 && <p>The owner retries them under Operations.</p>
              )}
            </section>
          </div>
          <section className="rep-panel" aria-labelledby="sales-time-title">
            <div className="rep-panel-head">
              <h2 id="sales-time-title">Sales over time</h2>
              <div role="group" aria-label="Period" className="rep-toggle">
                {(['today', 'season'] as const).map((option) => (
                  <button key={option} type="button" aria-pressed={span === option} onClick={() => setSpan(option)}>
                    {option === 'today' ? 'Today' : 'Season'}
                  </button>
                ))}
              </div>
            </div>
            <SalesChart dashboard={dashboard} span={span} />
          </section>
          <section className="rep-panel" aria-labelledby="sell-through-title">
            <h2 id="sell-through-title">Events</h2>
            <SellThrough events={dashboard.events} />
          </section>
          <section className="rep-panel" aria-labelledby="entries-title">
            <h2 id="entries-title">Entries today</h2>
            <Entries entries={dashboard.entries} />
          </section>
        </>
      )}
    </>
  );
}
