// Who may see or act on an order, and through which door (web, kiosk, box office) a principal buys.
// Not being allowed to see an order looks exactly like the order not existing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { OrderRow } from '../../db/orders.ts';
import type { PaymentMethod } from '../../contract/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../ports.ts';

export interface OrderAccess {
  principal?: Principal;
  /** The order's own access token (a guest's way back to the order, sent to the buyer's email). */
  orderToken?: string;
}

export type Channel = 'web' | 'kiosk' | 'boxoffice';

export const hashOrderToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const has = (principal: Principal | undefined, group: string) => !!principal && principal.groups.includes(group);

export function channelOf(principal: Principal | undefined): Channel {
  if (has(principal, 'kiosk')) return 'kiosk';
  if (has(principal, 'boxoffice') || has(principal, 'clerk') || has(principal, 'admin')) return 'boxoffice';
  return 'web';
}

const METHODS: Record<Channel, PaymentMethod[]> = {
  web: ['amazon_pay', 'sandbox'],
  kiosk: ['card_terminal'],
  boxoffice: ['card_terminal', 'cash'],
};

export function assertMethodAllowed(channel: Channel, method: PaymentMethod, available: (m: PaymentMethod) => boolean) {
  if (!METHODS[channel].includes(method) || !available(method)) {
    const allowed = METHODS[channel].filter(available);
    throw new DomainError(
      'validation_failed',
      `Payment by ${method} is not available here; use ${allowed.join(' or ')}.`,
      {
        field: 'payment.method',
      },
    );
  }
}

export function assertDeliveryAllowed(channel: Channel, delivery: string) {
  if (delivery === 'print_at_venue' && channel === 'web') {
    throw new DomainError('validation_failed', 'Printing at the venue is for kiosk and box-office sales.', {
      field: 'delivery.method',
    });
  }
}

/** Staff and devices sell only at their own venue (admins anywhere). */
export function assertActsForVenue(principal: Principal | undefined, venueId: string) {
  if (!principal || has(principal, 'admin')) return;
  const bound = has(principal, 'clerk') || has(principal, 'kiosk') || has(principal, 'boxoffice');
  if (bound && principal.venueId !== venueId) {
    throw new DomainError('forbidden', 'You can sell only for events at your own venue.');
  }
}

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
