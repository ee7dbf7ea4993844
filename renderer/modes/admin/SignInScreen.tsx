// Staff sign-in at /admin/sign-in: email and password through the API's signIn route. An account without a back-office
// role (a customer, a clerk whose work is at the counter) is told so and not let in. Errors stand beside their field.
import { useRef, useState, type FormEvent } from 'react';
import type { Session } from '../../../cloud/contract/index.ts';
import { Link } from '../shop/router.tsx';
import { ProblemError, type AdminApi } from './admin-api.ts';
import { adminSessionOf, isStaff, type AdminSession } from './admin-session.ts';
import { PUBLIC_SCREENS } from './sections.ts';
import { FormField, FormError } from './kit/FormField.tsx';
import { useProblemFields } from './kit/use-problem-fields.ts';

export type SignInReason = 'expired' | 'signed-out' | 'signed-out-everywhere';

const NOTICES: Record<SignInReason, string> = {
  expired: 'Your session has expired. Please sign in again.',
  'signed-out': 'You have signed out.',
  'signed-out-everywhere': 'You have signed out on every device.',
};

const FIELDS = ['email', 'password'] as const;

export function SignInScreen({
  api,
  reason,
  allowed,
  onSignedIn,
}: {
  api: AdminApi;
  reason: SignInReason | undefined;
  /** Whether a signed-in account may use the back office (a role with at least one section). */
  allowed(session: AdminSession): boolean;
  onSignedIn(session: AdminSession): void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const problems = useProblemFields(FIELDS);
  const [busy, setBusy] = useState(false);
  const notice = reason ? NOTICES[reason] : undefined;

  const focusField = (name: string | undefined) => {
    if (name) form.current?.querySelector<HTMLInputElement>(`[name="${name}"]`)?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    problems.clear();
    if (!email || !password) {
      if (!email) problems.setField('email', 'Enter your email address.');
      if (!password) problems.setField('password', 'Enter your password.');
      focusField(!email ? 'email' : 'password');
      return;
    }
    setBusy(true);
    try {
      const session = adminSessionOf(await api.call<Session>('signIn', { body: { email, password } }));
      if (!isStaff(session) || !allowed(session)) {
        problems.setField(
          'email',
          isStaff(session)
            ? 'Your role has no back-office access: the box office and the door are in the TicketBoss app.'
            : 'This is a customer account, not a staff account. Staff accounts are given by an owner or admin.',
        );
        focusField('email');
        return;
      }
      onSignedIn(session);
    } catch (failure) {
      if (failure instanceof ProblemError && failure.code === 'invalid_credentials') {
        problems.setField('password', 'Wrong email or password.');
        focusField('password');
      } else focusField(problems.capture(failure));
    } finally {
      setBusy(false);
    }
  };

  const links = PUBLIC_SCREENS.filter((screen) => screen.signInLink);
  return (
    <main id="admin-main" className="admin-sign-in">
      <h1>Back office sign-in</h1>
      {notice && (
        <p className="admin-notice" role="status">
          {notice}
        </p>
      )}
      <form ref={form} noValidate onSubmit={(event) => void submit(event)}>
        <FormField label="Email" name="email" error={problems.fields.email}>
          {(input) => <input {...input} type="email" autoComplete="username" required />}
        </FormField>
        <FormField label="Password" name="password" error={problems.fields.password}>
          {(input) => <input {...input} type="password" autoComplete="current-password" required />}
        </FormField>
        <FormError error={problems.formError} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {links.length > 0 && (
        <ul className="admin-sign-in-links">
          {links.map((screen) => (
            <li key={screen.id}>
              <Link to={screen.path}>{screen.signInLink}</Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
