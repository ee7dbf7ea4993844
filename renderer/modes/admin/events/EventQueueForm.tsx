// The on-sale (issue 20): an event's waiting room as its organizer sets it — on or off, when it opens (on the venue's
// clock), how fast buyers are let in (a number a minute, or as fast as the seats sell), one place per browser session
// or per verified account, the proof of work asked at joining, and how long an admission lasts — and the queue as it
// stands (joined, admitted through). The server's refusals are said beside their fields.
import { useState, type FormEvent } from 'react';
import type { StaffEvent } from '../../../../cloud/contract/index.ts';
import { QUEUE_MAX_CHALLENGE_BITS, QueueAdminView, type QueueSettings } from '../../../../cloud/contract/queue.ts';
import type { AdminApi } from '../admin-api.ts';
import { FormField } from '../kit/FormField.tsx';
import { FormFooter } from '../kit/FormFooter.tsx';
import { AsyncView } from '../kit/states.tsx';
import { useFormRequest } from '../kit/use-form-request.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { fromZonedInput, toZonedInput } from './form-values.ts';

const NAMES = ['enabled', 'opensAt', 'admissionPerMinute', 'onePlacePer', 'challengeBits', 'tokenMinutes'];

/** The form's values: the opening as typed (venue clock), the rate as typed, the rest as the settings have them. */
interface Values extends Omit<QueueSettings, 'opensAt' | 'admissionPerMinute'> {
  opensAt: string;
  admitAsSeatsSell: boolean;
  admissionPerMinute: string;
}

export function EventQueueForm({ api, event }: { api: AdminApi; event: StaffEvent }) {
  const [state, retry] = useAsync(
    () => api.call('getEventQueue', { params: { eventId: event.id } }, QueueAdminView),
    [event.id],
  );
  return (
    <AsyncView state={state} retry={retry} what="waiting room">
      {(view) => <QueueForm api={api} event={event} initial={view} />}
    </AsyncView>
  );
}

function valuesOf(settings: QueueSettings | null, event: StaffEvent): Values {
  const zone = event.venue.timezone;
  return {
    enabled: settings?.enabled ?? false,
    opensAt: toZonedInput(settings?.opensAt ?? event.onSaleFrom, zone),
    admitAsSeatsSell: settings ? settings.admissionPerMinute === null : false,
    admissionPerMinute: String(settings?.admissionPerMinute ?? 500),
    onePlacePer: settings?.onePlacePer ?? 'session',
    challengeBits: settings?.challengeBits ?? 16,
    tokenMinutes: settings?.tokenMinutes ?? 15,
  };
}

function QueueForm({ api, event, initial }: { api: AdminApi; event: StaffEvent; initial: QueueAdminView }) {
  const zone = event.venue.timezone;
  const [values, setValues] = useState(() => valuesOf(initial.settings, event));
  const [view, setView] = useState(initial);
  const { problems, busy, entries, reset, send } = useFormRequest(NAMES);
  const [saved, setSaved] = useState(false);
  const update = (patch: Partial<Values>) => {
    setSaved(false);
    setValues({ ...values, ...patch });
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    reset();
    const opensAt = fromZonedInput(values.opensAt, zone);
    if (!opensAt) {
      problems.setField('opensAt', 'Enter a date and time.');
      return;
    }
    const { admitAsSeatsSell, admissionPerMinute, ...rest } = values;
    // A rate that is not a whole number goes as it is: the server's refusal is said beside the field.
    const body = { ...rest, opensAt, admissionPerMinute: admitAsSeatsSell ? null : Number(admissionPerMinute) };
    const form = e.currentTarget;
    await send(form, async () => {
      setView(await api.call('putEventQueue', { params: { eventId: event.id }, body }, QueueAdminView));
      setSaved(true);
    });
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <label>
        <input type="checkbox" checked={values.enabled} onChange={(e) => update({ enabled: e.target.checked })} />{' '}
        Buyers wait in a waiting room
      </label>
      <div className="admin-tier-row">
        <FormField
          label="Waiting room opens"
          name="opensAt"
          hint={`On the venue's clock (${zone}). Everyone there before it gets a random place when it opens.`}
          error={problems.fields.opensAt}
        >
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              value={values.opensAt}
              onChange={(e) => update({ opensAt: e.target.value })}
            />
          )}
        </FormField>
        <FormField label="Admission tokens last (minutes)" name="tokenMinutes" error={problems.fields.tokenMinutes}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={120}
              value={values.tokenMinutes}
              onChange={(e) => update({ tokenMinutes: Number(e.target.value) })}
            />
          )}
        </FormField>
      </div>
      <fieldset>
        <legend>Admission</legend>
        <label>
          <input
            type="radio"
            name="admission"
            checked={values.admitAsSeatsSell}
            onChange={() => update({ admitAsSeatsSell: true })}
          />{' '}
          As fast as the seats sell
        </label>
        <label>
          <input
            type="radio"
            name="admission"
            checked={!values.admitAsSeatsSell}
            onChange={() => update({ admitAsSeatsSell: false })}
          />{' '}
          A fixed number a minute
        </label>
        {!values.admitAsSeatsSell && (
          <FormField
            label="Buyers admitted per minute"
            name="admissionPerMinute"
            error={problems.fields.admissionPerMinute}
          >
            {(props) => (
              <input
                {...props}
                type="number"
                min={1}
                value={values.admissionPerMinute}
                onChange={(e) => update({ admissionPerMinute: e.target.value })}
              />
            )}
          </FormField>
        )}
      </fieldset>
      <div className="admin-tier-row">
        <FormField label="One place per" name="onePlacePer" error={problems.fields.onePlacePer}>
          {(props) => (
            <select
              {...props}
              value={values.onePlacePer}
              onChange={(e) => update({ onePlacePer: e.target.value as Values['onePlacePer'] })}
            >
              <option value="session">Browser session</option>
              <option value="verified_account">Verified account (buyers sign in to join)</option>
            </select>
          )}
        </FormField>
        <FormField
          label="Proof of work (bits)"
          name="challengeBits"
          hint={`0: none; 16 takes a browser a fraction of a second; at most ${QUEUE_MAX_CHALLENGE_BITS}.`}
          error={problems.fields.challengeBits}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              max={QUEUE_MAX_CHALLENGE_BITS}
              value={values.challengeBits}
              onChange={(e) => update({ challengeBits: Number(e.target.value) })}
            />
          )}
        </FormField>
      </div>
      <QueueStanding view={view} zone={zone} />
      {saved && (
        <p className="admin-notice" role="status">
          Waiting room saved.
        </p>
      )}
      <FormFooter
        error={problems.formError}
        entries={entries}
        busy={busy}
        label="Save waiting room"
        busyLabel="Saving…"
      />
    </form>
  );
}

function QueueStanding({ view, zone }: { view: QueueAdminView; zone: string }) {
  const state = view.state;
  if (!state) return <p>The queue has not run yet.</p>;
  return (
    <dl aria-label="Queue now">
      <dt>Joined</dt>
      <dd>{state.joined}</dd>
      <dt>Admitted through place</dt>
      <dd>{state.admittedThrough}</dd>
      <dt>State</dt>
      <dd>
        {state.soldOut ? 'Sold out' : state.open ? 'Open' : `Opens ${formatDateTime(state.opensAt, zone)}`} (as of{' '}
        {formatDateTime(state.updatedAt, zone)})
      </dd>
    </dl>
  );
}
