// What each staff role may do, and where. One table of roles × capabilities; every admin route and every staff use
// case asks `authorizeStaff` (one object of a venue) or `staffVenueScope` (a list across venues) instead of testing
// group names itself.
//
// Roles are the principal's groups:
// - `admin`          the owner/admin: everything, at every venue;
// - `venue_manager`  everything for the venues they are given (events, prices, seat maps, staff, reports);
// - `clerk`          today's box office at their venue;
// - `door_steward`   scans at their venue's doors, nothing else.
// A venue manager's venues are `principal.venueIds`; a clerk's or steward's venue is `principal.venueId`.
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../ports.ts';

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
  /** Failed jobs and their retry. */
  'jobs:manage',
  /** The audit log. */
  'audit:read',
  /** Sell, refund and reprint at the box office. */
  'boxoffice:sell',
  /** Scan tickets at the door. */
  'door:scan',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const ALLOWED: Record<StaffRoleName, readonly Capability[]> = {
  admin: CAPABILITIES,
  venue_manager: [
    'venue:manage',
    'events:manage',
    'orders:manage',
    'reports:read',
    'staff:manage',
    'jobs:manage',
    'audit:read',
    'boxoffice:sell',
    'door:scan',
  ],
  clerk: ['boxoffice:sell', 'door:scan'],
  door_steward: ['door:scan'],
};

export const staffRolesOf = (principal: Principal | undefined): StaffRoleName[] =>
  principal ? STAFF_ROLES.filter((role) => principal.groups.includes(role)) : [];

/** The venues a principal's role binds them to; `all` for the owner/admin. */
export function venuesOf(principal: Principal): 'all' | string[] {
  if (principal.groups.includes('admin')) return 'all';
  const venues = new Set(principal.venueIds ?? []);
  if (principal.venueId) venues.add(principal.venueId);
  return [...venues];
}

export const may = (principal: Principal | undefined, capability: Capability): boolean =>
  staffRolesOf(principal).some((role) => ALLOWED[role].includes(capability));

/**
 * The principal may use `capability` on an object of `venueId` (or, without a venue, at all). Not signed in is
 * `unauthorized`; a role without the capability is `forbidden`; an object of a venue the principal is not given is
 * `not_found`, so a venue manager of venue A learns nothing of venue B, not even that the object exists.
 */
export function authorizeStaff(principal: Principal | undefined, capability: Capability, venueId?: string): Principal {
  if (!principal) throw new DomainError('unauthorized', 'Sign in as staff first.');
  if (!may(principal, capability)) {
    throw new DomainError('forbidden', `Your role may not do this (${capability}).`);
  }
  if (venueId === undefined) return principal;
  const venues = venuesOf(principal);
  if (venues !== 'all' && !venues.includes(venueId)) throw new DomainError('not_found', 'Not found.');
  return principal;
}

/** For lists across venues: the venues whose objects the principal may see with `capability` (`all` for admins). */
export function staffVenueScope(principal: Principal | undefined, capability: Capability): 'all' | string[] {
  return venuesOf(authorizeStaff(principal, capability));
}
