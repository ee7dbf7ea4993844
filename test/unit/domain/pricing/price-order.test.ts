// priceOrder's invariants over random orders in EUR, USD, GBP, JPY and KWD: the parts add up to the total, no line
// goes negative, a discount never exceeds what it applies to, and inclusive and exclusive tax tell the same story.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PriceBreakdown } from '../../../../cloud/contract/index.ts';
import { priceOrder, type PriceOrderInput } from '../../../../cloud/domain/pricing/price-order.ts';
import { promoAppliesTo } from '../../../../cloud/domain/pricing/promo-codes.ts';
import { taxOnNet } from '../../../../cloud/domain/pricing/rounding.ts';
import { CURRENCIES, minorAmount, orderInput, taxRatePpm, ticketLines } from './arbitraries.ts';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Every way the parts of a breakdown must add up. */
function expectAddsUp(b: PriceBreakdown) {
  const exclusive = b.tax.mode === 'exclusive';
  for (const t of b.tickets) {
    expect(t.total).toBe(t.price - t.discount + t.serviceFee + (exclusive ? t.priceTax + t.serviceFeeTax : 0));
  }
  for (const charge of [b.orderFee, b.deliveryFee]) {
    expect(charge.total).toBe(charge.amount + (exclusive ? charge.tax : 0));
  }
  const { subtotal, discount, fees, tax, total } = b.totals;
  expect(subtotal).toBe(sum(b.tickets.map((t) => t.price)));
  expect(discount).toBe(sum(b.tickets.map((t) => t.discount)));
  expect(fees).toBe(sum(b.tickets.map((t) => t.serviceFee)) + b.orderFee.amount + b.deliveryFee.amount);
  expect(tax).toBe(sum(b.tickets.map((t) => t.priceTax + t.serviceFeeTax)) + b.orderFee.tax + b.deliveryFee.tax);
  expect(total).toBe(sum(b.tickets.map((t) => t.total)) + b.orderFee.total + b.deliveryFee.total);
  expect(total).toBe(subtotal - discount + fees + (exclusive ? tax : 0));
}

describe('priceOrder', () => {
  it('adds up exactly, line by line and in total, in every currency', () => {
    fc.assert(
      fc.property(orderInput, (input) => expectAddsUp(priceOrder(input))),
      { numRuns: 500 },
    );
  });

  it('never has a negative or fractional amount, and no line is discounted below zero', () => {
    fc.assert(
      fc.property(orderInput, (input) => {
        const b = priceOrder(input);
        const amounts = [
          ...b.tickets.flatMap((t) => [t.price, t.discount, t.serviceFee, t.priceTax, t.serviceFeeTax, t.total]),
          ...[b.orderFee, b.deliveryFee].flatMap((c) => [c.amount, c.tax, c.total]),
          ...Object.values(b.totals),
        ];
        for (const amount of amounts) expect(Number.isSafeInteger(amount) && amount >= 0).toBe(true);
        for (const t of b.tickets) expect(t.discount).toBeLessThanOrEqual(t.price);
        if (b.tax.mode === 'inclusive') {
          for (const t of b.tickets) {
            expect(t.priceTax).toBeLessThanOrEqual(t.price - t.discount);
            expect(t.serviceFeeTax).toBeLessThanOrEqual(t.serviceFee);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('discounts only the lines in scope, never more than their prices, a fixed amount exactly', () => {
    fc.assert(
      fc.property(orderInput, (input) => {
        fc.pre(input.promo !== null);
        const promo = input.promo!;
        const b = priceOrder(input);
        const inScope = b.tickets.filter((t) => promoAppliesTo(promo, t));
        const discountable = sum(inScope.map((t) => t.price));
        expect(b.totals.discount).toBeLessThanOrEqual(discountable);
        for (const t of b.tickets) if (!promoAppliesTo(promo, t)) expect(t.discount).toBe(0);
        if (promo.discount.kind === 'fixed') {
          expect(b.totals.discount).toBe(Math.min(promo.discount.amount, discountable));
        }
        expect(b.promoCode).toBe('PROMO');
      }),
      { numRuns: 500 },
    );
  });

  it('inclusive tax is taken out of the prices: the rate changes the tax, never the total', () => {
    fc.assert(
      fc.property(orderInput, taxRatePpm, (input, otherRate) => {
        const inclusive = { ...input, tax: { ...input.tax, mode: 'inclusive' as const } };
        const a = priceOrder(inclusive);
        const b = priceOrder({ ...inclusive, tax: { ...inclusive.tax, ratePpm: otherRate } });
        expect(a.totals.total).toBe(b.totals.total);
        expect(a.totals.total).toBe(a.totals.subtotal - a.totals.discount + a.totals.fees);
        const exclusive = priceOrder({ ...input, tax: { ...input.tax, mode: 'exclusive' } });
        expect(exclusive.totals.total).toBe(a.totals.total + exclusive.totals.tax);
        expect(a.totals.tax).toBeLessThanOrEqual(exclusive.totals.tax);
      }),
    );
  });

  it('an exclusive order and the inclusive order at its gross prices have the same tax and total', () => {
    const order = fc.constantFrom(...CURRENCIES).chain((currency) =>
      fc.record({
        currency: fc.constant(currency),
        lines: ticketLines(currency),
        serviceFee: minorAmount(currency, 10),
        orderFee: minorAmount(currency, 10),
        ratePpm: taxRatePpm,
        feesTaxable: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(order, ({ currency, lines, serviceFee, orderFee, ratePpm, feesTaxable }) => {
        const gross = (net: number, taxable = true) => net + (taxable ? taxOnNet(net, ratePpm) : 0);
        const input = (mode: 'inclusive' | 'exclusive'): PriceOrderInput => {
          const up = (net: number, taxable = true) => (mode === 'inclusive' ? gross(net, taxable) : net);
          return {
            currency,
            lines: lines.map((line) => ({ ...line, price: up(line.price) })),
            fees: {
              currency,
              serviceFee: { kind: 'fixed', amount: up(serviceFee, feesTaxable) },
              orderFee: { kind: 'fixed', amount: up(orderFee, feesTaxable) },
              deliveryFees: [],
            },
            deliveryMethod: 'email',
            tax: { ratePpm, mode, feesTaxable },
          };
        };
        const exclusive = priceOrder(input('exclusive'));
        const inclusive = priceOrder(input('inclusive'));
        expect(inclusive.totals.total).toBe(exclusive.totals.total);
        expect(inclusive.totals.tax).toBe(exclusive.totals.tax);
        inclusive.tickets.forEach((t, i) => expect(t.total).toBe(exclusive.tickets[i]!.total));
      }),
    );
  });

  it('taxes fees only when the venue says fees are taxable', () => {
    fc.assert(
      fc.property(orderInput, (input) => {
        const b = priceOrder({ ...input, tax: { ...input.tax, feesTaxable: false } });
        expect(b.tickets.every((t) => t.serviceFeeTax === 0)).toBe(true);
        expect(b.orderFee.tax + b.deliveryFee.tax).toBe(0);
      }),
    );
  });

  it('refuses fees or a fixed discount in another currency than the order', () => {
    const base: PriceOrderInput = {
      currency: 'EUR',
      lines: [{ lineId: 'A1', tierId: 't', ticketTypeId: 'adult', price: 1000 }],
      fees: { currency: 'EUR', serviceFee: null, orderFee: null, deliveryFees: [] },
      deliveryMethod: null,
      tax: { ratePpm: 0, mode: 'inclusive', feesTaxable: false },
    };
    expect(priceOrder(base).totals.total).toBe(1000);
    expect(() => priceOrder({ ...base, fees: { ...base.fees, currency: 'USD' } })).toThrow(/USD/);
    const promo = {
      code: 'X',
      discount: { kind: 'fixed' as const, amount: 100, currency: 'USD' },
      scope: { tierIds: null, ticketTypeIds: null },
    };
    expect(() => priceOrder({ ...base, promo })).toThrow(/USD/);
  });
});
