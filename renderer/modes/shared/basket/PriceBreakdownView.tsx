// A priced order line by line, as the cloud computed it (PriceBreakdown): each ticket with its price, discount and
// service fee; the order and delivery fees; then subtotal, discount (with its promo code), fees, tax and the total.
// Shown before paying and with the order after; every amount in the breakdown's own currency.
import type { PriceBreakdown } from '../../../../cloud/contract/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { formattingLocale, useT } from '../../../i18n/index.ts';

export interface PriceBreakdownViewProps {
  breakdown: PriceBreakdown;
  /** What a ticket line is, for people: its place and type ("A, row 3, seat 12 · Child"). */
  describeLine(lineId: string): string;
  caption?: string;
}

/** A tax rate in parts per million, as a percentage: 200000 → "20%", 88750 → "8.875%". */
export function formatTaxRate(ratePpm: number, locale: string = formattingLocale()): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 4 }).format(ratePpm / 1_000_000);
}

export function PriceBreakdownView({ breakdown, describeLine, caption }: PriceBreakdownViewProps) {
  const t = useT();
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
      <caption>{caption ?? t('basket.breakdown.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('basket.breakdown.ticket')}</th>
          <th scope="col">{t('basket.breakdown.price')}</th>
          <th scope="col">{t('basket.breakdown.discount')}</th>
          <th scope="col">{t('basket.breakdown.serviceFee')}</th>
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
        {breakdown.orderFee.amount > 0 && summary(t('basket.breakdown.orderFee'), money(breakdown.orderFee.amount))}
        {breakdown.deliveryFee.amount > 0 &&
          summary(
            breakdown.deliveryFee.method
              ? t('basket.breakdown.deliveryFeeBy', { method: breakdown.deliveryFee.method })
              : t('basket.breakdown.deliveryFee'),
            money(breakdown.deliveryFee.amount),
          )}
        {summary(t('basket.breakdown.subtotal'), money(totals.subtotal))}
        {(totals.discount > 0 || promoCode !== null) &&
          summary(
            promoCode ? t('basket.breakdown.discountCode', { code: promoCode }) : t('basket.breakdown.discount'),
            less(totals.discount),
          )}
        {summary(t('basket.breakdown.fees'), money(totals.fees))}
        {summary(
          t(inclusive ? 'basket.breakdown.taxIncluded' : 'basket.breakdown.tax', {
            label: tax.label,
            rate: formatTaxRate(tax.ratePpm),
          }),
          inclusive ? t('basket.breakdown.taxIncludedAmount', { amount: money(totals.tax) }) : money(totals.tax),
        )}
        {summary(t('basket.breakdown.total'), money(totals.total), 'total')}
      </tfoot>
    </table>
  );
}
