// What an order paid for, part by part, and what of each part is still refundable after earlier refunds. A part is
// a ticket's price, a ticket's service fee, the order fee or the delivery fee; its amount is gross (what the buyer
// paid for it, tax included whether the tax was inside or on top) and its tax is the tax inside that amount.
import type { PriceBreakdown, RefundBreakdown, RefundedPart } from '../../contract/index.ts';

/** A part with nothing in it: what a refund gives back of a part it leaves alone. */
export const NOTHING: RefundedPart = { credited: 0, tax: 0 };

export interface TicketParts {
  lineId: string;
  ticket: RefundedPart;
  serviceFee: RefundedPart;
  /** Whether an earlier refund gave the ticket itself back. */
  returned: boolean;
}

export interface OrderParts {
  tickets: TicketParts[];
  orderFee: RefundedPart;
  deliveryFee: RefundedPart;
}

/** What the buyer paid for each part of the order. */
export function paidParts(breakdown: PriceBreakdown): OrderParts {
  const exclusive = breakdown.tax.mode === 'exclusive';
  return {
    tickets: breakdown.tickets.map((line) => ({
      lineId: line.lineId,
      ticket: { credited: line.price - line.discount + (exclusive ? line.priceTax : 0), tax: line.priceTax },
      serviceFee: { credited: line.serviceFee + (exclusive ? line.serviceFeeTax : 0), tax: line.serviceFeeTax },
      returned: false,
    })),
    orderFee: { credited: breakdown.orderFee.total, tax: breakdown.orderFee.tax },
    deliveryFee: { credited: breakdown.deliveryFee.total, tax: breakdown.deliveryFee.tax },
  };
}

/** What is left to refund of each part after the earlier refunds of the order. */
export function remainingParts(breakdown: PriceBreakdown, previous: readonly RefundBreakdown[] = []): OrderParts {
  const parts = paidParts(breakdown);
  for (const refund of previous) {
    for (const line of refund.tickets) {
      const paid = parts.tickets.find((t) => t.lineId === line.lineId);
      if (!paid) throw new Error(`an earlier refund names a line the order does not have: ${line.lineId}`);
      paid.ticket = minus(paid.ticket, line.ticket);
      paid.serviceFee = minus(paid.serviceFee, line.serviceFee);
      paid.returned ||= line.returned;
    }
    parts.orderFee = minus(parts.orderFee, refund.orderFee);
    parts.deliveryFee = minus(parts.deliveryFee, refund.deliveryFee);
  }
  return parts;
}

/** The sum of what is left to refund: the most any further refund of the order may give back. */
export function refundableTotal(parts: OrderParts): number {
  return (
    parts.tickets.reduce((sum, t) => sum + t.ticket.credited + t.serviceFee.credited, 0) +
    parts.orderFee.credited +
    parts.deliveryFee.credited
  );
}

function minus(part: RefundedPart, refunded: RefundedPart): RefundedPart {
  const left = { credited: part.credited - refunded.credited, tax: part.tax - refunded.tax };
  if (left.credited < 0 || left.tax < 0) throw new Error('earlier refunds gave back more than was paid');
  return left;
}
