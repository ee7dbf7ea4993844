// Orders, tickets, payments and refunds: what the three doors (web shop, kiosk, box office) send and get back.
import { z } from 'zod';
import { Money, Timestamp, Uuid } from './common.ts';
import { Email, PersonName } from './identity.ts';
import { BasketLineInput, PriceBreakdown, RefundBreakdown, type DeliveryMethod } from './commerce.ts';

export const Buyer = z
  .object({
    email: Email,
    name: PersonName,
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number: digits, spaces, + ( ) -')
      .optional(),
  })
  .strict();

export const PostalAddress = z
  .object({
    name: PersonName,
    line1: z.string().trim().min(1).max(120),
    line2: z.string().trim().max(120).optional(),
    city: z.string().trim().min(1).max(80),
    region: z.string().trim().max(80).optional(),
    postalCode: z
      .string()
      .trim()
      .min(2)
      .max(12)
      .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes'),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. GB'),
  })
  .strict();
export type PostalAddress = z.infer<typeof PostalAddress>;

export const Delivery = z.discriminatedUnion('method', [
  z.object({ method: z.literal('email') }).strict(),
  z.object({ method: z.literal('mail'), address: PostalAddress }).strict(),
  z.object({ method: z.literal('will_call') }).strict(),
  z.object({ method: z.literal('print_at_venue') }).strict(),
]);
export type Delivery = z.infer<typeof Delivery>;
// The delivery methods of an order and the ones a fee can be set for are the same list (a type error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _deliveryMethodsMatch: Same<Delivery['method'], DeliveryMethod> = true;

const ReturnUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .describe('Where the buyer comes back to after approving the payment');

/** The card terminal's authorization, made at the kiosk or counter for exactly the amount due. */
export const CardTerminalPayment = z
  .object({
    method: z.literal('card_terminal'),
    authorization: z
      .object({
        reference: z.string().trim().min(4).max(64),
        amount: Money,
        cardLast4: z.string().regex(/^[0-9]{4}$/),
      })
      .strict(),
  })
  .strict();
/** Cash handed over at the counter (at least the amount due; the change is counted back). */
export const CashPayment = z.object({ method: z.literal('cash'), tendered: Money }).strict();

export const PaymentRequest = z.discriminatedUnion('method', [
  z.object({ method: z.literal('amazon_pay'), returnUrl: ReturnUrl }).strict(),
  z.object({ method: z.literal('sandbox'), returnUrl: ReturnUrl }).strict(),
  CardTerminalPayment,
  CashPayment,
]);
export type PaymentRequest = z.infer<typeof PaymentRequest>;
export type PaymentMethod = PaymentRequest['method'];
/** How an order may have been paid: a payment method, or the credit of tickets given back in an exchange
 * (contract/exchanges.ts), which no buyer chooses. */
export const STORED_PAYMENT_METHODS = [
  'amazon_pay',
  'sandbox',
  'card_terminal',
  'cash',
  'exchange_credit',
  /** A transferred ticket's new order (nothing paid: the money stays with the sender's order). */
  'transfer',
] as const;
export type StoredPaymentMethod = (typeof STORED_PAYMENT_METHODS)[number];

/** The languages emails and documents are written in. */
export const OrderLocale = z.enum(['en', 'de', 'ar']);
export type OrderLocale = z.infer<typeof OrderLocale>;

export const CreateOrder = z
  .object({
    holdId: Uuid,
    /** When holdId is a box office's allotment: the seats of it this order sells. */
    allotmentSeatIds: z.array(z.string().min(1).max(64)).min(1).max(100).optional(),
    buyer: Buyer,
    delivery: Delivery,
    payment: PaymentRequest,
    /** The ticket type of each seat or standing place; those left out are adult tickets. */
    lines: z.array(BasketLineInput).max(100).optional(),
    /** A promo code, as the buyer typed it. */
    code: z.string().trim().min(1).max(60).optional(),
    /** The buyer's language: the order's emails and PDFs are written in it (English when left out). */
    locale: OrderLocale.optional(),
  })
  .strict();
export type CreateOrder = z.infer<typeof CreateOrder>;

/** The one list of order states: the domain's state machine and the database rows take their type from here. */
export const OrderState = z.enum(['pending_payment', 'paid', 'partially_refunded', 'refunded', 'cancelled']);
export type OrderState = z.infer<typeof OrderState>;

export const Ticket = z.object({
  id: Uuid,
  seatId: z.string().nullable(),
  sectionId: z.string(),
  row: z.string().nullable(),
  number: z.string().nullable(),
  tierId: Uuid,
  /** What the buyer paid for this ticket: its price after discount, with its service fee and their tax. */
  price: Money,
  /** What it was sold as (null on tickets sold before ticket types), and what the door checks, e.g. an ID. */
  ticketTypeId: Uuid.nullable(),
  ticketType: z.string().nullable(),
  requiresCheck: z.string().nullable(),
  status: z.enum(['valid', 'refunded', 'void', 'transferred']),
  /** When the door admitted it (null: not yet); left out only by callers that predate it. */
  usedAt: Timestamp.nullable().optional(),
  /** Signed code for the QR image; only on valid tickets. */
  code: z.string().nullable(),
});
export type Ticket = z.infer<typeof Ticket>;

export const Payment = z.object({
  id: Uuid,
  method: z.enum(STORED_PAYMENT_METHODS),
  state: z.enum(['open', 'completing', 'captured', 'declined', 'failed']),
  amount: Money,
  /** Where to send the buyer to approve the payment (web payments that are still open). */
  redirectUrl: z.string().nullable(),
  cardLast4: z.string().nullable(),
  tendered: Money.nullable(),
  change: Money.nullable(),
  failureReason: z.string().nullable(),
});

export const Refund = z.object({
  id: Uuid,
  amount: Money,
  ticketIds: z.array(Uuid),
  reason: z.string(),
  state: z.enum(['pending', 'succeeded', 'failed']),
  createdAt: Timestamp,
  /** What the refund gave back part by part (tickets, fees, tax, the refund fee kept); absent for refunds of orders
   * priced before breakdowns. `amount` is its total. */
  breakdown: RefundBreakdown.optional(),
});

export const Order = z.object({
  id: Uuid,
  code: z.string(),
  eventId: Uuid,
  state: OrderState,
  channel: z.enum(['web', 'kiosk', 'boxoffice']),
  buyer: z.object({ email: z.string(), name: z.string(), phone: z.string().nullable() }),
  delivery: Delivery,
  /** The language the order's emails and PDFs are written in. */
  locale: OrderLocale,
  total: Money,
  /** How the total was made, line by line (null on orders placed before price breakdowns). */
  breakdown: PriceBreakdown.nullable(),
  refunded: Money,
  holdId: Uuid,
  holdExpiresAt: Timestamp.nullable(),
  cancelReason: z.string().nullable(),
  tickets: z.array(Ticket),
  payments: z.array(Payment),
  refunds: z.array(Refund),
  createdAt: Timestamp,
  paidAt: Timestamp.nullable(),
  /** Will-call: when the tickets were handed over at the counter. */
  pickedUpAt: Timestamp.nullable(),
  /** A cancelled event's order paid at a counter: what the box office is to hand back (null otherwise, and once it
   * has been handed back). */
  owedAtCounter: Money.nullable(),
  /** Posted tickets: the shipment as the mailing service reports it. */
  shipping: z
    .object({
      state: z.enum(['submitted', 'accepted', 'printed', 'shipped', 'delivered', 'returned']),
      carrier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      updatedAt: Timestamp,
    })
    .nullable(),
  /** Credit of tickets given back in exchanges, gone to the orders in `exchangedTo` (not refunded). */
  creditOut: Money.optional(),
  /** Exchanges at the box office: the orders this one's tickets were exchanged to, and the order it came from. */
  exchangedTo: z.array(z.object({ orderId: Uuid, code: z.string() })).optional(),
  exchangedFrom: z.object({ orderId: Uuid, code: z.string() }).optional(),
});
export type Order = z.infer<typeof Order>;

/** The creation response is the one place the order's access token is shown (a guest's way back to the order). */
export const CreatedOrder = Order.extend({ accessToken: z.string() });
export type CreatedOrder = z.infer<typeof CreatedOrder>;

export const CreateRefund = z
  .object({
    /** Which tickets; all valid tickets of the order when left out. */
    ticketIds: z.array(Uuid).min(1).max(100).optional(),
    reason: z.string().trim().min(1).max(500),
    /** Card-terminal orders: the terminal's reference for the refund made at the counter. */
    terminalReference: z.string().trim().min(4).max(64).optional(),
    /** Orders priced with a breakdown: keep no refund fee of the event's refund policy (a clerk's goodwill). */
    waiveRefundFee: z.boolean().optional(),
  })
  .strict()
  .refine((body) => !body.ticketIds || new Set(body.ticketIds).size === body.ticketIds.length, {
    message: 'a ticket is listed twice',
    path: ['ticketIds'],
  });
export type CreateRefund = z.infer<typeof CreateRefund>;

/** What a clerk's refund (chosen tickets) or cancellation (`cancel`: the whole order) would give back, asked before
 * making it: the card terminal is asked for exactly this amount, and the clerk hands back exactly this cash. */
export const RefundQuoteRequest = z
  .object({
    ticketIds: z.array(Uuid).min(1).max(100).optional(),
    waiveRefundFee: z.boolean().optional(),
    cancel: z.boolean().optional(),
  })
  .strict()
  .refine((body) => !body.ticketIds || new Set(body.ticketIds).size === body.ticketIds.length, {
    message: 'a ticket is listed twice',
    path: ['ticketIds'],
  })
  .refine((body) => !(body.cancel && body.ticketIds), {
    message: 'a cancellation gives back the whole order: name no tickets',
    path: ['ticketIds'],
  });
export type RefundQuoteRequest = z.infer<typeof RefundQuoteRequest>;

export const RefundQuote = z.object({
  amount: Money,
  /** Part by part; null for orders priced before breakdowns (their tickets' prices go back). */
  breakdown: RefundBreakdown.nullable(),
});
export type RefundQuote = z.infer<typeof RefundQuote>;

export const CancelOrder = z
  .object({
    reason: z.string().trim().min(1).max(500),
    /** Card-terminal orders: the terminal's reference for the refund made at the counter. */
    terminalReference: z.string().trim().min(4).max(64).optional(),
  })
  .strict();
export type CancelOrder = z.infer<typeof CancelOrder>;

export const OrderSearch = z
  .object({
    q: z.string().trim().min(2).max(120).describe('Email, name, order code, or the last 4 digits of the card'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

export const OrderSummary = Order.pick({
  id: true,
  code: true,
  eventId: true,
  state: true,
  channel: true,
  buyer: true,
  total: true,
  createdAt: true,
});
export const OrderList = z.object({ orders: z.array(OrderSummary) });
export type OrderSummary = z.infer<typeof OrderSummary>;

export const ShiftReportQuery = z
  .object({
    from: Timestamp,
    to: Timestamp.optional(),
    /** Cash in the drawer at the start of the shift, in minor units of the currency. */
    openingFloat: z.coerce.number().int().min(0).max(10_000_000).default(0),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
  })
  .strict();

/** An amount that may be below zero: a shift can give back more than it took (refunds of earlier sales). */
const SignedMoney = Money.extend({ amount: z.int().min(-100_000_000).max(100_000_000) });

/** One tax of the orders sold in a shift (a venue's VAT or sales tax, by label, rate and mode), summed. */
export const ShiftTaxLine = z.object({
  label: z.string(),
  ratePpm: z.int(),
  mode: z.enum(['inclusive', 'exclusive']),
  /** Inclusive: inside the ticket sales and fees; exclusive: added to them. */
  collected: Money,
});
export type ShiftTaxLine = z.infer<typeof ShiftTaxLine>;

/** A shift's takings in one currency, line by line, as the orders' price breakdowns say (an order priced before
 * breakdowns were kept counts as ticket sales only). They add up: ticketSales + serviceFees + orderFees + deliveryFees
 * + the exclusive taxes − exchangeCredits − refunded = takings, the payment lines' net in this currency summed. */
export const ShiftBreakdown = z.object({
  currency: z.string(),
  /** Ticket prices after discounts. */
  ticketSales: Money,
  /** Already taken off the ticket sales; shown for the record. */
  discounts: Money,
  serviceFees: Money,
  orderFees: Money,
  deliveryFees: Money,
  taxes: z.array(ShiftTaxLine),
  /** What exchanged tickets were worth, paying part of the new orders sold for them (no money moved for it). */
  exchangeCredits: Money,
  /** Handed back, as the payment lines' refunded. */
  refunded: Money,
  /** Inside `refunded`, as the refunds' breakdowns say (refunds without one are not in these); null: none had one. */
  refundParts: z
    .object({
      /** Service, order and delivery fees given back (their tax inside). */
      fees: Money,
      /** The tax inside what was given back. */
      tax: Money,
      /** Refund fees kept from the buyer (not handed back). */
      refundFeesKept: Money,
    })
    .nullable(),
  takings: SignedMoney,
});
export type ShiftBreakdown = z.infer<typeof ShiftBreakdown>;

export const ShiftReport = z.object({
  seller: z.string(),
  from: Timestamp,
  to: Timestamp,
  lines: z.array(
    z.object({
      method: z.enum(STORED_PAYMENT_METHODS),
      orders: z.int(),
      tickets: z.int(),
      taken: Money,
      refunds: z.int(),
      refunded: Money,
      net: SignedMoney,
    }),
  ),
  /** Per currency: the opening float plus cash taken minus cash handed back. */
  cashExpected: z.array(Money),
  /** Per currency: what the takings were for, line by line. */
  breakdown: z.array(ShiftBreakdown),
});
export type ShiftReport = z.infer<typeof ShiftReport>;
