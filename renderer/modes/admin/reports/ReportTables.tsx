// The reports' tables: sales per group (sortable, DataTable), an event's check-ins per gate and hour, and the box
// office's shifts per seller and day. Money as the venue's currency shows it; days and hours are the venue's.
import type { CheckInReport, SalesReport, ShiftList } from '../../../../cloud/contract/index.ts';
import { formatMoney } from '../../../../cloud/domain/format.ts';
import { DataTable, adminColumns } from '../kit/DataTable.tsx';
import { EmptyState } from '../kit/states.tsx';
import { ShiftLinesTable } from '../../../ui/ShiftLinesTable.tsx';

type SalesRow = SalesReport['rows'][number];
const col = adminColumns<SalesRow>();
const GROUP_HEADERS: Record<SalesReport['groupBy'], string> = {
  day: 'Day',
  tier: 'Tier',
  channel: 'Channel',
  seller: 'Seller',
};

const salesColumns = (groupBy: SalesReport['groupBy']) => [
  col.accessor('label', { header: GROUP_HEADERS[groupBy] }),
  col.accessor('orders', { header: 'Orders' }),
  col.accessor('tickets', { header: 'Tickets' }),
  col.accessor('refundedTickets', { header: 'Refunded tickets' }),
  col.accessor('voidTickets', { header: 'Void tickets' }),
  col.accessor((row) => row.gross.amount, {
    id: 'gross',
    header: 'Gross',
    cell: (c) => formatMoney(c.row.original.gross),
  }),
  col.accessor((row) => row.refunded.amount, {
    id: 'refunded',
    header: 'Refunded',
    cell: (c) => formatMoney(c.row.original.refunded),
  }),
  col.accessor((row) => row.voided.amount, {
    id: 'voided',
    header: 'Exchanged',
    cell: (c) => formatMoney(c.row.original.voided),
  }),
  col.accessor((row) => row.net.amount, {
    id: 'net',
    header: 'Net',
    cell: (c) => formatMoney(c.row.original.net),
  }),
];

export function SalesTable({ report }: { report: SalesReport }) {
  return (
    <DataTable
      caption={`Sales by ${report.groupBy}, ${report.from} to ${report.to} (${report.timezone})`}
      columns={salesColumns(report.groupBy)}
      rows={report.rows}
      rowId={(row) => `${row.key}-${row.gross.currency}`}
      empty="No sales in these days."
    />
  );
}

export function CheckInTables({ report }: { report: CheckInReport }) {
  return (
    <>
      <p data-testid="check-in-total">
        {report.admitted} of {report.expected} valid tickets checked in.
      </p>
      {report.byHour.length === 0 ? (
        <EmptyState title="Nobody has been scanned in yet." />
      ) : (
        <div className="rep-columns">
          <div className="admin-table-wrap" tabIndex={0} role="region" aria-label="Check-ins per gate">
            <table className="admin-table">
              <caption>Check-ins per gate</caption>
              <thead>
                <tr>
                  <th scope="col">Gate</th>
                  <th scope="col">Admitted</th>
                </tr>
              </thead>
              <tbody>
                {report.byGate.map((row) => (
                  <tr key={row.gate}>
                    <th scope="row">{row.gate}</th>
                    <td>{row.admitted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="admin-table-wrap" tabIndex={0} role="region" aria-label="Check-ins per hour">
            <table className="admin-table">
              <caption>Check-ins per hour ({report.timezone})</caption>
              <thead>
                <tr>
                  <th scope="col">Hour</th>
                  <th scope="col">Gate</th>
                  <th scope="col">Admitted</th>
                </tr>
              </thead>
              <tbody>
                {report.byHour.map((row) => (
                  <tr key={`${row.hour}-${row.gate}`}>
                    <th scope="row">{row.hour.replace('T', ' ')}</th>
                    <td>{row.gate}</td>
                    <td>{row.admitted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}

export function ShiftTable({ list }: { list: ShiftList }) {
  if (list.shifts.length === 0) return <EmptyState title="No box-office sales or refunds in these days." />;
  return (
    <div className="admin-table-wrap" tabIndex={0} role="region" aria-label="Box-office shifts">
      <ShiftLinesTable
        className="admin-table"
        caption={`Box-office shifts per seller and day (${list.timezone})`}
        leadingHeaders={['Day', 'Seller']}
        groups={list.shifts.map((shift) => ({
          key: `${shift.day}-${shift.seller}`,
          leading: [shift.day, shift.sellerLabel],
          lines: shift.lines,
        }))}
      />
    </div>
  );
}
