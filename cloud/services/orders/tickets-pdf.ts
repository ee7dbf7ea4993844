// wallet (issue 18): the tickets PDF of an order for its buyer (order token or account) to download from the order
// page: the same document the tickets email attaches (in the order's language, the venue's logo on it; an Arabic
// ticket's page its shaped image), made from the order as the API shows it to that caller.
import { DomainError } from '../../domain/errors.ts';
import { printableTickets, ticketPageUrlOf } from '../../domain/documents/printable.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import type { OrderAccess } from '../access/order-access.ts';
import type { OrderQueries } from './queries.ts';
import type { Db } from '../../db/port.ts';
import { readVenueLogo } from '../../db/venues.ts';
import { isRightToLeft } from '../../domain/i18n/index.ts';

export interface TicketsPdfFile {
  filename: string;
  bytes: Uint8Array;
}

export class TicketsPdfDownload {
  constructor(
    private readonly queries: OrderQueries,
    private readonly catalog: CatalogService,
    private readonly contexts: EventContexts,
    private readonly db: Db,
    /** The shop's address and an order's access token: the live ticket's link on a rotating policy's tickets. */
    private readonly ticketPage: { publicUrl: () => string; orderAccessToken: (orderId: string) => string },
  ) {}

  /** The PDF of the order's valid tickets; an order the caller may not see does not exist (not_found). */
  async forBuyer(orderId: string, access: OrderAccess): Promise<TicketsPdfFile> {
    const order = await this.queries.get(orderId, access);
    const [event, context] = await Promise.all([
      this.catalog.detail(order.eventId),
      this.contexts.require(order.eventId),
    ]);
    const ticketPageUrl = ticketPageUrlOf(
      this.ticketPage.publicUrl(),
      order.id,
      this.ticketPage.orderAccessToken(order.id),
    );
    const tickets = printableTickets(order, event, context.seatMap.content.sections, order.locale, { ticketPageUrl });
    if (tickets.length === 0) throw new DomainError('order_state_conflict', 'This order has no valid tickets.');
    const logo = event.venue.logoUrl ? await readVenueLogo(this.db, event.venue.id) : null;
    // PDF code is most of a bundle and only this route and the email job need it; resvg (a native module) only when
    // there is a logo to rasterise or an Arabic ticket to draw.
    const { ticketsPdf } = await import('../../domain/documents/pdf.ts');
    if (!logo && !isRightToLeft(order.locale)) {
      return { filename: `tickets-${order.code}.pdf`, bytes: await ticketsPdf(tickets) };
    }
    const { drawableLogo, renderTicketPng } = await import('../fulfilment/ticket-image.ts');
    const drawn = drawableLogo(logo);
    const bytes = await ticketsPdf(tickets, { logo: drawn, pageImage: (ticket) => renderTicketPng(ticket, drawn) });
    return { filename: `tickets-${order.code}.pdf`, bytes };
  }
}
