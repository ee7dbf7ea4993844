// The back office's table: @tanstack/react-table (v9, headless) keeps the columns and the sort order, we keep the
// markup: a real <table> with a caption, sortable headers as buttons with aria-sort, the empty state in place of
// rows, and "Show more" for keyset pages the API hands out. Columns come from `adminColumns<Row>()` so they carry
// this table's features (sorting) in their types.
import { useState, type ReactNode } from 'react';
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { EmptyState } from './states.tsx';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic, datetime: sortFn_datetime, text: sortFn_text },
});

export type AdminTableFeatures = typeof features;
// `any` value type as tanstack's own examples do: a table's columns hold values of different types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AdminColumn<Row extends RowData> = ColumnDef<AdminTableFeatures, Row, any>;

/** A column helper for this table: `const col = adminColumns<Job>(); col.accessor('topic', { header: 'Job' })`. */
export const adminColumns = <Row extends RowData>() => createColumnHelper<AdminTableFeatures, Row>();

export function DataTable<Row extends RowData>({
  caption,
  columns,
  rows,
  rowId,
  empty,
  initialSort = [],
  more,
}: {
  /** Says what the table lists (read by screen readers; visible unless `captionHidden`). */
  caption: string;
  columns: AdminColumn<Row>[];
  rows: Row[];
  rowId: (row: Row) => string;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  initialSort?: SortingState;
  /** The next page of a keyset list, when there is one. */
  more?: { onClick(): void; busy: boolean } | undefined;
}) {
  const [sorting, setSorting] = useState<SortingState>(initialSort);
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => rowId(row),
    state: { sorting },
    onSortingChange: setSorting,
  });
  if (rows.length === 0) return typeof empty === 'string' ? <EmptyState title={empty} /> : <>{empty}</>;
  return (
    <div className="admin-table-wrap">
      <table className="admin-table">
        <caption>{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const label = header.isPlaceholder ? null : <table.FlexRender header={header} />;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.column.getCanSort() && !header.isPlaceholder ? (
                      <button type="button" className="admin-sort" onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        <span aria-hidden="true" className="admin-sort-mark">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <button type="button" className="admin-more" onClick={more.onClick} disabled={more.busy}>
          {more.busy ? 'Loading more…' : 'Show more'}
        </button>
      )}
    </div>
  );
}
