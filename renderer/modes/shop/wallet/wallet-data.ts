// What the ticket wallet knows of an order's event besides the order: the event (name, start, doors, venue and its
// address), its tiers' names and prices and its seat map's section names, so each ticket reads "Section · Row · Seat"
// as the order summary does.
import { useEffect, useState } from 'react';
import type { EventDetail, Order, Ticket } from '../../../../cloud/contract/index.ts';
import type { TicketingClient } from '../../../client/ticketing-client.ts';
import type { Translate } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { loadSectionNames, sectionNameOf, type SectionNames } from '../../shared/summary/index.ts';

/** The event as the wallet uses it. */
export type WalletEvent = Pick<
  EventDetail,
  'id' | 'name' | 'startsAt' | 'doorsAt' | 'tiers' | 'prices' | 'currency' | 'seatmapId' | 'venue' | 'codePolicy'
>;
/** What a map search and a calendar's location are made of. */
export type VenuePlace = Pick<EventDetail['venue'], 'name' | 'address' | 'city'>;

export type Sections = SectionNames;

export interface EventFacts {
  event: WalletEvent;
  sections: Sections;
}

/** The event and its section names (the seat map is optional: without it a section shows by its id). */
export async function loadEventFacts(client: TicketingClient, eventId: string): Promise<EventFacts> {
  const event: WalletEvent = await client.getEvent(eventId);
  return { event, sections: await loadSectionNames(client, event.seatmapId) };
}

/** A screen's load of one event's facts; null until loaded, 'failed' when the event cannot be read. */
export function useEventFacts(client: TicketingClient, eventId: string | null): EventFacts | null | 'failed' {
  const [facts, setFacts] = useState<EventFacts | null | 'failed'>(null);
  useEffect(() => {
    if (!eventId) return;
    let current = true;
    loadEventFacts(client, eventId).then(
      (loaded) => current && setFacts(loaded),
      () => current && setFacts('failed'),
    );
    return () => {
      current = false;
    };
  }, [client, eventId]);
  return facts;
}

/** "Stalls · Row C · Seat 12", "Stalls · Seat 12" or "Floor · Standing", in the shown language. */
export function placeWords(t: Translate, ticket: Pick<Ticket, 'sectionId' | 'row' | 'number'>, sections: Sections) {
  const section = sectionNameOf(sections, ticket.sectionId);
  if (ticket.number === null) return t('wallet.place.standing', { section });
  if (ticket.row === null) return t('wallet.place.seat', { section, seat: ticket.number });
  return t('wallet.place.rowSeat', { section, row: ticket.row, seat: ticket.number });
}

export const tierName = (event: WalletEvent, tierId: string): string =>
  event.tiers.find((tier) => tier.id === tierId)?.name ?? '';

/** What a ticket is now, in words: valid, refunded, transferred (passed on), or void (cancelled or exchanged). */
/** What a ticket is now: its status, or `used` once the door admitted a valid one. */
export const ticketState = (ticket: Pick<Ticket, 'status' | 'usedAt'>): Ticket['status'] | 'used' =>
  ticket.status === 'valid' && ticket.usedAt ? 'used' : ticket.status;

/** A ticket's state in words: valid, used (with when the door admitted it, in the venue's zone when given), refunded,
 * cancelled, exchanged or passed on. */
export function ticketStateWords(
  t: Translate,
  ticket: Pick<Ticket, 'status' | 'usedAt'>,
  order?: Pick<Order, 'exchangedTo'>,
  timeZone?: string | null,
) {
  if (ticket.status === 'valid' && ticket.usedAt) {
    return timeZone
      ? t('wallet.state.usedAt', { when: formatDateTime(ticket.usedAt, timeZone) })
      : t('wallet.state.used');
  }
  if (ticket.status === 'valid') return t('wallet.state.valid');
  if (ticket.status === 'refunded') return t('wallet.state.refunded');
  if (ticket.status === 'transferred') return t('wallet.state.transferred');
  return order?.exchangedTo?.length ? t('wallet.state.exchanged') : t('wallet.state.void');
}

/** "Grand Theatre, Ringstraße 1, Vienna": what a map search and a calendar's location need. */
export const venueLine = (venue: VenuePlace): string =>
  [venue.name, venue.address, venue.city].filter((part) => part && part.trim()).join(', ');
