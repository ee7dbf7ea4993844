// Checkout: an active hold becomes an order. Web payments answer with the provider's approval page to send the buyer
// to; card-terminal and cash sales are paid in the same transaction. A declined web payment is replaced here too, by
// a new attempt with another card or method.
import { randomUUID } from 'node:crypto';
import { splitAllotment } from '../../db/inventory/holds.ts';
import { lockOrder, type NewOrderRow, type OrderRow } from '../../db/orders.ts';
import { readHoldForSale, writeOrder } from '../../db/order-writes.ts';
import { insertPayment, listPayments, type PaymentRow, updatePayment } from '../../db/payments.ts';
import type { IdempotentAnswer } from '../../db/idempotency.ts';
import { DomainError } from '../../domain/errors.ts';
import { holdExpiresAt } from '../../domain/inventory/hold-rules.ts';
import { newOrderCode } from '../../domain/orders/codes.ts';
import type { CreateOrder, CreatedOrder, Order, PaymentRequest } from '../../contract/index.ts';
import type { Principal } from '../ports.ts';
import { seatNosOf, type EventContext } from '../catalog/event-context.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { assertHoldAccess } from '../access/hold-access.ts';
import { hashOrderToken, type OrderAccess } from '../access/order-access.ts';
import { assertActsForVenue, assertDeliveryAllowed, assertMethodAllowed, channelOf } from '../access/venue-access.ts';
import { findVisibleOrder, orderAccessToken, orderWithLatestPayment, type OrderDeps } from './deps.ts';
import { newPayment, openCheckout, openCheckoutFirst } from './payment-attempts.ts';
import { publishSale, sell } from './sale.ts';
import { priceItems, unlockedTiersOf } from '../commerce/pricing.ts';
import { assertSalesWindowOpen, requireSaleGate } from '../commerce/sales-windows.ts';
import { redeemCode } from '../../db/codes/uses.ts';
import type { Queryable } from '../../db/port.ts';
import type { AdmissionHeaders } from '../queue/queue-gate.ts';

const UNIQUE_VIOLATION = '23505';

export class Checkout {
  constructor(private readonly deps: OrderDeps) {}

  /**
   * Turns an active hold into an order. Web payments answer with the provider's approval page to send the buyer
   * to; card-terminal and cash sales are paid in the same transaction.
   */
  async create(
    request: CreateOrder,
    access: { principal?: Principal; holdToken?: string; admission?: AdmissionHeaders },
    idempotency: IdempotencyHandle,
  ): Promise<CreatedOrder> {
    const { deps } = this;
    const { principal } = access;
    const channel = channelOf(principal);

    let orderId: string;
    if (idempotency.resource) {
      // An earlier try with this key created the order and was cut off: carry on from there.
      orderId = idempotency.resource.id;
    } else {
      // The hold, its event's settings stamp and the channel's window in one read: the cached event is current for
      // this sale.
      // With the request's Idempotency-Key claimed by the same statement when the key is new.
      const first = idempotency.claimInFirstStatement;
      const { found: read, claimed } = await readHoldForSale(deps.db, request.holdId, channel, first?.claim);
      first?.settle(claimed);
      const hold = assertHoldAccess(read?.hold ?? null, {
        ...(access.holdToken ? { token: access.holdToken } : {}),
        ...(principal ? { principal } : {}),
      });
      const gate = requireSaleGate(read!.gate);
      const context = await deps.contexts.require(hold.event_id, gate.settings_version);
      // Whose hold and which venue first; only then what the request asks for.
      assertActsForVenue(principal, context.event.venue_id);
      // The on-sale: a hold let in by the waiting room (or a waitlist offer's) carries its mark; any other web hold of
      // a queued event (made while the queue was off, say) needs an admission now.
      if (!hold.queue_admitted) {
        await deps.queueGate?.check(
          hold.event_id,
          channel,
          gate.settings_version,
          access.admission ?? {},
          principal?.sub,
        );
      }
      assertMethodAllowed(channel, request.payment.method, (method) => deps.payments.offers(method));
      assertDeliveryAllowed(channel, request.delivery.method);
      // An allotment: this order sells some of its seats, moved into a hold of their own in the order's transaction.
      const fromAllotment = hold.kind === 'allotment' ? allotmentPart(context, request) : null;
      const holdId = fromAllotment ? randomUUID() : hold.id;
      const now = deps.clock.now();
      // Bought inside the channel's window (a waitlist offer's hold too, made without a channel). An allotment is the
      // box office's before its window (or the event's sales) opens, sold from only once it has; its offline sales
      // arrive after the close.
      // A hold a presale code let in early was let in for its checkout as well.
      const { on_sale_from, on_sale_until } = context.event;
      assertSalesWindowOpen(
        gate.window ?? (fromAllotment ? { channel, opens_at: on_sale_from, closes_at: on_sale_until } : null),
        channel,
        now,
        hold.presale_code_id ? hold.created_at : null,
        fromAllotment ? 'opening' : 'both',
      );
      // Priced from the stored price list, fees, tax and code: the client's idea of the amount counts for nothing.
      const priced = await priceItems(
        deps.db,
        context,
        {
          seatNos: fromAllotment ? fromAllotment.seatNos : hold.seat_nos,
          ga: hold.ga_section_id ? { sectionId: hold.ga_section_id, quantity: hold.ga_quantity! } : null,
        },
        {
          lines: request.lines,
          code: request.code,
          deliveryMethod: request.delivery.method,
          unlockedTierIds: await unlockedTiersOf(deps.db, hold.presale_code_id),
        },
        now,
      );
      const total = priced.breakdown.totals.total;
      checkPaymentCovers(request.payment, total, hold.currency);
      deps.payments.assertReturnUrl(request.payment, 'payment.returnUrl'); // redirects: no open redirect
      orderId = randomUUID();
      const accessToken = orderAccessToken(deps, orderId);
      const immediate = request.payment.method === 'cash' || request.payment.method === 'card_terminal';
      const order: NewOrderRow = {
        id: orderId,
        code: newOrderCode(),
        event_id: hold.event_id,
        venue_id: context.event.venue_id,
        hold_id: holdId,
        state: 'pending_payment',
        channel,
        customer_sub: channel === 'web' ? (principal?.sub ?? null) : null,
        device_id: principal && (channel === 'kiosk' || principal.groups.includes('boxoffice')) ? principal.sub : null,
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
        price_breakdown: priced.breakdown,
        promo_code_id: priced.promoCode?.id ?? null,
        locale: request.locale ?? 'en',
      };
      const payment = newPayment(orderId, 1, request.payment, total, hold.currency, now);
      const row: OrderRow = {
        ...order,
        refunded_amount: 0,
        credit_out_amount: 0,
        paid_at: null,
        picked_up_at: null,
        picked_up_by: null,
      };
      // The hold locked and extended, the order, its payment and the key's record of it: one statement. Entering
      // payment extends the hold once, so a buyer who is paying does not lose the seats mid-payment.
      const extendTo = holdExpiresAt(now, context.event.hold_ttl_seconds);
      // `first`: the payment with its checkout session, and the answer to store with the order if the hold is as read.
      const write = async (db: Queryable, first?: { payment: PaymentRow; answer: IdempotentAnswer }) => {
        const was = await writeOrder(db, {
          order,
          payment: first?.payment ?? payment,
          extendTo,
          now,
          key: idempotency.entry ?? null,
          ...(first ? { answer: { ...first.answer, holdVersion: read!.version } } : {}),
        }).catch((error: unknown) => {
          if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
            throw new DomainError('order_state_conflict', 'This hold already has an order.');
          }
          throw error;
        });
        if (!was || was.state !== 'active') {
          throw new DomainError('hold_not_active', `This hold is ${was?.state ?? 'gone'}; hold the seats again.`);
        }
        if (was.expires_at <= now) {
          throw new DomainError('hold_expired', 'This hold has expired; its seats are free again.');
        }
        if (!idempotency.entry) await idempotency.recordResource(db, orderId);
        return { holdRunsOut: was.extended_to ?? was.expires_at, answered: was.answered };
      };
      const codes = { orderId, promoCodeId: order.promo_code_id, holdPresaleCodeId: hold.presale_code_id };
      if (!fromAllotment && !immediate && !codes.promoCodeId && !codes.holdPresaleCodeId) {
        // Nothing else to do in the same transaction: the single statement is atomic on its own. With the key's
        // answer stored by it too, the checkout session is opened first, and the order is written with it.
        if (idempotency.entry && idempotency.completeWith) {
          // The hold's expiry the answer shows: the order's statement extends it once, the first time.
          const runsOut = hold.extended ? hold.expires_at : new Date(Math.max(+hold.expires_at, +extendTo));
          return openCheckoutFirst(deps, row, payment, idempotency.completeWith, {
            holdExpiresAt: runsOut,
            write: (withSession, answer) => write(deps.db, { payment: withSession, answer }),
          });
        }
        const { holdRunsOut } = await write(deps.db);
        return openCheckout(deps, row, payment, idempotency, { holdExpiresAt: holdRunsOut });
      }
      const sold = await deps.db.transaction(async (tx) => {
        if (fromAllotment) {
          const moved = await splitAllotment(tx, {
            allotmentId: hold.id,
            seatIds: fromAllotment.seatIds,
            holdId,
            tokenHash: hold.token_hash,
            totalAmount: total,
            now,
          });
          if (moved === 'gone') {
            // Read by the clerk whose offline sale reached the cloud after the back office took the allotment back.
            throw new DomainError(
              'hold_not_active',
              'Not sold: this allotment was taken back (or its sales ended) before the sale reached the cloud; ' +
                'give the buyer their money back.',
            );
          }
          if (moved === 'not_in_allotment') {
            throw new DomainError('seats_unavailable', 'Some of these seats are not in the allotment any more.', {
              seatIds: fromAllotment.seatIds,
            });
          }
        }
        const { holdRunsOut } = await write(tx);
        // Counted last: a limited code's shard stays locked until this transaction ends.
        await redeemCodes(tx, codes, { buyerKey: request.buyer.email.toLowerCase(), now });
        if (!immediate) return { opened: { order: row, payment, holdExpiresAt: holdRunsOut } };
        // The terminal authorised, or the clerk took the cash: the order is paid now.
        return sell(deps, tx, row, payment, payment.provider_charge_id, {
          respond: async (body) => idempotency.complete(tx, { ...body, accessToken }),
        });
      });
      if ('opened' in sold) {
        const { order, payment, holdExpiresAt: runsOut } = sold.opened;
        return openCheckout(deps, order, payment, idempotency, { holdExpiresAt: runsOut });
      }
      await publishSale(deps, hold.event_id, sold);
      return { ...sold.body, accessToken };
    }
    const [order, payment] = await orderWithLatestPayment(deps, orderId);
    return openCheckout(deps, order, payment, idempotency);
  }

  /** A new payment attempt after a declined or failed one (another card, another method). */
  async retryPayment(
    orderId: string,
    request: PaymentRequest,
    access: OrderAccess,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    const { deps } = this;
    const order = await findVisibleOrder(deps, orderId, access);
    assertMethodAllowed(order.channel, request.method, (method) => deps.payments.offers(method));
    deps.payments.assertReturnUrl(request, 'returnUrl'); // redirects: no open redirect
    if (!idempotency.resource) {
      await deps.db.transaction(async (tx) => {
        const locked = (await lockOrder(tx, orderId))!;
        if (locked.state !== 'pending_payment') {
          throw new DomainError('order_state_conflict', `This order is ${locked.state.replace('_', ' ')}.`);
        }
        const payments = await listPayments(tx, [orderId]);
        const latest = payments.at(-1)!;
        if (latest.state === 'completing' || latest.state === 'captured') {
          throw new DomainError('order_state_conflict', 'A payment of this order is being completed already.');
        }
        const now = deps.clock.now();
        if (latest.state === 'open')
          await updatePayment(tx, latest.id, { state: 'failed', failure_reason: 'replaced', now });
        const payment = newPayment(orderId, latest.attempt + 1, request, locked.total_amount, locked.currency, now);
        await insertPayment(tx, payment);
        await idempotency.recordResource(tx, orderId);
      });
    }
    const [current, payment] = await orderWithLatestPayment(deps, orderId);
    const { accessToken: _token, ...view } = await openCheckout(deps, current, payment, idempotency);
    return view;
  }
}

/**
 * Counts the uses of the order's promo code and of the hold's presale code if it is limited (single-use codes), in
 * the checkout's transaction: a code with no use left refuses the order (code_used_up) and undoes it all, so the
 * buyer keeps the hold and may go on without the code.
 */
export async function redeemCodes(
  tx: Queryable,
  codes: { orderId: string; promoCodeId: string | null; holdPresaleCodeId: string | null },
  by: { buyerKey: string; now: Date },
) {
  const uses = [
    { codeId: codes.promoCodeId, field: 'code' },
    { codeId: codes.holdPresaleCodeId, field: 'presaleCode' },
  ];
  for (const { codeId, field } of uses) {
    if (!codeId) continue;
    const outcome = await redeemCode(tx, { codeId, orderId: codes.orderId, ...by });
    if (!outcome.ok) {
      const detail =
        outcome.reason === 'buyer_limit' ? 'You have used this code as often as it allows.' : 'This code is used up.';
      throw new DomainError('code_used_up', detail, { field });
    }
  }
}

/** The seats of an allotment an order names. */
function allotmentPart(context: EventContext, request: CreateOrder): { seatIds: string[]; seatNos: number[] } {
  const seatIds = request.allotmentSeatIds;
  if (!seatIds) {
    throw new DomainError('validation_failed', 'Name the seats of the allotment this order sells.', {
      field: 'allotmentSeatIds',
    });
  }
  const seatNos = seatNosOf(context, seatIds, 'allotmentSeatIds');
  return { seatIds, seatNos };
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
