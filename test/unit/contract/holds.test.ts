import { describe, expect, it } from 'vitest';
import { CreateHold, CreateEvent } from '../../../cloud/contract/index.ts';

describe('hold request contract', () => {
  it('takes exactly one of seatIds, bestAvailable, ga', () => {
    expect(CreateHold.safeParse({ seatIds: ['A1'] }).success).toBe(true);
    expect(CreateHold.safeParse({ bestAvailable: { quantity: 2 } }).success).toBe(true);
    expect(CreateHold.safeParse({ ga: { sectionId: 'PIT', quantity: 2 } }).success).toBe(true);
    expect(CreateHold.safeParse({}).success).toBe(false);
    expect(CreateHold.safeParse({ seatIds: ['A1'], bestAvailable: { quantity: 1 } }).success).toBe(false);
  });

  it('rejects duplicates, zero or fractional quantities, and unknown fields', () => {
    expect(CreateHold.safeParse({ seatIds: ['A1', 'A1'] }).success).toBe(false);
    expect(CreateHold.safeParse({ seatIds: [] }).success).toBe(false);
    expect(CreateHold.safeParse({ bestAvailable: { quantity: 0 } }).success).toBe(false);
    expect(CreateHold.safeParse({ bestAvailable: { quantity: 1.5 } }).success).toBe(false);
    expect(CreateHold.safeParse({ seatIds: ['A1'], extra: true }).success).toBe(false);
  });

  it('requires an event to sell before it closes, in its own currency', () => {
    const base = {
      name: 'X',
      seatmapId: '4b1f3c1e-7a53-4c33-9f6a-0d4d5bb3c0a1',
      startsAt: '2030-01-01T20:00:00Z',
      onSaleFrom: '2029-12-01T00:00:00Z',
      onSaleUntil: '2030-01-01T19:00:00Z',
      currency: 'EUR',
      tiers: [{ name: 'A', price: { amount: 100, currency: 'EUR' }, sectionIds: ['S'] }],
    };
    expect(CreateEvent.safeParse(base).success).toBe(true);
    expect(CreateEvent.safeParse({ ...base, onSaleUntil: '2029-11-01T00:00:00Z' }).success).toBe(false);
    expect(
      CreateEvent.safeParse({ ...base, tiers: [{ ...base.tiers[0], price: { amount: 100, currency: 'USD' } }] })
        .success,
    ).toBe(false);
  });
});
