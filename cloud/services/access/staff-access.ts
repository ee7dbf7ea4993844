// Every admin route and every staff use case asks `authorizeStaff` (one object of a venue) or `staffVenueScope` (a
// list across venues) instead of testing group names itself. The table of roles × capabilities is the domain's
// (domain/staff-roles.ts), shared with the back office's screens. An object loaded by id for staff comes through
// `eventFor` / `orderFor`: one query each, and the same not_found for an id that does not exist and for an object of
// another venue, so a venue manager cannot tell them apart (not even by the problem's words).
import { findStaffEvent, type StaffEventRow } from '../../db/admin-events.ts';
import { findOrder, type OrderRow } from '../../db/orders.ts';
import type { Queryable } from '../../db/port.ts';
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
  if (venueId === undefined || reaches(principal, venueId)) return principal;
  throw new DomainError('not_found', 'Not found.');
}

/** For lists across venues: the venues whose objects the principal may see with `capability` (`all` for admins). */
export function staffVenueScope(principal: Principal | undefined, capability: Capability): 'all' | string[] {
  return venuesOf(authorizeStaff(principal, capability));
}

/** Whether `venueId` is one of the principal's venues (every venue for an admin). */
const reaches = (principal: Principal, venueId: string): boolean => {
  const venues = venuesOf(principal);
  return venues === 'all' || venues.includes(venueId);
};

/**
 * The event, for staff who may use `capability` at its venue: `unauthorized` when not signed in, `forbidden` for a
 * role without the capability (before anything is read), `not_found` — the same problem — for a missing event and
 * for another venue's. Drafts included; the row carries the venue's name and time zone. `db` may be a transaction.
 */
export async function eventFor(
  db: Queryable,
  principal: Principal | undefined,
  capability: Capability,
  eventId: string,
): Promise<StaffEventRow> {
  const staff = authorizeStaff(principal, capability);
  const event = await findStaffEvent(db, eventId);
  if (!event || !reaches(staff, event.venue_id)) throw new DomainError('not_found', 'No such event.');
  return event;
}

/** The order, for staff who may use `capability` at its venue; the same errors as `eventFor`. */
export async function orderFor(
  db: Queryable,
  principal: Principal | undefined,
  capability: Capability,
  orderId: string,
): Promise<OrderRow> {
  const staff = authorizeStaff(principal, capability);
  const order = await findOrder(db, orderId);
  if (!order || !reaches(staff, order.venue_id)) throw new DomainError('not_found', 'No such order.');
  return order;
}
