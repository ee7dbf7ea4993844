// A ticket's pass as it is now: the order, event and seat map read through the same views as the tickets PDF, the
// ticket put in pass words (domain/tickets/passes.ts) with its state, and the venue's logo for the images. Shared by
// the buyer's download, Apple's web service and the update job.
import type { Order } from '../../contract/index.ts';
import type { Db } from '../../db/port.ts';
import { readVenueLogo } from '../../db/venues.ts';
import { printableTickets } from '../../domain/documents/printable.ts';
import { DomainError } from '../../domain/errors.ts';
import type { PassTicket, PassTicketState } from '../../domain/tickets/passes.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import { drawableLogo } from '../fulfilment/ticket-image.ts';

export interface PassContentDeps {
  db: Db;
  catalog: CatalogService;
  contexts: EventContexts;
}

export interface LoadedPass {
  ticket: PassTicket;
  eventId: string;
  /** The venue's logo, ready to draw (PNG or JPEG), or null. */
  logo: { type: string; bytes: Uint8Array } | null;
  /** The venue logo's public address (same origin), for Google's class; null without a logo. */
  logoPath: string | null;
  /** The event refuses static codes (`rotating_only`): no pass is handed out. */
  rotatingOnly: boolean;
}

export async function loadPass(deps: PassContentDeps, order: Order, ticketId: string): Promise<LoadedPass> {
  const ticket = order.tickets.find((candidate) => candidate.id === ticketId);
  if (!ticket) throw new DomainError('not_found', 'No such ticket in this order.');
  const [event, context] = await Promise.all([
    deps.catalog.detail(order.eventId),
    deps.contexts.require(order.eventId),
  ]);
  // A ticket no longer valid has no code in the order view: its pass is voided and shows none (the placeholder is
  // never drawn).
  const asValid = { ...order, tickets: [{ ...ticket, status: 'valid' as const, code: ticket.code ?? '-' }] };
  const [printable] = printableTickets(asValid, event, context.seatMap.content.sections, order.locale);
  const logoRow = event.venue.logoUrl ? await readVenueLogo(deps.db, event.venue.id) : null;
  const state: PassTicketState = ticket.status;
  return {
    eventId: order.eventId,
    ticket: {
      printable: printable!,
      state,
      startsAt: event.startsAt,
      doorsAt: event.doorsAt,
      venueName: event.venue.name,
      venueAddress: event.venue.address,
    },
    logo: drawableLogo(logoRow),
    logoPath: event.venue.logoUrl,
    // MERGE (rotating-core): the event's code policy comes with its settings; read without its type until then.
    rotatingOnly: (event as { codePolicy?: string }).codePolicy === 'rotating_only',
  };
}
