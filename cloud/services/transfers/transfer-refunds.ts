// Refunds of passed-on tickets (issue 19). A recipient's order was paid by a transfer, so it holds no money — the
// paying order does. Staff refunds and cancellations of a recipient's order are refused with the paying order named,
// and for each ticket the one to choose there. At the paying order, a passed-on ticket is named by its own id or by
// the id of the ticket that holds its place now; it is followed along its transfers (a place may move more than once)
// to that ticket, which the refund stops (orders/passed-on-return.ts).
import type { Queryable } from '../../db/port.ts';
import { findOrder, type OrderRow } from '../../db/orders.ts';
import { listTickets, type TicketRow } from '../../db/tickets.ts';
import { listPassedOnPairs, type PassedOnPair } from '../../db/transfers.ts';
import { DomainError } from '../../domain/errors.ts';
import type { PassedOnTicketHolder } from '../../contract/backoffice-orders.ts';

/** A place moves at most 20 times (the rules' cap): a longer chain is a fault, not a loop to follow. */
const MAX_HOPS = 21;

export interface PassedOnTicket {
  /** The paying order's ticket, `transferred`: it is priced and refunded there. */
  original: TicketRow;
  /** The ticket that holds the place now, in its holder's order (`current.order_id`). */
  current: TicketRow;
  /** The last transfer, into the holder's order. */
  transferId: string;
}

/** Throws `refund_at_original_order` (409) for an order that received its tickets by transfer, naming the paying order
 * and, for each ticket named (all valid ones when none are), the ticket to choose there. */
export async function assertNotReceivedByTransfer(
  db: Queryable,
  order: Pick<OrderRow, 'id' | 'payment_method'>,
  ticketIds?: readonly string[],
): Promise<void> {
  if (order.payment_method !== 'transfer') return;
  const origin = await payingOrderOf(db, order.id);
  if (!origin) {
    throw new DomainError(
      'refund_at_original_order',
      'These tickets were passed on by transfer and hold no payment: refund from the original order.',
    );
  }
  const named = ticketIds ?? (await listTickets(db, [order.id])).filter((t) => t.status === 'valid').map((t) => t.id);
  const originalTickets = named.flatMap((ticketId) => {
    const originalTicketId = origin.originalOf.get(ticketId);
    return originalTicketId ? [{ ticketId, originalTicketId }] : [];
  });
  throw new DomainError(
    'refund_at_original_order',
    `These tickets were passed on from order ${origin.order.code}, which holds their payment: refund from that order, ` +
      `choosing the passed-on ticket${originalTickets.length === 1 ? '' : 's'} there.`,
    { originalOrderId: origin.order.id, originalOrderCode: origin.order.code, originalTickets },
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
      'tickets, and the passed-on ones, by choosing them.',
  );
}

/** The order's passed-on tickets (`transferred`, still paid for here), each followed to the ticket holding its place
 * now. */
export async function followPassedOn(db: Queryable, tickets: readonly TicketRow[]): Promise<PassedOnTicket[]> {
  const originals = tickets.filter((t) => t.status === 'transferred');
  if (originals.length === 0) return [];
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const heads = new Map(originals.map((t) => [t.id, { ticket: t, transferId: '' }]));
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const moving = [...heads].filter(([, head]) => head.ticket.status === 'transferred');
    if (moving.length === 0) break;
    const next = new Map<string, PassedOnPair>();
    for (const orderId of new Set(moving.map(([, head]) => head.ticket.order_id))) {
      for (const pair of await listPassedOnPairs(db, { fromOrderId: orderId })) next.set(pair.from_ticket_id, pair);
    }
    const reached = [...new Set([...next.values()].map((pair) => pair.to_order_id))];
    for (const ticket of await listTickets(db, reached)) byId.set(ticket.id, ticket);
    for (const [originalId, head] of moving) {
      const pair = next.get(head.ticket.id);
      // A `transferred` ticket without an accepted transfer out is not passed on to anyone to stop.
      if (!pair) heads.delete(originalId);
      else heads.set(originalId, { ticket: byId.get(pair.to_ticket_id)!, transferId: pair.transfer_id });
    }
  }
  return originals.flatMap((original) => {
    const head = heads.get(original.id);
    return head && head.ticket.status !== 'transferred'
      ? [{ original, current: head.ticket, transferId: head.transferId }]
      : [];
  });
}

/** The order's passed-on tickets with who holds each place now, for the back office's order page. */
export async function passedOnHolders(db: Queryable, orderId: string): Promise<PassedOnTicketHolder[]> {
  const tickets = await listTickets(db, [orderId]);
  const chains = await followPassedOn(db, tickets);
  const holders = new Map<string, OrderRow>();
  for (const chain of chains) {
    const id = chain.current.order_id;
    if (!holders.has(id)) holders.set(id, (await findOrder(db, id))!);
  }
  return chains.map(({ original, current }) => {
    const holder = holders.get(current.order_id)!;
    return {
      ticketId: original.id,
      holderTicketId: current.id,
      holderOrderId: holder.id,
      holderOrderCode: holder.code,
      holder: { name: holder.buyer_name, email: holder.buyer_email },
      refundable: current.status === 'valid' && !current.used_at,
    };
  });
}

/**
 * Splits the tickets named for a refund at a paying order into its own (left for chooseTickets to check) and the
 * passed-on ones (named by the original's id or the current holder's ticket id). A passed-on ticket whose holder was
 * let in at the door is refused, as one that was refunded or voided already is.
 */
export async function choosePassedOn(
  db: Queryable,
  tickets: readonly TicketRow[],
  ticketIds: readonly string[] | undefined,
): Promise<{ ownIds: string[] | undefined; passedOn: PassedOnTicket[] }> {
  if (!ticketIds || !tickets.some((t) => t.status === 'transferred'))
    return { ownIds: ticketIds && [...ticketIds], passedOn: [] };
  const own = new Set(tickets.filter((t) => t.status === 'valid').map((t) => t.id));
  if (ticketIds.every((id) => own.has(id))) return { ownIds: [...ticketIds], passedOn: [] };
  const chains = await followPassedOn(db, tickets);
  const passedOn: PassedOnTicket[] = [];
  const ownIds: string[] = [];
  for (const id of ticketIds) {
    const chain = chains.find((c) => c.original.id === id || c.current.id === id);
    if (!chain) {
      ownIds.push(id);
      continue;
    }
    if (passedOn.includes(chain)) continue;
    if (chain.current.used_at) {
      throw new DomainError(
        'ticket_already_used',
        'The passed-on ticket was used at the door by its holder: it cannot be refunded.',
        { field: 'ticketIds' },
      );
    }
    // Refunded or voided at its holder's order already: nothing to stop, so not a ticket to refund.
    if (chain.current.status !== 'valid') ownIds.push(id);
    else passedOn.push(chain);
  }
  return { ownIds, passedOn };
}

/** The paying order at the start of a recipient order's chain of transfers, and for each of the order's tickets its
 * original there; null when no accepted transfer leads to it. */
async function payingOrderOf(
  db: Queryable,
  orderId: string,
): Promise<{ order: OrderRow; originalOf: Map<string, string> } | null> {
  // Each ticket of the order, mapped back one transfer at a time (empty before the first).
  let originalOf = new Map<string, string>();
  let at = orderId;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const pairs = await listPassedOnPairs(db, { toOrderId: at });
    if (pairs.length === 0) return null;
    const back = new Map(pairs.map((pair) => [pair.to_ticket_id, pair.from_ticket_id]));
    originalOf = hop === 0 ? back : new Map([...originalOf].map(([ticketId, via]) => [ticketId, back.get(via) ?? via]));
    at = pairs[0]!.from_order_id;
    const order = (await findOrder(db, at))!;
    if (order.payment_method !== 'transfer') return { order, originalOf };
  }
  return null;
}
