// Who may reach a protected route at all, checked before its path, query and body are read: a stranger who sends a
// wrong body to an admin route hears 401 or 403, never a 400 that tells the shape the route wants. Each staff route
// declares what its handler asks of the caller (`access`); the check here is the coarse half of that (a role with the
// capability at some venue, or the device kind the handler serves), so it refuses only what the handler would refuse
// anyway. The fine half stays in the use cases: the object's venue (`authorizeStaff`, `eventFor`, `orderFor`).
import { DomainError } from '../domain/errors.ts';
import { may, type Capability } from '../domain/staff-roles.ts';
import type { Principal } from '../services/ports.ts';

/** Registered devices (services/ports.ts): they sign in as devices, with no staff role. */
export type DeviceKind = 'boxoffice' | 'kiosk';

/**
 * What a route's handler accepts: any signed-in principal, or a caller that has one of `capability` (by a staff role,
 * domain/staff-roles.ts) or is one of `devices`. Where a handler accepts several kinds of caller, every kind is listed.
 */
export type RouteAccess =
  | 'signed-in'
  | { capability: Capability | readonly Capability[]; devices?: readonly DeviceKind[] }
  | { devices: readonly DeviceKind[] };

/** The capabilities and device kinds an access declaration lets through (none for `signed-in`). */
function accessOf(access: RouteAccess): { capabilities: readonly Capability[]; devices: readonly DeviceKind[] } {
  if (access === 'signed-in') return { capabilities: [], devices: [] };
  const capability = 'capability' in access ? access.capability : [];
  return {
    capabilities: typeof capability === 'string' ? [capability] : capability,
    devices: access.devices ?? [],
  };
}

/** Whether the principal passes the declaration (before any object is looked at). */
export function admits(access: RouteAccess, principal: Principal): boolean {
  if (access === 'signed-in') return true;
  const { capabilities, devices } = accessOf(access);
  return (
    devices.some((kind) => principal.groups.includes(kind)) ||
    capabilities.some((capability) => may(principal, capability))
  );
}

/**
 * Refuses a call the route's handler would refuse whoever sent it: 401 with no principal on a `bearer` route, 403
 * when the principal's roles give none of the declared capabilities at any venue and it is none of the declared
 * devices. Routes open to anonymous callers (`bearer-optional`, none) pass.
 */
export function guardRoute(
  route: { security?: 'bearer' | 'bearer-optional'; access?: RouteAccess },
  principal: Principal | undefined,
): void {
  if (route.security !== 'bearer') return;
  if (!principal) throw new DomainError('unauthorized', 'Sign in first.');
  if (route.access && !admits(route.access, principal)) {
    throw new DomainError('forbidden', 'Your role may not do this.');
  }
}
