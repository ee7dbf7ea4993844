// A venue's form (new or edit): name, city and time zone; the API's problems go beside their inputs and focus moves
// to the first one.
import { useState, type FormEvent } from 'react';
import type { Venue } from '../../../../cloud/contract/index.ts';
import type { AdminApi } from '../admin-api.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';

const NAMES = ['name', 'city', 'timezone'] as const;
const ZONES: string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Europe/Berlin', 'UTC'];

export function VenueForm({
  api,
  venue,
  onSaved,
}: {
  api: AdminApi;
  /** The venue to edit; a new venue without one. */
  venue?: Venue;
  onSaved: (venue: Venue) => void;
}) {
  const [values, setValues] = useState({
    name: venue?.name ?? '',
    city: venue?.city ?? '',
    timezone: venue?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const problems = useProblemFields(NAMES);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    problems.clear();
    setSaved(false);
    setBusy(true);
    try {
      const result = venue
        ? await api.call<Venue>('updateVenue', { params: { venueId: venue.id }, body: values })
        : await api.call<Venue>('createVenue', { body: values });
      setSaved(true);
      onSaved(result);
    } catch (error) {
      const first = problems.capture(error);
      if (first) form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  const input = (name: (typeof NAMES)[number], label: string, extra: { list?: string; hint?: string } = {}) => (
    <FormField label={label} name={name} error={problems.fields[name]} hint={extra.hint}>
      {(props) => (
        <input
          {...props}
          required
          value={values[name]}
          list={extra.list}
          autoComplete="off"
          onChange={(e) => setValues((current) => ({ ...current, [name]: e.target.value }))}
        />
      )}
    </FormField>
  );

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      {input('name', 'Name')}
      {input('city', 'City')}
      {input('timezone', 'Time zone', {
        list: 'admin-time-zones',
        hint: 'Times of its events are shown in it, e.g. Europe/Berlin.',
      })}
      <datalist id="admin-time-zones">
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <FormError error={problems.formError} />
      {saved && (
        <p className="admin-notice" role="status">
          Saved.
        </p>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : venue ? 'Save venue' : 'Create venue'}
        </button>
      </div>
    </form>
  );
}
