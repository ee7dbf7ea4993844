// How the back office names a staff member and their role in its header.
import { staffRolesOf, type StaffRoleName } from '../../../cloud/domain/staff-roles.ts';
import type { AdminSession } from './admin-session.ts';

const ROLE_LABELS: Record<StaffRoleName, string> = {
  admin: 'Owner / admin',
  venue_manager: 'Venue manager',
  clerk: 'Clerk',
  door_steward: 'Door steward',
};

export const roleLabel = (session: Pick<AdminSession, 'principal'>): string =>
  staffRolesOf(session.principal)
    .map((role) => ROLE_LABELS[role])
    .join(', ') || 'No staff role';

export const staffName = (session: Pick<AdminSession, 'principal'>): string =>
  session.principal.name ?? session.principal.email ?? 'Signed in';
