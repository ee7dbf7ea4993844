// What the printed end-of-shift report says of the takings, per currency, line by line: ticket sales, discounts, fees,
// each tax, refunds (with the fees and tax inside them), and the takings they add up to. A line marked `note` is
// shown, not added (a discount already off the ticket sales, a tax inside the prices, what is inside the refunds).
import type { ShiftBreakdown } from '../../contract/index.ts';
import { formatMoney } from '../format.ts';

export interface PrintableShiftTakings {
  heading: string;
  lines: { label: string; amount: string; note: boolean }[];
  total: string;
}

const percent = (ratePpm: number) =>
  new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 }).format(ratePpm / 10_000);

export function printableShiftTakings(breakdown: readonly ShiftBreakdown[]): PrintableShiftTakings[] {
  return breakdown.map((lines) => {
    const line = (label: string, money: { amount: number; currency: string }, note = false, less = false) => ({
      label,
      amount: (less && money.amount > 0 ? '-' : '') + formatMoney(money),
      note,
    });
    return {
      heading: `Takings in ${lines.currency}`,
      lines: [
        line('Ticket sales (after discounts)', lines.ticketSales),
        ...(lines.discounts.amount > 0
          ? [line('Discounts given (already off ticket sales)', lines.discounts, true)]
          : []),
        line('Service fees', lines.serviceFees),
        line('Order fees', lines.orderFees),
        line('Delivery fees', lines.deliveryFees),
        ...lines.taxes.map((tax) =>
          line(
            `${tax.label} ${percent(tax.ratePpm)} % (${tax.mode === 'inclusive' ? 'included' : 'added'})`,
            tax.collected,
            tax.mode === 'inclusive',
          ),
        ),
        ...(lines.exchangeCredits.amount > 0
          ? [line('Exchange credits (returned tickets)', lines.exchangeCredits, false, true)]
          : []),
        line('Refunds', lines.refunded, false, true),
        ...(lines.refundParts
          ? [
              line('Fees given back (in the refunds)', lines.refundParts.fees, true),
              line('Tax given back (in the refunds)', lines.refundParts.tax, true),
              line('Refund fees kept (not handed back)', lines.refundParts.refundFeesKept, true),
            ]
          : []),
      ],
      total: formatMoney(lines.takings),
    };
  });
}
