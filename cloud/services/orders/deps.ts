// What every order use case depends on, in one place: the database, the event contexts, the live bus, the clock, the
// payment gateway and the keys; and the few steps they all share (read an order as its buyer may, show it, announce
// freed seats, derive its access token). A use case imports another only for a step they share (the sale, a payment
// attempt, a provider refund).
import type { KeyObject } from 'node:crypto';
import type { SeatChangeRow } from '../../db/inventory/seats.ts';
import { findOrder, type OrderRow } from '../../db/orders.ts';
import { listPayments, type PaymentRow } from '../../db/payments.ts';
import type { Db, Queryable } from '../../db/port.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Order } from '../../contract/index.ts';
import type { Meter } from '../metrics.ts';
import type { Clock, Faults, LiveBus } from '../ports.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import { deriveToken } from '../access/derived-tokens.ts';
import { publishChanges, type GaChange } from '../inventory/live-changes.ts';
import type { PaymentGateway } from '../payments/payment-gateway.ts';
import { canSeeOrder, type OrderAccess } from '../access/order-access.ts';
import { viewOrder } from './order-view.ts';
import type { QueueGate } from '../queue/queue-gate.ts';

export interface OrderDeps {
  db: Db;
  contexts: EventContexts;
  live: LiveBus;
  clock: Clock;
  payments: PaymentGateway;
  ticketKey: KeyObject;
  /** Secret that order access tokens are derived from. */
  orderTokenKey: Buffer;
  faults: Faults;
  /** Business metrics: orders paid, payments that failed. */
  meter: Meter;
  /** The on-sale (issue 20): the waiting room's gate (none: no event queues). */
  queueGate?: QueueGate;
}

/** An order as the API shows it, read through `db` (the caller's transaction, or the pool). */
export function viewOf(deps: OrderDeps, db: Queryable, order: OrderRow): Promise<Order> {
  return viewOrder(deps.contexts, db, order);
}

/** The order if the caller may see it; otherwise it does not exist. */
export async function findVisibleOrder(deps: OrderDeps, orderId: string, access: OrderAccess): Promise<OrderRow> {
  const order = await findOrder(deps.db, orderId);
  if (!order || !canSeeOrder(order, access)) throw new DomainError('not_found', 'No such order.');
  return order;
}

export async function orderWithLatestPayment(deps: OrderDeps, orderId: string): Promise<[OrderRow, PaymentRow]> {
  const order = (await findOrder(deps.db, orderId))!;
  return [order, (await listPayments(deps.db, [orderId])).at(-1)!];
}

/** Announces committed seat and standing-place changes to the live seat view. */
export function publish(deps: OrderDeps, eventId: string, seats: SeatChangeRow[], ga: GaChange[]): Promise<void> {
  return publishChanges(deps.live, eventId, seats, ga);
}

/**
 * The order's access token: a guest's way back to the order, put in the buyer's emails. Derived from the order id
 * with a server key, so it can be given again (a retried request, a resent email) without being stored.
 */
export function orderAccessToken(deps: OrderDeps, orderId: string): string {
  return deriveToken(deps.orderTokenKey, 'order-access', orderId);
}
