// What an export holds, column by column: orders, tickets or attendees, as rows of plain cells. Money is a decimal
// amount in major units beside a currency column (1250 EUR → "12.50", EUR); times are the venue's wall clock with
// their UTC offset. The rows come page by page from a keyset over the orders, so nothing is held whole.
import type { ExportDataset } from '../../contract/index.ts';
import {
  exportOrdersPage,
  exportTicketsOfOrders,
  type ExportCursor,
  type ExportFilter,
  type ExportOrderRow,
  type ExportTicketRow,
} from '../../db/reports-exports.ts';
import type { Queryable } from '../../db/port.ts';
import { minorToDecimal } from '../../domain/pricing/currency.ts';
import { isoInZone } from '../../domain/reports/zoned-time.ts';

export type CellKind = 'text' | 'amount' | 'count';
export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  kind: CellKind;
  width: number;
}

const text = (header: string, width = 18): ExportColumn => ({ header, kind: 'text', width });
const amount = (header: string): ExportColumn => ({ header, kind: 'amount', width: 12 });
const count = (header: string): ExportColumn => ({ header, kind: 'count', width: 9 });

export const EXPORT_COLUMNS: Record<ExportDataset, ExportColumn[]> = {
  orders: [
    text('Order'),
    text('Event', 28),
    text('Event starts', 26),
    text('Paid at', 26),
    text('State', 18),
    text('Channel', 10),
    text('Seller', 28),
    text('Buyer', 24),
    text('Email', 28),
    text('Phone', 16),
    text('Payment method', 16),
    count('Tickets'),
    amount('Total'),
    amount('Refunded'),
    text('Currency', 9),
  ],
  tickets: [
    text('Ticket', 38),
    text('Order'),
    text('Event', 28),
    text('Section'),
    text('Row', 6),
    text('Seat', 6),
    text('Tier'),
    text('Ticket type'),
    amount('Price'),
    text('Currency', 9),
    text('Status', 10),
    text('Issued at', 26),
    text('Checked in at', 26),
    text('Gate', 10),
    text('Buyer email', 28),
  ],
  attendees: [
    text('Name', 24),
    text('Email', 28),
    text('Phone', 16),
    text('Order'),
    text('Event', 28),
    text('Event starts', 26),
    text('Section'),
    text('Row', 6),
    text('Seat', 6),
    text('Tier'),
    text('Ticket type'),
    text('Checked in at', 26),
    text('Gate', 10),
  ],
};

const seller = (order: ExportOrderRow) =>
  [order.clerk, order.device].filter(Boolean).join(' at ') || (order.channel === 'web' ? 'Web shop' : '');

function orderCells(order: ExportOrderRow, zone: string): Cell[] {
  return [
    order.code,
    order.event_name,
    isoInZone(new Date(order.starts_at), zone),
    isoInZone(new Date(order.paid_at), zone),
    order.state,
    order.channel,
    seller(order),
    order.buyer_name,
    order.buyer_email,
    order.buyer_phone,
    order.payment_method,
    order.tickets,
    minorToDecimal(order.total_amount, order.currency),
    minorToDecimal(order.refunded_amount + order.credit_out_amount, order.currency),
    order.currency,
  ];
}

const when = (at: Date | null, zone: string) => (at ? isoInZone(new Date(at), zone) : null);

function ticketCells(ticket: ExportTicketRow, order: ExportOrderRow, zone: string): Cell[] {
  return [
    ticket.id,
    order.code,
    order.event_name,
    ticket.section,
    ticket.row_label,
    ticket.seat_number,
    ticket.tier,
    ticket.ticket_type,
    minorToDecimal(ticket.price_amount, ticket.currency),
    ticket.currency,
    ticket.status,
    when(ticket.issued_at, zone),
    when(ticket.used_at, zone),
    ticket.used_gate,
    order.buyer_email,
  ];
}

function attendeeCells(ticket: ExportTicketRow, order: ExportOrderRow, zone: string): Cell[] {
  return [
    order.buyer_name,
    order.buyer_email,
    order.buyer_phone,
    order.code,
    order.event_name,
    isoInZone(new Date(order.starts_at), zone),
    ticket.section,
    ticket.row_label,
    ticket.seat_number,
    ticket.tier,
    ticket.ticket_type,
    when(ticket.used_at, zone),
    ticket.used_gate,
  ];
}

/** Orders a page: big enough to keep round trips few, small enough that a page's tickets are a few thousand rows. */
export const EXPORT_PAGE_ORDERS = 500;

/** The dataset's rows, a page of orders at a time, in the order they were paid. */
export async function* exportRows(
  db: Queryable,
  dataset: ExportDataset,
  filter: ExportFilter,
  zone: string,
  pageSize = EXPORT_PAGE_ORDERS,
): AsyncGenerator<Cell[]> {
  let after: ExportCursor | null = null;
  for (;;) {
    const orders = await exportOrdersPage(db, filter, after, pageSize, dataset === 'attendees');
    if (orders.length === 0) return;
    if (dataset === 'orders') {
      for (const order of orders) yield orderCells(order, zone);
    } else {
      const tickets = await exportTicketsOfOrders(
        db,
        orders.map((order) => order.id),
      );
      const byOrder = new Map<string, ExportTicketRow[]>();
      for (const ticket of tickets) {
        const ofOrder = byOrder.get(ticket.order_id);
        if (ofOrder) ofOrder.push(ticket);
        else byOrder.set(ticket.order_id, [ticket]);
      }
      for (const order of orders) {
        for (const ticket of byOrder.get(order.id) ?? []) {
          if (dataset === 'tickets') yield ticketCells(ticket, order, zone);
          else if (ticket.status === 'valid') yield attendeeCells(ticket, order, zone);
        }
      }
    }
    const last = orders.at(-1)!;
    after = { paidKey: last.paid_key, id: last.id };
    if (orders.length < pageSize) return;
  }
}
