// The link in a sign-up's confirmation email: one button makes the account and signs it in (a button, not on load, so
// a mail scanner that opens links does not use the one-time token up).
import { useState } from 'react';
import { useShop } from '../shared/shop-context.ts';
import { Empty, ErrorMessage } from '../../ui/feedback.tsx';
import { useLocation } from './location-context.ts';
import { Link, navigate } from './router.tsx';
import { useT } from '../../i18n/index.ts';
import { Button } from '../../ui/kit/index.ts';

export default function SignUpConfirmPage() {
  const t = useT();
  const { client, setSession } = useShop();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!token) return <Empty>{t('account.confirm.incomplete')}</Empty>;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      setSession(await client.confirmSignUp(token));
      navigate('/me/orders', { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <section className="signin">
      <h1>{t('account.confirm.title')}</h1>
      <p>{t('account.confirm.body')}</p>
      {error !== null && <ErrorMessage error={error} />}
      <Button disabled={busy} onClick={() => void confirm()}>
        {t('account.confirm.submit')}
      </Button>
      <p>
        <Link to="/signin">{t('account.confirm.signIn')}</Link>
      </p>
    </section>
  );
}
