// Orders in the back office: staff with orders:manage for an order's venue search orders (within their venues), open
// one (tickets, payments, refunds, the emails sent, what staff did to it, notes), refund chosen tickets or cancel it
// (the order use cases' own refund and cancellation, with this check instead of the box office's), send its tickets
// again, change the buyer's email (and send them there), and add notes. Every change is in the audit log, written in
// its transaction. To staff of another venue, an order does not exist.
import { randomUUID } from 'node:crypto';
import { searchAuditEntries } from '../../db/audit.ts';
import {
  findOrderEvent,
  insertOrderNote,
  listOrderNotes,
  listSentEmails,
  searchStaffOrders,
  updateBuyerEmail,
} from '../../db/backoffice-orders.ts';
import { releaseClaimedOrder } from '../../db/order-claims.ts';
import { findOrder, type OrderRow } from '../../db/orders.ts';
import { DomainError } from '../../domain/errors.ts';
import { normalizeOrderCode } from '../../domain/orders/codes.ts';
import type {
  AddOrderNote,
  AdminOrder,
  AdminOrderPage,
  AdminOrderSearch,
  CancelOrder,
  ChangeBuyerEmail,
  CreateRefund,
  Order,
  OrderNote,
  RefundQuote,
  RefundQuoteRequest,
  ResentTickets,
} from '../../contract/index.ts';
import { orderFor, staffVenueScope } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { IdempotencyHandle } from '../idempotency.ts';
import { viewOf, type OrderDeps } from '../orders/deps.ts';
import { passedOnHolders } from '../transfers/transfer-refunds.ts';
import { queueTicketEmail } from '../orders/hand-over.ts';
import type { Orders } from '../orders/orders.ts';
import type { Principal } from '../ports.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encodeCursor = (row: { created_at: Date; id: string }) =>
  Buffer.from(`${row.created_at.toISOString()}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new DomainError('validation_failed', 'cursor: not a cursor of this search', {
      field: 'cursor',
      errors: [{ field: 'cursor', message: 'not a cursor of this search' }],
    });
  }
  return { createdAt, id };
}

export class OrderDesk {
  constructor(
    private readonly deps: OrderDeps,
    private readonly orders: Pick<Orders, 'refunds' | 'handOver'>,
  ) {}

  async search(query: AdminOrderSearch, principal: Principal | undefined): Promise<AdminOrderPage> {
    const scope = staffVenueScope(principal, 'orders:manage');
    const words = query.q;
    const rows = await searchStaffOrders(this.deps.db, {
      ...(scope === 'all' ? {} : { venueIds: scope }),
      ...(words
        ? { text: { words, code: normalizeOrderCode(words), uuid: UUID.test(words) ? words.toLowerCase() : null } }
        : {}),
      ...(query.eventId ? { eventId: query.eventId } : {}),
      ...(query.state ? { state: query.state } : {}),
      // The days of each order's venue (its time zone), not UTC's.
      ...(query.from ? { fromDay: query.from } : {}),
      ...(query.to ? { toDay: query.to } : {}),
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      orders: page.map((row) => ({
        id: row.id,
        code: row.code,
        eventId: row.event_id,
        eventName: row.event_name,
        eventStartsAt: row.event_starts_at.toISOString(),
        venueId: row.venue_id,
        venueTimezone: row.venue_timezone,
        state: row.state as AdminOrderPage['orders'][number]['state'],
        channel: row.channel,
        buyer: { email: row.buyer_email, name: row.buyer_name },
        total: { amount: row.total_amount, currency: row.currency },
        refunded: { amount: row.refunded_amount, currency: row.currency },
        tickets: row.tickets,
        createdAt: row.created_at.toISOString(),
      })),
      next: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
    };
  }

  /** The order if the principal manages its venue's orders; otherwise it does not exist. */
  private async orderFor(orderId: string, principal: Principal | undefined): Promise<[OrderRow, Principal]> {
    return [await orderFor(this.deps.db, principal, 'orders:manage', orderId), principal!];
  }

  async get(orderId: string, principal: Principal | undefined): Promise<AdminOrder> {
    const [order] = await this.orderFor(orderId, principal);
    const { db } = this.deps;
    const [view, event, sent, history, notes, passedOn] = await Promise.all([
      viewOf(this.deps, db, order),
      findOrderEvent(db, order.event_id),
      listSentEmails(db, orderId),
      searchAuditEntries(db, { objectType: 'order', objectId: orderId, limit: 200 }),
      listOrderNotes(db, orderId),
      passedOnHolders(db, orderId),
    ]);
    return {
      order: view,
      event: {
        id: event!.id,
        name: event!.name,
        startsAt: event!.starts_at.toISOString(),
        venueId: event!.venue_id,
        timezone: event!.timezone,
      },
      deliveries: sent.map((email) => ({
        kind: email.kind,
        recipient: email.recipient,
        sentAt: email.sent_at.toISOString(),
      })),
      history: history.map((entry) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        actor: entry.actor_email ?? entry.actor_sub,
        action: entry.action,
        summary: entry.summary,
      })),
      notes: notes.map(noteView),
      passedOn,
    };
  }

  async quoteRefund(
    orderId: string,
    request: RefundQuoteRequest,
    principal: Principal | undefined,
  ): Promise<RefundQuote> {
    await this.orderFor(orderId, principal);
    return this.orders.refunds.quote(orderId, request, principal);
  }

  // Refund, cancel and resend are the box office's own use cases (one refund, one resend, audited alike); the back
  // office reaches them after its own check, orders:manage at the order's venue.
  async refund(orderId: string, request: CreateRefund, principal: Principal | undefined, handle: IdempotencyHandle) {
    await this.orderFor(orderId, principal);
    return this.orders.refunds.refund(orderId, request, principal, handle);
  }

  async cancel(orderId: string, request: CancelOrder, principal: Principal | undefined, handle: IdempotencyHandle) {
    await this.orderFor(orderId, principal);
    return this.orders.refunds.cancel(orderId, request, principal, handle);
  }

  /** The tickets email again, to the buyer's address. */
  async resend(orderId: string, principal: Principal | undefined): Promise<ResentTickets> {
    await this.orderFor(orderId, principal);
    return this.orders.handOver.resendTickets(orderId, principal ? { principal } : {});
  }

  /** The buyer's email changed, and (a paid order, unless told not to) the tickets sent to the new address. */
  async changeEmail(orderId: string, request: ChangeBuyerEmail, principal: Principal | undefined): Promise<Order> {
    const [found, staff] = await this.orderFor(orderId, principal);
    const { db, clock } = this.deps;
    return db.transaction(async (tx) => {
      const now = clock.now();
      const changed = await updateBuyerEmail(tx, found.id, request.email, now);
      // An order claimed into an account was claimed by this email: with another one, the claim's ground is gone and
      // the account loses the order (the new address's owner may claim it), recorded on its own line.
      const leftAccount =
        changed!.previous.toLowerCase() === request.email.toLowerCase()
          ? null
          : await releaseClaimedOrder(tx, found.id, now);
      const order = (await findOrder(tx, found.id))!;
      const sendable = order.state === 'paid' || order.state === 'partially_refunded';
      if (request.resend && sendable) await queueTicketEmail(tx, order, now);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'order.change_email',
          objectType: 'order',
          objectId: order.id,
          venueId: order.venue_id,
          summary: `Changed the buyer's email of order ${order.code} to ${request.email}${request.resend && sendable ? ' and sent the tickets there' : ''}`,
          before: { buyerEmail: changed!.previous },
          after: { buyerEmail: request.email },
        },
        now,
      );
      if (leftAccount) {
        await recordStaffAction(
          tx,
          staff,
          {
            action: 'order.unclaim',
            objectType: 'order',
            objectId: order.id,
            venueId: order.venue_id,
            summary: `Order ${order.code} taken out of the account it was claimed into: its buyer's email changed`,
            before: { customerSub: leftAccount },
            after: { customerSub: null },
          },
          now,
        );
      }
      return viewOf(this.deps, tx, order);
    });
  }

  /** A note appended to the order's notes (who, when, the text); notes are never changed or removed. */
  async addNote(orderId: string, request: AddOrderNote, principal: Principal | undefined): Promise<OrderNote> {
    const [order, staff] = await this.orderFor(orderId, principal);
    const { db, clock } = this.deps;
    const now = clock.now();
    const note = {
      id: randomUUID(),
      order_id: order.id,
      at: now,
      author_sub: staff.sub,
      author_email: staff.email ?? null,
      text: request.text,
    };
    await db.transaction(async (tx) => {
      await insertOrderNote(tx, note);
      await recordStaffAction(
        tx,
        staff,
        {
          action: 'order.note',
          objectType: 'order',
          objectId: order.id,
          venueId: order.venue_id,
          summary: `Noted on order ${order.code}: ${request.text.length > 80 ? `${request.text.slice(0, 80)}…` : request.text}`,
          after: { noteId: note.id },
        },
        now,
      );
    });
    return noteView(note);
  }
}

const noteView = (note: { id: string; at: Date; author_sub: string; author_email: string | null; text: string }) => ({
  id: note.id,
  at: note.at.toISOString(),
  author: note.author_email ?? note.author_sub,
  text: note.text,
});
