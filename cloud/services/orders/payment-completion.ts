// Payment completion: the buyer approved at the provider, the amount is captured once (the payment is marked
// `completing` first, so a retry never charges twice), then the sale. If the seats went meanwhile, the late payment
// is refunded instead.
import { findOrderWithLatestPayment, markPaymentCompleting, type ReadWithOrder } from '../../db/completion.ts';
import { findOrder, type OrderRow } from '../../db/orders.ts';
import { type PaymentRow, updatePayment } from '../../db/payments.ts';
import { lockOrderForSale } from '../../db/sales.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Order } from '../../contract/index.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { canSeeOrder, hashOrderToken, type OrderAccess } from '../access/order-access.ts';
import { viewOf, type OrderDeps } from './deps.ts';
import { refundLatePayment } from './late-payment.ts';
import { publishSale, SeatsGoneError, sell } from './sale.ts';
import { sellAsRead } from './sale-as-read.ts';

export class PaymentCompletion {
  constructor(private readonly deps: OrderDeps) {}

  /** The buyer approved the payment at the provider: complete it for the amount, then sell. */
  async complete(orderId: string, access: OrderAccess, idempotency: IdempotencyHandle): Promise<Order> {
    const { deps } = this;
    const started = await this.start(orderId, access, idempotency.claimInFirstStatement);
    if (started.paid) return started.order;
    const { payment } = started;
    let result: Awaited<ReturnType<typeof deps.payments.complete>>;
    try {
      result = await deps.payments.complete(payment);
    } catch (error) {
      deps.meter.count('PaymentFailures');
      throw error;
    }
    if (result.outcome === 'declined') {
      deps.meter.count('PaymentFailures');
      await updatePayment(deps.db, payment.id, {
        state: 'declined',
        failure_reason: result.reason,
        now: deps.clock.now(),
      });
      throw new DomainError('payment_declined', `The payment was declined: ${result.reason}. Try another way to pay.`);
    }
    return this.settleCaptured(started, result.chargeId, idempotency);
  }

  /**
   * The payment to complete, marked `completing` (a retry then never charges twice, and the abandoned-order sweep
   * leaves the order be); or the order, when it is paid already (another request, another key: charge nothing).
   * The order is read first and the caller's access checked before anything is written; the mark is written only if
   * nothing changed since, else the order is read again. A buyer with the order's token has the read and the mark in
   * one statement, which checks the token itself before it writes (db/completion.ts).
   */
  private async start(
    orderId: string,
    access: OrderAccess,
    firstClaim?: IdempotencyHandle['claimInFirstStatement'],
  ): Promise<{ paid: true; order: Order } | ({ paid: false } & Started)> {
    const { deps } = this;
    const tokenHash = access.orderToken ? hashOrderToken(access.orderToken) : null;
    for (let attempt = 1; ; attempt++) {
      const byToken = tokenHash ? { tokenHash, now: deps.clock.now() } : undefined;
      // The first read claims the request's Idempotency-Key too when the key is new (and marks nothing unless it did).
      const first = attempt === 1 ? firstClaim : undefined;
      const looked = await findOrderWithLatestPayment(deps.db, orderId, byToken, first?.claim);
      first?.settle(looked.claimed);
      const found = looked.found;
      if (!found || !canSeeOrder(found.order, access)) throw new DomainError('not_found', 'No such order.');
      const { order, latest, marked, read } = found;
      if (marked) return { paid: false, payment: latest!, order, read };
      if (order.state === 'paid') return { paid: true, order: await viewOf(deps, deps.db, order) };
      if (order.state !== 'pending_payment') {
        throw new DomainError('order_state_conflict', `This order is ${order.state.replace('_', ' ')}.`);
      }
      if (!latest?.provider_session_id || (latest.state !== 'open' && latest.state !== 'completing')) {
        throw new DomainError(
          'order_state_conflict',
          `The last payment of this order was ${latest?.state ?? 'never made'}; start a new payment for it.`,
        );
      }
      if (latest.state === 'completing') return { paid: false, payment: latest, order, read };
      if (await markPaymentCompleting(deps.db, { orderId, paymentId: latest.id, now: deps.clock.now() })) {
        return { paid: false, payment: latest, order, read };
      }
      if (attempt === MARK_ATTEMPTS) {
        throw new DomainError('contention', 'The order changed while its payment was being completed; try again.', {
          retryable: true,
        });
      }
    }
  }

  /** The provider captured the money: sell and issue tickets, or, if the seats are gone, cancel and refund. */
  private async settleCaptured(started: Started, chargeId: string, idempotency: IdempotencyHandle): Promise<Order> {
    const { deps } = this;
    const { payment } = started;
    const { id: orderId, event_id: eventId } = started.order;
    try {
      // As read, in one statement, when nothing it read has changed since; else in a transaction, the long way.
      const asRead = idempotency.completeWith
        ? await sellAsRead(deps, { ...started, chargeId }, idempotency.completeWith)
        : null;
      const sold =
        asRead ??
        (await deps.db.transaction(async (tx) => {
          // The order locked with its hold and the rest of the sale's parts, and the hold's seats sold to it if it
          // still waits for its payment, in one round trip.
          const now = deps.clock.now();
          const locked = (await lockOrderForSale(tx, orderId, now))!;
          if ('takenSeatIds' in locked) throw new SeatsGoneError(locked.takenSeatIds.join(','));
          const { order, parts } = locked;
          if (order.state !== 'pending_payment') return null;
          // The answer is stored by a step of the sale's one write, not by a statement after it (where the key's
          // handle can: a test's stand-in stores it with a statement of its own, in the same transaction).
          const { completeWith } = idempotency;
          return sell(deps, tx, order, payment, chargeId, {
            locked: { parts, sold: locked.sold, now },
            ...(completeWith ? { answerWith: completeWith } : { respond: (body) => idempotency.complete(tx, body) }),
          });
        }));
      if (!sold) return viewOf(deps, deps.db, (await findOrder(deps.db, orderId))!);
      await publishSale(deps, eventId, sold);
      return sold.body;
    } catch (error) {
      if (!(error instanceof SeatsGoneError)) throw error;
    }
    // Paid, but too late: the hold ran out and its seats went to someone else. Keep the money's trail, give it back.
    return refundLatePayment(deps, orderId, eventId, payment, chargeId, idempotency);
  }
}

/** The payment to complete, marked `completing`, with the order and what was read with it (for its sale). */
interface Started {
  payment: PaymentRow;
  order: OrderRow;
  read: ReadWithOrder;
}

/** How often the order is read again when it changed between its read and the payment's mark. */
const MARK_ATTEMPTS = 3;
