// The shift's takings line by line, one table per currency: ticket sales after discounts, the discounts given, the
// fees, each tax (inside the prices, or added to them), refunds (with the fees and tax given back in them, where the
// refunds kept their breakdown), and the takings they add up to.
import type { ShiftBreakdown, ShiftTaxLine } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import type { Translate } from '../../../i18n/index.ts';

/** "VAT 20 % (included)": the tax's name, rate and whether it is inside the prices or added to them. */
export function taxLineLabel(tax: Pick<ShiftTaxLine, 'label' | 'ratePpm' | 'mode'>, t: Translate): string {
  const percent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 }).format(tax.ratePpm / 10_000);
  return t(tax.mode === 'inclusive' ? 'boxoffice.shift.taxIncluded' : 'boxoffice.shift.taxAdded', {
    label: tax.label,
    percent,
  });
}

export function ShiftBreakdownTables({ breakdown }: { breakdown: ShiftBreakdown[] }) {
  const t = useT();
  return (
    <>
      {breakdown.map((lines) => (
        <table
          key={lines.currency}
          className="shift-report shift-breakdown"
          aria-label={t('boxoffice.shift.takingsIn', { currency: lines.currency })}
        >
          <caption>{t('boxoffice.shift.takingsCaption', { currency: lines.currency })}</caption>
          <tbody>
            <Line label={t('boxoffice.shift.ticketSales')} amount={formatMoney(lines.ticketSales)} />
            {lines.discounts.amount > 0 && (
              <Line label={t('boxoffice.shift.discounts')} amount={formatMoney(lines.discounts)} note />
            )}
            <Line label={t('boxoffice.shift.serviceFees')} amount={formatMoney(lines.serviceFees)} />
            <Line label={t('boxoffice.shift.orderFees')} amount={formatMoney(lines.orderFees)} />
            <Line label={t('boxoffice.shift.deliveryFees')} amount={formatMoney(lines.deliveryFees)} />
            {lines.taxes.map((tax) => (
              <Line
                key={`${tax.label}-${tax.ratePpm}-${tax.mode}`}
                label={taxLineLabel(tax, t)}
                amount={formatMoney(tax.collected)}
                note={tax.mode === 'inclusive'}
              />
            ))}
            {lines.exchangeCredits.amount > 0 && (
              <Line label={t('boxoffice.shift.exchangeCredits')} amount={`−${formatMoney(lines.exchangeCredits)}`} />
            )}
            <Line
              label={t('boxoffice.shift.refunds')}
              amount={(lines.refunded.amount > 0 ? '−' : '') + formatMoney(lines.refunded)}
            />
            {lines.refundParts && (
              <>
                <Line label={t('boxoffice.shift.feesBack')} amount={formatMoney(lines.refundParts.fees)} note />
                <Line label={t('boxoffice.shift.taxBack')} amount={formatMoney(lines.refundParts.tax)} note />
                <Line
                  label={t('boxoffice.shift.refundFeesKept')}
                  amount={formatMoney(lines.refundParts.refundFeesKept)}
                  note
                />
              </>
            )}
          </tbody>
          <tfoot>
            <Line label={t('boxoffice.shift.takings')} amount={formatMoney(lines.takings)} />
          </tfoot>
        </table>
      ))}
    </>
  );
}

/** One line; a note (a discount, a tax inside the prices) is shown but not added. */
function Line({ label, amount, note = false }: { label: string; amount: string; note?: boolean }) {
  return (
    <tr className={note ? 'shift-note' : undefined}>
      <th scope="row">{label}</th>
      <td>{amount}</td>
    </tr>
  );
}
