// A shift's takings line by line, per currency: ticket sales after discounts, the discounts, service, order and
// delivery fees, each tax collected, and what was refunded, from the price breakdowns of the orders sold. Pure: the
// shift report reads the rows and calls this.
import { PriceBreakdown, type ShiftBreakdown, type ShiftTaxLine } from '../../contract/index.ts';

export interface ShiftSale {
  currency: string;
  /** What the captured payment took. */
  taken: number;
  /** The order's breakdown as stored (validated here); null: an order priced before breakdowns, all ticket sales. */
  breakdown: unknown;
}

interface Sums {
  ticketSales: number;
  discounts: number;
  serviceFees: number;
  orderFees: number;
  deliveryFees: number;
  taxes: Map<string, Omit<ShiftTaxLine, 'collected'> & { amount: number }>;
}

const empty = (): Sums => ({
  ticketSales: 0,
  discounts: 0,
  serviceFees: 0,
  orderFees: 0,
  deliveryFees: 0,
  taxes: new Map(),
});

function addSale(sums: Sums, sale: ShiftSale): void {
  if (sale.breakdown === null) {
    sums.ticketSales += sale.taken;
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

/**
 * Per currency (sorted), the lines of the takings: every currency that has sales or refunds. `takings` is the sum of
 * the payment lines' net in the currency, so the lines add up to it when each order took what its breakdown says.
 */
export function shiftBreakdown(
  sales: readonly ShiftSale[],
  payments: readonly { currency: string; taken: number; refunded: number }[],
): ShiftBreakdown[] {
  const currencies = [...new Set([...sales, ...payments].map((row) => row.currency))].sort();
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
      refunded: money(refunded),
      takings: money(taken - refunded),
    };
  });
}
