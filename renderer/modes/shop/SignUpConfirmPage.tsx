// The link in a sign-up's confirmation email: one button makes the account and signs it in (a button, not on load, so
// a mail scanner that opens links does not use the one-time token up).
import { useState } from 'react';
import { useShop } from '../shared/shop-context.ts';
import { Empty, ErrorMessage } from '../../ui/feedback.tsx';
import { useLocation } from './location-context.ts';
import { Link, navigate } from './router.tsx';

export default function SignUpConfirmPage() {
  const { client, setSession } = useShop();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!token) return <Empty>This link is incomplete: open it from your confirmation email.</Empty>;
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
      <h1>Confirm your account</h1>
      <p>One click makes your account and signs you in.</p>
      {error !== null && <ErrorMessage error={error} />}
      <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
        Confirm my account
      </button>
      <p>
        <Link to="/signin">Sign in instead</Link>
      </p>
    </section>
  );
}
