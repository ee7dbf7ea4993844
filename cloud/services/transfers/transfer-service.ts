// Ticket transfers (issue 19): the buyer (order token or account) or a clerk of the venue sends valid tickets of a
// paid order to an email; the recipient accepts by the emailed link and gets NEW tickets (new ids and codes, the same
// seats) in an order of their own (a guest by its access token, an account under its orders); the old tickets become
// `transferred`, which the door refuses online at once and offline from the revocation list. The sender may cancel
// while it is pending. Every step is one transaction under the sender order's lock, with its audit entries and the
// emails to both sides as outbox jobs.
import { randomUUID } from 'node:crypto';
import { insertOutboxJobs } from '../../db/outbox.ts';
import { findEventRow } from '../../db/events.ts';
import { insertOrder, lockOrder, findOrder, type OrderRow } from '../../db/orders.ts';
import type { Queryable } from '../../db/port.ts';
import {
  endTransfer,
  findTransfer,
  findTransferableTickets,
  findTransferRules,
  insertTransfer,
  insertTransferHold,
  insertTransferredTickets,
  listOrderTransfers,
  markOrderPaidByTransfer,
  markTicketsTransferred,
  moveSoldSeats,
  type TransferRow,
} from '../../db/transfers.ts';
import { DomainError } from '../../domain/errors.ts';
import { newOrderCode } from '../../domain/orders/codes.ts';
import { signTicketCode } from '../../domain/tickets/ticket-code.ts';
import {
  DEFAULT_TRANSFER_RULES,
  transferClosesAt,
  transferRefusal,
  type TransferRefusal,
} from '../../domain/transfers/transfer-rules.ts';
import type {
  AcceptedTransfer,
  AcceptTransfer,
  CreateTransfer,
  OrderTransfers,
  ReceivedTransfer,
  Transfer,
  TransferRules,
} from '../../contract/transfers.ts';
import { deriveToken, sameToken } from '../access/derived-tokens.ts';
import { canSeeOrder, hashOrderToken, reachesAsStaff, type OrderAccess } from '../access/order-access.ts';
import { hasGroup } from '../access/venue-access.ts';
import { orderAccessToken, type OrderDeps } from '../orders/deps.ts';
import type { Principal } from '../ports.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { passUpdateJobs } from '../jobs/outbox-topics.ts';
import { recordTransferStep, transferEmailJobs } from './transfer-trail.ts';

const SENDABLE_ORDER_STATES = new Set(['paid', 'partially_refunded']);

export class TicketTransfers {
  constructor(private readonly deps: OrderDeps) {}

  /** The link token of a transfer: its id and a MAC of it, so it is given again without being stored. */
  token(transferId: string): string {
    return `${transferId}.${this.mac(transferId)}`;
  }

  /** The rules an event follows now: its organizer's, or the defaults. */
  async rulesOf(db: Queryable, eventId: string): Promise<TransferRules> {
    return (await findTransferRules(db, eventId)) ?? DEFAULT_TRANSFER_RULES;
  }

  async list(orderId: string, access: OrderAccess): Promise<OrderTransfers> {
    const order = await this.visibleOrder(orderId, access);
    const [rules, event, rows] = await Promise.all([
      this.rulesOf(this.deps.db, order.event_id),
      findEventRow(this.deps.db, order.event_id),
      listOrderTransfers(this.deps.db, order.id),
    ]);
    return {
      rules: { ...rules, closesAt: transferClosesAt(rules, event!.starts_at).toISOString() },
      transfers: rows.map(presentTransfer),
    };
  }

  /** `idempotency`: the answer is stored with the transfer, so a repeat of the request answers the same transfer. */
  async send(
    orderId: string,
    request: CreateTransfer,
    access: OrderAccess,
    idempotency?: IdempotencyHandle,
  ): Promise<Transfer> {
    const sender = await this.visibleOrder(orderId, access);
    const asStaff = reachesAsStaff(sender, access.principal, ['boxoffice:sell']);
    return this.deps.db.transaction(async (tx) => {
      const order = (await lockOrder(tx, sender.id))!;
      if (!SENDABLE_ORDER_STATES.has(order.state)) {
        throw new DomainError('order_state_conflict', 'Only tickets of a paid order can be transferred.');
      }
      const now = this.deps.clock.now();
      await this.checkTransferable(tx, order, request.ticketIds, request.recipient.name, now);
      const row = {
        id: randomUUID(),
        order_id: order.id,
        event_id: order.event_id,
        venue_id: order.venue_id,
        ticket_ids: request.ticketIds,
        recipient_email: request.recipient.email.toLowerCase(),
        recipient_name: request.recipient.name,
        state: 'pending' as const,
        sent_by: actorOf(access.principal),
        channel: asStaff ? ('boxoffice' as const) : ('web' as const),
        locale: request.locale ?? order.locale,
        created_at: now,
      };
      await insertTransfer(tx, row);
      await insertOutboxJobs(tx, transferEmailJobs(row.id, 'sent'), now);
      await recordTransferStep(tx, access.principal, order, 'transfer.send', row, now);
      const sent = presentTransfer({ ...row, to_order_id: null, accepted_by: null, ended_at: null });
      await idempotency?.complete(tx, sent);
      return sent;
    });
  }

  async cancel(orderId: string, transferId: string, access: OrderAccess): Promise<void> {
    const sender = await this.visibleOrder(orderId, access);
    await this.deps.db.transaction(async (tx) => {
      const order = (await lockOrder(tx, sender.id))!;
      const transfer = await findTransfer(tx, transferId);
      if (!transfer || transfer.order_id !== order.id) throw new DomainError('not_found', 'No such transfer.');
      const now = this.deps.clock.now();
      if (!(await endTransfer(tx, transfer.id, { state: 'cancelled', now }))) {
        throw new DomainError('transfer_not_pending', 'The transfer was accepted or cancelled already.');
      }
      await insertOutboxJobs(tx, transferEmailJobs(transfer.id, 'cancelled'), now);
      await recordTransferStep(tx, access.principal, order, 'transfer.cancel', transfer, now);
    });
  }

  /** What the link's holder is offered: the event, the places, who sends them. */
  async preview(token: string): Promise<ReceivedTransfer> {
    const transfer = await this.byToken(this.deps.db, token);
    const [order, rules, event, context] = await Promise.all([
      findOrder(this.deps.db, transfer.order_id),
      this.rulesOf(this.deps.db, transfer.event_id),
      findEventRow(this.deps.db, transfer.event_id),
      this.deps.contexts.require(transfer.event_id),
    ]);
    const tickets = await findTransferableTickets(this.deps.db, transfer.order_id, transfer.ticket_ids);
    const seats = context.seatMap.content.seats;
    return {
      id: transfer.id,
      state: transfer.state,
      eventId: transfer.event_id,
      from: { name: order!.buyer_name },
      recipient: { email: transfer.recipient_email, name: transfer.recipient_name },
      places: tickets.map((ticket) => {
        const seat = ticket.seat_no === null ? undefined : seats[ticket.seat_no];
        return {
          sectionId: seat?.sectionId ?? ticket.ga_section_id ?? '',
          row: seat?.row ?? null,
          number: seat?.number ?? null,
        };
      }),
      sameNameOnly: rules.sameNameOnly,
      closesAt: transferClosesAt(rules, event!.starts_at).toISOString(),
    };
  }

  /**
   * Accepts by the link: new tickets in a new order for the recipient (the signed-in customer's, or a guest's with
   * its access token), the old ones transferred, both sides told.
   */
  async accept(
    token: string,
    request: AcceptTransfer,
    principal: Principal | undefined,
    idempotency?: IdempotencyHandle,
  ): Promise<AcceptedTransfer> {
    const found = await this.byToken(this.deps.db, token);
    const customer = principal && principal.groups.length === 0 ? principal : undefined;
    return this.deps.db.transaction(async (tx) => {
      const order = (await lockOrder(tx, found.order_id))!;
      const transfer = (await findTransfer(tx, found.id))!;
      if (transfer.state !== 'pending') {
        throw new DomainError('transfer_not_pending', 'The transfer was accepted or cancelled already.');
      }
      const rules = await this.rulesOf(tx, order.event_id);
      const name = rules.sameNameOnly ? transfer.recipient_name : (request.name ?? transfer.recipient_name);
      const now = this.deps.clock.now();
      const tickets = await this.checkTransferable(tx, order, transfer.ticket_ids, name, now, transfer.id);
      const moved = await markTicketsTransferred(tx, order.id, transfer.ticket_ids);
      if (moved.length !== transfer.ticket_ids.length) {
        throw new DomainError('ticket_not_transferable', 'A ticket was used or changed meanwhile.', {
          field: 'ticketIds',
        });
      }
      const toOrderId = randomUUID();
      const holdId = randomUUID();
      const seatNos = tickets.flatMap((t) => (t.seat_no === null ? [] : [t.seat_no]));
      await insertTransferHold(tx, {
        id: holdId,
        eventId: order.event_id,
        seatNos,
        currency: order.currency,
        ownerSub: customer?.sub ?? null,
        now,
      });
      await insertOrder(tx, {
        id: toOrderId,
        code: newOrderCode(),
        event_id: order.event_id,
        venue_id: order.venue_id,
        hold_id: holdId,
        state: 'paid',
        channel: transfer.channel,
        customer_sub: customer?.sub ?? null,
        device_id: null,
        clerk_sub: null,
        buyer_email: transfer.recipient_email,
        buyer_name: name,
        buyer_phone: null,
        delivery: { method: 'email' },
        payment_method: 'transfer',
        total_amount: 0,
        currency: order.currency,
        access_token_hash: hashOrderToken(orderAccessToken(this.deps, toOrderId)),
        cancel_reason: null,
        created_at: now,
        updated_at: now,
        price_breakdown: null,
        promo_code_id: null,
        locale: transfer.locale,
      });
      await markOrderPaidByTransfer(tx, toOrderId, now);
      await moveSoldSeats(tx, { eventId: order.event_id, fromOrderId: order.id, toOrderId, seatNos });
      await insertTransferredTickets(
        tx,
        toOrderId,
        tickets.map((ticket) => {
          const id = randomUUID();
          const seat = ticket.seat_id ?? `ga:${ticket.ga_section_id}`;
          const code = signTicketCode(this.deps.ticketKey, { ticketId: id, eventId: order.event_id, seat });
          return { oldId: ticket.id, id, code };
        }),
        now,
      );
      const acceptedBy = customer?.sub ?? 'guest';
      await endTransfer(tx, transfer.id, { state: 'accepted', now, toOrderId, acceptedBy });
      // The sender's wallet passes show the tickets as passed on (voided), pushed to their phones.
      await insertOutboxJobs(
        tx,
        [...passUpdateJobs(transfer.ticket_ids), ...transferEmailJobs(transfer.id, 'accepted', toOrderId)],
        now,
      );
      await recordTransferStep(tx, customer, order, 'transfer.accept', transfer, now, toOrderId);
      const accepted = { orderId: toOrderId, accessToken: orderAccessToken(this.deps, toOrderId) };
      await idempotency?.complete(tx, accepted);
      return accepted;
    });
  }

  /** Refuses tickets that may not move now (state, use, a pending transfer, the event's rules); returns them. */
  private async checkTransferable(
    tx: Queryable,
    order: OrderRow,
    ticketIds: string[],
    recipientName: string,
    now: Date,
    acceptingTransferId?: string,
  ) {
    const event = (await findEventRow(tx, order.event_id))!;
    if (event.status === 'cancelled') throw new DomainError('event_cancelled', 'The event was cancelled.');
    const tickets = await findTransferableTickets(tx, order.id, ticketIds);
    const unfit = ticketIds.filter((id) => {
      const ticket = tickets.find((t) => t.id === id);
      // While accepting, the transfer's own pending mark is expected.
      return !ticket || ticket.status !== 'valid' || ticket.used_at || (ticket.pending && !acceptingTransferId);
    });
    if (unfit.length > 0) {
      throw new DomainError(
        'ticket_not_transferable',
        'Only valid, unused tickets that are not being transferred already can be sent.',
        { field: 'ticketIds' },
      );
    }
    const rules = await this.rulesOf(tx, order.event_id);
    const refusal = transferRefusal(rules, {
      now,
      startsAt: event.starts_at,
      tickets: tickets.map((t) => ({ id: t.id, transferCount: t.transfer_count })),
      buyerName: order.buyer_name,
      recipientName,
    });
    if (refusal) throw refusalError(refusal);
    return tickets;
  }

  private async visibleOrder(orderId: string, access: OrderAccess): Promise<OrderRow> {
    const order = await findOrder(this.deps.db, orderId);
    if (!order || !canSeeOrder(order, access)) throw new DomainError('not_found', 'No such order.');
    if (access.principal && hasGroup(access.principal, 'kiosk') && !access.orderToken) {
      throw new DomainError('forbidden', 'Transfers are made by the buyer or at the box office.');
    }
    return order;
  }

  private async byToken(db: Queryable, token: string): Promise<TransferRow> {
    const [id, mac] = token.split('.');
    const genuine = /^[0-9a-f-]{36}$/u.test(id ?? '') && sameToken(mac ?? '', this.mac(id!));
    const transfer = genuine ? await findTransfer(db, id!) : null;
    if (!transfer) throw new DomainError('not_found', 'No such transfer.');
    return transfer;
  }

  private mac(transferId: string): string {
    return deriveToken(this.deps.orderTokenKey, 'ticket-transfer', transferId, 32);
  }
}

const actorOf = (principal: Principal | undefined) => principal?.sub ?? 'guest';

function refusalError(refusal: TransferRefusal): DomainError {
  switch (refusal.code) {
    case 'transfer_not_allowed':
      return new DomainError(refusal.code, 'The organizer does not allow transfers for this event.');
    case 'transfer_closed':
      return new DomainError(refusal.code, 'Transfers for this event have closed.', {
        deadline: refusal.closesAt.toISOString(),
      });
    case 'transfer_limit_reached':
      return new DomainError(refusal.code, 'A ticket has been transferred as often as the event allows.', {
        field: 'ticketIds',
      });
    case 'transfer_name_mismatch':
      return new DomainError(refusal.code, "This event's tickets go only to someone of the buyer's name.", {
        field: 'recipient.name',
      });
  }
}

export const presentTransfer = (row: TransferRow): Transfer => ({
  id: row.id,
  orderId: row.order_id,
  eventId: row.event_id,
  ticketIds: row.ticket_ids,
  recipient: { email: row.recipient_email, name: row.recipient_name },
  state: row.state,
  channel: row.channel,
  createdAt: row.created_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
});
