// Half-up rounding of rates and the largest-remainder split that spreads discounts and refunds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateByWeight, allocateWithinCaps } from '../../../../cloud/domain/pricing/allocation.ts';
import { mulDivHalfUp, percentOf, taxInGross, taxOnNet } from '../../../../cloud/domain/pricing/rounding.ts';

describe('rounding', () => {
  it('rounds half up, once', () => {
    expect(percentOf(1050, 500)).toBe(53); // 52.5 → 53
    expect(percentOf(1049, 500)).toBe(52); // 52.45 → 52
    expect(percentOf(1, 5_000)).toBe(1); // 0.5 → 1
    expect(taxOnNet(1000, 88_750)).toBe(89); // 88.75 → 89
    expect(taxInGross(1200, 200_000)).toBe(200);
    expect(mulDivHalfUp(Number.MAX_SAFE_INTEGER, 1_000_000, 1_000_000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => percentOf(-1, 100)).toThrow();
    expect(() => percentOf(1.5, 100)).toThrow();
  });

  it('extracts from a gross price exactly the tax that was added to its net price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1_000_000 }), (net, ratePpm) => {
        const tax = taxOnNet(net, ratePpm);
        expect(taxInGross(net + tax, ratePpm)).toBe(tax);
        expect(taxInGross(net, ratePpm)).toBeLessThanOrEqual(tax);
      }),
    );
  });
});

describe('largest-remainder allocation', () => {
  const weights = fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 20 });

  it('adds up to the amount exactly and gives no part more than its weight', () => {
    fc.assert(
      fc.property(
        weights.chain((ws) => fc.tuple(fc.constant(ws), fc.integer({ min: 0, max: ws.reduce((a, b) => a + b, 0) }))),
        ([ws, amount]) => {
          const shares = allocateWithinCaps(amount, ws);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
          shares.forEach((share, i) => {
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(ws[i]!);
          });
        },
      ),
    );
  });

  it('is proportional to within one unit', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 0, max: 1e9 }), (ws, amount) => {
        const total = ws.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        allocateByWeight(amount, ws).forEach((share, i) => {
          expect(Math.abs(share - (amount * ws[i]!) / total)).toBeLessThan(1);
        });
      }),
    );
  });

  it('splits 100 over three equal parts as 34, 33, 33 and refuses more than the caps', () => {
    expect(allocateByWeight(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateByWeight(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocateWithinCaps(5, [2, 2])).toThrow();
  });
});
