// Change a staff member's role and venues. They are signed out everywhere (their sessions carry the old role), so the
// form says so before saving.
import { useState, type FormEvent } from 'react';
import type { StaffMember } from '../../../../cloud/contract/index.ts';
import type { AdminScreenProps } from '../screen.ts';
import { FormFooter } from '../kit/FormFooter.tsx';
import { useFormRequest } from '../kit/use-form-request.ts';
import { RoleFields, roleBody, type RoleValue } from './role-fields.tsx';
import type { VenueOption } from './venue-options.ts';

const FIELDS = ['role', 'venueId', 'venueIds'] as const;

export function EditStaffForm({
  api,
  session,
  venues,
  member,
  onSaved,
  onCancel,
}: Pick<AdminScreenProps, 'api' | 'session'> & {
  venues: VenueOption[];
  member: StaffMember;
  onSaved: (member: StaffMember) => void;
  onCancel: () => void;
}) {
  const [role, setRole] = useState<RoleValue>({
    role: member.role,
    venueId: member.venueId ?? '',
    venueIds: member.venueIds,
  });
  const request = useFormRequest(FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.reset();
    await request.send(event.currentTarget, async () =>
      onSaved(await api.call<StaffMember>('updateStaff', { params: { staffId: member.id }, body: roleBody(role) })),
    );
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="edit-staff-heading">
      <h2 id="edit-staff-heading">Role of {member.name}</h2>
      <p className="admin-field-hint">
        Saving signs {member.name} out everywhere; they sign in again with the new role.
      </p>
      <RoleFields session={session} venues={venues} value={role} onChange={setRole} errors={request.problems.fields} />
      <FormFooter
        error={request.problems.formError}
        busy={request.busy}
        label="Save role"
        busyLabel="Saving…"
        onCancel={onCancel}
      />
    </form>
  );
}
