// What each staff role may do: one table of roles × capabilities, pure, so the back office's screens (which show a
// section only to a role that may use it) and the services (which refuse everyone else) read the same table.
//
// Roles are the principal's groups:
// - `admin`          the owner/admin: everything, at every venue;
// - `venue_manager`  everything for the venues they are given (events, prices, seat maps, staff, reports);
// - `clerk`          today's box office at their venue;
// - `door_steward`   scans at their venue's doors, nothing else.
// A venue manager's venues are `venueIds`; a clerk's or steward's venue is `venueId`.

export const STAFF_ROLES = ['admin', 'venue_manager', 'clerk', 'door_steward'] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const CAPABILITIES = [
  /** Create venues; everything that spans the whole organization. */
  'org:manage',
  /** Edit a venue, its seat maps and its tax. */
  'venue:manage',
  /** Events: create, edit, prices, codes, sales windows, seat management, publish, pause, cancel. */
  'events:manage',
  /** Orders of a venue's events in the back office: search, open, refund, cancel, resend, notes. */
  'orders:manage',
  /** Reports, dashboards and exports. */
  'reports:read',
  /** Invite staff, give roles and venues, pair and revoke devices. */
  'staff:manage',
  /** Failed jobs and their retry: the owner/admin's alone, as a job carries no venue (services/jobs/dead-jobs.ts). */
  'jobs:manage',
  /** The audit log. */
  'audit:read',
  /** Sell, refund and reprint at the box office. */
  'boxoffice:sell',
  /** Scan tickets at the door. */
  'door:scan',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const ROLE_CAPABILITIES: Record<StaffRoleName, readonly Capability[]> = {
  admin: CAPABILITIES,
  venue_manager: [
    'venue:manage',
    'events:manage',
    'orders:manage',
    'reports:read',
    'staff:manage',
    'audit:read',
    'boxoffice:sell',
    'door:scan',
  ],
  clerk: ['boxoffice:sell', 'door:scan'],
  door_steward: ['door:scan'],
};

/** Who a staff member is, as far as roles go: a principal, or the session the back office holds. */
export interface StaffIdentity {
  groups: string[];
  venueId?: string;
  venueIds?: string[];
}

export const staffRolesOf = (who: StaffIdentity | undefined): StaffRoleName[] =>
  who ? STAFF_ROLES.filter((role) => who.groups.includes(role)) : [];

/** The venues a role binds someone to; `all` for the owner/admin. */
export function venuesOf(who: StaffIdentity): 'all' | string[] {
  if (who.groups.includes('admin')) return 'all';
  const venues = new Set(who.venueIds ?? []);
  if (who.venueId) venues.add(who.venueId);
  return [...venues];
}

export const may = (who: StaffIdentity | undefined, capability: Capability): boolean =>
  staffRolesOf(who).some((role) => ROLE_CAPABILITIES[role].includes(capability));
