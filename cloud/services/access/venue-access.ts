// Who acts for which venue, and through which door (web, kiosk, box office) a principal buys. Holds and orders both
// ask it, so it sits apart from either: inventory never has to import orders to check a seller's venue.
import type { PaymentMethod } from '../../contract/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { may, venuesOf } from '../../domain/staff-roles.ts';
import type { Principal } from '../ports.ts';

export type Channel = 'web' | 'kiosk' | 'boxoffice';

export const hasGroup = (principal: Principal | undefined, group: string): boolean =>
  !!principal && principal.groups.includes(group);

/** Staff whose role sells at the box office (admins, venue managers, clerks: domain/staff-roles.ts). */
const sellsAtCounter = (principal: Principal | undefined): boolean => may(principal, 'boxoffice:sell');

export function channelOf(principal: Principal | undefined): Channel {
  if (hasGroup(principal, 'kiosk')) return 'kiosk';
  if (hasGroup(principal, 'boxoffice') || sellsAtCounter(principal)) return 'boxoffice';
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

/**
 * Devices and box-office staff sell only at their own venue: a machine and a clerk at theirs, a venue manager at the
 * venues they are given, an admin anywhere. The event is public, so another venue's seller hears `forbidden`.
 */
export function assertActsForVenue(principal: Principal | undefined, venueId: string) {
  if (!principal) return;
  if (hasGroup(principal, 'kiosk') || hasGroup(principal, 'boxoffice')) {
    if (principal.venueId !== venueId) throw sellsElsewhere();
    return;
  }
  if (!sellsAtCounter(principal)) return;
  const venues = venuesOf(principal);
  if (venues !== 'all' && !venues.includes(venueId)) throw sellsElsewhere();
}

const sellsElsewhere = () => new DomainError('forbidden', 'You can sell only for events at your own venue.');
