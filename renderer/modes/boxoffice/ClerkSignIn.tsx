// The counter's sign-in: a clerk's email and password, before any tab opens (the shift starts here).
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { useDevice } from '../device/device-context.ts';
import { SyncIndicator } from '../device/SyncIndicator.tsx';

export function ClerkSignIn({ onSignedIn }: { onSignedIn(): void }) {
  const { client, status, setStatus } = useDevice();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <main id="main" className="clerk-signin">
      <h1>Box office sign-in</h1>
      <p>
        {status.name} <SyncIndicator />
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          client.call('staff:signIn', { email, password }).then((next) => {
            onSignedIn();
            setStatus(next);
          }, setError);
        }}
      >
        <label>
          Email
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoComplete="username"
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoComplete="current-password"
          />
        </label>
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
    </main>
  );
}
