// Refunds of web payments at the provider: a pending refund is sent inline right after the refund commits, and by the
// outbox job written with it until the provider has it. Staff refunds and the late-payment refund both end here.
import { markOutboxDoneFor } from '../../db/outbox.ts';
import { listPayments } from '../../db/payments.ts';
import { completeRefund, findRefund } from '../../db/refunds.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { OrderDeps } from './deps.ts';

/** Sends a pending refund to the provider (inline after the refund commits, and by the outbox dispatcher). */
export async function executeRefund(deps: OrderDeps, refundId: string): Promise<void> {
  const refund = await findRefund(deps.db, refundId);
  if (!refund || refund.state !== 'pending') return;
  const payment = (await listPayments(deps.db, [refund.order_id])).find((p) => p.id === refund.payment_id)!;
  const result = await deps.payments.refund(payment, refund);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await completeRefund(tx, refund.id, { state: 'succeeded', providerRefundId: result.refundId, now });
    await markOutboxDoneFor(tx, OUTBOX_TOPICS.paymentRefund, refund.id, now);
  });
}

export async function tryRefundNow(deps: OrderDeps, refundId: string): Promise<void> {
  try {
    await executeRefund(deps, refundId);
  } catch {
    // The outbox job written with the refund retries it with backoff; the refund stays pending until then.
  }
}
