// What an export is and how its file is written: the rows of orders, tickets or attendees (of an event, or of a
// venue's orders paid from one day to another) checked against the asker's venues (exportTarget), counted first, and
// streamed as CSV or XLSX: rows are read a keyset page at a time and written as they come, so a 100,000-ticket export
// never sits in memory. The export job (export-jobs.ts) writes the stream to the export store.
//
// csv-stringify: the CSV stream of the node-csv project, quoting and escaping by RFC 4180 with backpressure.
// exceljs: its streaming WorkbookWriter writes each committed row into the zip as it goes, where other XLSX writers
// build the whole workbook in memory first.
import { once } from 'node:events';
import { PassThrough, Readable, pipeline } from 'node:stream';
import type { ExportDataset, ExportFormat, ExportQuery } from '../../contract/index.ts';
import type { Db, Queryable } from '../../db/port.ts';
import { countExportOrders, countExportTickets, venueDayBounds, type ExportFilter } from '../../db/reports-exports.ts';
import { DomainError } from '../../domain/errors.ts';
import { authorizeStaff, eventFor } from '../access/staff-access.ts';
import type { Principal } from '../ports.ts';
import type { Cell, ExportColumn } from './export-sheets.ts';
import { checkDayRange, readableVenue } from './sales-reports.ts';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ExportTarget {
  filter: ExportFilter;
  venueId: string;
  timezone: string;
  objectType: 'event' | 'venue';
  objectId: string;
  /** In words and in the file's name: the event's name, or the venue's with the days. */
  title: string;
}

export async function exportTarget(
  db: Db,
  principal: Principal | undefined,
  query: ExportQuery,
): Promise<ExportTarget> {
  authorizeStaff(principal, 'reports:read');
  if (query.eventId) {
    const found = await eventFor(db, principal, 'reports:read', query.eventId);
    const event = { ...found, timezone: found.venue_timezone };
    return {
      filter: { eventId: event.id, venueId: null, paidFrom: null, paidBefore: null },
      venueId: event.venue_id,
      timezone: event.timezone,
      objectType: 'event',
      objectId: event.id,
      title: event.name,
    };
  }
  if (!query.venueId) {
    throw new DomainError('validation_failed', 'eventId: name an event, or a venue with from and to.', {
      field: 'eventId',
    });
  }
  for (const field of ['from', 'to'] as const) {
    if (!query[field]) {
      throw new DomainError('validation_failed', `${field}: a venue's export needs from and to (YYYY-MM-DD).`, {
        field,
      });
    }
  }
  const range = { from: query.from!, to: query.to! };
  const venue = await readableVenue(db, principal, query.venueId);
  checkDayRange(range, 366);
  const bounds = await venueDayBounds(db, venue.timezone, range.from, range.to);
  return {
    filter: { eventId: null, venueId: venue.id, paidFrom: bounds.start, paidBefore: bounds.end },
    venueId: venue.id,
    timezone: venue.timezone,
    objectType: 'venue',
    objectId: venue.id,
    title: `${venue.name} ${range.from} to ${range.to}`,
  };
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60) || 'export';

/** The file's name: `tickets-spring-gala.csv`. */
export const exportFilename = (dataset: ExportDataset, title: string, format: ExportFormat) =>
  `${dataset}-${slug(title)}.${format}`;

/** How many rows the export will have, counted before the first is written (the progress bar's end). */
export const countExportRows = (db: Queryable, dataset: ExportDataset, filter: ExportFilter) =>
  dataset === 'orders' ? countExportOrders(db, filter) : countExportTickets(db, filter, dataset === 'attendees');

/** The export's file as a stream that reads the rows as it is read (CSV or XLSX). */
export async function exportFile(
  columns: ExportColumn[],
  rows: AsyncGenerator<Cell[]>,
  dataset: ExportDataset,
  format: ExportFormat,
  log: ExportLog,
): Promise<Readable> {
  return format === 'csv' ? csvStream(columns, rows, log) : xlsxStream(columns, rows, dataset, log);
}

// Both writers are loaded on the first export (import()): the API Lambda's cold start does not compile them.
async function csvStream(columns: ExportColumn[], rows: AsyncGenerator<Cell[]>, log: ExportLog): Promise<Readable> {
  const { stringify } = await import('csv-stringify');
  const csv = stringify({ header: true, columns: columns.map((column) => column.header), bom: true });
  const safeRows = async function* () {
    for await (const cells of rows)
      yield cells.map((cell, i) => (columns[i]!.kind === 'text' ? inertText(cell) : cell));
  };
  return pipeline(Readable.from(safeRows()), csv, (error) => {
    if (error) log('export (csv) failed', error);
  });
}

export type ExportLog = (message: string, error: unknown) => void;

/**
 * A text cell a spreadsheet will not run: one that starts like a formula (`=`, `+`, `-`, `@`, tab, return; a buyer's
 * name is theirs to choose) gets a leading apostrophe, as OWASP advises for CSV. XLSX cells are typed strings, never
 * formulas, so they are written as they are.
 */
const inertText = (cell: Cell): Cell => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

async function xlsxStream(
  columns: ExportColumn[],
  rows: AsyncGenerator<Cell[]>,
  dataset: ExportDataset,
  log: ExportLog,
): Promise<Readable> {
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(dataset);
  sheet.columns = columns.map((column, index) => ({ header: column.header, key: `c${index}`, width: column.width }));
  const write = async () => {
    for await (const cells of rows) {
      // Amounts as numbers, so a spreadsheet sums them; the currency is its own column.
      sheet
        .addRow(cells.map((cell, i) => (columns[i]!.kind === 'amount' && cell !== null ? Number(cell) : cell)))
        .commit();
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    log('export (xlsx) failed', error);
    out.destroy(error as Error);
  });
  return out;
}
