// The shift table the box office and the back office both draw: per seller's shift (the back office lists many, each
// led by its day and seller; the box office one, its own) a line per payment method and currency: orders, tickets,
// money taken, refunds made and money given back, and the net. One component, so both say the same thing the same way.
import type { ReactNode } from 'react';
import type { Money } from '../../cloud/contract/index.ts';
import { formatMoney } from './format.ts';
import { i18n, useT } from '../i18n/index.ts';

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

/** A payment method's name for people, in the shown language (the code itself when it is a new one). */
export function paymentMethodLabel(method: string): string {
  const id = `shift.payment.${method}`;
  return i18n.messages[id] === undefined ? method : i18n._(id);
}

const MONEY_HEADERS = ['orders', 'tickets', 'taken', 'refunds', 'refunded', 'net'] as const;

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
  const t = useT();
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
          <th scope="col">{t('shift.payment')}</th>
          {MONEY_HEADERS.map((header) => (
            <th scope="col" key={header}>
              {t(`shift.${header}`)}
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
              <th scope="row">{paymentMethodLabel(line.method)}</th>
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
