// The counter's sign-in: a clerk's email and password, before any tab opens (the shift starts here).
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { useDevice } from '../device/device-context.ts';
import { SyncIndicator } from '../device/SyncIndicator.tsx';
import { Button, Field, TextInput } from '../../ui/kit/index.ts';

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
        <Field label={t('boxoffice.signIn.email')}>
          <TextInput
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoComplete="username"
          />
        </Field>
        <Field label={t('boxoffice.signIn.password')}>
          <TextInput
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoComplete="current-password"
          />
        </Field>
        <Button type="submit">{t('boxoffice.signIn.submit')}</Button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
    </main>
  );
}
