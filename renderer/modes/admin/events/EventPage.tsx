// One event in the back office: its status with publish / pause / cancel (each confirmed), its fields, its tiers,
// its sales windows per channel, and copies (a duplicate, a weekly series).
import { FormError } from '../kit/FormField.tsx';
import { useState, type FormEvent } from 'react';
import type { EventStatus, StaffEvent } from '../../../../cloud/contract/index.ts';
import { formatDateTime, formatMoney } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { AdminScreenProps } from '../screen.ts';
import { ConfirmDialog } from '../kit/ConfirmDialog.tsx';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AsyncView } from '../kit/states.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { CopyForms } from './CopyForms.tsx';
import { DraftTiersForm } from './DraftTiersForm.tsx';
import { EventFields, eventFieldValues, eventFieldsBody } from './EventFields.tsx';
import { PriceListForm } from './PriceListForm.tsx';
import { SalesWindowsForm } from './SalesWindowsForm.tsx';
import { TransferRulesForm } from './TransferRulesForm.tsx';
import { EventQueueForm } from './EventQueueForm.tsx';

const FIELD_NAMES = [
  'name',
  'description',
  'startsAt',
  'doorsAt',
  'onSaleFrom',
  'onSaleUntil',
  'perOrderLimit',
  'holdTtlSeconds',
  'codePolicy',
];

const ACTIONS: { to: EventStatus; from: EventStatus[]; label: string; words: string; danger?: boolean }[] = [
  { to: 'on_sale', from: ['draft'], label: 'Publish', words: 'Put it on sale in the shop, kiosks and box office.' },
  { to: 'paused', from: ['on_sale'], label: 'Pause sales', words: 'Stop new sales for now; holds and orders stay.' },
  { to: 'on_sale', from: ['paused'], label: 'Resume sales', words: 'Put it on sale again.' },
  {
    to: 'cancelled',
    from: ['draft', 'on_sale', 'paused'],
    label: 'Cancel event',
    words: 'Sales stop for good and every paid order is refunded in full. This cannot be undone.',
    danger: true,
  },
];

export function EventPage({ api, navigate, eventId }: AdminScreenProps & { eventId: string }) {
  const [state, retry] = useAsync(() => api.call<StaffEvent>('getStaffEvent', { params: { eventId } }), [eventId]);
  const [asking, setAsking] = useState<(typeof ACTIONS)[number] | null>(null);
  return (
    <AsyncView state={state} retry={retry} what="the event">
      {(event) => (
        <>
          <PageHeader
            title={event.name}
            description={`${event.venue.name} · ${formatDateTime(event.startsAt, event.venue.timezone)} · ${event.status === 'on_sale' ? 'On sale' : event.status[0]!.toUpperCase() + event.status.slice(1)}`}
            actions={ACTIONS.filter((action) => action.from.includes(event.status)).map((action) => (
              <button
                key={action.label}
                type="button"
                className={action.danger ? 'danger' : 'primary'}
                onClick={() => setAsking(action)}
              >
                {action.label}
              </button>
            ))}
          />
          <ConfirmDialog
            open={asking !== null}
            title={`${asking?.label ?? ''}: ${event.name}?`}
            confirmLabel={asking?.label ?? ''}
            danger={asking?.danger ?? false}
            onClose={() => setAsking(null)}
            onConfirm={async () => {
              await api.call('setEventStatus', { params: { eventId }, body: { status: asking!.to } });
              retry();
            }}
          >
            <p>{asking?.words}</p>
          </ConfirmDialog>
          <section aria-labelledby="event-details">
            <h2 id="event-details">Details</h2>
            {event.status === 'cancelled' ? (
              <p>A cancelled event is kept as it was.</p>
            ) : (
              <DetailsForm api={api} event={event} onSaved={retry} />
            )}
          </section>
          <section aria-labelledby="event-tiers">
            <h2 id="event-tiers">Price tiers</h2>
            <p className="admin-field-hint">
              Seat map {event.seatmap.name} v{event.seatmap.version}.{' '}
              {event.status === 'draft'
                ? 'Tiers can change until the event is published.'
                : 'Seats and tiers are fixed once published; prices change in the price list.'}
            </p>
            <table className="admin-table">
              <caption>Tiers of {event.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Tier</th>
                  <th scope="col">Price</th>
                  <th scope="col">Sections</th>
                  <th scope="col">Single seats</th>
                </tr>
              </thead>
              <tbody>
                {event.tiers.map((tier) => (
                  <tr key={tier.id}>
                    <th scope="row">{tier.name}</th>
                    <td>{formatMoney(tier.price)}</td>
                    <td>{tier.sectionIds.join(', ') || '—'}</td>
                    <td>{tier.seatIds.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {event.status === 'draft' && <DraftTiersForm api={api} event={event} onSaved={retry} />}
          </section>
          {event.status !== 'cancelled' && (
            <section aria-labelledby="event-prices">
              <h2 id="event-prices">Prices</h2>
              <PriceListForm api={api} event={event} />
            </section>
          )}
          {event.status !== 'cancelled' && (
            <section aria-labelledby="event-windows">
              <h2 id="event-windows">Sales windows</h2>
              <SalesWindowsForm api={api} event={event} onSaved={retry} />
            </section>
          )}
          {event.status !== 'cancelled' && (
            <section aria-labelledby="event-transfers">
              <h2 id="event-transfers">Ticket transfers</h2>
              <TransferRulesForm api={api} event={event} />
            </section>
          )}
          {event.status !== 'cancelled' && (
            <section aria-labelledby="event-queue">
              <h2 id="event-queue">Waiting room</h2>
              <EventQueueForm api={api} event={event} />
            </section>
          )}
          <section aria-labelledby="event-copies">
            <h2 id="event-copies">Copies</h2>
            <CopyForms api={api} event={event} navigate={navigate} />
          </section>
        </>
      )}
    </AsyncView>
  );
}

function DetailsForm({
  api,
  event,
  onSaved,
}: {
  api: AdminScreenProps['api'];
  event: StaffEvent;
  onSaved: () => void;
}) {
  const [values, setValues] = useState(() => eventFieldValues(event));
  const problems = useProblemFields(FIELD_NAMES);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    problems.clear();
    const body = eventFieldsBody(values, event.venue.timezone, problems.setField);
    if (!body) return;
    setBusy(true);
    try {
      await api.call('updateEvent', { params: { eventId: event.id }, body });
      onSaved();
    } catch (error) {
      const first = problems.capture(error);
      if (first) form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <EventFields values={values} onChange={setValues} errors={problems.fields} timeZone={event.venue.timezone} />
      <FormError error={problems.formError} />
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save details'}
        </button>
      </div>
    </form>
  );
}
