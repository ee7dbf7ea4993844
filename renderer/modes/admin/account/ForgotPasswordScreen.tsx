// "Forgot your password?" (/admin/forgot-password): the staff member gives their email and is told a link is on its
// way, whether or not the email has an account (the answer must not tell who works here).
import '../../../styles/admin-staff.css';
import { useState, type FormEvent } from 'react';
import { Link } from '../../shop/router.tsx';
import { SIGN_IN_PATH, type AccountScreenProps } from './account-screen.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';

const FIELDS = ['email'] as const;

export default function ForgotPasswordScreen({ api }: AccountScreenProps) {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = useProblemFields(FIELDS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    problems.clear();
    setBusy(true);
    try {
      await api.call('requestPasswordReset', { body: { email } });
      setSentTo(email.trim());
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="admin-account">
      <h1>Reset your password</h1>
      {sentTo ? (
        <div role="status">
          <p>
            If <strong>{sentTo}</strong> has a back-office account, we have sent it a link to choose a new password. The
            link works once, for an hour.
          </p>
          <p>
            <Link to={SIGN_IN_PATH}>Back to sign-in</Link>
          </p>
        </div>
      ) : (
        <form className="admin-form" onSubmit={submit} noValidate>
          <p>Give the email you sign in with; we send it a link to choose a new password.</p>
          <FormField label="Email" name="email" error={problems.fields.email}>
            {(input) => (
              <input
                {...input}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </FormField>
          <FormError error={problems.formError} />
          <div className="admin-form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Sending…' : 'Send the link'}
            </button>
            <Link to={SIGN_IN_PATH}>Back to sign-in</Link>
          </div>
        </form>
      )}
    </div>
  );
}
