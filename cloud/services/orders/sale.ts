// The sale: inside the transaction that also records the payment, the hold's seats or standing places are sold, the
// order is marked paid, tickets are issued and the fulfilment jobs written. Checkout (cash, card terminal) and payment
// completion (web) both end here; if a seat is gone the whole transaction is undone.
import { randomUUID } from 'node:crypto';
import { endHold } from '../../db/inventory/holds.ts';
import { type SeatChangeRow, type SoldSeat, sellHoldSeats } from '../../db/inventory/seats.ts';
import { sellFreeGaPlaces, sellHeldGaPlaces } from '../../db/inventory/standing.ts';
import { markOrderPaid, type OrderRow } from '../../db/orders.ts';
import type { NewOutboxJob } from '../../db/outbox.ts';
import type { PaymentRow } from '../../db/payments.ts';
import type { Queryable } from '../../db/port.ts';
import type { IdempotentAnswer } from '../../db/idempotency.ts';
import type { TicketRow } from '../../db/tickets.ts';
import { transition } from '../../domain/orders/order-state.ts';
import { signTicketCode } from '../../domain/tickets/ticket-code.ts';
import { PriceBreakdown, type Order, type PricedTicketLine } from '../../contract/index.ts';
import { lockSaleParts, type SaleParts } from '../../db/sales.ts';
import { gaLineId } from '../commerce/pricing.ts';
import type { EventContext } from '../catalog/event-context.ts';
import type { GaChange } from '../inventory/live-changes.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { orderJob, OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import { publish, type OrderDeps } from './deps.ts';
import { viewOrderWithParts } from './order-view.ts';

/** Thrown inside the sale transaction to undo it when a seat or place is gone. */
export class SeatsGoneError extends Error {}

export interface Sold {
  seats: SeatChangeRow[];
  ga: GaChange[];
  body: Order;
}

/**
 * How the sale's answer is stored with it: `respond` by statements of its own in the sale's transaction, or
 * `answerWith` (an Idempotency-Key's completeWith) as a step of the sale's one write.
 */
export type SaleResponse =
  { respond: (body: Order) => Promise<void> } | { answerWith: NonNullable<IdempotencyHandle['completeWith']> };

/**
 * What the caller locked with the order (lockOrderForSale): the sale's parts and, when it sold the hold's seats in
 * the same statement, those seats, at `now`.
 */
export interface LockedForSale {
  parts: SaleParts;
  sold: SoldSeat[] | null;
  now: Date;
}

/**
 * Inside the caller's transaction: sells the hold's seats or places, marks the payment captured and the order
 * paid, issues tickets and writes the fulfilment jobs. Throws SeatsGoneError (undoing it all) if any are gone.
 * `locked`: what the caller locked with the order (lockOrderForSale); else the parts are locked and the seats sold here.
 */
export async function sell(
  deps: OrderDeps,
  tx: Queryable,
  order: OrderRow,
  payment: PaymentRow,
  chargeId: string | null,
  options: SaleResponse & { locked?: LockedForSale },
): Promise<Sold> {
  const now = options.locked?.now ?? deps.clock.now();
  // The hold locked, the event's status, its ticket types and the order's payments, in one round trip.
  const parts = options.locked?.parts ?? (await lockSaleParts(tx, order))!;
  // The order is locked, so an event cancellation (which locks its open orders) either sees this sale or is seen here.
  if (parts.eventStatus === 'cancelled') throw new SeatsGoneError('event cancelled');
  const { hold } = parts;
  const context = await deps.contexts.require(order.event_id);
  const tickets: TicketRow[] = [];
  const ticket = ticketIssuer(deps, context, order, parts.ticketTypes, now);
  const seats: SeatChangeRow[] = [];
  const ga: GaChange[] = [];
  if (hold.seat_nos.length > 0) {
    const sale = options.locked?.sold
      ? { sold: options.locked.sold }
      : await sellHoldSeats(tx, {
          eventId: order.event_id,
          holdId: order.hold_id,
          orderId: order.id,
          seatNos: hold.seat_nos,
          now,
        });
    if ('takenSeatIds' in sale) throw new SeatsGoneError(sale.takenSeatIds.join(','));
    for (const seat of sale.sold) {
      seats.push(seat);
      tickets.push(
        ticket(
          { seat_no: seat.seat_no, seat_id: seat.seat_id, ga_section_id: null, tier_id: seat.tier_id },
          seat.seat_id,
        ),
      );
    }
  }
  if (hold.ga_section_id && hold.ga_quantity) {
    const section = context.ga.find((g) => g.section_id === hold.ga_section_id)!;
    let placed: { remaining: number } | null;
    if (hold.state === 'active' && hold.expires_at > now) {
      placed = await sellHeldGaPlaces(tx, order.event_id, section.section_id, hold.ga_quantity);
    } else {
      // The hold ran out: give its places back if it still has them, then take from what is free.
      if (hold.state === 'active') await endHold(tx, { id: order.hold_id, event_id: order.event_id }, now);
      placed = await sellFreeGaPlaces(tx, order.event_id, section.section_id, hold.ga_quantity);
    }
    if (!placed) throw new SeatsGoneError(section.section_id);
    ga.push({ section_id: section.section_id, remaining: placed.remaining });
    for (let i = 0; i < hold.ga_quantity; i++) {
      tickets.push(
        ticket(
          { seat_no: null, seat_id: null, ga_section_id: section.section_id, tier_id: section.tier_id },
          gaLineId(section.section_id, i),
        ),
      );
    }
  }
  const body = await saleAnswer(deps, tx, order, { tickets, payments: parts.payments, payment, chargeId, now });
  const write = (answer?: IdempotentAnswer) =>
    markOrderPaid(
      tx,
      { orderId: order.id, holdId: order.hold_id, paymentId: payment.id, chargeId, now },
      { tickets, jobs: fulfilmentJobs(order) },
      answer,
    );
  if ('answerWith' in options) await options.answerWith(body, write);
  else await write();
  await deps.faults.reached('before_commit');
  if ('respond' in options) await options.respond(body);
  return { seats, ga, body };
}

/** After the sale committed: the order counts as paid, and the sold seats and places go out to the live seat view. */
export function publishSale(deps: OrderDeps, eventId: string, sold: { seats: SeatChangeRow[]; ga: GaChange[] }) {
  deps.meter.count('OrdersPaid');
  return publish(deps, eventId, sold.seats, sold.ga);
}

/** What a ticket is sold as: its type's name and door check, by the type's id. */
export type TicketTypeNames = Map<string, { name: string; requires_check: string | null }>;

/** The ticket a sale issues for a seat or standing place: a new id, its price (the order's priced line `lineId`) and
 * its signed code, issued at `now`. */
export function ticketIssuer(
  deps: Pick<OrderDeps, 'ticketKey'>,
  context: EventContext,
  order: OrderRow,
  types: TicketTypeNames,
  now: Date,
): (fields: Pick<TicketRow, 'seat_no' | 'seat_id' | 'ga_section_id' | 'tier_id'>, lineId: string) => TicketRow {
  const soldAs = ticketLines(order, types);
  return (fields, lineId) => {
    const id = randomUUID();
    const line = soldAs?.get(lineId);
    return {
      id,
      order_id: order.id,
      event_id: order.event_id,
      ...fields,
      // Orders priced before price lists paid the tier's price.
      price_amount: line ? line.total : context.tiers[context.tierIndexById.get(fields.tier_id)!]!.price_amount,
      currency: order.currency,
      status: 'valid',
      code: signTicketCode(deps.ticketKey, {
        ticketId: id,
        eventId: order.event_id,
        seat: fields.seat_id ?? `ga:${fields.ga_section_id}`,
      }),
      issued_at: now,
      refund_id: null,
      ticket_type_id: line?.ticketTypeId ?? null,
      ticket_type_name: line?.name ?? null,
      requires_check: line?.requiresCheck ?? null,
    };
  };
}

/**
 * The sale's answer: the order as paid at `now` with these tickets, its payments as read before the sale with this
 * one captured. Shown from what the sale writes, not read back: a sold order has no refunds, shipment or hold time
 * to show yet, so the answer is known before the write (which stores it with the sale). Sorts `tickets` as shown.
 */
export async function saleAnswer(
  deps: OrderDeps,
  db: Queryable,
  order: OrderRow,
  sale: { tickets: TicketRow[]; payments: PaymentRow[]; payment: PaymentRow; chargeId: string | null; now: Date },
): Promise<Order> {
  const { now, payment, chargeId } = sale;
  const paid = { ...order, state: transition(order.state, 'payment_captured'), paid_at: now, updated_at: now };
  return viewOrderWithParts(deps.contexts, db, paid, {
    tickets: sale.tickets.sort(byViewOrder),
    payments: sale.payments.map((p) =>
      p.id === payment.id ? { ...p, state: 'captured', provider_charge_id: chargeId ?? p.provider_charge_id } : p,
    ),
    refunds: [],
    holdExpiresAt: null,
    shipment: null,
    owedAtCounter: null,
  });
}

/** Each priced line of the order (by lineId) with the name and door check of its type; null for orders priced
 * before price breakdowns. */
function ticketLines(
  order: OrderRow,
  types: TicketTypeNames,
): Map<string, PricedTicketLine & { name: string | null; requiresCheck: string | null }> | null {
  if (order.price_breakdown === null) return null;
  const breakdown = PriceBreakdown.parse(order.price_breakdown);
  return new Map(
    breakdown.tickets.map((line) => {
      const type = types.get(line.ticketTypeId);
      return [line.lineId, { ...line, name: type?.name ?? null, requiresCheck: type?.requires_check ?? null }];
    }),
  );
}

/** Tickets in the order an order's view lists them (loadOrderParts: by seat, standing places last, then by id). */
function byViewOrder(a: TicketRow, b: TicketRow): number {
  if (a.seat_no !== b.seat_no) {
    if (a.seat_no === null) return 1;
    if (b.seat_no === null) return -1;
    return a.seat_no - b.seat_no;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function fulfilmentJobs(order: OrderRow): NewOutboxJob[] {
  const job = (topic: string): NewOutboxJob => orderJob(topic, order.id);
  const delivery = (order.delivery as { method: string }).method;
  // An order delivered by email gets one email, its tickets with the receipt: no receipt job to run for nothing.
  return [
    ...(delivery === 'email' ? [job(OUTBOX_TOPICS.ticketEmail)] : [job(OUTBOX_TOPICS.receiptEmail)]),
    ...(delivery === 'mail' ? [job(OUTBOX_TOPICS.physicalMailing)] : []),
  ];
}
