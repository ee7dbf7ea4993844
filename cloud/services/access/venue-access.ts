// Who acts for which venue, and through which door (web, kiosk, box office) a principal buys. Holds and orders both
// ask it, so it sits apart from either: inventory never has to import orders to check a seller's venue.
import type { PaymentMethod } from '../../contract/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../ports.ts';

export type Channel = 'web' | 'kiosk' | 'boxoffice';

export const hasGroup = (principal: Principal | undefined, group: string): boolean =>
  !!principal && principal.groups.includes(group);

export function channelOf(principal: Principal | undefined): Channel {
  if (hasGroup(principal, 'kiosk')) return 'kiosk';
  if (hasGroup(principal, 'boxoffice') || hasGroup(principal, 'clerk') || hasGroup(principal, 'admin')) {
    return 'boxoffice';
  }
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
  if (!principal || hasGroup(principal, 'admin')) return;
  const bound = hasGroup(principal, 'clerk') || hasGroup(principal, 'kiosk') || hasGroup(principal, 'boxoffice');
  if (bound && principal.venueId !== venueId) {
    throw new DomainError('forbidden', 'You can sell only for events at your own venue.');
  }
}

/** Staff who may change a venue's settings: admins anywhere, clerks at their own venue. */
export function assertStaffOfVenue(principal: Principal | undefined, venueId: string) {
  if (!principal) throw new DomainError('unauthorized', 'Sign in first.');
  if (!hasGroup(principal, 'admin') && !hasGroup(principal, 'clerk')) {
    throw new DomainError('forbidden', 'This needs the admin or clerk role.');
  }
  if (!hasGroup(principal, 'admin') && principal.venueId !== venueId) {
    throw new DomainError('forbidden', 'You can change settings only at your own venue.');
  }
}
