// Sign in, or create an account: optional for buying, it keeps your orders in one place. Creating one emails a link
// that confirms it (SignUpConfirmPage); the page says "check your email" whether or not the email had an account.
import { useState, type FormEvent } from 'react';
import { useShop } from '../shared/shop-context.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { navigate } from './router.tsx';

export default function SignInPage() {
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
        <h1>Check your email</h1>
        <p role="status">
          We sent an email to {sentTo}. Open the link in it to confirm your account (it works for 24 hours). If this
          email has an account already, the email says how to sign in.
        </p>
      </section>
    );
  }
  return (
    <section className="signin">
      <h1>{mode === 'signin' ? 'Sign in' : 'Create an account'}</h1>
      <form onSubmit={(e) => void submit(e)}>
        {mode === 'signup' && (
          <label>
            Full name
            <input name="name" autoComplete="name" required />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password{mode === 'signup' ? ' (at least 10 characters)' : ''}
          <input
            name="password"
            type="password"
            autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
            minLength={mode === 'signup' ? 10 : 1}
            required
          />
        </label>
        {error !== null && <ErrorMessage error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'signin' ? 'Sign in' : 'Create account'}
        </button>
      </form>
      <p>
        {mode === 'signin' ? 'New here? ' : 'Have an account? '}
        <button type="button" className="link-button" onClick={() => setMode(mode === 'signin' ? 'signup' : 'signin')}>
          {mode === 'signin' ? 'Create an account' : 'Sign in'}
        </button>
      </p>
    </section>
  );
}
