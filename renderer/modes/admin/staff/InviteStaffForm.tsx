// Invite someone to the back office: their email and name, a role and its venues. They get an email with a one-time
// link to set their password; the API's field errors (a taken email, a venue not yours) show beside their inputs.
import { useState, type FormEvent } from 'react';
import type { StaffMember } from '../../../../cloud/contract/index.ts';
import type { AdminScreenProps } from '../screen.ts';
import { FormField } from '../kit/FormField.tsx';
import { FormFooter } from '../kit/FormFooter.tsx';
import { useFormRequest } from '../kit/use-form-request.ts';
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
  const request = useFormRequest(FIELDS);
  const { problems } = request;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.reset();
    await request.send(event.currentTarget, async () =>
      onInvited(await api.call<StaffMember>('inviteStaff', { body: { email, name, ...roleBody(role) } })),
    );
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="invite-heading">
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
      <FormFooter
        error={problems.formError}
        busy={request.busy}
        label="Send invitation"
        busyLabel="Sending…"
        onCancel={onCancel}
      />
    </form>
  );
}
