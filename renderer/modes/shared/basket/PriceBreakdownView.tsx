// A priced order line by line, as the cloud computed it (PriceBreakdown): each ticket with its price, discount and
// service fee; the order and delivery fees; then subtotal, discount (with its promo code), fees, tax and the total.
// Shown before paying and with the order after; every amount in the breakdown's own currency.
import type { PriceBreakdown } from '../../../../cloud/contract/index.ts';
import { formatMoney } from '../../../ui/format.ts';

export interface PriceBreakdownViewProps {
  breakdown: PriceBreakdown;
  /** What a ticket line is, for people: its place and type ("A, row 3, seat 12 · Child"). */
  describeLine(lineId: string): string;
  caption?: string;
}

const DELIVERY: Record<string, string> = {
  email: 'by email',
  mail: 'by post',
  will_call: 'at the box office',
  print_at_venue: 'printed at the venue',
};

/** A tax rate in parts per million, as a percentage: 200000 → "20%", 88750 → "8.875%". */
export function formatTaxRate(ratePpm: number, locale = navigator.language): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 4 }).format(ratePpm / 1_000_000);
}

export function PriceBreakdownView({ breakdown, describeLine, caption = 'Price breakdown' }: PriceBreakdownViewProps) {
  // As the organizer wrote it (the cloud keeps the code's text apart from its lookup key).
  const promoCode = breakdown.promoCode;
  const money = (amount: number) => formatMoney({ amount, currency: breakdown.currency });
  const less = (amount: number) => (amount > 0 ? `−${money(amount)}` : money(0));
  const { totals, tax } = breakdown;
  const inclusive = tax.mode === 'inclusive';
  const summary = (label: string, value: string, className?: string) => (
    <tr className={className}>
      <th scope="row" colSpan={3}>
        {label}
      </th>
      <td>{value}</td>
    </tr>
  );
  return (
    <table className="price-breakdown">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Price</th>
          <th scope="col">Discount</th>
          <th scope="col">Service fee</th>
        </tr>
      </thead>
      <tbody>
        {breakdown.tickets.map((line) => (
          <tr key={line.lineId}>
            <th scope="row">{describeLine(line.lineId)}</th>
            <td>{money(line.price)}</td>
            <td>{less(line.discount)}</td>
            <td>{money(line.serviceFee)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {breakdown.orderFee.amount > 0 && summary('Order fee', money(breakdown.orderFee.amount))}
        {breakdown.deliveryFee.amount > 0 &&
          summary(
            `Delivery fee${breakdown.deliveryFee.method ? ` (${DELIVERY[breakdown.deliveryFee.method]})` : ''}`,
            money(breakdown.deliveryFee.amount),
          )}
        {summary('Subtotal', money(totals.subtotal))}
        {(totals.discount > 0 || promoCode !== null) &&
          summary(promoCode ? `Discount (code ${promoCode})` : 'Discount', less(totals.discount))}
        {summary('Fees', money(totals.fees))}
        {summary(
          `${tax.label} ${formatTaxRate(tax.ratePpm)}${inclusive ? ' (incl.)' : ''}`,
          inclusive ? `incl. ${money(totals.tax)}` : money(totals.tax),
        )}
        {summary('Total', money(totals.total), 'total')}
      </tfoot>
    </table>
  );
}
