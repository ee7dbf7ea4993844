// A venue's logo in the back office: the current one previewed, a file input that uploads the chosen image at once
// (its bytes as the body, with the file's type: AdminApi.callRaw), and a button that removes it. The API's refusal
// (too large, not an image, not the type it says) is shown beside the field and read with it; the field's hint (the
// admin FormField's) says what a venue without a logo shows.
import { useState, type ChangeEvent } from 'react';
import type { Venue } from '../../../../cloud/contract/index.ts';
import type { AdminApi } from '../admin-api.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import './venue-logo.css';

const NAMES = ['logo'] as const;

export function VenueLogoField({
  api,
  venue,
  onSaved,
}: {
  api: AdminApi;
  venue: Venue;
  onSaved: (venue: Venue) => void;
}) {
  const [logoUrl, setLogoUrl] = useState(venue.logoUrl);
  const [busy, setBusy] = useState<null | 'upload' | 'remove'>(null);
  const [status, setStatus] = useState('');
  const problems = useProblemFields(NAMES);

  const done = (result: Venue, words: string) => {
    setLogoUrl(result.logoUrl);
    setStatus(words);
    onSaved(result);
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    problems.clear();
    setStatus('');
    setBusy('upload');
    try {
      done(await api.callRaw<Venue>('setVenueLogo', file, { params: { venueId: venue.id } }), 'Logo uploaded.');
    } catch (error) {
      if (problems.capture(error)) input.focus();
    } finally {
      setBusy(null);
      input.value = '';
    }
  };

  const remove = async () => {
    problems.clear();
    setStatus('');
    setBusy('remove');
    try {
      await api.call('removeVenueLogo', { params: { venueId: venue.id } });
      done({ ...venue, logoUrl: null }, 'Logo removed.');
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="admin-venue-logo">
      <FormField
        label="Logo (optional)"
        name="logo"
        error={problems.fields.logo}
        hint={
          'PNG, JPEG, WebP or SVG, at most 200 KB. On tickets, the ticket PDF and emails.' +
          (logoUrl ? '' : ' No logo yet: tickets and emails show the venue’s name.')
        }
      >
        {(props) => (
          <input
            {...props}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/svg+xml"
            disabled={busy !== null}
            onChange={(e) => void upload(e)}
          />
        )}
      </FormField>
      {logoUrl && (
        <div className="admin-venue-logo-preview">
          <img src={logoUrl} alt={`Logo of ${venue.name}`} />
          <button type="button" onClick={() => void remove()} disabled={busy !== null}>
            {busy === 'remove' ? 'Removing…' : 'Remove logo'}
          </button>
        </div>
      )}
      <FormError error={problems.formError} />
      <p className="admin-notice" role="status">
        {busy === 'upload' ? 'Uploading…' : status}
      </p>
    </div>
  );
}
