// A venue's form (new or edit): name, city, time zone, street address and brand colour (the API refuses a colour
// white text cannot be read on, beside the field), and an existing venue's logo (VenueLogoField, uploaded at once);
// the API's problems go beside their inputs and focus moves to the first one.
import { useState, type FormEvent } from 'react';
import type { Venue } from '../../../../cloud/contract/index.ts';
import type { AdminApi } from '../admin-api.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { VenueLogoField } from './VenueLogoField.tsx';

const NAMES = ['name', 'city', 'timezone', 'address', 'brandColor'] as const;
type TextName = 'name' | 'city' | 'timezone';
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
    address: venue?.address ?? '',
    brandColor: venue?.brandColor ?? '',
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
      const body = {
        ...values,
        address: values.address.trim() || null,
        brandColor: values.brandColor || null,
      };
      const result = venue
        ? await api.call<Venue>('updateVenue', { params: { venueId: venue.id }, body })
        : await api.call<Venue>('createVenue', { body });
      setSaved(true);
      onSaved(result);
    } catch (error) {
      const first = problems.capture(error);
      if (first) form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  const input = (name: TextName, label: string, extra: { list?: string; hint?: string } = {}) => (
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
      <FormField
        label="Street address (optional)"
        name="address"
        error={problems.fields.address}
        hint="One line, for directions on tickets and the order page."
      >
        {(props) => (
          <input
            {...props}
            value={values.address}
            maxLength={300}
            autoComplete="off"
            onChange={(e) => setValues((current) => ({ ...current, address: e.target.value }))}
          />
        )}
      </FormField>
      <FormField
        label="Brand colour (optional)"
        name="brandColor"
        error={problems.fields.brandColor}
        hint="#rrggbb, dark enough for white text on it (4.5:1); TicketBoss's blue when empty."
      >
        {(props) => (
          <input
            {...props}
            value={values.brandColor}
            placeholder="#1a4d8f"
            pattern="#[0-9a-fA-F]{6}"
            autoComplete="off"
            onChange={(e) => setValues((current) => ({ ...current, brandColor: e.target.value.trim() }))}
          />
        )}
      </FormField>
      {venue && <VenueLogoField api={api} venue={venue} onSaved={onSaved} />}
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
