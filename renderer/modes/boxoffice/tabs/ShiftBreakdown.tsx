// The shift's takings line by line, one table per currency: ticket sales after discounts, the discounts given, the
// fees, each tax (inside the prices, or added to them), refunds (with the fees and tax given back in them, where the
// refunds kept their breakdown), and the takings they add up to.
import type { ShiftBreakdown, ShiftTaxLine } from '../../../../cloud/contract/index.ts';
import { formatMoney } from '../../../ui/format.ts';

/** "VAT 20 % (included)": the tax's name, rate and whether it is inside the prices or added to them. */
export function taxLineLabel(tax: Pick<ShiftTaxLine, 'label' | 'ratePpm' | 'mode'>): string {
  const percent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 }).format(tax.ratePpm / 10_000);
  return `${tax.label} ${percent} % (${tax.mode === 'inclusive' ? 'included' : 'added'})`;
}

export function ShiftBreakdownTables({ breakdown }: { breakdown: ShiftBreakdown[] }) {
  return (
    <>
      {breakdown.map((lines) => (
        <table
          key={lines.currency}
          className="shift-report shift-breakdown"
          aria-label={`Takings in ${lines.currency}`}
        >
          <caption>Takings in {lines.currency}, line by line</caption>
          <tbody>
            <Line label="Ticket sales (after discounts)" amount={formatMoney(lines.ticketSales)} />
            {lines.discounts.amount > 0 && (
              <Line label="Discounts given (already off ticket sales)" amount={formatMoney(lines.discounts)} note />
            )}
            <Line label="Service fees" amount={formatMoney(lines.serviceFees)} />
            <Line label="Order fees" amount={formatMoney(lines.orderFees)} />
            <Line label="Delivery fees" amount={formatMoney(lines.deliveryFees)} />
            {lines.taxes.map((tax) => (
              <Line
                key={`${tax.label}-${tax.ratePpm}-${tax.mode}`}
                label={taxLineLabel(tax)}
                amount={formatMoney(tax.collected)}
                note={tax.mode === 'inclusive'}
              />
            ))}
            {lines.exchangeCredits.amount > 0 && (
              <Line label="Exchange credits (returned tickets)" amount={`−${formatMoney(lines.exchangeCredits)}`} />
            )}
            <Line label="Refunds" amount={(lines.refunded.amount > 0 ? '−' : '') + formatMoney(lines.refunded)} />
            {lines.refundParts && (
              <>
                <Line label="Fees given back (in the refunds)" amount={formatMoney(lines.refundParts.fees)} note />
                <Line label="Tax given back (in the refunds)" amount={formatMoney(lines.refundParts.tax)} note />
                <Line
                  label="Refund fees kept (not handed back)"
                  amount={formatMoney(lines.refundParts.refundFeesKept)}
                  note
                />
              </>
            )}
          </tbody>
          <tfoot>
            <Line label="Takings" amount={formatMoney(lines.takings)} />
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
