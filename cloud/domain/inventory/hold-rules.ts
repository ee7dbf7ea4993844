// The rules a hold must pass before any seat is touched: event on sale, inside its window, within the order limit;
// and the rules of its life: when it expires, whether it may be extended.
import { DomainError } from '../errors.ts';
import type { EventStatus } from '../../contract/index.ts';

export interface SaleWindow {
  status: EventStatus;
  onSaleFrom: Date;
  onSaleUntil: Date;
  perOrderLimit: number;
}

export function assertOnSale(event: SaleWindow, now: Date): void {
  if (event.status !== 'on_sale') {
    const reason = { draft: 'is not on sale yet', paused: 'is paused', cancelled: 'is cancelled', on_sale: '' };
    throw new DomainError('event_not_on_sale', `This event ${reason[event.status]}.`);
  }
  if (now < event.onSaleFrom) {
    throw new DomainError('event_not_on_sale', `Sales open at ${event.onSaleFrom.toISOString()}.`);
  }
  if (now >= event.onSaleUntil) {
    throw new DomainError('event_not_on_sale', `Sales closed at ${event.onSaleUntil.toISOString()}.`);
  }
}

export function assertWithinOrderLimit(event: Pick<SaleWindow, 'perOrderLimit'>, quantity: number): void {
  if (quantity > event.perOrderLimit) {
    throw new DomainError(
      'order_limit_exceeded',
      `At most ${event.perOrderLimit} tickets per order for this event; ${quantity} were asked for.`,
      { field: 'quantity' },
    );
  }
}

export function holdExpiresAt(now: Date, ttlSeconds: number): Date {
  return new Date(now.getTime() + ttlSeconds * 1000);
}

export type HoldState = 'active' | 'released' | 'expired' | 'converted';

export interface HoldLife {
  state: HoldState;
  expiresAt: Date;
  extended: boolean;
}

/** An active hold past its expiry is expired, whether or not the sweeper has been by yet. */
export function effectiveHoldState(hold: HoldLife, now: Date): HoldState {
  if (hold.state === 'active' && hold.expiresAt <= now) return 'expired';
  return hold.state;
}

/** One extension per hold, only while it is active; the new expiry is a full TTL from now, never shorter. */
export function extendedExpiry(hold: HoldLife, now: Date, ttlSeconds: number): Date {
  const state = effectiveHoldState(hold, now);
  if (state === 'expired') throw new DomainError('hold_expired', 'This hold has expired; its seats are free again.');
  if (state !== 'active') throw new DomainError('hold_not_active', `This hold is ${state}.`);
  if (hold.extended) throw new DomainError('hold_already_extended', 'A hold can be extended once.');
  const extended = holdExpiresAt(now, ttlSeconds);
  return extended > hold.expiresAt ? extended : hold.expiresAt;
}
