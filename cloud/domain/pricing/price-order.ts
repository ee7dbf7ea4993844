// Prices an order line by line: each ticket's price, its promo discount, its service fee and their tax; the order
// fee and the delivery fee with their tax; and the totals. Rules:
// - Rounding: half up (rounding.ts), once per component of each line, in the currency's minor units; totals are sums
//   of the rounded lines, so the parts always add up to the total exactly.
// - Discount: a percent code takes its percentage off each line it applies to (rounded per line); a fixed code takes
//   min(amount, those lines' prices) off, spread over them in proportion to their prices by largest remainder
//   (allocation.ts): the shares add up to the discount exactly and no line goes below zero.
// - Fees: a percent service fee is of the ticket's price after discount, a percent order fee of all tickets' prices
//   after discount; fixed fees are charged as set, also on free tickets. Delivery fees are per method.
// - Tax: exclusive adds round(amount × rate) to each component; inclusive extracts round(gross × rate / (1 + rate))
//   from it and leaves the total alone. Fees are taxed only when the venue's feesTaxable says so.
import type {
  DeliveryMethod,
  FeeRule,
  FeeSettings,
  PriceBreakdown,
  PricedCharge,
  PricedTicketLine,
  TaxSettings,
} from '../../contract/index.ts';
import { allocateWithinCaps } from './allocation.ts';
import { promoAppliesTo, type PromoRule } from './promo-codes.ts';
import { percentOf, taxInGross, taxOnNet } from './rounding.ts';

export interface PriceOrderInput {
  currency: string;
  /** The tickets, priced from the price list (validateBasket's lines fit). */
  lines: readonly { lineId: string; tierId: string; ticketTypeId: string; price: number }[];
  /** A promo code that checkPromoCode accepted for this order, or null. */
  promo?: Pick<PromoRule, 'code' | 'discount' | 'scope'> | null;
  fees: Pick<FeeSettings, 'currency' | 'serviceFee' | 'orderFee' | 'deliveryFees'>;
  /** How the tickets reach the buyer; null when nothing is delivered (a counter sale handed over at once). */
  deliveryMethod: DeliveryMethod | null;
  tax: Pick<TaxSettings, 'ratePpm' | 'mode' | 'feesTaxable'> & { label?: string };
}

/** The breakdown of an order (contract PriceBreakdown): what it costs, line by line. Throws only on inputs no buyer
 * can cause (mixed currencies, amounts that are not whole minor units). */
export function priceOrder(input: PriceOrderInput): PriceBreakdown {
  const { currency, lines, tax, fees } = input;
  const promo = input.promo ?? null;
  if (fees.currency !== currency) throw new Error(`fees are in ${fees.currency}, the order in ${currency}`);
  if (promo?.discount.kind === 'fixed' && promo.discount.currency !== currency) {
    throw new Error(`the promo code's discount is in ${promo.discount.currency}, the order in ${currency}`);
  }
  const exclusive = tax.mode === 'exclusive';
  const taxOf = (amount: number) => (exclusive ? taxOnNet(amount, tax.ratePpm) : taxInGross(amount, tax.ratePpm));
  const feeTaxOf = (amount: number) => (tax.feesTaxable ? taxOf(amount) : 0);

  const discounts = lineDiscounts(lines, promo);
  const tickets: PricedTicketLine[] = lines.map((line, index) => {
    const discount = discounts[index]!;
    const paidPrice = line.price - discount;
    const serviceFee = feeFor(fees.serviceFee, paidPrice);
    const priceTax = taxOf(paidPrice);
    const serviceFeeTax = feeTaxOf(serviceFee);
    return {
      lineId: line.lineId,
      tierId: line.tierId,
      ticketTypeId: line.ticketTypeId,
      price: line.price,
      discount,
      serviceFee,
      priceTax,
      serviceFeeTax,
      total: paidPrice + serviceFee + (exclusive ? priceTax + serviceFeeTax : 0),
    };
  });

  const charge = (amount: number): PricedCharge => {
    const chargeTax = feeTaxOf(amount);
    return { amount, tax: chargeTax, total: amount + (exclusive ? chargeTax : 0) };
  };
  const ticketsAfterDiscount = sum(tickets.map((t) => t.price - t.discount));
  const orderFee = charge(lines.length ? feeFor(fees.orderFee, ticketsAfterDiscount) : 0);
  const deliveryAmount = fees.deliveryFees.find((fee) => fee.method === input.deliveryMethod)?.amount ?? 0;
  const deliveryFee = { ...charge(deliveryAmount), method: input.deliveryMethod };

  return {
    currency,
    tax: { label: tax.label ?? 'VAT', ratePpm: tax.ratePpm, mode: tax.mode },
    promoCode: promo?.code ?? null,
    tickets,
    orderFee,
    deliveryFee,
    totals: {
      subtotal: sum(tickets.map((t) => t.price)),
      discount: sum(tickets.map((t) => t.discount)),
      fees: sum(tickets.map((t) => t.serviceFee)) + orderFee.amount + deliveryFee.amount,
      tax: sum(tickets.map((t) => t.priceTax + t.serviceFeeTax)) + orderFee.tax + deliveryFee.tax,
      total: sum(tickets.map((t) => t.total)) + orderFee.total + deliveryFee.total,
    },
  };
}

/** The discount on each line, in line order: zero where the code does not apply. */
function lineDiscounts(lines: PriceOrderInput['lines'], promo: PriceOrderInput['promo']): number[] {
  if (!promo) return lines.map(() => 0);
  const applies = lines.map((line) => promoAppliesTo(promo, line));
  const { discount } = promo;
  if (discount.kind === 'percent') {
    return lines.map((line, i) => (applies[i] ? percentOf(line.price, discount.basisPoints) : 0));
  }
  const caps = lines.map((line, i) => (applies[i] ? line.price : 0));
  return allocateWithinCaps(Math.min(discount.amount, sum(caps)), caps);
}

function feeFor(rule: FeeRule | null, base: number): number {
  if (!rule) return 0;
  return rule.kind === 'fixed' ? rule.amount : percentOf(base, rule.basisPoints);
}

const sum = (amounts: readonly number[]): number => amounts.reduce((total, amount) => total + amount, 0);
