// Staff (/admin/staff): the staff of the venues the signed-in member manages, with their role, venues and state;
// invite someone, change a role and venues, sign someone out everywhere, disable an account (after a confirmation)
// and enable it again.
import '../../../styles/admin-staff.css';
import { useMemo, useState } from 'react';
import type { StaffList, StaffMember } from '../../../../cloud/contract/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { AdminScreenProps } from '../screen.ts';
import { ConfirmDialog } from '../kit/ConfirmDialog.tsx';
import { DataTable, adminColumns } from '../kit/DataTable.tsx';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AsyncView, EmptyState } from '../kit/states.tsx';
import { EditStaffForm } from './EditStaffForm.tsx';
import { InviteStaffForm } from './InviteStaffForm.tsx';
import { ROLE_NAMES } from './role-fields.tsx';
import { useVenueOptions, venueName, type VenueOption } from './venue-options.ts';

const STATUS: Record<StaffMember['status'], string> = {
  invited: 'Invited',
  active: 'Active',
  disabled: 'Disabled',
};

type Pending = { kind: 'disable' | 'sign-out'; member: StaffMember };

export default function StaffScreen({ api, session }: AdminScreenProps) {
  const [state, reload] = useAsync(() => api.call<StaffList>('listStaff'), [api]);
  const venues = useVenueOptions(api, session);
  const [mode, setMode] = useState<{ kind: 'invite' } | { kind: 'edit'; member: StaffMember } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState('');
  const known: VenueOption[] = venues.status === 'loaded' ? venues.value : [];

  const columns = useMemo(() => {
    const col = adminColumns<StaffMember>();
    return [
      col.accessor('name', { header: 'Name', sortFn: 'text' }),
      col.accessor('email', { header: 'Email', sortFn: 'text' }),
      col.accessor((member) => ROLE_NAMES[member.role], { id: 'role', header: 'Role' }),
      col.accessor(
        (member) =>
          member.role === 'admin'
            ? 'Every venue'
            : [member.venueId, ...member.venueIds]
                .filter((id): id is string => !!id)
                .map((id) => venueName(known, id))
                .join(', '),
        { id: 'venues', header: 'Venues', enableSorting: false },
      ),
      col.accessor((member) => STATUS[member.status], { id: 'status', header: 'Status' }),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        cell: ({ row: { original: member } }) =>
          member.id === session.principal.sub ? null : member.status === 'disabled' ? (
            <div className="admin-row-actions">
              <button type="button" onClick={() => void enable(member)}>
                Enable<span className="visually-hidden"> {member.name}</span>
              </button>
            </div>
          ) : (
            <div className="admin-row-actions">
              <button type="button" onClick={() => setMode({ kind: 'edit', member })}>
                Change role<span className="visually-hidden"> of {member.name}</span>
              </button>
              <button type="button" onClick={() => setPending({ kind: 'sign-out', member })}>
                Sign out<span className="visually-hidden"> {member.name}</span>
              </button>
              <button type="button" className="danger" onClick={() => setPending({ kind: 'disable', member })}>
                Disable<span className="visually-hidden"> {member.name}</span>
              </button>
            </div>
          ),
      }),
    ];
  }, [known, session.principal.sub]);

  const done = (message: string) => {
    setMode(null);
    setNotice(message);
    reload();
  };

  // Enabling needs no confirmation: it only lets the member sign in again (their old sessions stay ended).
  async function enable(member: StaffMember) {
    try {
      await api.call('enableStaff', { params: { staffId: member.id } });
      done(`${member.name} can sign in again.`);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : `${member.name} could not be enabled.`);
    }
  }

  return (
    <>
      <PageHeader
        title="Staff"
        description="Who works in the back office, the box office and at the doors of your venues."
        actions={
          mode?.kind !== 'invite' && (
            <button type="button" className="primary" onClick={() => setMode({ kind: 'invite' })}>
              Invite staff
            </button>
          )
        }
      />
      <p role="status" aria-live="polite" className="admin-status">
        {notice}
      </p>
      {mode && venues.status === 'loading' && <p className="admin-state">Loading venues…</p>}
      {mode?.kind === 'invite' && venues.status === 'loaded' && (
        <InviteStaffForm
          api={api}
          session={session}
          venues={known}
          onInvited={(member) => done(`Invitation sent to ${member.email}.`)}
          onCancel={() => setMode(null)}
        />
      )}
      {mode?.kind === 'edit' && venues.status === 'loaded' && (
        <EditStaffForm
          api={api}
          session={session}
          venues={known}
          member={mode.member}
          onSaved={(member) => done(`${member.name} is now ${ROLE_NAMES[member.role].toLowerCase()}.`)}
          onCancel={() => setMode(null)}
        />
      )}
      <AsyncView state={state} retry={reload} what="staff">
        {({ staff }) => (
          <DataTable
            caption="Staff of your venues"
            columns={columns}
            rows={staff}
            rowId={(member) => member.id}
            empty={
              <EmptyState title="No staff yet.">
                <p>Invite your box-office clerks, door stewards and venue managers.</p>
              </EmptyState>
            }
          />
        )}
      </AsyncView>
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'disable' ? `Disable ${pending.member.name}?` : `Sign ${pending?.member.name} out?`}
        confirmLabel={pending?.kind === 'disable' ? 'Disable account' : 'Sign out everywhere'}
        danger={pending?.kind === 'disable'}
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          const { kind, member } = pending;
          const operation = kind === 'disable' ? 'disableStaff' : 'signOutStaffEverywhere';
          await api.call(operation, { params: { staffId: member.id } });
          done(
            kind === 'disable' ? `${member.name} can no longer sign in.` : `${member.name} was signed out everywhere.`,
          );
        }}
      >
        {pending?.kind === 'disable' ? (
          <p>
            {pending.member.name} can no longer sign in, and every session they have open ends now. The account stays in
            the audit log.
          </p>
        ) : (
          <p>Every session {pending?.member.name} has open ends now; they can sign in again.</p>
        )}
      </ConfirmDialog>
    </>
  );
}
