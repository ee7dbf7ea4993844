// Orders: a hold becomes an order, the order is paid, the seats are sold and tickets issued, in one transaction;
// nothing is charged twice, sold without payment, or paid without seats. Refunds and cancellations give seats back.
import { createHmac, randomUUID, type KeyObject } from 'node:crypto';
import type { Db, Queryable } from '../../db/port.ts';
import {
  findAbandonedOrders,
  findOrder,
  insertOrder,
  listCustomerOrders,
  lockOrder,
  markOrderPaid,
  markPickedUp,
  searchOrders,
  updateOrderState,
  type NewOrderRow,
  type OrderRow,
} from '../../db/orders.ts';
import { insertPayment, listPayments, updatePayment, type PaymentRow } from '../../db/payments.ts';
import { insertTickets, type TicketRow } from '../../db/tickets.ts';
import { insertRefund } from '../../db/refunds.ts';
import { type SeatChangeRow, sellHoldSeats } from '../../db/inventory/seats.ts';
import { endHold, extendHoldExpiry, splitAllotment, lockHold } from '../../db/inventory/holds.ts';
import { sellFreeGaPlaces, sellHeldGaPlaces } from '../../db/inventory/standing.ts';
import { insertOutboxJobs, type NewOutboxJob } from '../../db/outbox.ts';
import { DomainError } from '../../domain/errors.ts';
import { holdExpiresAt } from '../../domain/inventory/hold-rules.ts';
import { transition } from '../../domain/orders/order-state.ts';
import { newOrderCode, normalizeOrderCode, providerIdempotencyKey } from '../../domain/orders/codes.ts';
import { isUndeliverableEmail } from '../../domain/orders/buyers.ts';
import { signTicketCode } from '../../domain/tickets/ticket-code.ts';
import type {
  CancelOrder,
  CreateOrder,
  CreateRefund,
  CreatedOrder,
  Delivery,
  Order,
  OrderSummary,
  PaymentRequest,
} from '../../contract/index.ts';
import type { Clock, Faults, LiveBus, Principal } from '../ports.ts';
import { priceOfSeats, seatNosOf, type EventContext, type EventContexts } from '../catalog/event-context.ts';
import type { HoldService } from '../inventory/hold-service.ts';
import { publishChanges, type GaChange } from '../inventory/live-changes.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { PaymentUnavailableError, type PaymentProvider, type PaymentProviders } from '../payments/ports.ts';
import {
  assertActsForVenue,
  assertCanHandOver,
  assertDeliveryAllowed,
  assertMethodAllowed,
  canSeeOrder,
  channelOf,
  hashOrderToken,
  searchScope,
  type OrderAccess,
} from './order-access.ts';
import { summarizeOrder, viewOrder } from './order-view.ts';
import { OrderRefunds, providerFor, refundJob } from './order-refunds.ts';

export { OUTBOX_TOPICS } from './outbox-topics.ts';
import { orderJob, OUTBOX_TOPICS } from './outbox-topics.ts';

/** How long a pending order may sit after its hold ran out before it is cancelled as abandoned. */
const ABANDONED_AFTER_MS = 15 * 60 * 1000;

const LATE_PAYMENT_REASON =
  'The hold ran out before the payment arrived and its seats were sold to someone else; the payment was refunded in full.';

const UNIQUE_VIOLATION = '23505';

/** Thrown inside the sale transaction to undo it when a seat or place is gone. */
class SeatsGoneError extends Error {}

export interface OrderServiceDeps {
  db: Db;
  contexts: EventContexts;
  holds: HoldService;
  live: LiveBus;
  clock: Clock;
  providers: PaymentProviders;
  ticketKey: KeyObject;
  /** Secret that order access tokens are derived from. */
  orderTokenKey: Buffer;
  faults: Faults;
}

export class OrderService {
  private readonly db: Db;
  private readonly clock: Clock;

  private readonly refunds: OrderRefunds;

  constructor(private readonly deps: OrderServiceDeps) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.refunds = new OrderRefunds(deps);
  }

  /**
   * Turns an active hold into an order. Web payments answer with the provider's approval page to send the buyer
   * to; card-terminal and cash sales are paid in the same transaction.
   */
  async create(
    request: CreateOrder,
    access: { principal?: Principal; holdToken?: string },
    idempotency: IdempotencyHandle,
  ): Promise<CreatedOrder> {
    const { principal } = access;
    const channel = channelOf(principal);

    let orderId: string;
    if (idempotency.resource) {
      // An earlier try with this key created the order and was cut off: carry on from there.
      orderId = idempotency.resource.id;
    } else {
      const hold = await this.deps.holds.authorize(request.holdId, {
        ...(access.holdToken ? { token: access.holdToken } : {}),
        ...(principal ? { principal } : {}),
      });
      const context = await this.deps.contexts.require(hold.event_id);
      // Whose hold and which venue first; only then what the request asks for.
      assertActsForVenue(principal, context.event.venue_id);
      assertMethodAllowed(channel, request.payment.method, (method) => this.available(method));
      assertDeliveryAllowed(channel, request.delivery.method);
      // An allotment: this order sells some of its seats, moved into a hold of their own in the order's transaction.
      const fromAllotment = hold.kind === 'allotment' ? allotmentPart(context, request) : null;
      const holdId = fromAllotment ? randomUUID() : hold.id;
      const total = fromAllotment ? fromAllotment.total : hold.total_amount;
      checkPaymentCovers(request.payment, total, hold.currency);
      orderId = randomUUID();
      const accessToken = this.orderAccessToken(orderId);
      const now = this.clock.now();
      const immediate = request.payment.method === 'cash' || request.payment.method === 'card_terminal';
      const sold = await this.db.transaction(async (tx) => {
        if (fromAllotment) {
          const moved = await splitAllotment(tx, {
            allotmentId: hold.id,
            seatIds: fromAllotment.seatIds,
            holdId,
            tokenHash: hold.token_hash,
            totalAmount: total,
            now,
          });
          if (moved === 'gone') throw new DomainError('hold_not_active', 'This allotment has ended.');
          if (moved === 'not_in_allotment') {
            throw new DomainError('seats_unavailable', 'Some of these seats are not in the allotment any more.', {
              seatIds: fromAllotment.seatIds,
            });
          }
        }
        const locked = await lockHold(tx, holdId);
        if (!locked || locked.state !== 'active') {
          throw new DomainError('hold_not_active', `This hold is ${locked?.state ?? 'gone'}; hold the seats again.`);
        }
        if (locked.expires_at <= now) {
          throw new DomainError('hold_expired', 'This hold has expired; its seats are free again.');
        }
        // Entering payment extends the hold once, so a buyer who is paying does not lose the seats mid-payment.
        if (!locked.extended) {
          await extendHoldExpiry(tx, holdId, holdExpiresAt(now, context.event.hold_ttl_seconds), now);
        }
        const order: NewOrderRow = {
          id: orderId,
          code: newOrderCode(),
          event_id: hold.event_id,
          venue_id: context.event.venue_id,
          hold_id: holdId,
          state: 'pending_payment',
          channel,
          customer_sub: channel === 'web' ? (principal?.sub ?? null) : null,
          device_id:
            principal && (channel === 'kiosk' || principal.groups.includes('boxoffice')) ? principal.sub : null,
          clerk_sub: principal && principal.groups.some((g) => g === 'clerk' || g === 'admin') ? principal.sub : null,
          buyer_email: request.buyer.email,
          buyer_name: request.buyer.name,
          buyer_phone: request.buyer.phone ?? null,
          delivery: request.delivery,
          payment_method: request.payment.method,
          total_amount: total,
          currency: hold.currency,
          access_token_hash: hashOrderToken(accessToken),
          cancel_reason: null,
          created_at: now,
          updated_at: now,
        };
        try {
          await insertOrder(tx, order);
        } catch (error) {
          if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
            throw new DomainError('order_state_conflict', 'This hold already has an order.');
          }
          throw error;
        }
        const payment = newPayment(orderId, 1, request.payment, total, hold.currency, now);
        await insertPayment(tx, payment);
        await idempotency.recordResource(tx, orderId);
        const row: OrderRow = { ...order, refunded_amount: 0, paid_at: null, picked_up_at: null, picked_up_by: null };
        if (!immediate) return { opened: { order: row, payment } };
        // The terminal authorised, or the clerk took the cash: the order is paid now.
        return this.sell(tx, row, payment, payment.provider_charge_id, {
          respond: async (body) => idempotency.complete(tx, { ...body, accessToken }),
        });
      });
      if ('opened' in sold) return this.openCheckout(sold.opened.order, sold.opened.payment, idempotency);
      await this.publishSale(hold.event_id, sold);
      return { ...sold.body, accessToken };
    }
    const [order, payment] = await this.orderWithLatestPayment(orderId);
    return this.openCheckout(order, payment, idempotency);
  }

  /** The buyer approved the payment at the provider: complete it for the amount, then sell. */
  async completePayment(orderId: string, access: OrderAccess, idempotency: IdempotencyHandle): Promise<Order> {
    const started = await this.db.transaction(async (tx) => {
      const locked = await lockOrder(tx, orderId);
      if (!locked || !canSeeOrder(locked, access)) throw new DomainError('not_found', 'No such order.');
      // Completed already (another request, another key): answer the paid order, charge nothing.
      if (locked.state === 'paid') return { paid: true as const, order: await this.view(tx, locked) };
      if (locked.state !== 'pending_payment') {
        throw new DomainError('order_state_conflict', `This order is ${locked.state.replace('_', ' ')}.`);
      }
      const latest = (await listPayments(tx, [orderId])).at(-1)!;
      if (!latest.provider_session_id || (latest.state !== 'open' && latest.state !== 'completing')) {
        throw new DomainError(
          'order_state_conflict',
          `The last payment of this order was ${latest.state}; start a new payment for it.`,
        );
      }
      if (latest.state === 'open') await updatePayment(tx, latest.id, { state: 'completing', now: this.clock.now() });
      return { paid: false as const, payment: latest };
    });
    if (started.paid) return started.order;
    const { payment } = started;
    const provider = this.provider(payment.method);
    await this.deps.faults.reached('before_provider');
    let result;
    try {
      result = await provider.complete({
        sessionId: payment.provider_session_id!,
        amount: { amount: payment.amount, currency: payment.currency },
        idempotencyKey: providerIdempotencyKey(payment.id, 'complete'),
      });
    } catch (error) {
      if (error instanceof PaymentUnavailableError) {
        throw new DomainError(
          'payment_unavailable',
          'The payment provider did not answer in time; try again with the same Idempotency-Key.',
          { retryable: true },
        );
      }
      throw error;
    }
    await this.deps.faults.reached('after_provider');
    if (result.outcome === 'declined') {
      await this.db.transaction((tx) =>
        updatePayment(tx, payment.id, { state: 'declined', failure_reason: result.reason, now: this.clock.now() }),
      );
      throw new DomainError('payment_declined', `The payment was declined: ${result.reason}. Try another way to pay.`);
    }
    return this.settleCaptured(orderId, payment, result.chargeId, idempotency);
  }

  /** A new payment attempt after a declined or failed one (another card, another method). */
  async retryPayment(
    orderId: string,
    request: PaymentRequest,
    access: OrderAccess,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    const order = await this.findVisible(orderId, access);
    assertMethodAllowed(order.channel, request.method, (method) => this.available(method));
    if (!idempotency.resource) {
      await this.db.transaction(async (tx) => {
        const locked = (await lockOrder(tx, orderId))!;
        if (locked.state !== 'pending_payment') {
          throw new DomainError('order_state_conflict', `This order is ${locked.state.replace('_', ' ')}.`);
        }
        const payments = await listPayments(tx, [orderId]);
        const latest = payments.at(-1)!;
        if (latest.state === 'completing' || latest.state === 'captured') {
          throw new DomainError('order_state_conflict', 'A payment of this order is being completed already.');
        }
        const now = this.clock.now();
        if (latest.state === 'open')
          await updatePayment(tx, latest.id, { state: 'failed', failure_reason: 'replaced', now });
        const payment = newPayment(orderId, latest.attempt + 1, request, locked.total_amount, locked.currency, now);
        await insertPayment(tx, payment);
        await idempotency.recordResource(tx, orderId);
      });
    }
    const [current, payment] = await this.orderWithLatestPayment(orderId);
    const { accessToken: _token, ...view } = await this.openCheckout(current, payment, idempotency);
    return view;
  }

  async get(orderId: string, access: OrderAccess): Promise<Order> {
    const order = await this.findVisible(orderId, access);
    return this.view(this.db, order);
  }

  /**
   * Sends the tickets (and receipt) again to the buyer's email: the buyer (own order or its access token), or staff
   * of the order's venue. Queued as a fulfilment job; answers its id.
   */
  async resendTickets(orderId: string, access: OrderAccess): Promise<{ jobId: string }> {
    const order = await this.findVisible(orderId, access);
    if (order.state !== 'paid' && order.state !== 'partially_refunded') {
      throw new DomainError(
        'order_state_conflict',
        `This order is ${order.state.replace('_', ' ')}; no tickets to send.`,
      );
    }
    if (isUndeliverableEmail(order.buyer_email)) {
      throw new DomainError('order_state_conflict', 'This order has no email address to send to.');
    }
    const job = orderJob(OUTBOX_TOPICS.ticketEmail, orderId);
    await insertOutboxJobs(this.db, [job], this.clock.now());
    return { jobId: job.id };
  }

  /** An order as the API shows it, for background jobs (fulfilment), which act for the system: no access check. */
  async viewForJobs(orderId: string): Promise<Order> {
    const order = await findOrder(this.db, orderId);
    if (!order) throw new DomainError('not_found', 'No such order.');
    return this.view(this.db, order);
  }

  async listMine(principal: Principal | undefined, limit = 50): Promise<OrderSummary[]> {
    if (!principal) throw new DomainError('unauthorized', 'Sign in to see your orders.');
    return (await listCustomerOrders(this.db, principal.sub, limit)).map(summarizeOrder);
  }

  /** Staff search by email, name, order code, or the card's last 4 digits. */
  async search(query: string, principal: Principal | undefined, limit: number): Promise<OrderSummary[]> {
    const scope = searchScope(principal);
    const code = normalizeOrderCode(query);
    const filter = /^[0-9]{4}$/.test(query)
      ? { last4: query }
      : query.includes('@')
        ? { email: query }
        : code && /^tb/i.test(query)
          ? { code }
          : { name: query };
    const rows = await searchOrders(this.db, { ...scope, ...filter, limit });
    // A bare 8-character code without its TB- prefix may also be a name; try it as a code when nothing matched.
    if (rows.length === 0 && code && 'name' in filter)
      return (await searchOrders(this.db, { ...scope, code, limit })).map(summarizeOrder);
    return rows.map(summarizeOrder);
  }

  /** Refunds chosen tickets (all valid ones when none are named): seats back on sale, money back the way it came. */
  refund(orderId: string, request: CreateRefund, principal: Principal | undefined, idempotency: IdempotencyHandle) {
    return this.refunds.refund(orderId, request, principal, idempotency);
  }

  /** Cancels the whole order: a pending one simply ends; a paid one is refunded in full and its tickets voided. */
  cancel(orderId: string, request: CancelOrder, principal: Principal | undefined, idempotency: IdempotencyHandle) {
    return this.refunds.cancel(orderId, request, principal, idempotency);
  }

  /** Will-call: the tickets of a paid order are handed over at the counter, once; a second hand-over says when. */
  async pickUp(orderId: string, principal: Principal | undefined): Promise<Order> {
    const order = await findOrder(this.db, orderId);
    if (!order) throw new DomainError('not_found', 'No such order.');
    assertCanHandOver(order, principal);
    if ((order.delivery as Delivery).method !== 'will_call') {
      throw new DomainError('order_state_conflict', 'This order is not for pick-up at the box office.');
    }
    if (order.state !== 'paid' && order.state !== 'partially_refunded') {
      throw new DomainError(
        'order_state_conflict',
        `This order is ${order.state.replace('_', ' ')}; nothing to hand over.`,
      );
    }
    const at = await markPickedUp(this.db, orderId, principal!.sub, this.clock.now());
    if (!at) {
      const current = (await findOrder(this.db, orderId))!;
      throw new DomainError('order_state_conflict', `Already picked up at ${current.picked_up_at!.toISOString()}.`);
    }
    return this.view(this.db, (await findOrder(this.db, orderId))!);
  }

  /** Sends a pending refund to the provider (inline after the refund commits, and by the outbox dispatcher). */
  executeRefund(refundId: string): Promise<void> {
    return this.refunds.executeRefund(refundId);
  }

  /** The web payment methods this deployment offers (the providers configured). */
  webPaymentMethods(): PaymentProvider['method'][] {
    return (['amazon_pay', 'sandbox'] as const).filter((method) => this.deps.providers[method] !== undefined);
  }

  /**
   * The order's access token: a guest's way back to the order, put in the buyer's emails. Derived from the order id
   * with a server key, so it can be given again (a retried request, a resent email) without being stored.
   */
  orderAccessToken(orderId: string): string {
    return createHmac('sha256', this.deps.orderTokenKey).update(`order-access:${orderId}`).digest('base64url');
  }

  /** Cancels orders left unpaid after their hold ran out (the buyer never came back from the provider). */
  async cancelAbandoned(limit = 100): Promise<number> {
    const now = this.clock.now();
    const candidates = await findAbandonedOrders(this.db, new Date(now.getTime() - ABANDONED_AFTER_MS), limit);
    let cancelled = 0;
    for (const candidate of candidates) {
      const freed = await this.db.transaction(async (tx) => {
        const order = await lockOrder(tx, candidate.id);
        const payments = await listPayments(tx, [candidate.id]);
        if (
          order?.state !== 'pending_payment' ||
          payments.some((p) => p.state === 'completing' || p.state === 'captured')
        ) {
          return null;
        }
        for (const payment of payments.filter((p) => p.state === 'open')) {
          await updatePayment(tx, payment.id, { state: 'failed', failure_reason: 'abandoned', now });
        }
        await updateOrderState(tx, order.id, {
          state: transition(order.state, 'abandoned'),
          now,
          cancelReason: 'The hold ran out before the payment was completed.',
        });
        return endHold(tx, { id: order.hold_id, event_id: order.event_id }, now);
      });
      if (freed) {
        cancelled++;
        await this.publish(candidate.event_id, freed.seats, freed.ga ? [freed.ga] : []);
      }
    }
    return cancelled;
  }

  // --- the steps ---

  /** Makes sure the latest payment has a checkout session at the provider, and answers with the order. */
  private async openCheckout(
    order: OrderRow,
    payment: PaymentRow,
    idempotency: IdempotencyHandle,
  ): Promise<CreatedOrder> {
    const accessToken = this.orderAccessToken(order.id);
    if (payment.state === 'open' && !payment.provider_session_id) {
      const session = await this.callProvider(() =>
        this.provider(payment.method).createCheckout({
          amount: { amount: payment.amount, currency: payment.currency },
          idempotencyKey: providerIdempotencyKey(payment.id, 'checkout'),
          returnUrl: withOrderId(payment.redirect_url!, order.id),
          reference: order.code,
        }),
      );
      return this.db.transaction(async (tx) => {
        await updatePayment(tx, payment.id, {
          provider_session_id: session.sessionId,
          redirect_url: session.redirectUrl,
          now: this.clock.now(),
        });
        const body = { ...(await this.view(tx, order)), accessToken };
        await idempotency.complete(tx, body);
        return body;
      });
    }
    return { ...(await this.view(this.db, order)), accessToken };
  }

  /** The provider captured the money: sell and issue tickets, or, if the seats are gone, cancel and refund. */
  private async settleCaptured(
    orderId: string,
    payment: PaymentRow,
    chargeId: string,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    let eventId = '';
    try {
      const sold = await this.db.transaction(async (tx) => {
        const order = (await lockOrder(tx, orderId))!;
        eventId = order.event_id;
        if (order.state !== 'pending_payment') return null;
        return this.sell(tx, order, payment, chargeId, { respond: (body) => idempotency.complete(tx, body) });
      });
      if (!sold) return this.view(this.db, (await findOrder(this.db, orderId))!);
      await this.publishSale(eventId, sold);
      return sold.body;
    } catch (error) {
      if (!(error instanceof SeatsGoneError)) throw error;
    }
    // Paid, but too late: the hold ran out and its seats went to someone else. Keep the money's trail, give it back.
    const { refundId, freed } = await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const order = (await lockOrder(tx, orderId))!;
      await updatePayment(tx, payment.id, { state: 'captured', provider_charge_id: chargeId, now });
      const refundId = randomUUID();
      await insertRefund(tx, {
        id: refundId,
        order_id: orderId,
        payment_id: payment.id,
        amount: payment.amount,
        currency: payment.currency,
        ticket_ids: [],
        reason: 'seats taken after the hold expired',
        requested_by: 'system',
        state: 'pending',
        provider_refund_id: null,
        created_at: now,
      });
      await insertOutboxJobs(tx, [refundJob(refundId, orderId)], now);
      await updateOrderState(tx, orderId, {
        state: transition(order.state, 'abandoned'),
        now,
        cancelReason: LATE_PAYMENT_REASON,
        refundedAmount: payment.amount,
      });
      const freed = await endHold(tx, { id: order.hold_id, event_id: order.event_id }, now);
      await idempotency.complete(
        tx,
        await this.view(tx, {
          ...order,
          state: 'cancelled',
          cancel_reason: LATE_PAYMENT_REASON,
          refunded_amount: payment.amount,
        }),
      );
      return { refundId, freed };
    });
    await this.publish(eventId, freed.seats, freed.ga ? [freed.ga] : []);
    await this.refunds.tryRefundNow(refundId);
    return this.view(this.db, (await findOrder(this.db, orderId))!);
  }

  /**
   * Inside the caller's transaction: sells the hold's seats or places, marks the payment captured and the order
   * paid, issues tickets and writes the fulfilment jobs. Throws SeatsGoneError (undoing it all) if any are gone.
   */
  private async sell(
    tx: Queryable,
    order: OrderRow,
    payment: PaymentRow,
    chargeId: string | null,
    options: { respond: (body: Order) => Promise<void> },
  ): Promise<{ seats: SeatChangeRow[]; ga: GaChange[]; body: Order }> {
    const now = this.clock.now();
    const hold = (await lockHold(tx, order.hold_id))!;
    const context = await this.deps.contexts.require(order.event_id);
    const tickets: TicketRow[] = [];
    const ticket = (fields: Pick<TicketRow, 'seat_no' | 'seat_id' | 'ga_section_id' | 'tier_id'>): TicketRow => {
      const id = randomUUID();
      return {
        id,
        order_id: order.id,
        event_id: order.event_id,
        ...fields,
        price_amount: context.tiers[context.tierIndexById.get(fields.tier_id)!]!.price_amount,
        currency: order.currency,
        status: 'valid',
        code: signTicketCode(this.deps.ticketKey, {
          ticketId: id,
          eventId: order.event_id,
          seat: fields.seat_id ?? `ga:${fields.ga_section_id}`,
        }),
        issued_at: now,
        refund_id: null,
      };
    };
    const seats: SeatChangeRow[] = [];
    const ga: GaChange[] = [];
    if (hold.seat_nos.length > 0) {
      const sale = await sellHoldSeats(tx, {
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
          ticket({ seat_no: seat.seat_no, seat_id: seat.seat_id, ga_section_id: null, tier_id: seat.tier_id }),
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
          ticket({ seat_no: null, seat_id: null, ga_section_id: section.section_id, tier_id: section.tier_id }),
        );
      }
    }
    await insertTickets(tx, tickets);
    const paid = { ...order, state: transition(order.state, 'payment_captured'), paid_at: now, updated_at: now };
    await markOrderPaid(tx, { orderId: order.id, holdId: order.hold_id, paymentId: payment.id, chargeId, now });
    await insertOutboxJobs(tx, fulfilmentJobs(order), now);
    await this.deps.faults.reached('before_commit');
    const body = await this.view(tx, paid);
    await options.respond(body);
    return { seats, ga, body };
  }

  private async orderWithLatestPayment(orderId: string): Promise<[OrderRow, PaymentRow]> {
    const order = (await findOrder(this.db, orderId))!;
    return [order, (await listPayments(this.db, [orderId])).at(-1)!];
  }

  private async findVisible(orderId: string, access: OrderAccess): Promise<OrderRow> {
    const order = await findOrder(this.db, orderId);
    if (!order || !canSeeOrder(order, access)) throw new DomainError('not_found', 'No such order.');
    return order;
  }

  private view(db: Queryable, order: OrderRow): Promise<Order> {
    return viewOrder(this.deps.contexts, db, order);
  }

  private available(method: PaymentRequest['method']): boolean {
    return method === 'cash' || method === 'card_terminal' || this.deps.providers[method] !== undefined;
  }

  private provider(method: PaymentRow['method']): PaymentProvider {
    return providerFor(this.deps.providers, method);
  }

  private async callProvider<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof PaymentUnavailableError) {
        throw new DomainError('payment_unavailable', 'The payment provider did not answer in time; try again.', {
          retryable: true,
        });
      }
      throw error;
    }
  }

  private publishSale(eventId: string, sold: { seats: SeatChangeRow[]; ga: GaChange[] }) {
    return this.publish(eventId, sold.seats, sold.ga);
  }

  private publish(eventId: string, seats: SeatChangeRow[], ga: GaChange[]): Promise<void> {
    return publishChanges(this.deps.live, eventId, seats, ga);
  }
}

/** The seats of an allotment an order names, and what they cost. */
function allotmentPart(context: EventContext, request: CreateOrder): { seatIds: string[]; total: number } {
  const seatIds = request.allotmentSeatIds;
  if (!seatIds) {
    throw new DomainError('validation_failed', 'Name the seats of the allotment this order sells.', {
      field: 'allotmentSeatIds',
    });
  }
  return { seatIds, total: priceOfSeats(context, seatNosOf(context, seatIds, 'allotmentSeatIds')) };
}

function checkPaymentCovers(payment: PaymentRequest, total: number, currency: string) {
  if (payment.method === 'card_terminal') {
    const { amount } = payment.authorization;
    if (amount.amount !== total || amount.currency !== currency) {
      throw new DomainError(
        'validation_failed',
        `The terminal authorised ${amount.amount} ${amount.currency}; the order is ${total} ${currency}.`,
        { field: 'payment.authorization.amount' },
      );
    }
  }
  if (payment.method === 'cash') {
    if (payment.tendered.currency !== currency || payment.tendered.amount < total) {
      throw new DomainError('validation_failed', `Cash tendered must cover ${total} ${currency}.`, {
        field: 'payment.tendered',
      });
    }
  }
}

function newPayment(
  orderId: string,
  attempt: number,
  request: PaymentRequest,
  amount: number,
  currency: string,
  now: Date,
): PaymentRow {
  return {
    id: randomUUID(),
    order_id: orderId,
    attempt,
    method: request.method,
    state: 'open',
    amount,
    currency,
    provider_session_id: null,
    provider_charge_id: request.method === 'card_terminal' ? request.authorization.reference : null,
    // Until the provider gives its approval page, this holds the buyer's return address.
    redirect_url: request.method === 'amazon_pay' || request.method === 'sandbox' ? request.returnUrl : null,
    card_last4: request.method === 'card_terminal' ? request.authorization.cardLast4 : null,
    terminal_reference: request.method === 'card_terminal' ? request.authorization.reference : null,
    tendered_amount: request.method === 'cash' ? request.tendered.amount : null,
    change_amount: request.method === 'cash' ? request.tendered.amount - amount : null,
    failure_reason: null,
    created_at: now,
  };
}

function withOrderId(returnUrl: string, orderId: string): string {
  const url = new URL(returnUrl);
  url.searchParams.set('orderId', orderId);
  return url.toString();
}

function fulfilmentJobs(order: OrderRow): NewOutboxJob[] {
  const job = (topic: string): NewOutboxJob => orderJob(topic, order.id);
  const delivery = (order.delivery as { method: string }).method;
  return [
    job(OUTBOX_TOPICS.receiptEmail),
    ...(delivery === 'email' ? [job(OUTBOX_TOPICS.ticketEmail)] : []),
    ...(delivery === 'mail' ? [job(OUTBOX_TOPICS.physicalMailing)] : []),
  ];
}
