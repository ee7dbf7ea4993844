// The link of an invitation or password-reset email (/admin/reset?token=…): choose a password (twice), then sign in
// with it. A used or expired link is told beside the form, with a way to ask for a new one.
import '../../../styles/admin-staff.css';
import { useState, type FormEvent } from 'react';
import { Link } from '../../shop/router.tsx';
import { SIGN_IN_PATH, type AccountScreenProps } from './account-screen.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';

const FIELDS = ['password', 'confirm', 'token'] as const;

export default function ResetPasswordScreen({ api, query }: AccountScreenProps) {
  const token = query.get('token') ?? '';
  const invited = query.get('invite') === '1';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const problems = useProblemFields(FIELDS);
  const title = invited ? 'Welcome: choose your password' : 'Choose a new password';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    problems.clear();
    if (password !== confirm) {
      problems.setField('confirm', 'The two passwords differ.');
      return;
    }
    setBusy(true);
    try {
      await api.call('resetPassword', { body: { token, password } });
      setDone(true);
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="admin-account">
        <h1>{title}</h1>
        <p role="status">Your password is set.</p>
        <p>
          <Link to={SIGN_IN_PATH}>Sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="admin-account">
      <h1>{title}</h1>
      {(!token || problems.fields.token) && (
        <div className="admin-form-error" role="alert">
          <p>{problems.fields.token ?? 'This page needs the link from your email.'}</p>
          <p>
            <Link to="/admin/forgot-password">Ask for a new link</Link>
          </p>
        </div>
      )}
      <form className="admin-form" onSubmit={submit} noValidate>
        <FormField label="New password" name="password" error={problems.fields.password} hint="At least 10 characters.">
          {(input) => (
            <input
              {...input}
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="The same password again" name="confirm" error={problems.fields.confirm}>
          {(input) => (
            <input
              {...input}
              type="password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        </FormField>
        <FormError error={problems.formError} />
        <div className="admin-form-actions">
          <button type="submit" className="primary" disabled={busy || !token}>
            {busy ? 'Saving…' : 'Set password'}
          </button>
        </div>
      </form>
    </div>
  );
}
