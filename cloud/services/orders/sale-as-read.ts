// A payment's sale in one statement (db/sales.ts, sellReadOrder): when the completion's first read brought what the
// sale needs (the order, its hold's seats, its payments), the tickets and the answer are made before the write, from
// that read and the event's cached context, and the write checks under its locks that none of it changed. It saves
// the transaction's BEGIN and COMMIT and a statement: three of a completion's six round trips. Anything it does not
// cover (standing places, an order priced before price lists, something changed since the read) is sold the long way
// (sale.ts, sell), in a transaction.
import type { ReadWithOrder } from '../../db/completion.ts';
import type { OrderRow } from '../../db/orders.ts';
import type { PaymentRow } from '../../db/payments.ts';
import { sellReadOrder } from '../../db/sales.ts';
import type { SoldSeat } from '../../db/inventory/seats.ts';
import type { TicketRow } from '../../db/tickets.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import type { OrderDeps } from './deps.ts';
import { fulfilmentJobs, saleAnswer, SeatsGoneError, type Sold, ticketIssuer, type TicketTypeNames } from './sale.ts';

/**
 * Sells the order as the completion read it, in one statement that also stores the answer (`answerWith`, the
 * Idempotency-Key's completeWith); null when it could not (nothing written: sell the long way). Throws
 * SeatsGoneError, having written nothing, when a seat is gone or the event cancelled.
 */
export async function sellAsRead(
  deps: OrderDeps,
  sale: { order: OrderRow; read: ReadWithOrder; payment: PaymentRow; chargeId: string | null },
  answerWith: NonNullable<IdempotencyHandle['completeWith']>,
): Promise<Sold | null> {
  const { order, read, payment, chargeId } = sale;
  const hold = read.hold;
  if (!hold || hold.seat_nos.length === 0 || hold.ga_section_id !== null || order.price_breakdown === null) return null;
  const context = await deps.contexts.require(order.event_id);
  const { seatIds } = context.seatMap.layout;
  if (hold.seat_nos.some((seatNo) => (context.tierOf[seatNo] ?? -1) < 0 || seatIds[seatNo] === undefined)) return null;
  const now = deps.clock.now();
  const types: TicketTypeNames = new Map(
    (context.pricing.priceList?.ticketTypes ?? []).map((type) => [
      type.id,
      { name: type.name, requires_check: type.requiresCheck },
    ]),
  );
  const ticket = ticketIssuer(deps, context, order, types, now);
  const tickets: TicketRow[] = hold.seat_nos.map((seatNo) => {
    const seatId = seatIds[seatNo]!;
    const tierId = context.tiers[context.tierOf[seatNo]!]!.id;
    return ticket({ seat_no: seatNo, seat_id: seatId, ga_section_id: null, tier_id: tierId }, seatId);
  });
  const body = await saleAnswer(deps, deps.db, order, { tickets, payments: read.payments, payment, chargeId, now });
  await deps.faults.reached('before_commit');
  const written: { seats?: SoldSeat[] } = {};
  try {
    await answerWith(body, async (answer) => {
      const result = await sellReadOrder(
        deps.db,
        {
          orderId: order.id,
          orderVersion: read.version,
          eventId: order.event_id,
          holdId: order.hold_id,
          seatNos: hold.seat_nos,
          settingsVersion: context.settingsVersion,
          paymentId: payment.id,
          paymentCount: read.payments.length,
        },
        { chargeId, now },
        { tickets, jobs: fulfilmentJobs(order) },
        answer,
      );
      // Thrown out of the key's completeWith, so the answer is not taken as stored when the statement wrote nothing.
      if ('takenSeatIds' in result) throw new SeatsGoneError(result.takenSeatIds.join(','));
      if (result.sold === null) throw notSold;
      written.seats = result.sold;
    });
  } catch (error) {
    if (error !== notSold) throw error;
    return null;
  }
  return { seats: written.seats!, ga: [], body };
}

/** The statement wrote nothing: the order or what the sale read changed since the read. */
const notSold = new Error('the order changed since it was read: sold the long way');
