// Pair a machine: choose its venue, kind and name, and the back office shows a one-time code (15 minutes) to type into
// the new kiosk or box office, with a QR code of it for a machine with a camera. The code is shown once.
import { useEffect, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import type { DeviceKind, PairingCode } from '../../../../cloud/contract/index.ts';
import type { AdminScreenProps } from '../screen.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import type { VenueOption } from '../staff/venue-options.ts';

const FIELDS = ['venueId', 'kind', 'name'] as const;

export function PairDeviceForm({
  api,
  venues,
  onPaired,
  onClose,
}: Pick<AdminScreenProps, 'api'> & { venues: VenueOption[]; onPaired: () => void; onClose: () => void }) {
  const [venueId, setVenueId] = useState(venues[0]?.id ?? '');
  const [kind, setKind] = useState<DeviceKind>('boxoffice');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<PairingCode | null>(null);
  const [qr, setQr] = useState('');
  const problems = useProblemFields(FIELDS);

  useEffect(() => {
    if (!code) return;
    let current = true;
    QRCode.toDataURL(code.code, { margin: 1, width: 192 }).then((url) => current && setQr(url));
    return () => {
      current = false;
    };
  }, [code]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    problems.clear();
    setBusy(true);
    try {
      setCode(await api.call<PairingCode>('createPairingCode', { body: { venueId, kind, name } }));
      onPaired();
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  };

  if (code) {
    return (
      <section className="admin-form admin-pairing" aria-labelledby="pairing-heading">
        <h2 id="pairing-heading">Pairing code for {code.name}</h2>
        <p>
          Type this code into the new machine&apos;s pairing screen. It works once, until{' '}
          {new Date(code.expiresAt).toLocaleTimeString(navigator.language, { timeStyle: 'short' })}.
        </p>
        <p className="admin-pairing-code" aria-label={`Pairing code ${code.code.split('').join(' ')}`}>
          {code.code}
        </p>
        {qr && <img src={qr} width={192} height={192} alt={`QR code of the pairing code ${code.code}`} />}
        <div className="admin-form-actions">
          <button type="button" onClick={onClose}>
            Done
          </button>
        </div>
      </section>
    );
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="pair-heading">
      <h2 id="pair-heading">Pair a machine</h2>
      <FormField label="Venue" name="venueId" error={problems.fields.venueId}>
        {(input) => (
          <select {...input} value={venueId} onChange={(e) => setVenueId(e.target.value)}>
            {venues.map((venue) => (
              <option key={venue.id} value={venue.id}>
                {venue.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Kind" name="kind" error={problems.fields.kind}>
        {(input) => (
          <select {...input} value={kind} onChange={(e) => setKind(e.target.value as DeviceKind)}>
            <option value="boxoffice">Box office</option>
            <option value="kiosk">Kiosk</option>
          </select>
        )}
      </FormField>
      <FormField label="Name" name="name" error={problems.fields.name} hint="Where it stands, e.g. “Foyer counter 2”.">
        {(input) => <input {...input} required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <FormError error={problems.formError} />
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Making a code…' : 'Show pairing code'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
