// The basket: which ticket type each seat or standing place is bought as, checked against the event's price list
// and the types' rules (hidden tiers, per-order limits, accompanying adults), and priced from the list.
import type { PriceList, TicketType } from '../../contract/index.ts';
import { accepted, rejected, type Checked, type PricingError } from './errors.ts';

/** One seat or standing place in the basket. No ticketTypeId: the price list's adult type (the default). */
export interface BasketLine {
  /** The seat id, or a standing place's key: unique in the basket, named by errors. */
  lineId: string;
  tierId: string;
  ticketTypeId?: string;
}

/** A basket line with its type resolved and its price from the list. */
export interface PricedBasketLine {
  lineId: string;
  tierId: string;
  ticketTypeId: string;
  ticketTypeName: string;
  /** Shown on the ticket and at the door, e.g. "Concession: show ID"; null: nothing to check. */
  requiresCheck: string | null;
  /** From the price list, in its currency's minor units. */
  price: number;
}

/** The default ticket type of a price list: its one adult type. */
export function defaultTicketType(priceList: Pick<PriceList, 'ticketTypes'>): TicketType {
  const adult = priceList.ticketTypes.find((type) => type.kind === 'adult');
  if (!adult) throw new Error('a price list has an adult ticket type');
  return adult;
}

/** The price of a tier × type, or null when that type is not sold in that tier. */
export function priceOf(priceList: Pick<PriceList, 'entries'>, tierId: string, ticketTypeId: string): number | null {
  const entry = priceList.entries.find((e) => e.tierId === tierId && e.ticketTypeId === ticketTypeId);
  return entry ? entry.amount : null;
}

/**
 * Checks every line of a basket and prices it, or returns every error found, each naming its line:
 * `tier_locked` (a hidden tier without a presale code that unlocks it), `ticket_type_unavailable` (no price for this
 * tier × type), `ticket_type_limit` (the lines past a type's maxPerOrder), `ticket_type_needs_adult` (the lines of a
 * type that the basket's adult tickets do not cover).
 */
export function validateBasket(
  lines: readonly BasketLine[],
  priceList: Pick<PriceList, 'ticketTypes' | 'entries' | 'hiddenTierIds'>,
  access: { unlockedTierIds?: readonly string[] } = {},
): Checked<PricedBasketLine[]> {
  const errors: PricingError[] = [];
  const adult = defaultTicketType(priceList);
  const types = new Map(priceList.ticketTypes.map((type) => [type.id, type]));
  const unlocked = new Set(access.unlockedTierIds ?? []);
  const priced: PricedBasketLine[] = [];

  for (const line of lines) {
    const type = types.get(line.ticketTypeId ?? adult.id);
    if (priceList.hiddenTierIds.includes(line.tierId) && !unlocked.has(line.tierId)) {
      errors.push({
        code: 'tier_locked',
        detail: 'This tier is sold only with a presale code.',
        lineId: line.lineId,
        tierId: line.tierId,
      });
      continue;
    }
    const price = type ? priceOf(priceList, line.tierId, type.id) : null;
    if (!type || price === null) {
      errors.push({
        code: 'ticket_type_unavailable',
        detail: type ? `${type.name} tickets are not sold in this tier.` : 'There is no such ticket type.',
        lineId: line.lineId,
        ticketTypeId: line.ticketTypeId ?? adult.id,
        tierId: line.tierId,
      });
      continue;
    }
    priced.push({
      lineId: line.lineId,
      tierId: line.tierId,
      ticketTypeId: type.id,
      ticketTypeName: type.name,
      requiresCheck: type.requiresCheck,
      price,
    });
  }

  const adults = priced.filter((line) => line.ticketTypeId === adult.id).length;
  for (const type of priceList.ticketTypes) {
    const ofType = priced.filter((line) => line.ticketTypeId === type.id);
    if (type.maxPerOrder !== null && ofType.length > type.maxPerOrder) {
      for (const line of ofType.slice(type.maxPerOrder)) {
        errors.push({
          code: 'ticket_type_limit',
          detail: `At most ${type.maxPerOrder} ${type.name} tickets per order.`,
          lineId: line.lineId,
          ticketTypeId: type.id,
        });
      }
    }
    if (type.accompaniedBy) {
      const { adults: needed, perTickets } = type.accompaniedBy;
      const covered = Math.floor(adults / needed) * perTickets;
      for (const line of ofType.slice(covered)) {
        errors.push({
          code: 'ticket_type_needs_adult',
          detail: `${type.name} tickets need ${needed} adult ticket(s) for every ${perTickets}.`,
          lineId: line.lineId,
          ticketTypeId: type.id,
        });
      }
    }
  }
  return errors.length ? rejected(errors) : accepted(priced);
}
