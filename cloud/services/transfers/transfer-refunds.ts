// Refunds of a recipient's order (issue 19): it was paid by a transfer, so it holds no money — the original buyer's
// order does. Staff refunds and cancellations of it are refused with the original order named (its money is
// refunded there, by that order's rules), rather than computing a refund of 0 against a payment that does not exist.
import type { Queryable } from '../../db/port.ts';
import type { OrderRow } from '../../db/orders.ts';
import { findTransferSourceOrder } from '../../db/transfers.ts';
import { DomainError } from '../../domain/errors.ts';

/** Throws `refund_at_original_order` (409) for an order that received its tickets by transfer. */
export async function assertNotReceivedByTransfer(
  db: Queryable,
  order: Pick<OrderRow, 'id' | 'payment_method'>,
): Promise<void> {
  if (order.payment_method !== 'transfer') return;
  const source = await findTransferSourceOrder(db, order.id);
  throw new DomainError(
    'refund_at_original_order',
    source
      ? `These tickets were passed on from order ${source.code}, which holds their payment: refund from that order.`
      : 'These tickets were passed on by transfer and hold no payment: refund from the original order.',
    source ? { originalOrderId: source.id } : {},
  );
}

/**
 * Throws `order_has_transferred_tickets` (409) before a whole-order give-back (a staff cancellation, a postponement's
 * full refund) of an order some of whose tickets were passed on: "everything left" would include their money while
 * their recipient still holds valid tickets. The order's own valid tickets are refunded by choosing them.
 */
export function assertNothingPassedOn(tickets: readonly { status: string }[]): void {
  if (!tickets.some((ticket) => ticket.status === 'transferred')) return;
  throw new DomainError(
    'order_has_transferred_tickets',
    "Some of this order's tickets were passed on and belong to their recipient now: refund the order's own valid " +
      'tickets by choosing them.',
  );
}
