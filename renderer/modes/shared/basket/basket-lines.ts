// A hold seen as a basket: its places (each held seat, each standing place 0 … quantity − 1), the ticket types sold in
// each place's tier, the type chosen for each, the lines to send in a quote or an order, and the per-order rules
// (a type's maxPerOrder, its accompanying adults) broken by the choice, said before the cloud refuses it.
import type { BasketLineInput, EventPrices, Hold, TicketType } from '../../../../cloud/contract/index.ts';
import { i18n } from '../../../i18n/index.ts';

/** One seat or standing place of a hold. `key` is unique in the hold: the seat id, or `<section>#<index>` (the
 * cloud's line id, so a breakdown's lineId finds its place). */
export interface BasketPlace {
  key: string;
  seatId?: string;
  gaIndex?: number;
  tierId: string;
  /** "A, row 3, seat 12" or "Standing, Floor, place 2". */
  label: string;
}

/** A ticket type sold in a tier, with its price there (minor units of the event's currency). */
export interface TypeOption {
  type: TicketType;
  amount: number;
}

export function placesOf(hold: Pick<Hold, 'seats' | 'ga'>): BasketPlace[] {
  const seats = hold.seats.map((seat) => ({
    key: seat.seatId,
    seatId: seat.seatId,
    tierId: seat.tierId,
    label: i18n._('basket.place.seat', { section: seat.sectionId, row: seat.row, seat: seat.number }),
  }));
  const ga = hold.ga;
  const standing = ga
    ? Array.from({ length: ga.quantity }, (_, gaIndex) => ({
        key: `${ga.sectionId}#${gaIndex}`,
        gaIndex,
        tierId: ga.tierId,
        label: i18n._('basket.place.standing', { section: ga.sectionId, place: gaIndex + 1 }),
      }))
    : [];
  return [...seats, ...standing];
}

/** The types sold in a tier, in the price list's order, with their prices there. */
export function optionsFor(prices: EventPrices, tierId: string): TypeOption[] {
  const tier = prices.tiers.find((t) => t.tierId === tierId);
  if (!tier) return [];
  return prices.ticketTypes.flatMap((type) => {
    const price = tier.prices.find((p) => p.ticketTypeId === type.id);
    return price ? [{ type, amount: price.amount }] : [];
  });
}

/** The type a place is bought as unless the buyer says otherwise: the adult type, or the tier's first type. */
export function defaultTypeId(options: readonly TypeOption[]): string | null {
  return (options.find((o) => o.type.kind === 'adult') ?? options[0])?.type.id ?? null;
}

const sameLine = (place: BasketPlace, line: BasketLineInput) =>
  place.seatId !== undefined ? line.seatId === place.seatId : line.gaIndex === place.gaIndex;

/** The type chosen for a place: its line's, or the default. */
export function chosenTypeId(
  place: BasketPlace,
  prices: EventPrices,
  lines: readonly BasketLineInput[],
): string | null {
  return lines.find((line) => sameLine(place, line))?.ticketTypeId ?? defaultTypeId(optionsFor(prices, place.tierId));
}

/**
 * The lines to send with a quote or an order: EVERY place with its type, the defaults included. The cloud would read
 * a place left out as its adult type; sending each one explicitly keeps what the buyer saw and what is priced the
 * same even in a tier where the adult type is not sold (the default here is then the tier's first type). Places with
 * no type sold in their tier are left out (the cloud then answers why).
 */
export function linesToSend(
  hold: Pick<Hold, 'seats' | 'ga'>,
  prices: EventPrices,
  lines: readonly BasketLineInput[],
): BasketLineInput[] {
  return placesOf(hold).flatMap((place) => {
    const ticketTypeId = chosenTypeId(place, prices, lines);
    if (!ticketTypeId) return [];
    return [
      place.seatId !== undefined ? { seatId: place.seatId, ticketTypeId } : { gaIndex: place.gaIndex!, ticketTypeId },
    ];
  });
}

/** A line for a place: the line list with this place's type replaced. */
export function withChoice(
  hold: Pick<Hold, 'seats' | 'ga'>,
  prices: EventPrices,
  lines: readonly BasketLineInput[],
  place: BasketPlace,
  ticketTypeId: string,
): BasketLineInput[] {
  return linesToSend(hold, prices, lines).map((line) => (sameLine(place, line) ? { ...line, ticketTypeId } : line));
}

/** What the choice breaks, per type: more than its maxPerOrder, or too few adults for it. Empty when all is well. */
export function basketProblems(prices: EventPrices, lines: readonly BasketLineInput[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line.ticketTypeId, (counts.get(line.ticketTypeId) ?? 0) + 1);
  const adultIds = new Set(prices.ticketTypes.filter((type) => type.kind === 'adult').map((type) => type.id));
  const adults = [...counts].reduce((sum, [id, count]) => sum + (adultIds.has(id) ? count : 0), 0);
  const problems = new Map<string, string>();
  for (const type of prices.ticketTypes) {
    const count = counts.get(type.id) ?? 0;
    if (count === 0) continue;
    if (type.maxPerOrder !== null && count > type.maxPerOrder) {
      problems.set(type.id, i18n._('basket.rule.max', { max: type.maxPerOrder, type: type.name }));
    } else if (type.accompaniedBy) {
      const needed = Math.ceil(count / type.accompaniedBy.perTickets) * type.accompaniedBy.adults;
      if (adults < needed) problems.set(type.id, i18n._('basket.rule.adults', { count, type: type.name, needed }));
    }
  }
  return problems;
}

/** A type's per-order limits, in a few words: "at most 4 per order", "1 adult per 2 tickets". */
export function typeLimits(type: TicketType): string[] {
  return [
    ...(type.maxPerOrder !== null ? [i18n._('basket.limit.max', { max: type.maxPerOrder })] : []),
    ...(type.accompaniedBy ? [i18n._('basket.limit.adults', { ...type.accompaniedBy })] : []),
  ];
}

/** Names a breakdown's ticket lines for people: "A, row 3, seat 12 · Child" (the line id alone for a place the hold
 * does not have). */
export function lineDescriber(
  hold: Pick<Hold, 'seats' | 'ga'>,
  prices: Pick<EventPrices, 'ticketTypes'>,
  breakdown: { tickets: readonly { lineId: string; ticketTypeId: string }[] },
): (lineId: string) => string {
  const labels = new Map(placesOf(hold).map((place) => [place.key, place.label]));
  const names = new Map(prices.ticketTypes.map((type) => [type.id, type.name]));
  const typeOf = new Map(breakdown.tickets.map((line) => [line.lineId, names.get(line.ticketTypeId)]));
  return (lineId) => [labels.get(lineId) ?? lineId, typeOf.get(lineId)].filter(Boolean).join(' · ');
}
