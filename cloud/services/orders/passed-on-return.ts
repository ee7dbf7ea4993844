// The holder's side of a passed-on ticket's refund, in the refund's transaction (the paying order locked first, then
// each holder's order): the ticket holding the place now marked refunded under the paying order's refund (refused at
// the door online at once, listed for offline doors), its seat or standing place back on sale, its wallet pass
// voided, the holder's order moved on, the holder told by email in their language, and the step in the audit trail
// of the holder's order.
import { lockOrder, updateOrderState, type OrderRow } from '../../db/orders.ts';
import { insertOutboxJobs } from '../../db/outbox.ts';
import type { Queryable } from '../../db/port.ts';
import { listTickets, refundTickets } from '../../db/tickets.ts';
import type { SeatChangeRow } from '../../db/inventory/seats.ts';
import { DomainError } from '../../domain/errors.ts';
import { refundEvent, transition } from '../../domain/orders/order-state.ts';
import type { GaChange } from '../inventory/live-changes.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { passUpdateJobs } from '../jobs/outbox-topics.ts';
import type { Principal } from '../ports.ts';
import type { PassedOnTicket } from '../transfers/transfer-refunds.ts';
import { passedOnRefundEmailJob } from '../transfers/transfer-trail.ts';
import { backOnSale } from './ticket-return.ts';

export async function returnPassedOn(
  tx: Queryable,
  change: {
    payer: OrderRow;
    passedOn: readonly PassedOnTicket[];
    refundId: string;
    reason: string;
    staff: Principal;
    now: Date;
  },
): Promise<{ seats: SeatChangeRow[]; ga: GaChange[] }> {
  const { payer, now } = change;
  const seats: SeatChangeRow[] = [];
  const ga: GaChange[] = [];
  for (const holderId of new Set(change.passedOn.map((p) => p.current.order_id))) {
    const mine = change.passedOn.filter((p) => p.current.order_id === holderId);
    const holder = (await lockOrder(tx, holderId))!;
    const stopped = await refundTickets(
      tx,
      holder.id,
      mine.map((p) => p.current.id),
      change.refundId,
      'refunded',
    );
    // The door may have let the holder in since the chain was read: then nothing is refunded.
    if (stopped.length !== mine.length || stopped.some((t) => t.used_at)) {
      throw new DomainError('ticket_already_used', 'A passed-on ticket was used or changed meanwhile: look again.', {
        field: 'ticketIds',
      });
    }
    const freed = await backOnSale(tx, holder, stopped);
    seats.push(...freed.seats);
    ga.push(...freed.ga);
    const validLeft = (await listTickets(tx, [holder.id])).filter((t) => t.status === 'valid').length;
    const state = transition(holder.state, refundEvent(validLeft));
    await updateOrderState(tx, holder.id, { state, now });
    await insertOutboxJobs(
      tx,
      [
        ...passUpdateJobs(stopped.map((t) => t.id)),
        passedOnRefundEmailJob(
          mine[0]!.transferId,
          stopped.map((t) => t.id),
        ),
      ],
      now,
    );
    await recordStaffAction(
      tx,
      change.staff,
      {
        action: 'order.refund',
        objectType: 'order',
        objectId: holder.id,
        venueId: holder.venue_id,
        summary: `Cancelled ${stopped.length} passed-on ticket${stopped.length === 1 ? '' : 's'} of order ${holder.code}, refunded to order ${payer.code}: ${change.reason}`,
        before: { state: holder.state },
        after: { state, ticketIds: stopped.map((t) => t.id), refundedAt: payer.id },
      },
      now,
    );
  }
  return { seats, ga };
}
