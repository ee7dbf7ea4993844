// wallet (issue 18): the tickets PDF of an order for its buyer (order token or account) to download from the order
// page: the same document the tickets email attaches, made from the order as the API shows it to that caller.
import { DomainError } from '../../domain/errors.ts';
import { printableTickets } from '../../domain/documents/printable.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import type { OrderAccess } from '../access/order-access.ts';
import type { OrderQueries } from './queries.ts';

export interface TicketsPdfFile {
  filename: string;
  bytes: Uint8Array;
}

export class TicketsPdfDownload {
  constructor(
    private readonly queries: OrderQueries,
    private readonly catalog: CatalogService,
    private readonly contexts: EventContexts,
  ) {}

  /** The PDF of the order's valid tickets; an order the caller may not see does not exist (not_found). */
  async forBuyer(orderId: string, access: OrderAccess): Promise<TicketsPdfFile> {
    const order = await this.queries.get(orderId, access);
    const [event, context] = await Promise.all([
      this.catalog.detail(order.eventId),
      this.contexts.require(order.eventId),
    ]);
    const tickets = printableTickets(order, event, context.seatMap.content.sections);
    if (tickets.length === 0) throw new DomainError('order_state_conflict', 'This order has no valid tickets.');
    // PDF code is most of a bundle and only this route and the email job need it.
    const { ticketsPdf } = await import('../../domain/documents/pdf.ts');
    return { filename: `tickets-${order.code}.pdf`, bytes: await ticketsPdf(tickets) };
  }
}
