// Copies of an event: a duplicate at a new start (a draft with the same tiers, prices, fees, refund policy and sales
// windows), or a weekly series of drafts from this one. Both start at the first start above them; each form's problems
// (the browser's checks and the API's field errors) go beside their inputs, the start's beside the start.
import { useRef, useState, type FormEvent } from 'react';
import type { EventSeries, StaffEvent } from '../../../../cloud/contract/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import type { AdminApi } from '../admin-api.ts';
import { FormError, FormField } from '../kit/FormField.tsx';
import { focusField, useFormRequest, type FormRequest } from '../kit/use-form-request.ts';
import { fromZonedInput, toZonedInput, weeklyStarts } from './form-values.ts';

const DUPLICATE_FIELDS = ['startsAt', 'name'];
const SERIES_FIELDS = ['startsAt', 'weeks'];

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
  const [made, setMade] = useState<EventSeries | null>(null);
  const copies = useRef<HTMLDivElement>(null);
  const duplicate = useFormRequest(DUPLICATE_FIELDS);
  const series = useFormRequest(SERIES_FIELDS);
  const busy = duplicate.busy || series.busy;

  /** Clears both forms' last problems; returns the first start as UTC, or marks it on `form` and returns null. */
  const startOf = (form: FormRequest): string | null => {
    duplicate.reset();
    series.reset();
    setMade(null);
    const startsAt = fromZonedInput(start, zone);
    if (!startsAt) {
      form.problems.setField('startsAt', 'a date and time');
      focusField(copies.current, 'startsAt');
    }
    return startsAt;
  };

  const runDuplicate = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const startsAt = startOf(duplicate);
    if (!startsAt) return;
    await duplicate.send(copies.current, async () => {
      const copy = await api.call<StaffEvent>('duplicateEvent', {
        params: { eventId: event.id },
        body: { name, startsAt },
      });
      navigate(`/admin/events/${copy.id}`);
    });
  };

  const runSeries = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!startOf(series)) return;
    const count = Number(weeks);
    if (!Number.isInteger(count) || count < 1 || count > 104) {
      series.problems.setField('weeks', '1 to 104 weeks');
      return focusField(copies.current, 'weeks');
    }
    await series.send(copies.current, async () => {
      setMade(
        await api.call<EventSeries>('createEventSeries', {
          params: { eventId: event.id },
          body: { startsAt: weeklyStarts(start, count, zone) },
        }),
      );
    });
  };

  return (
    <div className="admin-copies" ref={copies}>
      <FormField
        label="First start (venue's clock)"
        name="startsAt"
        error={duplicate.problems.fields.startsAt ?? series.problems.fields.startsAt}
      >
        {(props) => <input {...props} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />}
      </FormField>
      <form className="admin-form" onSubmit={(e) => void runDuplicate(e)} aria-label="Duplicate" noValidate>
        <FormField label="Name of the copy" name="name" error={duplicate.problems.fields.name}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <FormError error={duplicate.problems.formError} />
        <button type="submit" disabled={busy}>
          Duplicate as a draft
        </button>
      </form>
      <form className="admin-form" onSubmit={(e) => void runSeries(e)} aria-label="Weekly series" noValidate>
        <FormField
          label="Weeks"
          name="weeks"
          error={series.problems.fields.weeks}
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
        <FormError error={series.problems.formError} />
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
