// A shift's takings line by line, per currency: ticket sales after discounts, the discounts, service, order and
// delivery fees, each tax collected, and what was refunded (with the fees and tax inside it, from the refunds'
// breakdowns), from the price breakdowns of the orders sold. Pure: the
// shift report reads the rows and calls this.
import { PriceBreakdown, RefundBreakdown, type ShiftBreakdown, type ShiftTaxLine } from '../../contract/index.ts';

export interface ShiftSale {
  currency: string;
  /** What the captured payments took in money. */
  taken: number;
  /** What exchanged tickets' credit paid of the order (not money taken). */
  credit?: number;
  /** The order's breakdown as stored (validated here); null: an order priced before breakdowns, all ticket sales. */
  breakdown: unknown;
}

export interface ShiftRefund {
  currency: string;
  /** The refund's breakdown as stored (validated here); null: refunded as an amount only. */
  breakdown: unknown;
}

interface Sums {
  ticketSales: number;
  discounts: number;
  serviceFees: number;
  orderFees: number;
  deliveryFees: number;
  exchangeCredits: number;
  taxes: Map<string, Omit<ShiftTaxLine, 'collected'> & { amount: number }>;
}

const empty = (): Sums => ({
  ticketSales: 0,
  discounts: 0,
  serviceFees: 0,
  orderFees: 0,
  deliveryFees: 0,
  exchangeCredits: 0,
  taxes: new Map(),
});

function addSale(sums: Sums, sale: ShiftSale): void {
  sums.exchangeCredits += sale.credit ?? 0;
  if (sale.breakdown === null) {
    sums.ticketSales += sale.taken + (sale.credit ?? 0);
    return;
  }
  const breakdown = PriceBreakdown.parse(sale.breakdown);
  for (const ticket of breakdown.tickets) {
    sums.ticketSales += ticket.price - ticket.discount;
    sums.discounts += ticket.discount;
    sums.serviceFees += ticket.serviceFee;
  }
  sums.orderFees += breakdown.orderFee.amount;
  sums.deliveryFees += breakdown.deliveryFee.amount;
  if (breakdown.totals.tax === 0) return;
  const { label, ratePpm, mode } = breakdown.tax;
  const key = JSON.stringify([label, ratePpm, mode]);
  const tax = sums.taxes.get(key) ?? { label, ratePpm, mode, amount: 0 };
  tax.amount += breakdown.totals.tax;
  sums.taxes.set(key, tax);
}

/** What the refunds with a breakdown gave back in fees and tax, and kept as refund fees; null: none had one. */
function refundParts(refunds: readonly ShiftRefund[], currency: string): ShiftBreakdown['refundParts'] {
  const itemized = refunds.flatMap((refund) =>
    refund.breakdown === null ? [] : [RefundBreakdown.parse(refund.breakdown)],
  );
  if (itemized.length === 0) return null;
  let fees = 0;
  let tax = 0;
  let kept = 0;
  for (const refund of itemized) {
    fees += refund.orderFee.credited + refund.deliveryFee.credited;
    for (const ticket of refund.tickets) fees += ticket.serviceFee.credited;
    tax += refund.tax;
    kept += refund.refundFee;
  }
  const money = (amount: number) => ({ amount, currency });
  return { fees: money(fees), tax: money(tax), refundFeesKept: money(kept) };
}

/**
 * Per currency (sorted), the lines of the takings: every currency that has sales or refunds. `takings` is the sum of
 * the payment lines' net in the currency, so the lines add up to it when each order took what its breakdown says.
 */
export function shiftBreakdown(
  sales: readonly ShiftSale[],
  refunds: readonly ShiftRefund[],
  payments: readonly { currency: string; taken: number; refunded: number }[],
): ShiftBreakdown[] {
  const currencies = [...new Set([...sales, ...refunds, ...payments].map((row) => row.currency))].sort();
  return currencies.map((currency) => {
    const sums = empty();
    for (const sale of sales) if (sale.currency === currency) addSale(sums, sale);
    const inCurrency = payments.filter((row) => row.currency === currency);
    const taken = inCurrency.reduce((sum, row) => sum + row.taken, 0);
    const refunded = inCurrency.reduce((sum, row) => sum + row.refunded, 0);
    const money = (amount: number) => ({ amount, currency });
    return {
      currency,
      ticketSales: money(sums.ticketSales),
      discounts: money(sums.discounts),
      serviceFees: money(sums.serviceFees),
      orderFees: money(sums.orderFees),
      deliveryFees: money(sums.deliveryFees),
      taxes: [...sums.taxes.values()]
        .sort((a, b) => a.label.localeCompare(b.label) || a.ratePpm - b.ratePpm || a.mode.localeCompare(b.mode))
        .map(({ amount, ...tax }) => ({ ...tax, collected: money(amount) })),
      exchangeCredits: money(sums.exchangeCredits),
      refunded: money(refunded),
      refundParts: refundParts(
        refunds.filter((refund) => refund.currency === currency),
        currency,
      ),
      takings: money(taken - refunded),
    };
  });
}
