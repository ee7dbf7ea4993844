// The old order's side of an exchange: what the returned tickets are worth as credit (all they were paid — ticket,
// service fee and their tax — with no refund fee and no deadline; order and delivery fees stay with the order), and,
// inside the exchange's transaction, the tickets voided, their seats and places back on sale, the credit counted out
// of the order, and any money the new order does not take given back the way the order was paid (through the
// provider for web payments, by an outbox job; at the counter for cash and the card terminal).
import { randomUUID } from 'node:crypto';
import { addOrderCreditOut } from '../../db/exchanges.ts';
import { updateOrderState, type OrderRow } from '../../db/orders.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import type { PaymentRow } from '../../db/payments.ts';
import type { Queryable } from '../../db/port.ts';
import { insertRefund, listRefunds } from '../../db/refunds.ts';
import { refundTickets, type TicketRow } from '../../db/tickets.ts';
import { refundEvent, transition } from '../../domain/orders/order-state.ts';
import { pricingFailure } from '../../domain/pricing/errors.ts';
import { refundAmounts } from '../../domain/pricing/refunds.ts';
import { PriceBreakdown, RefundBreakdown, type RefundPolicy } from '../../contract/index.ts';
import type { GaChange } from '../inventory/live-changes.ts';
import { isWebPayment } from '../payments/payment-gateway.ts';
import { orderJob, OUTBOX_TOPICS, passUpdateJobs, refundJob } from '../jobs/outbox-topics.ts';
import type { SeatChangeRow } from '../../db/inventory/seats.ts';
import type { PricedRefund } from './refund-parts.ts';
import { ticketLines } from './refund-parts.ts';
import { backOnSale } from './ticket-return.ts';

/** Every part of a returned ticket comes back as credit; nothing is kept. */
const FULL_CREDIT: RefundPolicy = {
  refundableUntilDaysBefore: 0,
  refundFee: null,
  refundServiceFees: true,
  refundOrderFee: false,
  refundDeliveryFee: false,
};

/** What `chosen` (valid tickets of the order) were paid, part by part; by the tickets' prices for orders priced
 * before breakdowns. */
export async function exchangeCredit(
  tx: Queryable,
  order: OrderRow,
  tickets: readonly TicketRow[],
  chosen: readonly TicketRow[],
): Promise<PricedRefund> {
  const earlier = await listRefunds(tx, [order.id]);
  if (order.price_breakdown === null || earlier.some((refund) => refund.breakdown == null)) {
    return { amount: chosen.reduce((sum, t) => sum + t.price_amount, 0), breakdown: null };
  }
  const breakdown = PriceBreakdown.parse(order.price_breakdown);
  const previous = earlier.map((refund) => RefundBreakdown.parse(refund.breakdown));
  const lineOf = ticketLines(breakdown, tickets, previous);
  const checked = refundAmounts({
    breakdown,
    lineIds: chosen.map((t) => lineOf.get(t.id)!),
    policy: FULL_CREDIT,
    eventStartsAt: new Date(8.64e15),
    now: new Date(0),
    cause: 'buyer',
    previous,
  });
  if (!checked.ok) throw pricingFailure(checked.errors, 'ticketIds');
  return { amount: checked.value.total, breakdown: checked.value };
}

/** The order's payment that money goes back to: its captured money payment, else the credit that paid it. */
export function refundablePayment(payments: readonly PaymentRow[]): PaymentRow {
  const captured = payments.filter((p) => p.state === 'captured');
  return captured.find((p) => p.method !== 'exchange_credit') ?? captured[0]!;
}

export interface ExchangeReturn {
  order: OrderRow;
  payment: PaymentRow;
  valid: readonly TicketRow[];
  chosen: readonly TicketRow[];
  credit: PricedRefund;
  /** Of the credit, what went to the new order; the rest goes back to the buyer. */
  creditUsed: number;
  requestedBy: string;
  terminalReference?: string;
  newOrderCode: string;
  now: Date;
}

export async function returnExchangedTickets(
  tx: Queryable,
  change: ExchangeReturn,
): Promise<{ order: OrderRow; providerRefundId: string | null; seats: SeatChangeRow[]; ga: GaChange[] }> {
  const { order, payment, credit, now } = change;
  const moneyBack = credit.amount - change.creditUsed;
  const refundId = randomUUID();
  const voided = await refundTickets(
    tx,
    order.id,
    change.chosen.map((t) => t.id),
    refundId,
    'void',
  );
  const { seats, ga } = await backOnSale(tx, order, voided);
  await insertOutboxJobs(tx, passUpdateJobs(voided.map((t) => t.id)), now); // passes: voided
  const viaProvider = isWebPayment(payment.method) && moneyBack > 0;
  // Kept even when no money goes back: its breakdown tells later refunds of the order these tickets are gone.
  if (moneyBack > 0 || credit.breakdown) {
    await insertRefund(tx, {
      id: refundId,
      order_id: order.id,
      payment_id: payment.id,
      amount: moneyBack,
      currency: order.currency,
      ticket_ids: voided.map((t) => t.id),
      reason: `Exchanged for order ${change.newOrderCode}`,
      requested_by: change.requestedBy,
      state: viaProvider ? 'pending' : 'succeeded',
      provider_refund_id: payment.method === 'card_terminal' ? (change.terminalReference ?? null) : null,
      created_at: now,
      breakdown: credit.breakdown,
    });
    if (viaProvider) await insertOutboxJobs(tx, [refundJob(refundId, order.id)], now);
  }
  if (moneyBack > 0) await insertOutboxJobs(tx, [orderJob(OUTBOX_TOPICS.refundEmail, order.id)], now);
  const state = transition(order.state, refundEvent(change.valid.length - voided.length));
  const refundedAmount = order.refunded_amount + moneyBack;
  await updateOrderState(tx, order.id, { state, now, refundedAmount });
  await addOrderCreditOut(tx, order.id, change.creditUsed);
  return {
    order: {
      ...order,
      state,
      refunded_amount: refundedAmount,
      credit_out_amount: order.credit_out_amount + change.creditUsed,
    },
    providerRefundId: viaProvider ? refundId : null,
    seats,
    ga,
  };
}
