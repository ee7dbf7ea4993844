// Copies of an event: a duplicate at a new start (a draft with the same tiers, prices, fees, refund policy and sales
// windows), or a weekly series of drafts from this one.
import { useState, type FormEvent } from 'react';
import type { EventSeries, StaffEvent } from '../../../../cloud/contract/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { messageOf } from '../../../ui/feedback.tsx';
import type { AdminApi } from '../admin-api.ts';
import { FormField } from '../kit/FormField.tsx';
import { fromZonedInput, toZonedInput, weeklyStarts } from './form-values.ts';

export function CopyForms({
  api,
  event,
  navigate,
}: {
  api: AdminApi;
  event: StaffEvent;
  navigate: (to: string) => void;
}) {
  const zone = event.venue.timezone;
  const [start, setStart] = useState(() => toZonedInput(event.startsAt, zone));
  const [name, setName] = useState(`${event.name} (copy)`);
  const [weeks, setWeeks] = useState('4');
  const [error, setError] = useState<{ form: 'duplicate' | 'series'; field?: string; error: unknown } | null>(null);
  const [made, setMade] = useState<EventSeries | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (form: 'duplicate' | 'series', e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMade(null);
    const startsAt = fromZonedInput(start, zone);
    if (!startsAt) return setError({ form, field: 'startsAt', error: new Error('a date and time') });
    setBusy(true);
    try {
      if (form === 'duplicate') {
        const copy = await api.call<StaffEvent>('duplicateEvent', {
          params: { eventId: event.id },
          body: { name, startsAt },
        });
        navigate(`/admin/events/${copy.id}`);
      } else {
        const count = Number(weeks);
        if (!Number.isInteger(count) || count < 1 || count > 104) {
          setError({ form, field: 'weeks', error: new Error('1 to 104 weeks') });
          return;
        }
        setMade(
          await api.call<EventSeries>('createEventSeries', {
            params: { eventId: event.id },
            body: { startsAt: weeklyStarts(start, count, zone) },
          }),
        );
      }
    } catch (failure) {
      setError({ form, error: failure });
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (form: 'duplicate' | 'series', field: string) =>
    error?.form === form && error.field === field ? messageOf(error.error) : undefined;
  const formError = (form: 'duplicate' | 'series') =>
    error?.form === form && !error.field ? (
      <p className="admin-form-error" role="alert">
        {messageOf(error.error)}
      </p>
    ) : null;

  return (
    <div className="admin-copies">
      <FormField
        label="First start (venue's clock)"
        name="startsAt"
        error={fieldError('duplicate', 'startsAt') ?? fieldError('series', 'startsAt')}
      >
        {(props) => <input {...props} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />}
      </FormField>
      <form className="admin-form" onSubmit={(e) => void run('duplicate', e)} aria-label="Duplicate">
        <FormField label="Name of the copy" name="copyName">
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        {formError('duplicate')}
        <button type="submit" disabled={busy}>
          Duplicate as a draft
        </button>
      </form>
      <form className="admin-form" onSubmit={(e) => void run('series', e)} aria-label="Weekly series">
        <FormField
          label="Weeks"
          name="weeks"
          error={fieldError('series', 'weeks')}
          hint="One draft a week from the first start."
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={104}
              value={weeks}
              onChange={(e) => setWeeks(e.target.value)}
            />
          )}
        </FormField>
        {formError('series')}
        <button type="submit" disabled={busy}>
          Make a weekly series
        </button>
      </form>
      {made && (
        <div role="status">
          <p>Made {made.events.length} drafts:</p>
          <ul>
            {made.events.map((copy) => (
              <li key={copy.id}>
                <a
                  href={`/admin/events/${copy.id}`}
                  onClick={(e) => (e.preventDefault(), navigate(`/admin/events/${copy.id}`))}
                >
                  {copy.name}, {formatDateTime(copy.startsAt, zone)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
