// The commerce contract refuses bad settings with a message and the path of the field, for problem+json.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CreatePresaleCode,
  CreatePromoCode,
  CreateTicketType,
  FeeSettings,
  PriceList,
  PriceListEntry,
  RefundPolicy,
  TaxSettings,
} from '../../../cloud/contract/index.ts';

const EVENT = '4b1f3c1e-7a53-4c33-9f6a-0d4d5bb3c0a1';
const TIER = '9a4e1c2b-3d5f-4a6b-8c7d-1e2f3a4b5c6d';
const ADULT = '1c9d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';

/** The first issue of a refused value: its path and message. */
function refusal(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

describe('commerce contract', () => {
  it('refuses a negative or fractional price, naming the amount', () => {
    const entry = { tierId: TIER, ticketTypeId: ADULT, amount: 2500, currency: 'EUR' };
    expect(PriceListEntry.safeParse(entry).success).toBe(true);
    expect(refusal(PriceListEntry, { ...entry, amount: -1 })).toEqual({
      path: 'amount',
      message: 'an amount cannot be negative',
    });
    expect(refusal(PriceListEntry, { ...entry, amount: 12.5 }).path).toBe('amount');
  });

  it('refuses a tax rate over 100 %, naming the rate', () => {
    const tax = { ratePpm: 200_000, mode: 'inclusive', feesTaxable: true };
    expect(TaxSettings.parse(tax)).toEqual({ ...tax, label: 'VAT' });
    expect(TaxSettings.safeParse({ ...tax, ratePpm: 88_750 }).success).toBe(true);
    expect(TaxSettings.safeParse({ ...tax, ratePpm: 1_000_000 }).success).toBe(true);
    expect(refusal(TaxSettings, { ...tax, ratePpm: 1_000_001 })).toEqual({
      path: 'ratePpm',
      message: 'a tax rate is at most 100 % (1000000 parts per million)',
    });
    expect(refusal(TaxSettings, { ...tax, ratePpm: -1 }).path).toBe('ratePpm');
  });

  it('refuses percentages over 100 % in fees, refund fees and promo codes, naming the field', () => {
    const over = 'a percentage is at most 100 % (10000 basis points)';
    expect(refusal(FeeSettings, { currency: 'EUR', serviceFee: { kind: 'percent', basisPoints: 10_001 } })).toEqual({
      path: 'serviceFee.basisPoints',
      message: over,
    });
    expect(
      refusal(RefundPolicy, { refundableUntilDaysBefore: 7, refundFee: { kind: 'percent', basisPoints: 20_000 } }),
    ).toEqual({ path: 'refundFee.basisPoints', message: over });
    const promo = { eventId: EVENT, code: 'summer-25', discount: { kind: 'percent', basisPoints: 2_500 } };
    expect(CreatePromoCode.parse(promo).code).toBe('SUMMER-25');
    expect(refusal(CreatePromoCode, { ...promo, discount: { kind: 'percent', basisPoints: 10_001 } })).toEqual({
      path: 'discount.basisPoints',
      message: over,
    });
  });

  it('refuses a code whose window ends before it starts, naming validUntil', () => {
    const promo = {
      eventId: EVENT,
      code: 'EARLY',
      discount: { kind: 'fixed', amount: 500, currency: 'EUR' },
      validFrom: '2030-01-02T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
    };
    expect(refusal(CreatePromoCode, promo)).toEqual({
      path: 'validUntil',
      message: 'validUntil must be after validFrom',
    });
    expect(CreatePromoCode.safeParse({ ...promo, validUntil: '2030-01-03T00:00:00Z' }).success).toBe(true);
    const presale = {
      eventId: EVENT,
      name: 'Fan club',
      unlocksTierIds: [TIER],
      issue: { kind: 'shared', code: 'FANS' },
    };
    expect(CreatePresaleCode.safeParse(presale).success).toBe(true);
    expect(
      refusal(CreatePresaleCode, { ...presale, validFrom: promo.validFrom, validUntil: promo.validUntil }).path,
    ).toBe('validUntil');
  });

  it('refuses a presale code that unlocks nothing, and bulk batches over 10000', () => {
    const presale = { eventId: EVENT, name: 'Fan club', issue: { kind: 'single_use', count: 500 } };
    expect(refusal(CreatePresaleCode, presale).path).toBe('unlocksTierIds');
    expect(CreatePresaleCode.safeParse({ ...presale, validFrom: '2030-01-01T00:00:00Z' }).success).toBe(true);
    expect(
      refusal(CreatePresaleCode, { ...presale, unlocksTierIds: [TIER], issue: { kind: 'single_use', count: 10_001 } })
        .path,
    ).toBe('issue.count');
  });

  it('checks a price list and ticket types as a whole', () => {
    const adult = {
      id: ADULT,
      kind: 'adult',
      name: 'Adult',
      maxPerOrder: null,
      requiresCheck: null,
      accompaniedBy: null,
    };
    const list = {
      eventId: EVENT,
      currency: 'EUR',
      ticketTypes: [adult],
      entries: [{ tierId: TIER, ticketTypeId: ADULT, amount: 2500, currency: 'EUR' }],
    };
    expect(PriceList.safeParse(list).success).toBe(true);
    expect(refusal(PriceList, { ...list, ticketTypes: [{ ...adult, kind: 'child' }] }).path).toBe('ticketTypes');
    expect(refusal(PriceList, { ...list, entries: [{ ...list.entries[0], currency: 'USD' }] }).path).toBe('entries');
    expect(refusal(PriceList, { ...list, entries: [list.entries[0], list.entries[0]] }).path).toBe('entries');
    expect(
      CreateTicketType.parse({ kind: 'concession', name: 'Concession', requiresCheck: 'Concession: show ID' }),
    ).toMatchObject({ maxPerOrder: null, accompaniedBy: null });
    expect(
      refusal(CreateTicketType, { kind: 'adult', name: 'Adult', accompaniedBy: { adults: 1, perTickets: 1 } }).path,
    ).toBe('accompaniedBy');
  });

  it('refuses two fees for one delivery method', () => {
    const fees = { currency: 'GBP', deliveryFees: [{ method: 'mail', amount: 250 }] };
    expect(FeeSettings.safeParse(fees).success).toBe(true);
    expect(refusal(FeeSettings, { ...fees, deliveryFees: [...fees.deliveryFees, ...fees.deliveryFees] }).path).toBe(
      'deliveryFees',
    );
  });
});
