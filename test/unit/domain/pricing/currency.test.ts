// Minor units per currency, and amounts as decimal text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalToMinor, minorToDecimal, minorUnitExponent } from '../../../../cloud/domain/pricing/currency.ts';

describe('currency minor units', () => {
  it('knows zero-, two- and three-decimal currencies', () => {
    expect(['JPY', 'KRW'].map(minorUnitExponent)).toEqual([0, 0]);
    expect(['EUR', 'USD', 'GBP', 'CHF', 'HUF'].map(minorUnitExponent)).toEqual([2, 2, 2, 2, 2]);
    expect(['KWD', 'BHD', 'JOD', 'OMR', 'TND'].map(minorUnitExponent)).toEqual([3, 3, 3, 3, 3]);
    expect(() => minorUnitExponent('eur')).toThrow();
  });

  it('agrees with Intl for the currencies we sell in', () => {
    for (const currency of ['EUR', 'USD', 'GBP', 'JPY', 'KRW', 'KWD', 'BHD', 'JOD', 'OMR', 'TND']) {
      const intl = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
      expect(minorUnitExponent(currency), currency).toBe(intl.maximumFractionDigits);
    }
  });

  it('writes and reads amounts as decimal text', () => {
    expect(minorToDecimal(1250, 'EUR')).toBe('12.50');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(-5, 'EUR')).toBe('-0.05');
    expect(minorToDecimal(1250, 'JPY')).toBe('1250');
    expect(minorToDecimal(1250, 'KWD')).toBe('1.250');
    expect(decimalToMinor('12.5', 'EUR')).toBe(1250);
    expect(decimalToMinor('1.234', 'KWD')).toBe(1234);
    expect(decimalToMinor('1.5', 'JPY')).toBeNull();
    expect(decimalToMinor('12.345', 'EUR')).toBeNull();
    expect(decimalToMinor('12,50', 'EUR')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('EUR', 'JPY', 'KWD'), (amount, currency) => {
        expect(decimalToMinor(minorToDecimal(amount, currency), currency)).toBe(amount);
      }),
    );
  });
});
