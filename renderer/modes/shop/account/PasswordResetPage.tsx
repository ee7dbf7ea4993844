// accounts (issue 19): a customer's forgotten password, in the shop and its language (the back office has its own page
// for staff). Without a token: the email to send a one-time link to (the answer is the same whether or not the email
// has an account). With the emailed link's token: the new password; then sign in with it. Opening that link proves
// the email, so the account may then claim the guest orders bought with it.
import { useState, type FormEvent } from 'react';
import { useShop } from '../../shared/shop-context.ts';
import { ErrorMessage } from '../../../ui/feedback.tsx';
import { useT } from '../../../i18n/index.ts';
import { useLocation } from '../location-context.ts';
import { Link } from '../router.tsx';
import { Button, Field, TextInput } from '../../../ui/kit/index.ts';

export default function PasswordResetPage() {
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  return token ? <ChooseNewPassword token={token} /> : <AskForLink />;
}

function AskForLink() {
  const t = useT();
  const { client } = useShop();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '');
    setBusy(true);
    setError(null);
    try {
      await client.requestPasswordReset!(email);
      setSentTo(email);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  if (sentTo !== null)
    return (
      <section className="signin">
        <h1>{t('account.signin.checkTitle')}</h1>
        <p role="status">{t('account.reset.sentBody', { email: sentTo })}</p>
      </section>
    );
  return (
    <section className="signin">
      <h1>{t('account.reset.askTitle')}</h1>
      <p>{t('account.reset.askBody')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('account.signin.email')}>
          <TextInput name="email" type="email" autoComplete="email" required />
        </Field>
        {error !== null && <ErrorMessage error={error} />}
        <Button type="submit" disabled={busy}>
          {t('account.reset.askSubmit')}
        </Button>
      </form>
      <p>
        <Link to="/signin">{t('account.signin.title')}</Link>
      </p>
    </section>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const t = useT();
  const { client } = useShop();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password') ?? '');
    setBusy(true);
    setError(null);
    try {
      await client.resetPassword!(token, password);
      setDone(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  if (done)
    return (
      <section className="signin">
        <h1>{t('account.reset.doneTitle')}</h1>
        <p role="status">{t('account.reset.doneBody')}</p>
        <p>
          <Link to="/signin">{t('account.signin.title')}</Link>
        </p>
      </section>
    );
  return (
    <section className="signin">
      <h1>{t('account.reset.chooseTitle')}</h1>
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('account.signin.newPassword')}>
          <TextInput name="password" type="password" autoComplete="new-password" minLength={10} required />
        </Field>
        {error !== null && (
          <ErrorMessage error={error}>
            <Link to="/password/reset">{t('account.reset.askAgain')}</Link>
          </ErrorMessage>
        )}
        <Button type="submit" disabled={busy}>
          {t('account.reset.chooseSubmit')}
        </Button>
      </form>
    </section>
  );
}
