// Orders as the API shows them: with tickets (seat, row, number from the seat map), payments and refunds.
import { findExchangeLinks } from '../../db/exchanges.ts';
import { loadOrderParts, type OrderParts, type OrderRow } from '../../db/orders.ts';
import type { Queryable } from '../../db/port.ts';
import { PriceBreakdown, RefundBreakdown, type Delivery, type Order, type OrderSummary } from '../../contract/index.ts';
import type { EventContexts } from '../catalog/event-context.ts';

/** The orders an order was exchanged to and from (db/exchanges.ts). */
export interface ExchangeLinks {
  to: { order_id: string; code: string }[];
  from: { order_id: string; code: string } | null;
}

export async function presentOrder(
  contexts: EventContexts,
  order: OrderRow,
  parts: OrderParts,
  links: ExchangeLinks = { to: [], from: null },
): Promise<Order> {
  const { holdExpiresAt } = parts;
  const context = await contexts.require(order.event_id);
  const seats = context.seatMap.content.seats;
  const money = (amount: number) => ({ amount, currency: order.currency });
  const { createdAt, ...summary } = summarizeOrder(order);
  return {
    ...summary,
    delivery: order.delivery as Delivery,
    locale: order.locale,
    breakdown: order.price_breakdown === null ? null : PriceBreakdown.parse(order.price_breakdown),
    refunded: money(order.refunded_amount),
    holdId: order.hold_id,
    holdExpiresAt: order.state === 'pending_payment' && holdExpiresAt ? holdExpiresAt.toISOString() : null,
    cancelReason: order.cancel_reason,
    tickets: parts.tickets.map((ticket) => {
      const seat = ticket.seat_no === null ? undefined : seats[ticket.seat_no];
      return {
        id: ticket.id,
        seatId: ticket.seat_id,
        sectionId: seat?.sectionId ?? ticket.ga_section_id ?? '',
        row: seat?.row ?? null,
        number: seat?.number ?? null,
        tierId: ticket.tier_id,
        price: money(ticket.price_amount),
        ticketTypeId: ticket.ticket_type_id,
        ticketType: ticket.ticket_type_name,
        requiresCheck: ticket.requires_check,
        status: ticket.status,
        usedAt: ticket.used_at ? ticket.used_at.toISOString() : null,
        code: ticket.status === 'valid' ? ticket.code : null,
      };
    }),
    payments: parts.payments.map((payment) => ({
      id: payment.id,
      method: payment.method,
      state: payment.state,
      amount: money(payment.amount),
      redirectUrl: payment.state === 'open' ? payment.redirect_url : null,
      cardLast4: payment.card_last4,
      tendered: payment.tendered_amount === null ? null : money(payment.tendered_amount),
      change: payment.change_amount === null ? null : money(payment.change_amount),
      failureReason: payment.failure_reason,
    })),
    refunds: parts.refunds.map((refund) => ({
      id: refund.id,
      amount: money(refund.amount),
      ticketIds: refund.ticket_ids,
      reason: refund.reason,
      state: refund.state,
      createdAt: refund.created_at.toISOString(),
      ...(refund.breakdown == null ? {} : { breakdown: RefundBreakdown.parse(refund.breakdown) }),
    })),
    createdAt,
    paidAt: order.paid_at?.toISOString() ?? null,
    pickedUpAt: order.picked_up_at?.toISOString() ?? null,
    owedAtCounter: parts.owedAtCounter === null ? null : money(parts.owedAtCounter),
    shipping: parts.shipment
      ? {
          state: parts.shipment.state as NonNullable<Order['shipping']>['state'],
          carrier: parts.shipment.carrier,
          trackingNumber: parts.shipment.tracking_number,
          updatedAt: new Date(parts.shipment.updated_at).toISOString(),
        }
      : null,
    ...(order.credit_out_amount > 0 ? { creditOut: money(order.credit_out_amount) } : {}),
    ...(links.to.length > 0 ? { exchangedTo: links.to.map((l) => ({ orderId: l.order_id, code: l.code })) } : {}),
    ...(links.from ? { exchangedFrom: { orderId: links.from.order_id, code: links.from.code } } : {}),
  };
}

export const summarizeOrder = (order: OrderRow): OrderSummary => ({
  id: order.id,
  code: order.code,
  eventId: order.event_id,
  state: order.state,
  channel: order.channel,
  buyer: { email: order.buyer_email, name: order.buyer_name, phone: order.buyer_phone },
  total: { amount: order.total_amount, currency: order.currency },
  createdAt: order.created_at.toISOString(),
});

/** An order as the API shows it, with its parts read in one round trip. */
export async function viewOrder(contexts: EventContexts, db: Queryable, order: OrderRow): Promise<Order> {
  return viewOrderWithParts(contexts, db, order, await loadOrderParts(db, order));
}

/** An order as the API shows it, from parts its caller has already (a sale knows its tickets and payments). */
export async function viewOrderWithParts(
  contexts: EventContexts,
  db: Queryable,
  order: OrderRow,
  parts: OrderParts,
): Promise<Order> {
  // Only an order with a voided ticket or a credit payment can be in an exchange: the others skip the look-up.
  const maybeExchanged =
    parts.tickets.some((t) => t.status === 'void') || parts.payments.some((p) => p.method === 'exchange_credit');
  return presentOrder(contexts, order, parts, maybeExchanged ? await findExchangeLinks(db, order.id) : undefined);
}
