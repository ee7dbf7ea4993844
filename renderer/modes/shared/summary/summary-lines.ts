// The lines of the order summary: one per held seat or standing place, named as the seat map and the ticket name it
// ("Orchestra Left · Row A · Seat 7", a section's name, never its code), with its tier, its ticket type when it is not
// the tier's default (an adult ticket is not said), and its price. Checkout, kiosk, box office and the confirmation
// all build them here, so the same seat reads the same before and after paying.
import type { EventDetail, Hold, Money, Order, PriceBreakdown, Quote } from '../../../../cloud/contract/index.ts';
import { i18n } from '../../../i18n/index.ts';
import { defaultTypeId, optionsFor, placesOf } from '../basket/basket-lines.ts';
import { sectionNameOf, type SectionNames } from './section-names.ts';

export interface SummaryEvent {
  name: string;
  startsAt: string;
  doorsAt?: string | null;
  venue: { name: string; city: string; timezone: string; address?: string | null };
}

export interface SummaryLine {
  key: string;
  /** "Section 120 · Row 6 · Seat 22", "Box A · Seat 3" or "Standing Floor · Standing" (the map's section names). */
  place: string;
  tier: string;
  /** The ticket type, only when it is not the tier's default (an adult ticket is not said). */
  ticketType?: string;
  price: Money;
}

/** A seat's place, in the shown language, by its section's name on the map (its code when the map does not say); a
 * seat without a row (a box, a numbered bench) is named without one. */
export function seatPlace(
  seat: { sectionId: string; row: string | null; number: string },
  sections: SectionNames,
): string {
  const section = sectionNameOf(sections, seat.sectionId);
  return seat.row
    ? i18n._('checkout.summary.seat', { section, row: seat.row, seat: seat.number })
    : i18n._('checkout.summary.seatNoRow', { section, seat: seat.number });
}

/** A standing place, by its area's name on the map, in the shown language. */
export const standingPlace = (sectionId: string, sections: SectionNames): string =>
  i18n._('checkout.summary.standing', { section: sectionNameOf(sections, sectionId) });

type HoldPart = Pick<Hold, 'seats' | 'ga'>;
type EventPart = Pick<EventDetail, 'tiers' | 'prices' | 'currency'>;

/** The type's name when it is not the default of the place's tier (the adult type, else the tier's first). */
function typeShown(event: EventPart, tierId: string, typeId: string | null | undefined, name?: string | null) {
  if (!typeId || typeId === defaultTypeId(optionsFor(event.prices, tierId))) return {};
  const shown = name ?? event.prices.ticketTypes.find((type) => type.id === typeId)?.name;
  return shown ? { ticketType: shown } : {};
}

const tierNameOf = (event: EventPart, tierId: string) => event.tiers.find((tier) => tier.id === tierId)?.name ?? '';

/** The summary's lines for a hold of the event, priced by the quote when there is one. */
export function summaryLinesOfHold(
  event: EventPart,
  hold: HoldPart,
  sections: SectionNames,
  quote?: Pick<Quote, 'breakdown'> | null,
): SummaryLine[] {
  const quoted = new Map((quote?.breakdown.tickets ?? []).map((line) => [line.lineId, line]));
  const currency = quote?.breakdown.currency;
  const seatById = new Map(hold.seats.map((seat) => [seat.seatId, seat]));
  return placesOf(hold).map((place) => {
    const seat = place.seatId !== undefined ? seatById.get(place.seatId) : undefined;
    const line = quoted.get(place.key);
    const heldPrice = seat?.price ?? hold.ga?.unitPrice ?? { amount: 0, currency: event.currency };
    return {
      key: place.key,
      place: seat ? seatPlace(seat, sections) : standingPlace(hold.ga?.sectionId ?? '', sections),
      tier: tierNameOf(event, place.tierId),
      ...typeShown(event, place.tierId, line?.ticketTypeId),
      price: line && currency ? { amount: line.price, currency } : heldPrice,
    };
  });
}

type OrderTicket = Order['tickets'][number];

/** The breakdown's line of each ticket: a seat's line id is its seat id, a standing place's `<section>#<index>` (the
 * index-th standing ticket of that section), as when it was quoted. */
function breakdownLineOf(breakdown: PriceBreakdown | null) {
  const byLineId = new Map((breakdown?.tickets ?? []).map((line) => [line.lineId, line]));
  const standingSeen = new Map<string, number>();
  return (ticket: OrderTicket) => {
    if (ticket.seatId !== null) return byLineId.get(ticket.seatId);
    const index = standingSeen.get(ticket.sectionId) ?? 0;
    standingSeen.set(ticket.sectionId, index + 1);
    return byLineId.get(`${ticket.sectionId}#${index}`);
  };
}

/** The summary's lines for an order's tickets (the confirmation, the order page): each at its breakdown line's price,
 * as quoted at checkout, so the fees and tax come on top as they did there and the same seat reads the same line (an
 * order from before breakdowns has only what each ticket cost). */
export function summaryLinesOfOrder(
  event: EventPart,
  order: Pick<Order, 'tickets' | 'breakdown'>,
  sections: SectionNames,
): SummaryLine[] {
  const lineOf = breakdownLineOf(order.breakdown);
  return order.tickets.map((ticket) => {
    const line = lineOf(ticket);
    // A ticket is for a seat when it names one; only a ticket with no seat is a standing place (a seat in a section
    // without rows has a number but no row, and is still a seat).
    const place =
      ticket.seatId !== null && ticket.number !== null
        ? seatPlace({ sectionId: ticket.sectionId, row: ticket.row, number: ticket.number }, sections)
        : standingPlace(ticket.sectionId, sections);
    return {
      key: ticket.id,
      place,
      tier: tierNameOf(event, ticket.tierId),
      ...typeShown(event, ticket.tierId, ticket.ticketTypeId, ticket.ticketType),
      price: line && order.breakdown ? { amount: line.price, currency: order.breakdown.currency } : ticket.price,
    };
  });
}
