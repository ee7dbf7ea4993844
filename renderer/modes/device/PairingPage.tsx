// The first-run screen of an unpaired machine: the one-time code that gives it its credential and its mode.
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { useDevice } from './device-context.ts';
import { Button, Field, TextInput } from '../../ui/kit/index.ts';

/** First run: an admin types the one-time code from the cloud; the machine gets its credential and its mode. */
export function PairingPage() {
  const { client, setStatus } = useDevice();
  const t = useT();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main id="main" className="pairing">
      <h1>{t('kiosk.device.pairing.title')}</h1>
      <p>{t('kiosk.device.pairing.intro')}</p>
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
        <Field label={t('kiosk.device.pairing.codeLabel')}>
          <TextInput
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            placeholder={t('kiosk.device.pairing.codePlaceholder')}
            required
            minLength={8}
          />
        </Field>
        <Button type="submit" disabled={busy}>
          {t('kiosk.device.pairing.submit')}
        </Button>
      </form>
      {error !== null && <ErrorMessage error={error} />}
    </main>
  );
}
