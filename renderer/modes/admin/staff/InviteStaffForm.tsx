// Invite someone to the back office: their email and name, a role and its venues. They get an email with a one-time
// link to set their password; the API's field errors (a taken email, a venue not yours) show beside their inputs.
import { useRef, useState, type FormEvent } from 'react';
import type { StaffMember } from '../../../../cloud/contract/index.ts';
import type { AdminScreenProps } from '../screen.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { RoleFields, roleBody, type RoleValue } from './role-fields.tsx';
import type { VenueOption } from './venue-options.ts';

const FIELDS = ['email', 'name', 'role', 'venueId', 'venueIds'] as const;

export function InviteStaffForm({
  api,
  session,
  venues,
  onInvited,
  onCancel,
}: Pick<AdminScreenProps, 'api' | 'session'> & {
  venues: VenueOption[];
  onInvited: (member: StaffMember) => void;
  onCancel: () => void;
}) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleValue>({ role: 'clerk', venueId: venues[0]?.id ?? '', venueIds: [] });
  const [busy, setBusy] = useState(false);
  const problems = useProblemFields(FIELDS);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    problems.clear();
    setBusy(true);
    try {
      const member = await api.call<StaffMember>('inviteStaff', { body: { email, name, ...roleBody(role) } });
      onInvited(member);
    } catch (error) {
      const field = problems.capture(error);
      if (field) form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} className="admin-form" onSubmit={submit} noValidate aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite staff</h2>
      <FormField label="Email" name="email" error={problems.fields.email}>
        {(input) => (
          <input
            {...input}
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Name" name="name" error={problems.fields.name}>
        {(input) => <input {...input} required value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <RoleFields session={session} venues={venues} value={role} onChange={setRole} errors={problems.fields} />
      <FormError error={problems.formError} />
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send invitation'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
