// The shift table the box office and the back office both draw: per seller's shift (the back office lists many, each
// led by its day and seller; the box office one, its own) a line per payment method and currency: orders, tickets,
// money taken, refunds made and money given back, and the net. One component, so both say the same thing the same way.
import type { ReactNode } from 'react';
import type { Money } from '../../cloud/contract/index.ts';
import { formatMoney } from './format.ts';

export interface ShiftLine {
  method: string;
  orders: number;
  tickets: number;
  taken: Money;
  refunds: number;
  refunded: Money;
  net: Money;
}

/** One seller's shift: the cells that lead its first line (none for the box office's own), and its lines. */
export interface ShiftGroup {
  key: string;
  leading: readonly ReactNode[];
  lines: readonly ShiftLine[];
}

export const PAYMENT_METHOD_LABELS: Record<string, string> = {
  cash: 'Cash',
  card_terminal: 'Card terminal',
  amazon_pay: 'Amazon Pay',
  sandbox: 'Sandbox',
  exchange_credit: 'Exchange credit',
};

const MONEY_HEADERS = ['Orders', 'Tickets', 'Taken', 'Refunds', 'Refunded', 'Net'];

export function ShiftLinesTable({
  caption,
  className,
  leadingHeaders = [],
  groups,
  footer,
}: {
  caption: string;
  className: string;
  /** Headers of the leading cells (the back office's Day and Seller). */
  leadingHeaders?: readonly string[];
  groups: readonly ShiftGroup[];
  /** Rows under the lines (the box office's float and cash expected), spanning `columns - 1` then one cell. */
  footer?: ReactNode;
}) {
  return (
    <table className={className}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {leadingHeaders.map((header) => (
            <th scope="col" key={header}>
              {header}
            </th>
          ))}
          <th scope="col">Payment</th>
          {MONEY_HEADERS.map((header) => (
            <th scope="col" key={header}>
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.flatMap((group) =>
          group.lines.map((line, index) => (
            <tr key={`${group.key}-${line.method}-${line.taken.currency}`}>
              {leadingHeaders.map((header, cell) => (
                <td key={header}>{index === 0 ? group.leading[cell] : ''}</td>
              ))}
              <th scope="row">{PAYMENT_METHOD_LABELS[line.method] ?? line.method}</th>
              <td>{line.orders}</td>
              <td>{line.tickets}</td>
              <td>{formatMoney(line.taken)}</td>
              <td>{line.refunds}</td>
              <td>{formatMoney(line.refunded)}</td>
              <td>{formatMoney(line.net)}</td>
            </tr>
          )),
        )}
      </tbody>
      {footer && <tfoot>{footer}</tfoot>}
    </table>
  );
}
