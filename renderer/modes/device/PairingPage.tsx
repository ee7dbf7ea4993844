// The first-run screen of an unpaired machine: the one-time code that gives it its credential and its mode.
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { useDevice } from './device-context.ts';

/** First run: an admin types the one-time code from the cloud; the machine gets its credential and its mode. */
export function PairingPage() {
  const { client, setStatus } = useDevice();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main id="main" className="pairing">
      <h1>Set up this machine</h1>
      <p>
        An admin creates a pairing code for this venue in TicketBoss (it works once, for 15 minutes) and types it here.
        The machine then becomes a kiosk or a box office as the code says.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          client.call('device:register', { code }).then(setStatus, (failure: unknown) => {
            setError(failure);
            setBusy(false);
          });
        }}
      >
        <label>
          Pairing code
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            placeholder="XXXX-XXXX"
            required
            minLength={8}
          />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Pair this machine
        </button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
    </main>
  );
}
