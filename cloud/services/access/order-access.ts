// Who may see or act on an order: its buyer (account or the order's own token), staff of its venue, the device that
// sold it. Not being allowed to see an order looks exactly like the order not existing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { OrderRow } from '../../db/orders.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../ports.ts';
import { hasGroup as has } from './venue-access.ts';

export interface OrderAccess {
  principal?: Principal;
  /** The order's own access token (a guest's way back to the order, sent to the buyer's email). */
  orderToken?: string;
}

export const hashOrderToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function canSeeOrder(order: OrderRow, access: OrderAccess): boolean {
  const { principal, orderToken } = access;
  if (orderToken) {
    const given = Buffer.from(hashOrderToken(orderToken), 'hex');
    const stored = Buffer.from(order.access_token_hash, 'hex');
    if (given.length === stored.length && timingSafeEqual(given, stored)) return true;
  }
  if (!principal) return false;
  if (has(principal, 'admin')) return true;
  if (has(principal, 'clerk') || has(principal, 'boxoffice')) return principal.venueId === order.venue_id;
  if (has(principal, 'kiosk')) return order.device_id === principal.sub;
  return order.customer_sub === principal.sub;
}

/** Refunds and cancellations: a clerk of the order's venue, or an admin. */
export function assertCanRefund(order: OrderRow, principal: Principal | undefined) {
  if (!principal) throw new DomainError('unauthorized', 'Sign in as staff first.');
  if (has(principal, 'admin')) return;
  if (has(principal, 'clerk')) {
    if (principal.venueId === order.venue_id) return;
    throw new DomainError('not_found', 'No such order.');
  }
  throw new DomainError('forbidden', 'Refunds are made by box-office staff.');
}

/** Will-call hand-over: a clerk or box-office machine of the order's venue, or an admin. */
export function assertCanHandOver(order: OrderRow, principal: Principal | undefined) {
  if (!principal) throw new DomainError('unauthorized', 'Sign in as staff first.');
  if (has(principal, 'admin')) return;
  if (has(principal, 'clerk') || has(principal, 'boxoffice')) {
    if (principal.venueId === order.venue_id) return;
    throw new DomainError('not_found', 'No such order.');
  }
  throw new DomainError('forbidden', 'Will-call tickets are handed over by box-office staff.');
}

/** Staff search: admins everywhere, clerks and box-office machines at their venue. Returns the venue filter. */
export function searchScope(principal: Principal | undefined): { venueId?: string } {
  if (!principal) throw new DomainError('unauthorized', 'Sign in as staff first.');
  if (has(principal, 'admin')) return {};
  if ((has(principal, 'clerk') || has(principal, 'boxoffice')) && principal.venueId)
    return { venueId: principal.venueId };
  throw new DomainError('forbidden', 'Order search is for box-office staff.');
}
