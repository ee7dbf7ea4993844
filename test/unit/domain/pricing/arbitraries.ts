// fast-check generators shared by the pricing property tests: orders in EUR, USD, GBP, JPY (no decimals) and KWD
// (three), with every kind of promo code, fee and tax setting.
import fc from 'fast-check';
import type { FeeRule, PromoDiscount, PromoScope, TaxSettings } from '../../../../cloud/contract/index.ts';
import type { PriceOrderInput } from '../../../../cloud/domain/pricing/price-order.ts';
import { minorUnitExponent } from '../../../../cloud/domain/pricing/currency.ts';

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'KWD'] as const;
export const TIERS = ['tier-a', 'tier-b', 'tier-c'];
export const TYPES = ['adult', 'child', 'concession'];

/** Up to `major` major units of the currency, in minor units. */
export const minorAmount = (currency: string, major: number) =>
  fc.integer({ min: 0, max: major * 10 ** minorUnitExponent(currency) });

export const taxRatePpm = fc.oneof(
  fc.constantFrom(0, 50_000, 88_750, 100_000, 200_000, 1_000_000),
  fc.integer({ min: 0, max: 1_000_000 }),
);

export const taxSettings: fc.Arbitrary<TaxSettings> = fc.record({
  label: fc.constant('VAT'),
  ratePpm: taxRatePpm,
  mode: fc.constantFrom('inclusive' as const, 'exclusive' as const),
  feesTaxable: fc.boolean(),
});

const feeRule = (currency: string): fc.Arbitrary<FeeRule | null> =>
  fc.oneof(
    fc.constant(null),
    minorAmount(currency, 10).map((amount): FeeRule => ({ kind: 'fixed', amount })),
    fc.integer({ min: 0, max: 10_000 }).map((basisPoints): FeeRule => ({ kind: 'percent', basisPoints })),
  );

const scope: fc.Arbitrary<PromoScope> = fc.record({
  tierIds: fc.option(fc.subarray(TIERS, { minLength: 1 }), { nil: null }),
  ticketTypeIds: fc.option(fc.subarray(TYPES, { minLength: 1 }), { nil: null }),
});

const discount = (currency: string): fc.Arbitrary<PromoDiscount> =>
  fc.oneof(
    fc.integer({ min: 1, max: 10_000 }).map((basisPoints): PromoDiscount => ({ kind: 'percent', basisPoints })),
    fc
      .integer({ min: 1, max: 1_000 * 10 ** minorUnitExponent(currency) })
      .map((amount): PromoDiscount => ({ kind: 'fixed', amount, currency })),
  );

export const ticketLines = (currency: string, maxLength = 12) =>
  fc
    .array(fc.record({ tierId: fc.constantFrom(...TIERS), ticketTypeId: fc.constantFrom(...TYPES) }), {
      maxLength,
    })
    .chain((lines) =>
      fc
        .tuple(...lines.map(() => fc.oneof(minorAmount(currency, 200), fc.constant(0))))
        .map((prices) => lines.map((line, i) => ({ ...line, lineId: `seat-${i}`, price: prices[i]! }))),
    );

export const orderInput: fc.Arbitrary<PriceOrderInput> = fc.constantFrom(...CURRENCIES).chain((currency) =>
  fc.record({
    currency: fc.constant(currency),
    lines: ticketLines(currency),
    promo: fc.option(fc.record({ code: fc.constant('PROMO'), discount: discount(currency), scope }), { nil: null }),
    fees: fc.record({
      currency: fc.constant(currency),
      serviceFee: feeRule(currency),
      orderFee: feeRule(currency),
      deliveryFees: fc.constant([{ method: 'mail' as const, amount: 3 * 10 ** minorUnitExponent(currency) }]),
    }),
    deliveryMethod: fc.constantFrom('email' as const, 'mail' as const, null),
    tax: taxSettings,
  }),
);
