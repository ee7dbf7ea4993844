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
type FieldName = (typeof NAMES)[number];

interface FieldOptions {
  /** Not required (an empty value is sent as null). */
  optional?: boolean;
  /** Spaces are dropped as they are typed (a colour code). */
  trim?: boolean;
  list?: string;
  maxLength?: number;
  placeholder?: string;
  pattern?: string;
  hint?: string;
}
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

  // Every field of the form is one text input in the admin FormField, written once here.
  const field = (name: FieldName, label: string, options: FieldOptions = {}) => (
    <FormField label={label} name={name} error={problems.fields[name]} hint={options.hint}>
      {(props) => (
        <input
          {...props}
          required={!options.optional}
          value={values[name]}
          list={options.list}
          maxLength={options.maxLength}
          placeholder={options.placeholder}
          pattern={options.pattern}
          autoComplete="off"
          onChange={(e) => {
            const value = options.trim ? e.target.value.trim() : e.target.value;
            setValues((current) => ({ ...current, [name]: value }));
          }}
        />
      )}
    </FormField>
  );

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      {field('name', 'Name')}
      {field('city', 'City')}
      {field('timezone', 'Time zone', {
        list: 'admin-time-zones',
        hint: 'Times of its events are shown in it, e.g. Europe/Berlin.',
      })}
      <datalist id="admin-time-zones">
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {field('address', 'Street address (optional)', {
        optional: true,
        maxLength: 300,
        hint: 'One line, for directions on tickets and the order page.',
      })}
      {field('brandColor', 'Brand colour (optional)', {
        optional: true,
        trim: true,
        placeholder: '#1a4d8f',
        pattern: '#[0-9a-fA-F]{6}',
        hint: "#rrggbb, dark enough for white text on it (4.5:1); TicketBoss's blue when empty.",
      })}
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
