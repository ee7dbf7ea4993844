// Payment completion: the buyer approved at the provider, the amount is captured once (the payment is marked
// `completing` first, so a retry never charges twice), then the sale. If the seats went meanwhile, the late payment
// is refunded instead.
import { findOrder, lockOrder } from '../../db/orders.ts';
import { listPayments, type PaymentRow, updatePayment } from '../../db/payments.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Order } from '../../contract/index.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { canSeeOrder, type OrderAccess } from '../access/order-access.ts';
import { viewOf, type OrderDeps } from './deps.ts';
import { refundLatePayment } from './late-payment.ts';
import { publishSale, SeatsGoneError, sell } from './sale.ts';

export class PaymentCompletion {
  constructor(private readonly deps: OrderDeps) {}

  /** The buyer approved the payment at the provider: complete it for the amount, then sell. */
  async complete(orderId: string, access: OrderAccess, idempotency: IdempotencyHandle): Promise<Order> {
    const { deps } = this;
    const started = await deps.db.transaction(async (tx) => {
      const locked = await lockOrder(tx, orderId);
      if (!locked || !canSeeOrder(locked, access)) throw new DomainError('not_found', 'No such order.');
      // Completed already (another request, another key): answer the paid order, charge nothing.
      if (locked.state === 'paid') return { paid: true as const, order: await viewOf(deps, tx, locked) };
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
      if (latest.state === 'open') await updatePayment(tx, latest.id, { state: 'completing', now: deps.clock.now() });
      return { paid: false as const, payment: latest };
    });
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
      await deps.db.transaction((tx) =>
        updatePayment(tx, payment.id, { state: 'declined', failure_reason: result.reason, now: deps.clock.now() }),
      );
      throw new DomainError('payment_declined', `The payment was declined: ${result.reason}. Try another way to pay.`);
    }
    return this.settleCaptured(orderId, payment, result.chargeId, idempotency);
  }

  /** The provider captured the money: sell and issue tickets, or, if the seats are gone, cancel and refund. */
  private async settleCaptured(
    orderId: string,
    payment: PaymentRow,
    chargeId: string,
    idempotency: IdempotencyHandle,
  ): Promise<Order> {
    const { deps } = this;
    let eventId = '';
    try {
      const sold = await deps.db.transaction(async (tx) => {
        const order = (await lockOrder(tx, orderId))!;
        eventId = order.event_id;
        if (order.state !== 'pending_payment') return null;
        return sell(deps, tx, order, payment, chargeId, { respond: (body) => idempotency.complete(tx, body) });
      });
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
