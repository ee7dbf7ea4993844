// Exchanges at the box office (a clerk of the order's venue, or an admin): valid tickets of a paid order A are given
// back for a new hold of the same venue (another seat, or another event or date), in one transaction. The hold
// becomes a new paid order B, priced like a checkout (ticket types, a promo code, fees, tax) and paid first by the
// credit of the returned tickets (a captured 'exchange_credit' payment), then by cash or the card terminal for what
// it costs beyond that; what it costs less goes back as a refund of A (exchange-return.ts). The exchanges row links
// the two orders. If the new seats are gone or the hold ran out, nothing changes.
import { randomUUID } from 'node:crypto';
import { insertExchange } from '../../db/exchanges.ts';
import { lockHold } from '../../db/inventory/holds.ts';
import { findOrder, insertOrder, lockOrder, type NewOrderRow, type OrderRow } from '../../db/orders.ts';
import { insertPayment, listPayments, updatePayment, type PaymentRow } from '../../db/payments.ts';
import type { Queryable } from '../../db/port.ts';
import { listTickets } from '../../db/tickets.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatMoney } from '../../domain/format.ts';
import { newOrderCode } from '../../domain/orders/codes.ts';
import { hasValidTickets } from '../../domain/orders/order-state.ts';
import type {
  Delivery,
  ExchangePayment,
  ExchangeQuote,
  ExchangeQuoteRequest,
  ExchangeRequest,
  ExchangeResult,
} from '../../contract/index.ts';
import type { Principal } from '../ports.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { authorizeHold } from '../access/hold-access.ts';
import { assertCanRefund, hashOrderToken } from '../access/order-access.ts';
import { assertNotReceivedByTransfer } from '../transfers/transfer-refunds.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { priceItems, unlockedTiersOf, type PricedItems } from '../commerce/pricing.ts';
import { redeemCodes } from './checkout.ts';
import { orderAccessToken, publish, viewOf, type OrderDeps } from './deps.ts';
import { exchangeCredit, refundablePayment, returnExchangedTickets } from './exchange-return.ts';
import { newPayment } from './payment-attempts.ts';
import { tryRefundNow } from './provider-refunds.ts';
import { chooseTickets } from './refund-parts.ts';
import { publishSale, SeatsGoneError, sell } from './sale.ts';

const UNIQUE_VIOLATION = '23505';

export interface ExchangeAccess {
  principal: Principal | undefined;
  holdToken?: string;
}

/** The two orders and the new hold, checked and priced before the transaction (as checkout prices a hold). */
interface Plan {
  from: OrderRow;
  hold: Awaited<ReturnType<typeof authorizeHold>>;
  venueId: string;
  delivery: Delivery;
  priced: PricedItems;
}

export class OrderExchanges {
  constructor(private readonly deps: OrderDeps) {}

  /** What the exchange would credit, cost and leave to pay or give back; nothing changes. */
  async quote(orderId: string, request: ExchangeQuoteRequest, access: ExchangeAccess): Promise<ExchangeQuote> {
    const { db } = this.deps;
    const plan = await this.plan(orderId, request, access);
    assertExchangeable(plan.from);
    const tickets = await listTickets(db, [orderId]);
    const { chosen } = chooseTickets(tickets, request.ticketIds);
    const credit = await exchangeCredit(db, plan.from, tickets, chosen);
    return summary(plan, credit.amount);
  }

  async exchange(
    orderId: string,
    request: ExchangeRequest,
    access: ExchangeAccess,
    idempotency: IdempotencyHandle,
  ): Promise<ExchangeResult> {
    const { deps } = this;
    const plan = await this.plan(orderId, request, access);
    const principal = access.principal!;
    const { hold, priced } = plan;
    const total = priced.breakdown.totals.total;
    const toId = randomUUID();
    const done = await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const from = (await lockOrder(tx, orderId))!;
      assertExchangeable(from);
      const tickets = await listTickets(tx, [orderId]);
      const { valid, chosen } = chooseTickets(tickets, request.ticketIds);
      const credit = await exchangeCredit(tx, from, tickets, chosen);
      const difference = total - credit.amount;
      checkDifference(request.payment, difference, from.currency);
      const fromPayment = refundablePayment(await listPayments(tx, [orderId]));
      if (difference < 0 && fromPayment.method === 'card_terminal' && !request.terminalReference) {
        throw new DomainError(
          'validation_failed',
          'Refund the difference on the card terminal and give its reference.',
          {
            field: 'terminalReference',
          },
        );
      }
      await assertHoldActive(tx, hold.id, now);
      const order: NewOrderRow = {
        id: toId,
        code: newOrderCode(),
        event_id: hold.event_id,
        venue_id: plan.venueId,
        hold_id: hold.id,
        state: 'pending_payment',
        channel: 'boxoffice',
        customer_sub: from.customer_sub,
        device_id: principal.groups.includes('boxoffice') ? principal.sub : null,
        clerk_sub: principal.sub,
        buyer_email: from.buyer_email,
        buyer_name: from.buyer_name,
        buyer_phone: from.buyer_phone,
        delivery: plan.delivery,
        payment_method: difference > 0 ? request.payment!.method : 'exchange_credit',
        total_amount: total,
        currency: from.currency,
        access_token_hash: hashOrderToken(orderAccessToken(deps, toId)),
        cancel_reason: null,
        created_at: now,
        updated_at: now,
        price_breakdown: priced.breakdown,
        promo_code_id: priced.promoCode?.id ?? null,
        locale: from.locale,
      };
      await insertOrder(tx, order).catch((error: unknown) => {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
          throw new DomainError('order_state_conflict', 'This hold already has an order.', { field: 'holdId' });
        }
        throw error;
      });
      await redeemCodes(
        tx,
        { orderId: toId, promoCodeId: order.promo_code_id, holdPresaleCodeId: hold.presale_code_id },
        { buyerKey: from.buyer_email.toLowerCase(), now },
      );
      const creditUsed = Math.min(total, credit.amount);
      // The money payment first: refunds of the new order later go back the way the buyer paid.
      const money = difference > 0 ? newPayment(toId, 1, request.payment!, difference, from.currency, now) : null;
      if (money) await insertPayment(tx, money);
      const creditPayment = creditPaymentOf(toId, money ? 2 : 1, creditUsed, from.currency, now);
      await insertPayment(tx, creditPayment);
      const row: OrderRow = {
        ...order,
        refunded_amount: 0,
        credit_out_amount: 0,
        paid_at: null,
        picked_up_at: null,
        picked_up_by: null,
      };
      const paidBy = money ?? creditPayment;
      const sold = await sell(deps, tx, row, paidBy, paidBy.provider_charge_id, { respond: async () => {} }).catch(
        (error: unknown) => {
          if (error instanceof SeatsGoneError) {
            throw new DomainError('seats_unavailable', 'Some of the new seats are not available any more.', {
              field: 'holdId',
            });
          }
          throw error;
        },
      );
      if (money) await updatePayment(tx, creditPayment.id, { state: 'captured', now });
      const returned = await returnExchangedTickets(tx, {
        order: from,
        payment: fromPayment,
        valid,
        chosen,
        credit,
        creditUsed,
        requestedBy: principal.sub,
        ...(request.terminalReference ? { terminalReference: request.terminalReference } : {}),
        newOrderCode: order.code,
        now,
      });
      const exchangeId = randomUUID();
      await insertExchange(tx, {
        id: exchangeId,
        from_order_id: from.id,
        to_order_id: toId,
        returned_ticket_ids: chosen.map((t) => t.id),
        credit_amount: credit.amount,
        difference_amount: difference,
        difference_method:
          difference > 0 ? request.payment!.method : difference < 0 ? differenceMethod(fromPayment) : null,
        clerk_sub: principal.sub,
        created_at: now,
      });
      const body: ExchangeResult = {
        ...summary(plan, credit.amount),
        exchangeId,
        from: await viewOf(deps, tx, returned.order),
        to: await viewOf(deps, tx, { ...row, state: 'paid', paid_at: now }),
      };
      await recordStaffAction(
        tx,
        principal,
        {
          action: 'order.exchange',
          objectType: 'order',
          objectId: from.id,
          venueId: from.venue_id,
          summary: `Exchanged ${chosen.length} ticket${chosen.length === 1 ? '' : 's'} of order ${from.code} for order ${order.code} (${formatMoney({ amount: Math.abs(difference), currency: from.currency })} ${difference >= 0 ? 'paid' : 'refunded'})`,
          before: { state: from.state, validTickets: valid.length },
          after: { state: returned.order.state, validTickets: valid.length - chosen.length, exchangedTo: order.code },
        },
        now,
      );
      await idempotency.complete(tx, body);
      return { body, sold, returned };
    });
    await publishSale(deps, hold.event_id, done.sold);
    await publish(deps, plan.from.event_id, done.returned.seats, done.returned.ga);
    if (done.returned.providerRefundId) await tryRefundNow(deps, done.returned.providerRefundId);
    return done.body;
  }

  /** The order (a clerk of its venue or an admin; to a clerk of another venue it does not exist), the hold (one of
   * this venue's events, in the order's currency) and the hold priced as a checkout would price it. */
  private async plan(orderId: string, request: ExchangeQuoteRequest, access: ExchangeAccess): Promise<Plan> {
    const { deps } = this;
    const from = await findOrder(deps.db, orderId);
    if (!from) throw new DomainError('not_found', 'No such order.');
    assertCanRefund(from, access.principal);
    // A recipient's order holds no payment to credit: its tickets are exchanged, as refunded, at the paying order.
    await assertNotReceivedByTransfer(deps.db, from, request.ticketIds);
    const hold = await authorizeHold(deps.db, request.holdId, {
      ...(access.holdToken ? { token: access.holdToken } : {}),
      ...(access.principal ? { principal: access.principal } : {}),
    });
    const context = await deps.contexts.require(hold.event_id);
    if (hold.kind !== 'standard' || context.event.venue_id !== from.venue_id || hold.currency !== from.currency) {
      throw new DomainError('validation_failed', "Exchange for seats held at this order's venue.", {
        field: 'holdId',
      });
    }
    const delivery = deliveryOf(from);
    const priced = await priceItems(
      deps.db,
      context,
      {
        seatNos: hold.seat_nos,
        ga: hold.ga_section_id ? { sectionId: hold.ga_section_id, quantity: hold.ga_quantity! } : null,
      },
      {
        lines: request.lines,
        code: request.code,
        deliveryMethod: delivery.method,
        unlockedTierIds: await unlockedTiersOf(deps.db, hold.presale_code_id),
      },
      deps.clock.now(),
    );
    return { from, hold, venueId: context.event.venue_id, delivery, priced };
  }
}

function summary(plan: Plan, credit: number): ExchangeQuote {
  const currency = plan.from.currency;
  const total = plan.priced.breakdown.totals.total;
  return {
    credit: { amount: credit, currency },
    newTotal: { amount: total, currency },
    difference: { amount: total - credit, currency },
    breakdown: plan.priced.breakdown,
  };
}

function assertExchangeable(order: OrderRow) {
  if (!hasValidTickets(order.state)) {
    throw new DomainError(
      'order_state_conflict',
      `This order is ${order.state.replace('_', ' ')}; nothing to exchange.`,
    );
  }
}

/** The new tickets go the way the old ones went, but posted tickets are printed at the counter instead (no new
 * mailing and its fee). */
function deliveryOf(order: OrderRow): Delivery {
  const delivery = order.delivery as Delivery;
  return delivery.method === 'mail' ? { method: 'print_at_venue' } : delivery;
}

/** The hold is still the buyer's: active and not run out (checked again in the sale). */
async function assertHoldActive(tx: Queryable, holdId: string, now: Date) {
  const locked = await lockHold(tx, holdId);
  if (!locked || locked.state !== 'active') {
    throw new DomainError('hold_not_active', `This hold is ${locked?.state ?? 'gone'}; hold the seats again.`);
  }
  if (locked.expires_at <= now)
    throw new DomainError('hold_expired', 'This hold has expired; its seats are free again.');
}

/** A difference to pay needs a payment of exactly it (cash: at least it); none is taken otherwise. */
function checkDifference(payment: ExchangePayment | undefined, difference: number, currency: string) {
  if (difference <= 0) {
    if (payment) {
      throw new DomainError('validation_failed', 'Nothing is left to pay: the credit covers the new tickets.', {
        field: 'payment',
      });
    }
    return;
  }
  if (!payment) {
    throw new DomainError('validation_failed', `Take a payment of ${difference} ${currency} for the difference.`, {
      field: 'payment',
    });
  }
  if (payment.method === 'card_terminal') {
    const { amount } = payment.authorization;
    if (amount.amount !== difference || amount.currency !== currency) {
      throw new DomainError(
        'validation_failed',
        `The terminal authorised ${amount.amount} ${amount.currency}; the difference is ${difference} ${currency}.`,
        { field: 'payment' },
      );
    }
  } else if (payment.tendered.currency !== currency || payment.tendered.amount < difference) {
    throw new DomainError('validation_failed', `Cash tendered must cover ${difference} ${currency}.`, {
      field: 'payment',
    });
  }
}

function creditPaymentOf(orderId: string, attempt: number, amount: number, currency: string, now: Date): PaymentRow {
  return {
    id: randomUUID(),
    order_id: orderId,
    attempt,
    method: 'exchange_credit',
    state: 'open',
    amount,
    currency,
    provider_session_id: null,
    provider_charge_id: null,
    redirect_url: null,
    card_last4: null,
    terminal_reference: null,
    tendered_amount: null,
    change_amount: null,
    failure_reason: null,
    created_at: now,
  };
}

function differenceMethod(payment: PaymentRow) {
  // Neither a credit nor a transfer (which has no payment) is a way to pay money back.
  return payment.method === 'exchange_credit' || payment.method === 'transfer' ? null : payment.method;
}
