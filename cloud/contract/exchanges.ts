// Exchanges at the box office: valid tickets of a paid order given back for a new hold of the same venue (another
// seat, or another event or date), the difference paid (cash or card terminal) or given back, in one order change.
import { z } from 'zod';
import { Money, Uuid } from './common.ts';
import { BasketLineInput, PriceBreakdown } from './commerce.ts';
import { CardTerminalPayment, CashPayment, Order } from './orders.ts';

const SignedMoney = Money.extend({ amount: z.int().min(-100_000_000).max(100_000_000) });

/** What is asked of an exchange (and of its quote): which tickets go back, and the hold that takes their place,
 * priced like a checkout (ticket types per seat, a promo code). */
const exchangeFields = {
  ticketIds: z.array(Uuid).min(1).max(100),
  holdId: Uuid,
  /** The ticket type of each new seat or standing place; those left out are adult tickets. */
  lines: z.array(BasketLineInput).max(100).optional(),
  /** A promo code for the new tickets, as the buyer said it. */
  code: z.string().trim().min(1).max(60).optional(),
};
const ticketsOnce = (body: { ticketIds: string[] }) => new Set(body.ticketIds).size === body.ticketIds.length;
const TICKETS_ONCE = { message: 'a ticket is listed twice', path: ['ticketIds'] };

export const ExchangeQuoteRequest = z.object(exchangeFields).strict().refine(ticketsOnce, TICKETS_ONCE);
export type ExchangeQuoteRequest = z.infer<typeof ExchangeQuoteRequest>;

/** How the buyer pays what the new tickets cost beyond the credit: cash at the counter (tendered, change given), or
 * the card terminal's authorization of exactly that difference. */
export const ExchangePayment = z.discriminatedUnion('method', [CashPayment, CardTerminalPayment]);
export type ExchangePayment = z.infer<typeof ExchangePayment>;

export const ExchangeRequest = z
  .object({
    ...exchangeFields,
    /** Required when the new tickets cost more than the credit; for exactly the difference. */
    payment: ExchangePayment.optional(),
    /** When a card-terminal order gets money back: the terminal's reference of that refund. */
    terminalReference: z.string().trim().min(4).max(64).optional(),
  })
  .strict()
  .refine(ticketsOnce, TICKETS_ONCE);
export type ExchangeRequest = z.infer<typeof ExchangeRequest>;

export const ExchangeQuote = z.object({
  /** What the returned tickets were paid (ticket, service fee and their tax), credited to the new order. */
  credit: Money,
  /** The new order's total. */
  newTotal: Money,
  /** newTotal − credit: to pay when positive, given back (by the order's payment method) when negative. */
  difference: SignedMoney,
  /** How the new order is priced. */
  breakdown: PriceBreakdown,
});
export type ExchangeQuote = z.infer<typeof ExchangeQuote>;

export const ExchangeResult = ExchangeQuote.extend({
  exchangeId: Uuid,
  /** The order the tickets came from, after the exchange, and the new order with its tickets. */
  from: Order,
  to: Order,
});
export type ExchangeResult = z.infer<typeof ExchangeResult>;
