import { describe, expect, it } from 'vitest';
import {
  assertOnSale,
  assertWithinOrderLimit,
  effectiveHoldState,
  extendedExpiry,
  holdExpiresAt,
} from '../../../cloud/domain/inventory/hold-rules.ts';
import type { DomainError } from '../../../cloud/domain/errors.ts';

const now = new Date('2030-05-01T10:00:00Z');
const event = {
  status: 'on_sale' as const,
  onSaleFrom: new Date('2030-04-01T00:00:00Z'),
  onSaleUntil: new Date('2030-06-01T00:00:00Z'),
  perOrderLimit: 4,
};
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return null;
};

describe('hold rules', () => {
  it('sells only while on sale and inside the window', () => {
    expect(codeOf(() => assertOnSale(event, now))).toBeNull();
    for (const status of ['draft', 'paused', 'cancelled'] as const)
      expect(codeOf(() => assertOnSale({ ...event, status }, now))).toBe('event_not_on_sale');
    expect(codeOf(() => assertOnSale(event, new Date('2030-03-31T23:59:59Z')))).toBe('event_not_on_sale');
    expect(codeOf(() => assertOnSale(event, event.onSaleUntil))).toBe('event_not_on_sale');
  });

  it('enforces the per-order limit', () => {
    expect(codeOf(() => assertWithinOrderLimit(event, 4))).toBeNull();
    expect(codeOf(() => assertWithinOrderLimit(event, 5))).toBe('order_limit_exceeded');
  });

  it('treats an active hold past its expiry as expired', () => {
    const expiresAt = holdExpiresAt(now, 600);
    expect(expiresAt.toISOString()).toBe('2030-05-01T10:10:00.000Z');
    expect(effectiveHoldState({ state: 'active', expiresAt, extended: false }, new Date(expiresAt.getTime() - 1))).toBe(
      'active',
    );
    expect(effectiveHoldState({ state: 'active', expiresAt, extended: false }, expiresAt)).toBe('expired');
    expect(effectiveHoldState({ state: 'released', expiresAt, extended: false }, expiresAt)).toBe('released');
  });

  it('extends once, to a full TTL from now, never shortening', () => {
    const hold = { state: 'active' as const, expiresAt: holdExpiresAt(now, 600), extended: false };
    const later = new Date(now.getTime() + 300_000);
    expect(extendedExpiry(hold, later, 600).toISOString()).toBe('2030-05-01T10:15:00.000Z');
    expect(extendedExpiry(hold, now, 60)).toEqual(hold.expiresAt);
    expect(codeOf(() => extendedExpiry({ ...hold, extended: true }, later, 600))).toBe('hold_already_extended');
    expect(codeOf(() => extendedExpiry(hold, hold.expiresAt, 600))).toBe('hold_expired');
    expect(codeOf(() => extendedExpiry({ ...hold, state: 'released' }, later, 600))).toBe('hold_not_active');
  });
});
