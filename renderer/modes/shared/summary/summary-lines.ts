// The lines of the order summary: one per held seat or standing place, named for people ("Section 120 · Row 6 ·
// Seat 22"), with its tier, its ticket type when it is not the tier's default, and its price (the quoted one when
// there is a quote, else the hold's). Kiosk, box office and shop build them from what their screens already have.
import type { EventDetail, Hold, Money, Order, Quote } from '../../../../cloud/contract/index.ts';
import { i18n } from '../../../i18n/index.ts';
import { defaultTypeId, optionsFor, placesOf } from '../basket/basket-lines.ts';

export interface SummaryEvent {
  name: string;
  startsAt: string;
  doorsAt?: string | null;
  venue: { name: string; city: string; timezone: string; address?: string | null };
}

export interface SummaryLine {
  key: string;
  /** "Section 120 · Row 6 · Seat 22", "Section Box A · Seat 3" or "Standing Floor". */
  place: string;
  tier: string;
  /** The ticket type, only when it is not the tier's default (an adult ticket is not said). */
  ticketType?: string;
  price: Money;
}

/** A seat's place, in the shown language; a seat without a row (a box, a numbered bench) is named without one. */
export const seatPlace = (seat: { sectionId: string; row: string | null; number: string }): string =>
  seat.row
    ? i18n._('checkout.summary.seat', { section: seat.sectionId, row: seat.row, seat: seat.number })
    : i18n._('checkout.summary.seatNoRow', { section: seat.sectionId, seat: seat.number });

/** A standing place's name (its section), in the shown language. */
export const standingPlace = (sectionId: string): string => i18n._('checkout.summary.standing', { section: sectionId });

type HoldPart = Pick<Hold, 'seats' | 'ga'>;
type EventPart = Pick<EventDetail, 'tiers' | 'prices' | 'currency'>;

/** The summary's lines for a hold of the event, priced by the quote when there is one. */
export function summaryLinesOfHold(
  event: EventPart,
  hold: HoldPart,
  quote?: Pick<Quote, 'breakdown'> | null,
): SummaryLine[] {
  const tierName = new Map(event.tiers.map((tier) => [tier.id, tier.name]));
  const typeName = new Map(event.prices.ticketTypes.map((type) => [type.id, type.name]));
  const quoted = new Map((quote?.breakdown.tickets ?? []).map((line) => [line.lineId, line]));
  const currency = quote?.breakdown.currency;
  const seatById = new Map(hold.seats.map((seat) => [seat.seatId, seat]));
  return placesOf(hold).map((place) => {
    const seat = place.seatId !== undefined ? seatById.get(place.seatId) : undefined;
    const line = quoted.get(place.key);
    const standardType = defaultTypeId(optionsFor(event.prices, place.tierId));
    const ticketType = line && line.ticketTypeId !== standardType ? typeName.get(line.ticketTypeId) : undefined;
    const heldPrice = seat?.price ?? hold.ga?.unitPrice ?? { amount: 0, currency: event.currency };
    return {
      key: place.key,
      place: seat ? seatPlace(seat) : standingPlace(hold.ga?.sectionId ?? ''),
      tier: tierName.get(place.tierId) ?? '',
      ...(ticketType ? { ticketType } : {}),
      price: line && currency ? { amount: line.price, currency } : heldPrice,
    };
  });
}

/** The summary's lines for an order's tickets (the confirmation, the order page): each at its tier's list price for
 * its type, so the breakdown's fees and tax come on top as before paying. */
export function summaryLinesOfOrder(event: EventPart, order: Pick<Order, 'tickets' | 'total'>): SummaryLine[] {
  const tierName = new Map(event.tiers.map((tier) => [tier.id, tier.name]));
  return order.tickets.map((ticket) => {
    const options = optionsFor(event.prices, ticket.tierId);
    const standardType = defaultTypeId(options);
    const listed = options.find((option) => option.type.id === ticket.ticketTypeId)?.amount;
    // A ticket is for a seat when it names one; only a ticket with no seat is a standing place (a seat in a section
    // without rows has a number but no row, and is still a seat).
    const place =
      ticket.seatId !== null && ticket.number !== null
        ? seatPlace({ sectionId: ticket.sectionId, row: ticket.row, number: ticket.number })
        : standingPlace(ticket.sectionId);
    return {
      key: ticket.id,
      place,
      tier: tierName.get(ticket.tierId) ?? '',
      ...(ticket.ticketType && ticket.ticketTypeId !== standardType ? { ticketType: ticket.ticketType } : {}),
      price: listed !== undefined ? { amount: listed, currency: order.total.currency } : ticket.price,
    };
  });
}
