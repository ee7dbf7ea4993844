// Prints an order at the kiosk or counter: its tickets (one a page, with the signed QR code) and its receipt, from
// the order and its event as the device's cache knows them, so a reprint works offline too. The shift report prints
// the same way.
import { apiPaths } from '../../cloud/contract/routes.ts';
import type { EventDetail, Money, Order, SeatMap, ShiftReport } from '../../cloud/contract/index.ts';
import {
  PAYMENT_METHOD_NAMES,
  placeOf,
  printableReceipt,
  printableTickets,
  type PrintableReceipt,
} from '../../cloud/domain/documents/printable.ts';
import { receiptPdf, shiftReportPdf, ticketsPdf } from '../../cloud/domain/documents/pdf.ts';
import { printableShiftTakings } from '../../cloud/domain/documents/shift-takings.ts';
import { formatDateTime, formatMoney } from '../../cloud/domain/format.ts';
import type { CatalogFetcher } from '../sync/catalog-fetcher.ts';
import type { Printer } from '../peripherals/printer.ts';

export interface PrintChoice {
  tickets?: boolean;
  receipt?: boolean;
  /** Printed at the top of the receipt (e.g. a sale the cloud has not confirmed yet). */
  notice?: string;
}

export class OrderPrinter {
  constructor(
    private readonly catalog: CatalogFetcher,
    private readonly printer: Printer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async eventOf(eventId: string): Promise<{ event: EventDetail; map: SeatMap; sections: SeatMap['sections'] }> {
    const event = (await this.catalog.get<EventDetail>(apiPaths.event(eventId))).value;
    const map = (await this.catalog.get<SeatMap>(apiPaths.seatMap(event.seatmapId))).value;
    return { event, map, sections: map.sections };
  }

  /** Prints what was asked; answers the print jobs (files, for the PDF printer). */
  async print(order: Order, choice: PrintChoice): Promise<string[]> {
    const { event, sections } = await this.eventOf(order.eventId);
    const jobs: string[] = [];
    if (choice.tickets) {
      const tickets = printableTickets(order, event, sections);
      if (tickets.length > 0) {
        jobs.push(await this.printer.print({ kind: 'tickets', title: order.code, pdf: await ticketsPdf(tickets) }));
      }
    }
    if (choice.receipt) {
      const receipt = printableReceipt(order, event, sections, this.clock());
      if (choice.notice) receipt.notice = choice.notice;
      jobs.push(await this.printer.print({ kind: 'receipt', title: order.code, pdf: await receiptPdf(receipt) }));
    }
    return jobs;
  }

  /** A receipt for a counter sale the cloud has not confirmed yet (sold offline from the allotment). */
  async printPendingReceipt(sale: {
    reference: string;
    eventId: string;
    buyer: string;
    seats: { seatId: string; price: { amount: number; currency: string } }[];
    tendered: { amount: number; currency: string };
  }): Promise<string> {
    const { event, map, sections } = await this.eventOf(sale.eventId);
    const byId = new Map(map.seats.map((seat) => [seat.id, seat]));
    const total = sale.seats.reduce((sum, seat) => sum + seat.price.amount, 0);
    const money = (amount: number) => formatMoney({ amount, currency: sale.tendered.currency });
    const receipt: PrintableReceipt = {
      title: 'Receipt',
      orderCode: sale.reference,
      eventName: event.name,
      when: formatDateTime(event.startsAt, event.venue.timezone),
      venue: `${event.venue.name}, ${event.venue.city}`,
      buyer: sale.buyer,
      lines: sale.seats.map((seat) => {
        const s = byId.get(seat.seatId);
        return {
          label: s ? placeOf(s, sections) : seat.seatId,
          amount: formatMoney(seat.price),
        };
      }),
      summary: [{ label: 'Fees', amount: money(0) }],
      total: money(total),
      taxIncluded: null,
      payments: [
        `Cash ${money(total)}, tendered ${money(sale.tendered.amount)}, change ${money(sale.tendered.amount - total)}`,
      ],
      refunds: [],
      notice: 'Sold offline: the tickets print when the counter is back online.',
      issuedAt: formatDateTime(this.clock().toISOString(), event.venue.timezone),
    };
    return this.printer.print({ kind: 'receipt', title: sale.reference, pdf: await receiptPdf(receipt) });
  }

  /** The shift report, its opening float and cash expected per currency (the float already in the cash expected). */
  async printShiftReport(report: ShiftReport, venue: { name: string; timezone: string }, openingFloats: Money[]) {
    const pdf = await shiftReportPdf({
      seller: report.seller,
      venue: venue.name,
      period: `${formatDateTime(report.from, venue.timezone)} to ${formatDateTime(report.to, venue.timezone)}`,
      rows: report.lines.map((line) => ({
        method: PAYMENT_METHOD_NAMES[line.method],
        orders: line.orders,
        tickets: line.tickets,
        taken: formatMoney(line.taken),
        refunds: line.refunds,
        refunded: formatMoney(line.refunded),
        net: formatMoney(line.net),
      })),
      cashExpected: report.cashExpected.map((money) => formatMoney(money)),
      openingFloat: openingFloats.map((money) => formatMoney(money)).join(', ') || 'none',
      takings: printableShiftTakings(report.breakdown),
    });
    return this.printer.print({ kind: 'shift_report', title: `shift-${report.from.slice(0, 10)}`, pdf });
  }
}
