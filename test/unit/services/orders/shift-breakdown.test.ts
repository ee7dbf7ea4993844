// The shift report's lines per currency, from orders priced with every mix of fees, codes and inclusive or exclusive
// tax (and old orders with no breakdown), some refunded in part or in full: the lines always add up to what the
// payments took less what was handed back, each tax is what the orders' breakdowns say, and the fees and tax inside
// the refunds are their breakdowns'.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PriceBreakdown, RefundBreakdown, RefundPolicy } from '../../../../cloud/contract/index.ts';
import { priceOrder } from '../../../../cloud/domain/pricing/price-order.ts';
import { cancellationRefund, refundAmounts } from '../../../../cloud/domain/pricing/refunds.ts';
import { shiftBreakdown, type ShiftRefund, type ShiftSale } from '../../../../cloud/services/orders/shift-breakdown.ts';
import { orderInput } from '../../domain/pricing/arbitraries.ts';

const STARTS = new Date('2030-06-01T19:30:00Z');
const NOW = new Date('2030-05-01T12:00:00Z');
const POLICY: RefundPolicy = {
  refundableUntilDaysBefore: 7,
  refundFee: { kind: 'percent', basisPoints: 1000 },
  refundServiceFees: false,
  refundOrderFee: true,
  refundDeliveryFee: false,
};

/** As stored: the arbitraries' short tier and type names stand for the uuids an order carries. */
const TIER = '6f1c2d3e-4a5b-4c6d-8e7f-000000000001';
const TYPE = '6f1c2d3e-4a5b-4c6d-8e7f-000000000002';
const stored = (breakdown: PriceBreakdown): PriceBreakdown => ({
  ...breakdown,
  tickets: breakdown.tickets.map((line) => ({ ...line, tierId: TIER, ticketTypeId: TYPE })),
});

const sold = fc.record({
  input: orderInput,
  /** none: kept; first: the first ticket given back under the policy; all: the whole order; old: priced before
   * breakdowns, refunded as an amount. */
  refund: fc.constantFrom('none' as const, 'first' as const, 'all' as const),
  old: fc.boolean(),
  /** The share of the order paid by exchanged tickets' credit (0: none), in thousandths. */
  creditShare: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })),
});

describe('the shift’s lines', () => {
  it('add up to the payments’ takings, with each tax and the refunds’ parts as the breakdowns say', () => {
    fc.assert(
      fc.property(fc.array(sold, { minLength: 1, maxLength: 6 }), (orders) => {
        const sales: ShiftSale[] = [];
        const refunds: ShiftRefund[] = [];
        const payments = new Map<string, { currency: string; taken: number; refunded: number }>();
        const itemized: (RefundBreakdown & { currency: string })[] = [];
        for (const { input, refund, old, creditShare } of orders) {
          const breakdown = stored(priceOrder(input));
          const credit = Math.floor((breakdown.totals.total * creditShare) / 1000);
          const taken = breakdown.totals.total - credit;
          sales.push({ currency: input.currency, taken, credit, breakdown: old ? null : breakdown });
          const given =
            refund === 'none' || breakdown.tickets.length === 0
              ? null
              : refund === 'all'
                ? cancellationRefund(breakdown)
                : refundAmounts({
                    breakdown,
                    lineIds: [breakdown.tickets[0]!.lineId],
                    policy: POLICY,
                    eventStartsAt: STARTS,
                    now: NOW,
                    cause: 'buyer',
                  });
          const back = given === null ? null : 'ok' in given ? (given.ok ? given.value : null) : given;
          const row = payments.get(input.currency) ?? { currency: input.currency, taken: 0, refunded: 0 };
          row.taken += taken;
          if (back !== null && back.total > 0) {
            row.refunded += back.total;
            refunds.push({ currency: input.currency, breakdown: old ? null : back });
            if (!old) itemized.push({ ...back, currency: input.currency });
          }
          payments.set(input.currency, row);
        }

        const report = shiftBreakdown(sales, refunds, [...payments.values()]);
        expect(report.map((lines) => lines.currency)).toEqual([...payments.keys()].sort());
        for (const lines of report) {
          const payment = payments.get(lines.currency)!;
          const added = lines.taxes.filter((tax) => tax.mode === 'exclusive');
          const sum =
            lines.ticketSales.amount +
            lines.serviceFees.amount +
            lines.orderFees.amount +
            lines.deliveryFees.amount +
            added.reduce((total, tax) => total + tax.collected.amount, 0) -
            lines.exchangeCredits.amount -
            lines.refunded.amount;
          expect(sum).toBe(payment.taken - payment.refunded);
          expect(lines.takings.amount).toBe(sum);
          expect(lines.refunded.amount).toBe(payment.refunded);
          const priced = sales.flatMap((sale) =>
            sale.currency === lines.currency && sale.breakdown !== null ? [priceOf(sale)] : [],
          );
          expect(lines.taxes.reduce((total, tax) => total + tax.collected.amount, 0)).toBe(
            priced.reduce((total, b) => total + b.totals.tax, 0),
          );
          expect(lines.discounts.amount).toBe(priced.reduce((total, b) => total + b.totals.discount, 0));
          const mine = itemized.filter((refund) => refund.currency === lines.currency);
          if (mine.length === 0) {
            expect(lines.refundParts).toBeNull();
          } else {
            expect(lines.refundParts!.tax.amount).toBe(mine.reduce((total, r) => total + r.tax, 0));
            expect(lines.refundParts!.refundFeesKept.amount).toBe(mine.reduce((total, r) => total + r.refundFee, 0));
            const ticketsBack = mine.reduce(
              (total, r) => total + r.tickets.reduce((s, t) => s + t.ticket.credited, 0),
              0,
            );
            // What was credited is the tickets and the fees; less the refund fees kept, what was handed back.
            expect(ticketsBack + lines.refundParts!.fees.amount - lines.refundParts!.refundFeesKept.amount).toBe(
              mine.reduce((total, r) => total + r.total, 0),
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts an order without a breakdown as ticket sales, and one tax line per label, rate and mode', () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const [lines] = shiftBreakdown(
      [{ currency: 'EUR', taken: 4200, breakdown: null }],
      [],
      [{ currency: 'EUR', taken: 4200, refunded: 0 }],
    );
    expect(lines).toEqual({
      currency: 'EUR',
      ticketSales: eur(4200),
      discounts: eur(0),
      serviceFees: eur(0),
      orderFees: eur(0),
      deliveryFees: eur(0),
      taxes: [],
      exchangeCredits: eur(0),
      refunded: eur(0),
      refundParts: null,
      takings: eur(4200),
    });
  });
});

function priceOf(sale: ShiftSale) {
  return sale.breakdown as PriceBreakdown;
}
