// Prices a hold (or the part of an allotment an order sells) from the stored settings, never from amounts a client
// sends: each seat or standing place as the ticket type the buyer chose (adult when not named), checked against the
// price list and the types' limits; a promo code looked up and checked; fees and the venue's tax; the breakdown.
// The price list, fees and tax come with the event's cached copy, under its settings stamp: a sale's copy was checked
// against the stamp the sale just read and is used as it is (an order reads none of them); any other caller's copy
// (a quote, an exchange) is checked with one small read, and a stale copy's settings are read afresh.
import { findCodeForCheckout, findCode, type CodeRow } from '../../db/codes/codes.ts';
import { loadPricingSettings, type PricingSettings } from '../../db/commerce/pricing-settings.ts';
import { readEventSettingsVersion } from '../../db/events.ts';
import type { Queryable } from '../../db/port.ts';
import { DomainError } from '../../domain/errors.ts';
import { validateBasket, type BasketLine, type PricedBasketLine } from '../../domain/pricing/basket.ts';
import { codeKey } from '../../domain/pricing/code-text.ts';
import { pricingFailure } from '../../domain/pricing/errors.ts';
import { priceOrder } from '../../domain/pricing/price-order.ts';
import { checkPromoCode, type PromoRule } from '../../domain/pricing/promo-codes.ts';
import type { BasketLineInput, DeliveryMethod, PriceBreakdown } from '../../contract/index.ts';
import type { EventContext } from '../catalog/event-context.ts';
import type { PresaleCodeRule, PromoCodeRule } from './codes.ts';

/** What is being bought: seats by seat number, and standing places of one section. */
export interface HeldItems {
  seatNos: number[];
  ga: { sectionId: string; quantity: number } | null;
}

export interface PricingChoice {
  lines?: BasketLineInput[] | undefined;
  /** A promo code as the buyer typed it. */
  code?: string | undefined;
  deliveryMethod: DeliveryMethod | null;
  /** Hidden tiers the hold's presale code unlocked. */
  unlockedTierIds?: string[];
}

export interface PricedItems {
  breakdown: PriceBreakdown;
  /** Every line with its type's name and door check, by lineId (a seat id, or `<section>#<index>`). */
  lines: Map<string, PricedBasketLine>;
  promoCode: CodeRow | null;
}

/** A standing place's line id: its section and its index in the hold. */
export const gaLineId = (sectionId: string, index: number) => `${sectionId}#${index}`;

export async function priceItems(
  db: Queryable,
  context: EventContext,
  items: HeldItems,
  choice: PricingChoice,
  now: Date,
): Promise<PricedItems> {
  const { event } = context;
  const { priceList, fees, tax } = await pricingSettingsOf(db, context);
  if (!priceList || !fees) throw new DomainError('not_found', 'No such event.');
  const basket = basketOf(context, items, choice.lines ?? []);
  const checked = validateBasket(basket, priceList, { unlockedTierIds: choice.unlockedTierIds ?? [] });
  if (!checked.ok) throw pricingFailure(checked.errors, 'lines');
  const lines = checked.value;

  let promoCode: CodeRow | null = null;
  let promo: PromoRule | null = null;
  if (choice.code !== undefined) {
    const key = codeKey(choice.code);
    const found = key
      ? await findCodeForCheckout(db, { venueId: event.venue_id, eventId: null, code: key, now })
      : null;
    if (found && found.code.kind !== 'promo') {
      throw new DomainError('code_not_applicable', 'This is a presale code: use it when choosing seats.', {
        field: 'code',
      });
    }
    promo = found ? promoRuleOf(found.code, event.id) : null;
    const check = checkPromoCode(promo, { eventId: event.id, currency: event.currency, lines }, now);
    if (!check.ok) throw pricingFailure(check.errors, 'code');
    promoCode = found!.code;
  }
  const breakdown = priceOrder({
    currency: event.currency,
    lines,
    promo,
    fees,
    deliveryMethod: choice.deliveryMethod,
    tax,
  });
  return { breakdown, lines: new Map(lines.map((line) => [line.lineId, line])), promoCode };
}

/** The event's pricing settings, current as of this call (see the module's header). */
async function pricingSettingsOf(db: Queryable, context: EventContext): Promise<PricingSettings> {
  if (context.stampChecked) return context.pricing;
  const version = await readEventSettingsVersion(db, context.event.id);
  if (version === context.settingsVersion) return context.pricing;
  return loadPricingSettings(db, context.event.id, context.event.venue_id);
}

/** The tiers a hold's presale code unlocks (none without one). */
export async function unlockedTiersOf(db: Queryable, presaleCodeId: string | null): Promise<string[]> {
  if (!presaleCodeId) return [];
  const code = await findCode(db, presaleCodeId);
  return code ? (code.rule as PresaleCodeRule).unlocksTierIds : [];
}

function promoRuleOf(row: CodeRow, eventId: string): PromoRule {
  const rule = row.rule as PromoCodeRule;
  return {
    // A code of the venue for any event counts as one for this event.
    eventId: row.event_id ?? eventId,
    // Shown on the breakdown, the receipt and the email as the organizer wrote it.
    code: row.display_code ?? row.code,
    discount: rule.discount,
    scope: rule.scope,
    validFrom: row.valid_from?.toISOString() ?? null,
    validUntil: row.valid_until?.toISOString() ?? null,
  };
}

/** The basket of what is held, each line as the type the request names for it (adult when not named). */
function basketOf(context: EventContext, items: HeldItems, requested: BasketLineInput[]): BasketLine[] {
  const { layout } = context.seatMap;
  const basket: BasketLine[] = items.seatNos.map((seatNo) => ({
    lineId: layout.seatIds[seatNo]!,
    tierId: context.tiers[context.tierOf[seatNo]!]!.id,
  }));
  if (items.ga) {
    const section = context.ga.find((ga) => ga.section_id === items.ga!.sectionId)!;
    for (let index = 0; index < items.ga.quantity; index++) {
      basket.push({ lineId: gaLineId(section.section_id, index), tierId: section.tier_id });
    }
  }
  const byId = new Map(basket.map((line) => [line.lineId, line]));
  const named = new Set<string>();
  requested.forEach((line, index) => {
    const lineId = line.seatId ?? (items.ga ? gaLineId(items.ga.sectionId, line.gaIndex!) : `#${line.gaIndex}`);
    const field = `lines.${index}.${line.seatId === undefined ? 'gaIndex' : 'seatId'}`;
    const target = byId.get(lineId);
    if (!target || named.has(lineId)) {
      const message = target ? 'this seat or place is named twice' : 'not a seat or place of this hold';
      throw new DomainError('validation_failed', `${field}: ${message}`, { field, errors: [{ field, message }] });
    }
    named.add(lineId);
    target.ticketTypeId = line.ticketTypeId;
  });
  return basket;
}
