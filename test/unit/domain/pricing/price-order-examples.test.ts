// Orders a person can check with a calculator: UK VAT 20 % inclusive, New York sales tax 8.875 % exclusive with
// fees, a JPY order (no decimals) and a KWD one (three).
import { describe, expect, it } from 'vitest';
import { priceOrder, type PriceOrderInput } from '../../../../cloud/domain/pricing/price-order.ts';
import { minorToDecimal } from '../../../../cloud/domain/pricing/currency.ts';

const ticket = (lineId: string, price: number, ticketTypeId = 'adult', tierId = 'stalls') => ({
  lineId,
  tierId,
  ticketTypeId,
  price,
});

describe('priceOrder examples', () => {
  it('UK: VAT 20 % inside the prices and fees', () => {
    const b = priceOrder({
      currency: 'GBP',
      lines: [ticket('A1', 4500), ticket('A2', 4500), ticket('A3', 3500, 'concession')],
      fees: {
        currency: 'GBP',
        serviceFee: { kind: 'fixed', amount: 150 },
        orderFee: { kind: 'fixed', amount: 200 },
        deliveryFees: [{ method: 'mail', amount: 250 }],
      },
      deliveryMethod: 'email',
      tax: { label: 'VAT', ratePpm: 200_000, mode: 'inclusive', feesTaxable: true },
    });
    // £45.00 holds £7.50 VAT; £35.00 holds £5.833… → £5.83; each £1.50 fee £0.25; the £2.00 order fee £0.333… → £0.33.
    expect(b.tickets.map((t) => [t.priceTax, t.serviceFeeTax, t.total])).toEqual([
      [750, 25, 4650],
      [750, 25, 4650],
      [583, 25, 3650],
    ]);
    expect(b.orderFee).toEqual({ amount: 200, tax: 33, total: 200 });
    expect(b.deliveryFee).toEqual({ amount: 0, tax: 0, total: 0, method: 'email' });
    expect(b.totals).toEqual({ subtotal: 12_500, discount: 0, fees: 650, tax: 2_191, total: 13_150 });
    expect(b.tax).toEqual({ label: 'VAT', ratePpm: 200_000, mode: 'inclusive' });
  });

  const newYork: PriceOrderInput = {
    currency: 'USD',
    lines: [ticket('A1', 8950), ticket('A2', 8950)],
    fees: {
      currency: 'USD',
      serviceFee: { kind: 'percent', basisPoints: 1_200 },
      orderFee: { kind: 'fixed', amount: 300 },
      deliveryFees: [{ method: 'mail', amount: 500 }],
    },
    deliveryMethod: 'mail',
    tax: { label: 'Sales tax', ratePpm: 88_750, mode: 'exclusive', feesTaxable: false },
  };

  it('US: 8.875 % sales tax on top of the tickets, fees untaxed', () => {
    const b = priceOrder(newYork);
    // $89.50: a 12 % service fee of $10.74, tax 8.875 % = $7.943125 → $7.94; ticket line $108.18.
    expect(b.tickets.map((t) => [t.serviceFee, t.priceTax, t.serviceFeeTax, t.total])).toEqual([
      [1074, 794, 0, 10_818],
      [1074, 794, 0, 10_818],
    ]);
    expect(b.orderFee).toEqual({ amount: 300, tax: 0, total: 300 });
    expect(b.deliveryFee).toEqual({ amount: 500, tax: 0, total: 500, method: 'mail' });
    expect(b.totals).toEqual({ subtotal: 17_900, discount: 0, fees: 2_948, tax: 1_588, total: 22_436 });
    expect(minorToDecimal(b.totals.total, b.currency)).toBe('224.36');
  });

  it('US: a $10 code spread over three tickets by price, to the cent', () => {
    const b = priceOrder({
      ...newYork,
      lines: [...newYork.lines, ticket('B1', 5000, 'adult', 'balcony')],
      promo: {
        code: 'TENOFF',
        discount: { kind: 'fixed', amount: 1000, currency: 'USD' },
        scope: { tierIds: null, ticketTypeIds: null },
      },
    });
    // $10 × 89.50/229.00 = $3.9083…, twice, and × 50/229 = $2.1834…: floors 390 + 390 + 218 = 998, the two cents
    // left go to the largest remainders (the $89.50 tickets).
    expect(b.tickets.map((t) => t.discount)).toEqual([391, 391, 218]);
    expect(b.totals.discount).toBe(1000);
    // The service fee and the tax are of the discounted price: 12 % of $85.59 = $10.2708 → $10.27.
    expect(b.tickets[0]).toMatchObject({ serviceFee: 1027, priceTax: 760 });
  });

  it('JPY: no decimals; 15 % off child tickets; 10 % consumption tax inside', () => {
    const b = priceOrder({
      currency: 'JPY',
      lines: [ticket('A1', 8800), ticket('A2', 4400, 'child'), ticket('A3', 4400, 'child')],
      promo: {
        code: 'KIDS15',
        discount: { kind: 'percent', basisPoints: 1_500 },
        scope: { tierIds: null, ticketTypeIds: ['child'] },
      },
      fees: { currency: 'JPY', serviceFee: { kind: 'fixed', amount: 220 }, orderFee: null, deliveryFees: [] },
      deliveryMethod: null,
      tax: { label: '消費税', ratePpm: 100_000, mode: 'inclusive', feesTaxable: true },
    });
    expect(b.tickets.map((t) => [t.discount, t.priceTax, t.serviceFeeTax, t.total])).toEqual([
      [0, 800, 20, 9020],
      [660, 340, 20, 3960],
      [660, 340, 20, 3960],
    ]);
    expect(b.totals).toEqual({ subtotal: 17_600, discount: 1_320, fees: 660, tax: 1_540, total: 16_940 });
    expect(minorToDecimal(b.totals.total, 'JPY')).toBe('16940');
  });

  it('KWD: three decimals; half a fils rounds up', () => {
    const b = priceOrder({
      currency: 'KWD',
      lines: [ticket('A1', 12_345), ticket('A2', 10_010)],
      fees: { currency: 'KWD', serviceFee: { kind: 'percent', basisPoints: 500 }, orderFee: null, deliveryFees: [] },
      deliveryMethod: null,
      tax: { ratePpm: 0, mode: 'exclusive', feesTaxable: true },
    });
    // 5 % of 12.345 KD is 0.61725 → 0.617; of 10.010 KD, 0.5005 → 0.501 (half up).
    expect(b.tickets.map((t) => t.serviceFee)).toEqual([617, 501]);
    expect(minorToDecimal(b.totals.total, 'KWD')).toBe('23.473');
  });
});
