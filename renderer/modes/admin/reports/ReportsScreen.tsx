// The back office's reports: sales by day, tier, channel or seller; an event's door check-ins; the box office's
// shifts; and exports of orders, tickets and attendees. The filters (venue, event, days, grouping) are one form;
// a problem the API names by field (a last day before the first) shows beside that filter.
import { useState, type FormEvent } from 'react';
import {
  SALES_GROUPINGS,
  type CheckInReport,
  type Dashboard,
  type SalesReport,
  type ShiftList,
} from '../../../../cloud/contract/index.ts';
import { isoDayIn } from '../../../../cloud/domain/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { FormField } from '../kit/FormField.tsx';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AsyncView, EmptyState, ErrorState, LoadingState } from '../kit/states.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import type { AdminScreenProps } from '../screen.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { CheckInTables, SalesTable, ShiftTable } from './ReportTables.tsx';
import './reports.css';

type Kind = 'sales' | 'check-ins' | 'shifts';
type Result =
  | { kind: 'sales'; report: SalesReport }
  | { kind: 'check-ins'; report: CheckInReport }
  | { kind: 'shifts'; list: ShiftList };

const FIELDS = ['venueId', 'eventId', 'from', 'to', 'groupBy'] as const;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const GROUP_LABELS = { day: 'Day', tier: 'Tier', channel: 'Channel', seller: 'Seller' } as const;

export default function ReportsScreen({ api, session }: AdminScreenProps) {
  // The venues the staff member may report on, and their events over the last year: the dashboard's lists.
  const [catalog, reload] = useAsync(
    () =>
      api.call<Dashboard>('getDashboard', { query: { seasonFrom: isoDay(new Date(Date.now() - 365 * 86_400_000)) } }),
    [api],
  );
  return (
    <>
      <PageHeader title="Reports" description="Sales, door check-ins, box-office shifts and exports." />
      <AsyncView state={catalog} retry={reload} what="your venues and events">
        {(dashboard) =>
          dashboard.venues.length === 0 ? (
            <EmptyState title="No venues to report on yet." />
          ) : (
            <Reports api={api} session={session} venues={dashboard.venues} events={dashboard.events} />
          )
        }
      </AsyncView>
    </>
  );
}

function Reports({
  api,
  session,
  venues,
  events,
}: Pick<AdminScreenProps, 'api' | 'session'> & { venues: Dashboard['venues']; events: Dashboard['events'] }) {
  const [kind, setKind] = useState<Kind>('sales');
  // Every venue the reader may read (the API's list), whether or not it has events this year.
  const [venueId, setVenueId] = useState(venues[0]!.id);
  const [eventId, setEventId] = useState('');
  // The last 30 days as the venue's clock has them (its reports count days in its zone): just after its midnight,
  // today is already a day on from the UTC date.
  const zone = venues.find((venue) => venue.id === venueId)!.timezone;
  const [from, setFrom] = useState(() => isoDayIn(Date.now() - 30 * 86_400_000, zone));
  const [to, setTo] = useState(() => isoDayIn(Date.now(), zone));
  const [groupBy, setGroupBy] = useState<(typeof SALES_GROUPINGS)[number]>('day');
  const [result, setResult] = useState<Result | 'loading' | null>(null);
  const problems = useProblemFields(FIELDS);
  const venueEvents = events.filter((event) => event.venueId === venueId);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    problems.clear();
    if (kind === 'check-ins' && !eventId) {
      problems.setField('eventId', 'Choose the event whose check-ins to show.');
      return;
    }
    setResult('loading');
    try {
      if (kind === 'sales') {
        const query = { venueId, from, to, groupBy, ...(eventId ? { eventId } : {}) };
        setResult({ kind, report: await api.call<SalesReport>('getSalesReport', { query }) });
      } else if (kind === 'check-ins') {
        setResult({ kind, report: await api.call<CheckInReport>('getCheckInReport', { params: { eventId } }) });
      } else {
        setResult({ kind, list: await api.call<ShiftList>('listShiftReports', { query: { venueId, from, to } }) });
      }
    } catch (error) {
      setResult(null);
      const field = problems.capture(error);
      if (field) document.querySelector<HTMLElement>(`.rep-report-form [name="${field}"]`)?.focus();
    }
  };

  return (
    <>
      <form
        className="rep-panel rep-report-form"
        onSubmit={(e) => void run(e)}
        aria-labelledby="report-form-title"
        noValidate
      >
        <h2 id="report-form-title">Report</h2>
        <div className="admin-filters">
          <div className="admin-field">
            <label htmlFor="report-kind">Report</label>
            <select id="report-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="sales">Sales</option>
              <option value="check-ins">Door check-ins</option>
              <option value="shifts">Box-office shifts</option>
            </select>
          </div>
          <FormField label="Venue" name="venueId" error={problems.fields.venueId}>
            {(input) => (
              <select
                {...input}

                value={venueId}
                onChange={(e) => {
                  setVenueId(e.target.value);
                  setEventId('');
                }}
              >
                {venues.map((venue) => (
                  <option key={venue.id} value={venue.id}>
                    {venue.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label="Event" name="eventId" error={problems.fields.eventId}>
            {(input) => (
              <select {...input} value={eventId} onChange={(e) => setEventId(e.target.value)}>
                <option value="">{kind === 'check-ins' ? 'Choose an event' : 'All events'}</option>
                {venueEvents.map((option) => (
                  <option key={option.eventId} value={option.eventId}>
                    {option.name} ({option.startsAt.slice(0, 10)})
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label="From" name="from" error={problems.fields.from}>
            {(input) => <input {...input} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </FormField>
          <FormField label="To" name="to" error={problems.fields.to}>
            {(input) => <input {...input} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
          </FormField>
          {kind === 'sales' && (
            <FormField label="Group by" name="groupBy" error={problems.fields.groupBy}>
              {(input) => (
                <select
                  {...input}

                  value={groupBy}
                  onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}
                >
                  {SALES_GROUPINGS.map((option) => (
                    <option key={option} value={option}>
                      {GROUP_LABELS[option]}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          )}
        </div>
        {problems.formError !== null && <ErrorState error={problems.formError} />}
        <button type="submit">Show report</button>
      </form>
      <section className="rep-panel" aria-labelledby="report-result-title" aria-busy={result === 'loading'}>
        <h2 id="report-result-title">Result</h2>
        {result === 'loading' ? (
          <LoadingState what="the report" />
        ) : result === null ? (
          <EmptyState title="Choose a report and press Show report." />
        ) : result.kind === 'sales' ? (
          <SalesTable report={result.report} />
        ) : result.kind === 'check-ins' ? (
          <CheckInTables report={result.report} />
        ) : (
          <ShiftTable list={result.list} />
        )}
      </section>
      <ExportPanel
        session={session}
        scope={{ venueId, eventId, from, to }}
        onError={(error) => (error ? problems.capture(error) : problems.clear())}
      />
    </>
  );
}
