// The commerce API's own requests and answers (the shapes they carry are in commerce.ts): what an admin sends to set
// an event's price list, what the shop sends to price a hold and what it gets back, and the lists of codes.
import { z } from 'zod';
import { Uuid } from './common.ts';
import {
  BasketLineInput,
  CreateTicketType,
  DeliveryMethod,
  PresaleCode,
  PriceBreakdown,
  PriceListEntry,
  PromoCode,
  TicketType,
} from './commerce.ts';

/** An event's price list as the admin sets it: every type with an id of the caller's choosing (kept as given, so a
 * type keeps its id across edits), the prices tier × type, the tiers sold only with a presale code. */
export const SetPriceList = z
  .object({
    ticketTypes: z
      .array(CreateTicketType.safeExtend({ id: Uuid }))
      .min(1)
      .max(20),
    entries: z.array(PriceListEntry).max(400),
    hiddenTierIds: z.array(Uuid).max(20).default([]),
  })
  .strict();
export type SetPriceList = z.infer<typeof SetPriceList>;

/** What the shop sends to price a hold: the ticket type of each line and a promo code, as an order will. */
export const QuoteRequest = z
  .object({
    lines: z.array(BasketLineInput).max(100).optional(),
    /** A promo code, as the buyer typed it. */
    code: z.string().trim().min(1).max(60).optional(),
    /** How the tickets are to be delivered (delivery fees differ); none: no delivery fee. Only the method prices
     * it: a posted order is quoted before the buyer has typed the address (an address sent along is ignored). */
    delivery: z.object({ method: DeliveryMethod }).strip().optional(),
  })
  .strict();
export type QuoteRequest = z.infer<typeof QuoteRequest>;

export const Quote = z.object({ holdId: Uuid, breakdown: PriceBreakdown });
export type Quote = z.infer<typeof Quote>;

/** A presale code as made: with the codes themselves (the shared one, or every single-use code of the batch). */
export const CreatedPresaleCode = PresaleCode.extend({ codes: z.array(z.string()) });
export type CreatedPresaleCode = z.infer<typeof CreatedPresaleCode>;

export const EventCodes = z.object({ promoCodes: z.array(PromoCode), presaleCodes: z.array(PresaleCode) });
export type EventCodes = z.infer<typeof EventCodes>;

/** A tier's ticket types and their prices, as the public catalog shows them. */
export const TierPrices = z.object({
  tierId: Uuid,
  prices: z.array(z.object({ ticketTypeId: Uuid, amount: z.int() })),
});
export const EventPrices = z.object({
  currency: z.string(),
  ticketTypes: z.array(TicketType),
  tiers: z.array(TierPrices),
});
export type EventPrices = z.infer<typeof EventPrices>;
