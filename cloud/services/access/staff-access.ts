// Every admin route and every staff use case asks `authorizeStaff` (one object of a venue) or `staffVenueScope` (a
// list across venues) instead of testing group names itself. The table of roles × capabilities is the domain's
// (domain/staff-roles.ts), shared with the back office's screens.
import { DomainError } from '../../domain/errors.ts';
import { may, venuesOf, type Capability } from '../../domain/staff-roles.ts';
import type { Principal } from '../ports.ts';

export { may, venuesOf, staffRolesOf, STAFF_ROLES, CAPABILITIES } from '../../domain/staff-roles.ts';
export type { Capability, StaffRoleName } from '../../domain/staff-roles.ts';

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
