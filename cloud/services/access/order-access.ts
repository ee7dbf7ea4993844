// Who may see or act on an order: its buyer (account or the order's own token), staff of its venue by the roles
// table (boxoffice:sell at the counter, orders:manage in the back office: domain/staff-roles.ts), the device that sold
// it. Not being allowed to see an order looks exactly like the order not existing. Devices are not staff roles: a box
// office machine reaches its venue's orders (see, search, hand over), a kiosk the orders it sold; neither refunds.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { OrderRow } from '../../db/orders.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../ports.ts';
import { may, staffVenueScope, venuesOf, type Capability } from './staff-access.ts';
import { hasGroup as has } from './venue-access.ts';

export interface OrderAccess {
  principal?: Principal;
  /** The order's own access token (a guest's way back to the order, sent to the buyer's email). */
  orderToken?: string;
}

export const hashOrderToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Capabilities that act on a venue's orders: the counter's and the back office's. */
const ORDER_CAPABILITIES: readonly Capability[] = ['boxoffice:sell', 'orders:manage'];

const mayAny = (principal: Principal, capabilities: readonly Capability[]) =>
  capabilities.some((capability) => may(principal, capability));

const atVenue = (principal: Principal, venueId: string) => {
  const venues = venuesOf(principal);
  return venues === 'all' || venues.includes(venueId);
};

/**
 * The principal reaches the order as staff (a role with one of `capabilities` at the order's venue) or as the box
 * office machine of its venue: an action through this reach is a staff action, written to the audit log.
 */
export function reachesAsStaff(
  order: OrderRow,
  principal: Principal | undefined,
  capabilities: readonly Capability[] = ORDER_CAPABILITIES,
): boolean {
  if (!principal) return false;
  if (has(principal, 'boxoffice')) return principal.venueId === order.venue_id;
  return mayAny(principal, capabilities) && atVenue(principal, order.venue_id);
}

export function canSeeOrder(order: OrderRow, access: OrderAccess): boolean {
  if (isOrderBuyer(order, access)) return true;
  const { principal } = access;
  if (!principal) return false;
  if (has(principal, 'kiosk')) return order.device_id === principal.sub;
  return reachesAsStaff(order, principal);
}

/** The buyer alone: the order's own token, or the account that bought it (not staff, not a device). */
export function isOrderBuyer(order: OrderRow, access: OrderAccess): boolean {
  const { principal, orderToken } = access;
  if (orderToken) {
    const given = Buffer.from(hashOrderToken(orderToken), 'hex');
    const stored = Buffer.from(order.access_token_hash, 'hex');
    if (given.length === stored.length && timingSafeEqual(given, stored)) return true;
  }
  return !!principal && !!order.customer_sub && order.customer_sub === principal.sub;
}

/**
 * Refunds and cancellations: boxoffice:sell (the counter) or orders:manage (the back office) at the order's venue.
 * A role with neither is forbidden; staff of another venue find no such order. Devices do not refund.
 */
export function assertCanRefund(order: OrderRow, principal: Principal | undefined) {
  if (!principal) throw new DomainError('unauthorized', 'Sign in as staff first.');
  if (!mayAny(principal, ORDER_CAPABILITIES)) {
    throw new DomainError('forbidden', 'Refunds are made by box-office staff or the venue’s managers.');
  }
  if (!atVenue(principal, order.venue_id)) throw new DomainError('not_found', 'No such order.');
}

/** Will-call hand-over: boxoffice:sell at the order's venue, or the venue's box office machine. */
export function assertCanHandOver(order: OrderRow, principal: Principal | undefined) {
  if (!principal) throw new DomainError('unauthorized', 'Sign in as staff first.');
  if (!has(principal, 'boxoffice') && !may(principal, 'boxoffice:sell')) {
    throw new DomainError('forbidden', 'Will-call tickets are handed over by box-office staff.');
  }
  if (!reachesAsStaff(order, principal, ['boxoffice:sell'])) throw new DomainError('not_found', 'No such order.');
}

/** The box office's order search: boxoffice:sell within its venues (every venue for admins), a box office machine at
 * its venue. Returns the venue filter. */
export function searchScope(principal: Principal | undefined): { venueIds?: string[] } {
  if (!principal) throw new DomainError('unauthorized', 'Sign in as staff first.');
  if (has(principal, 'boxoffice') && principal.venueId) return { venueIds: [principal.venueId] };
  if (!may(principal, 'boxoffice:sell')) {
    throw new DomainError('forbidden', 'Order search is for box-office staff.');
  }
  const scope = staffVenueScope(principal, 'boxoffice:sell');
  return scope === 'all' ? {} : { venueIds: scope };
}
