// Sign in, or create an account: optional for buying, it keeps your orders in one place. Creating one emails a link
// that confirms it (SignUpConfirmPage); the page says "check your email" whether or not the email had an account.
import { useState, type FormEvent } from 'react';
import { useShop } from '../shared/shop-context.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { Link, navigate } from './router.tsx';
import { useT } from '../../i18n/index.ts';
import { Button, Field, TextInput } from '../../ui/kit/index.ts';

export default function SignInPage() {
  const t = useT();
  const { client, setSession } = useShop();
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    setBusy(true);
    setError(null);
    try {
      if (mode === 'signup') {
        await client.signUp(email, password, String(form.get('name') ?? ''));
        setSentTo(email);
        setBusy(false);
        return;
      }
      setSession(await client.signIn(email, password));
      navigate('/me/orders');
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  if (sentTo !== null) {
    return (
      <section className="signin">
        <h1>{t('account.signin.checkTitle')}</h1>
        <p role="status">{t('account.signin.checkBody', { email: sentTo })}</p>
      </section>
    );
  }
  return (
    <section className="signin">
      <h1>{mode === 'signin' ? t('account.signin.title') : t('account.signin.createTitle')}</h1>
      <form onSubmit={(e) => void submit(e)}>
        {mode === 'signup' && (
          <Field label={t('account.signin.name')}>
            <TextInput name="name" autoComplete="name" required />
          </Field>
        )}
        <Field label={t('account.signin.email')}>
          <TextInput name="email" type="email" autoComplete="email" required />
        </Field>
        <Field label={mode === 'signup' ? t('account.signin.newPassword') : t('account.signin.password')}>
          <TextInput
            name="password"
            type="password"
            autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
            minLength={mode === 'signup' ? 10 : 1}
            required
          />
        </Field>
        {error !== null && <ErrorMessage error={error} />}
        <Button type="submit" disabled={busy}>
          {mode === 'signin' ? t('account.signin.submit') : t('account.signin.createSubmit')}
        </Button>
      </form>
      {mode === 'signin' && (
        <p>
          <Link to="/password/reset">{t('account.signin.forgot')}</Link>
        </p>
      )}
      <p>
        {mode === 'signin' ? t('account.signin.newHere') : t('account.signin.haveAccount')}{' '}
        <Button variant="link" onClick={() => setMode(mode === 'signin' ? 'signup' : 'signin')}>
          {mode === 'signin' ? t('account.signin.createTitle') : t('account.signin.title')}
        </Button>
      </p>
    </section>
  );
}
