// Commerce: ticket types and price lists, promo and presale codes, fees, taxes, refund policies and the priced
// breakdown stored with an order. Amounts are integers in the minor units of the one `currency` of the object they
// sit in (1250 EUR is €12.50, 1250 JPY is ¥1250, 1250 KWD is 1.250 KD); percentages of fees and promo codes are basis
// points (1 % = 100), a tax rate is parts per million (so that 8.875 % is 88750).
import { z } from 'zod';
import { Timestamp, Uuid } from './common.ts';

const Currency = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 currency code, e.g. EUR');

/** A price or a fee: whole minor units, never negative. */
const MinorAmount = z
  .int('a whole number of minor units (cents, pence, yen)')
  .min(0, 'an amount cannot be negative')
  .max(100_000_000, 'at most 100000000 minor units');

/** 0 to 10000 basis points: 0 % to 100 %. */
export const BasisPoints = z
  .int('a whole number of basis points (1 % = 100)')
  .min(0, 'a percentage cannot be negative')
  .max(10_000, 'a percentage is at most 100 % (10000 basis points)');

/** The refusals of a promo or presale code (checkPromoCode, checkPresaleCode; code_used_up is raised by the database
 * layer, which counts uses): a form shows them beside its code field. */
export const CODE_ERROR_CODES = [
  'code_unknown',
  'code_expired',
  'code_not_yet_valid',
  'code_other_event',
  'code_not_applicable',
  'code_used_up',
] as const;

/** Every error code of the commerce rules; the HTTP layer answers each as problem+json with this `type`. */
export const CommerceErrorCode = z.enum([
  // The basket (validateBasket)
  'ticket_type_unavailable',
  'ticket_type_limit',
  'ticket_type_needs_adult',
  'tier_locked',
  ...CODE_ERROR_CODES,
  // Refunds (refundAmounts, allocateRefund)
  'refund_not_allowed',
  'refund_window_closed',
  'refund_line_unknown',
  'already_refunded',
  'refund_exceeds_remaining',
]);
export type CommerceErrorCode = z.infer<typeof CommerceErrorCode>;

// ---- Ticket types and price lists ----

export const TicketTypeKind = z.enum(['adult', 'child', 'concession', 'student', 'wheelchair_companion', 'custom']);
export type TicketTypeKind = z.infer<typeof TicketTypeKind>;

export const CreateTicketType = z
  .object({
    kind: TicketTypeKind,
    /** What the buyer sees: "Adult", "Child (under 14)", "Concession". */
    name: z.string().trim().min(1).max(60),
    /** At most this many tickets of this type in one order; null: only the event's per-order limit. */
    maxPerOrder: z.int().min(1).max(100).nullable().default(null),
    /** Printed on the ticket and shown at the door, e.g. "Concession: show ID". */
    requiresCheck: z.string().trim().min(1).max(80).nullable().default(null),
    /** At least `adults` adult tickets for every `perTickets` tickets of this type (rounded up); null: none. */
    accompaniedBy: z
      .object({ adults: z.int().min(1).max(10), perTickets: z.int().min(1).max(100) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()
  .refine((type) => !(type.kind === 'adult' && type.accompaniedBy), {
    message: 'an adult ticket needs no accompanying adult',
    path: ['accompaniedBy'],
  });
export type CreateTicketType = z.infer<typeof CreateTicketType>;

export const TicketType = z.object({
  id: Uuid,
  kind: TicketTypeKind,
  name: z.string(),
  maxPerOrder: z.int().nullable(),
  requiresCheck: z.string().nullable(),
  accompaniedBy: z.object({ adults: z.int(), perTickets: z.int() }).nullable(),
});
export type TicketType = z.infer<typeof TicketType>;

/** One cell of the price list: what a ticket of this type costs in this tier. No entry: not sold in that tier. */
export const PriceListEntry = z
  .object({ tierId: Uuid, ticketTypeId: Uuid, amount: MinorAmount, currency: Currency })
  .strict();
export type PriceListEntry = z.infer<typeof PriceListEntry>;

/** An event's price list: its ticket types, tier × type prices, and the tiers sold only with a presale code. */
export const PriceList = z
  .object({
    eventId: Uuid,
    currency: Currency,
    ticketTypes: z.array(TicketType).min(1).max(20),
    entries: z.array(PriceListEntry).max(400),
    hiddenTierIds: z.array(Uuid).max(20).default([]),
  })
  .refine((list) => list.ticketTypes.filter((type) => type.kind === 'adult').length === 1, {
    message: 'exactly one adult ticket type: the default',
    path: ['ticketTypes'],
  })
  .refine((list) => list.entries.every((entry) => entry.currency === list.currency), {
    message: 'every price is in the event currency',
    path: ['entries'],
  })
  .refine((list) => list.entries.every((entry) => list.ticketTypes.some((type) => type.id === entry.ticketTypeId)), {
    message: 'a price names a ticket type that is not in the list',
    path: ['entries'],
  })
  .refine((list) => new Set(list.entries.map((e) => `${e.tierId}/${e.ticketTypeId}`)).size === list.entries.length, {
    message: 'a tier and ticket type are priced twice',
    path: ['entries'],
  });
export type PriceList = z.infer<typeof PriceList>;

// ---- Fees and taxes ----

export const FeeRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amount: MinorAmount }).strict(),
  z.object({ kind: z.literal('percent'), basisPoints: BasisPoints }).strict(),
]);
export type FeeRule = z.infer<typeof FeeRule>;

export const DeliveryMethod = z.enum(['email', 'mail', 'will_call', 'print_at_venue']);
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;

/** An event's fees, in its currency. A percent service fee is of the ticket's price after discount; a percent order
 * fee is of the tickets' total after discount. A method without a delivery fee costs nothing. */
export const FeeSettings = z
  .object({
    currency: Currency,
    serviceFee: FeeRule.nullable().default(null),
    orderFee: FeeRule.nullable().default(null),
    deliveryFees: z.array(z.object({ method: DeliveryMethod, amount: MinorAmount }).strict()).default([]),
  })
  .strict()
  .refine((fees) => new Set(fees.deliveryFees.map((fee) => fee.method)).size === fees.deliveryFees.length, {
    message: 'a delivery method has two fees',
    path: ['deliveryFees'],
  });
export type FeeSettings = z.infer<typeof FeeSettings>;

/** A venue's sales tax or VAT. Inclusive: prices and fees are gross, the tax is inside them; exclusive: they are net
 * and the tax is added. `feesTaxable` covers service, order and delivery fees alike. */
export const TaxSettings = z
  .object({
    /** Shown on breakdowns and receipts: "VAT", "Sales tax". */
    label: z.string().trim().min(1).max(30).default('VAT'),
    /** Parts per million: 20 % is 200000, 8.875 % is 88750. */
    ratePpm: z
      .int('a tax rate in parts per million (20 % = 200000)')
      .min(0, 'a tax rate cannot be negative')
      .max(1_000_000, 'a tax rate is at most 100 % (1000000 parts per million)'),
    mode: z.enum(['inclusive', 'exclusive']),
    feesTaxable: z.boolean(),
  })
  .strict();
export type TaxSettings = z.infer<typeof TaxSettings>;

// ---- Refund policies ----

/** What a buyer gets back when asking for a refund. Cancellations by the organizer always refund everything. */
export const RefundPolicy = z
  .object({
    /** Refunds are possible until this many days (24 h each) before the event starts; null: no buyer refunds. */
    refundableUntilDaysBefore: z.int().min(0).max(365).nullable(),
    /** Kept per refunded ticket (fixed, in the event's currency, or a percent of what the ticket cost); null: none. */
    refundFee: FeeRule.nullable().default(null),
    refundServiceFees: z.boolean().default(false),
    /** Order and delivery fees come back with the refund of an order's last ticket, if these say so. */
    refundOrderFee: z.boolean().default(false),
    refundDeliveryFee: z.boolean().default(false),
  })
  .strict();
export type RefundPolicy = z.infer<typeof RefundPolicy>;

// ---- Codes ----

/** A code as the organizer writes it: letters, digits and dashes. Matching ignores case, spaces and dashes and reads
 * O as 0 and I or L as 1 (see domain/pricing/code-text.ts). */
const CodeText = z
  .string()
  .trim()
  .toUpperCase()
  .max(60, 'at most 32 letters and digits')
  .regex(/^[A-Z0-9]+(?:[ -][A-Z0-9]+)*$/, 'letters and digits, with single spaces or dashes between them')
  .refine((text) => /^[A-Z0-9]{3,32}$/.test(text.replace(/[ -]/g, '')), '3 to 32 letters and digits');

/** A validity window; either end may be open. */
const windowOrdered = (window: { validFrom: string | null; validUntil: string | null }) =>
  window.validFrom === null ||
  window.validUntil === null ||
  Date.parse(window.validFrom) < Date.parse(window.validUntil);
const WINDOW_ORDER = { message: 'validUntil must be after validFrom', path: ['validUntil'] };

export const PromoDiscount = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('percent'),
      basisPoints: BasisPoints.min(1, 'a discount of at least 0.01 % (1 basis point)'),
    })
    .strict(),
  /** Taken off the order, spread over the tickets it applies to, never below zero. */
  z
    .object({
      kind: z.literal('fixed'),
      amount: MinorAmount.min(1, 'a discount of at least one minor unit'),
      currency: Currency,
    })
    .strict(),
]);
export type PromoDiscount = z.infer<typeof PromoDiscount>;

/** Which tickets of its event a promo code applies to: null means every tier, or every ticket type. */
export const PromoScope = z
  .object({
    tierIds: z.array(Uuid).min(1).max(20).nullable().default(null),
    ticketTypeIds: z.array(Uuid).min(1).max(20).nullable().default(null),
  })
  .strict();
export type PromoScope = z.infer<typeof PromoScope>;

export const CreatePromoCode = z
  .object({
    eventId: Uuid,
    code: CodeText,
    discount: PromoDiscount,
    scope: PromoScope.default({ tierIds: null, ticketTypeIds: null }),
    validFrom: Timestamp.nullable().default(null),
    validUntil: Timestamp.nullable().default(null),
    /** Enforced by the database when a use is counted; null: unlimited. */
    maxUses: z.int().min(1).max(1_000_000).nullable().default(null),
    maxUsesPerBuyer: z.int().min(1).max(100).nullable().default(null),
  })
  .strict()
  .refine(windowOrdered, WINDOW_ORDER);
export type CreatePromoCode = z.infer<typeof CreatePromoCode>;

export const PromoCode = z.object({
  id: Uuid,
  eventId: Uuid,
  code: z.string(),
  discount: PromoDiscount,
  scope: PromoScope,
  validFrom: Timestamp.nullable(),
  validUntil: Timestamp.nullable(),
  maxUses: z.int().nullable(),
  maxUsesPerBuyer: z.int().nullable(),
  uses: z.int(),
  createdAt: Timestamp,
});
export type PromoCode = z.infer<typeof PromoCode>;

/** Presale access: opens hidden tiers and/or sales before the public on-sale, with one shared code or `count`
 * single-use codes generated in bulk. The code is accepted from validFrom (the early on-sale) until validUntil. */
export const CreatePresaleCode = z
  .object({
    eventId: Uuid,
    name: z.string().trim().min(1).max(60),
    unlocksTierIds: z.array(Uuid).max(20).default([]),
    validFrom: Timestamp.nullable().default(null),
    validUntil: Timestamp.nullable().default(null),
    issue: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('shared'), code: CodeText }).strict(),
      z.object({ kind: z.literal('single_use'), count: z.int().min(1).max(10_000) }).strict(),
    ]),
  })
  .strict()
  .refine(windowOrdered, WINDOW_ORDER)
  .refine((presale) => presale.unlocksTierIds.length > 0 || presale.validFrom !== null, {
    message: 'a presale code unlocks a tier or opens sales early (validFrom)',
    path: ['unlocksTierIds'],
  });
export type CreatePresaleCode = z.infer<typeof CreatePresaleCode>;

export const PresaleCode = z.object({
  id: Uuid,
  eventId: Uuid,
  name: z.string(),
  kind: z.enum(['shared', 'single_use']),
  /** The shared code; null for single-use codes, which are listed apart. */
  code: z.string().nullable(),
  unlocksTierIds: z.array(Uuid),
  validFrom: Timestamp.nullable(),
  validUntil: Timestamp.nullable(),
  issued: z.int(),
  used: z.int(),
});
export type PresaleCode = z.infer<typeof PresaleCode>;

// ---- The priced order and its refunds ----

/** One seat or standing place of a hold, bought as a ticket type: a seat by its id, a standing place by its index
 * (0 … quantity − 1). A seat or place left out of an order's `lines` is an adult ticket. */
export const BasketLineInput = z
  .object({
    seatId: z.string().min(1).max(64).optional(),
    gaIndex: z.int().min(0).max(99).optional(),
    ticketTypeId: Uuid,
  })
  .strict()
  .refine((line) => (line.seatId === undefined) !== (line.gaIndex === undefined), {
    message: 'give a seatId or a gaIndex',
    path: ['seatId'],
  });
export type BasketLineInput = z.infer<typeof BasketLineInput>;

/** One ticket, priced. Exclusive tax: total = price − discount + serviceFee + both taxes; inclusive: the taxes are
 * inside, total = price − discount + serviceFee. */
export const PricedTicketLine = z.object({
  lineId: z.string(),
  tierId: Uuid,
  ticketTypeId: Uuid,
  price: MinorAmount,
  discount: MinorAmount,
  serviceFee: MinorAmount,
  priceTax: MinorAmount,
  serviceFeeTax: MinorAmount,
  total: MinorAmount,
});
export type PricedTicketLine = z.infer<typeof PricedTicketLine>;

/** An order-level charge (order fee, delivery fee): amount as set, its tax (inside it or on top), and the total. */
export const PricedCharge = z.object({ amount: MinorAmount, tax: MinorAmount, total: MinorAmount });
export type PricedCharge = z.infer<typeof PricedCharge>;

/** The breakdown shown before paying, stored with the order and printed on the receipt. With exclusive tax
 * total = subtotal − discount + fees + tax; with inclusive tax total = subtotal − discount + fees (tax is inside). */
export const PriceBreakdown = z.object({
  currency: Currency,
  tax: z.object({ label: z.string(), ratePpm: z.int(), mode: z.enum(['inclusive', 'exclusive']) }),
  promoCode: z.string().nullable(),
  tickets: z.array(PricedTicketLine),
  orderFee: PricedCharge,
  deliveryFee: PricedCharge.extend({ method: DeliveryMethod.nullable() }),
  totals: z.object({
    subtotal: z.int(),
    discount: z.int(),
    fees: z.int(),
    tax: z.int(),
    total: z.int(),
  }),
});
export type PriceBreakdown = z.infer<typeof PriceBreakdown>;

/** A part of a refund: `credited` is the gross amount given back for it, `tax` the tax inside that. */
export const RefundedPart = z.object({ credited: z.int(), tax: z.int() });
export type RefundedPart = z.infer<typeof RefundedPart>;

/** One refund of an order, part by part. total = sum of credited − refundFee: what goes back to the buyer. The
 * refund fee is kept out of what is credited (a charge of its own); the tax credited is the tax of the parts. */
export const RefundBreakdown = z.object({
  currency: Currency,
  tickets: z.array(
    z.object({
      lineId: z.string(),
      /** The ticket itself is given back (void it); false for money given back on a ticket the buyer keeps. */
      returned: z.boolean(),
      ticket: RefundedPart,
      serviceFee: RefundedPart,
      refundFee: z.int(),
    }),
  ),
  orderFee: RefundedPart,
  deliveryFee: RefundedPart,
  refundFee: z.int(),
  tax: z.int(),
  total: z.int(),
});
export type RefundBreakdown = z.infer<typeof RefundBreakdown>;
