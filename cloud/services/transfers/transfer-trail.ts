// What a transfer's step leaves behind in its transaction: an entry in the order's audit trail (the sender's order,
// and on acceptance the recipient's new one too), whoever acted — the buyer (account or guest link), a clerk, the
// recipient — and one email job per side.
import { randomUUID } from 'node:crypto';
import { insertAuditEntry } from '../../db/audit.ts';
import type { NewOutboxJob } from '../../db/outbox.ts';
import type { OrderRow } from '../../db/orders.ts';
import type { Queryable } from '../../db/port.ts';
import type { TransferRow } from '../../db/transfers.ts';
import { actingRole } from '../audit/audit-log.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { Principal } from '../ports.ts';

/** `refunded`: the paying order refunded passed-on tickets; only their holder is told (the payer gets the refund's
 * own email). */
export type TransferStep = 'sent' | 'accepted' | 'cancelled' | 'refunded';
export type TransferSide = 'sender' | 'recipient';

export interface TransferEmailPayload {
  transferId: string;
  step: TransferStep;
  side: TransferSide;
  /** `refunded`: the holder's tickets that were stopped (in the transfer's recipient order). */
  ticketIds?: string[];
}

/** Both sides are told of every step; on acceptance the recipient's new order also gets its tickets email. */
export function transferEmailJobs(transferId: string, step: TransferStep, toOrderId?: string): NewOutboxJob[] {
  const job = (side: TransferSide): NewOutboxJob => ({
    id: randomUUID(),
    topic: OUTBOX_TOPICS.transferEmail,
    aggregateId: transferId,
    payload: { transferId, step, side } satisfies TransferEmailPayload,
  });
  const tickets: NewOutboxJob[] = toOrderId
    ? [{ id: randomUUID(), topic: OUTBOX_TOPICS.ticketEmail, aggregateId: toOrderId, payload: { orderId: toOrderId } }]
    : [];
  return [job('sender'), job('recipient'), ...tickets];
}

/** The holder of passed-on tickets told that they were cancelled (the last transfer's recipient: its address and
 * language). */
export function passedOnRefundEmailJob(transferId: string, ticketIds: string[]): NewOutboxJob {
  return {
    id: randomUUID(),
    topic: OUTBOX_TOPICS.transferEmail,
    aggregateId: transferId,
    payload: { transferId, step: 'refunded', side: 'recipient', ticketIds } satisfies TransferEmailPayload,
  };
}

/** The step in the audit log under the sender's order (and the recipient's new order when accepted). */
export async function recordTransferStep(
  tx: Queryable,
  actor: Principal | undefined,
  order: OrderRow,
  action: 'transfer.send' | 'transfer.cancel' | 'transfer.accept',
  transfer: Pick<TransferRow, 'id' | 'ticket_ids' | 'recipient_email' | 'recipient_name'>,
  now: Date,
  toOrderId?: string,
): Promise<void> {
  const count = transfer.ticket_ids.length;
  const words = {
    'transfer.send': `Sent ${count} ticket(s) of ${order.code} to ${transfer.recipient_email}`,
    'transfer.cancel': `Cancelled the transfer of ${count} ticket(s) of ${order.code} to ${transfer.recipient_email}`,
    'transfer.accept': `${transfer.recipient_email} accepted ${count} ticket(s) of ${order.code}`,
  }[action];
  const entry = (objectId: string) =>
    insertAuditEntry(tx, {
      id: randomUUID(),
      at: now,
      actor_sub: actor?.sub ?? (action === 'transfer.accept' ? 'recipient' : 'guest'),
      actor_email: actor?.email ?? (action === 'transfer.accept' ? transfer.recipient_email : null),
      actor_role: actor ? (actor.groups.length === 0 ? 'customer' : actingRole(actor)) : 'guest',
      venue_id: order.venue_id,
      venue_ids: [order.venue_id],
      action,
      object_type: 'order',
      object_id: objectId,
      summary: words,
      before: null,
      after: {
        transferId: transfer.id,
        ticketIds: transfer.ticket_ids,
        recipient: transfer.recipient_email,
        ...(toOrderId ? { toOrderId, fromOrderId: order.id } : {}),
      },
    });
  await entry(order.id);
  if (toOrderId) await entry(toOrderId);
}
