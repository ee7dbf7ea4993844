// The counter's sign-in: a clerk's email and password, before any tab opens (the shift starts here).
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { useDevice } from '../device/device-context.ts';
import { SyncIndicator } from '../device/SyncIndicator.tsx';

export function ClerkSignIn({ onSignedIn }: { onSignedIn(): void }) {
  const t = useT();
  const { client, status, setStatus } = useDevice();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <main id="main" className="clerk-signin">
      <h1>{t('boxoffice.signIn.heading')}</h1>
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
          {t('boxoffice.signIn.email')}
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoComplete="username"
          />
        </label>
        <label>
          {t('boxoffice.signIn.password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoComplete="current-password"
          />
        </label>
        <button type="submit" className="primary">
          {t('boxoffice.signIn.submit')}
        </button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
    </main>
  );
}
