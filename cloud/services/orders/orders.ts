// The order use cases, wired once from their shared dependencies: what the routes, the jobs and housekeeping call,
// each by its own name (services.orders.checkout.create, services.orders.paymentCompletion.complete, …).
import { AbandonedOrders } from './abandoned.ts';
import { Checkout } from './checkout.ts';
import { orderAccessToken, type OrderDeps } from './deps.ts';
import { OrderExchanges } from './exchanges.ts';
import { TicketHandOver } from './hand-over.ts';
import { PaymentCompletion } from './payment-completion.ts';
import { OrderQueries } from './queries.ts';
import { OrderRefunds } from './refunds.ts';

export interface Orders {
  /** A hold becomes an order; a declined payment gets a new attempt. */
  checkout: Checkout;
  /** The buyer approved at the provider: capture, then the sale (or the late-payment refund). */
  paymentCompletion: PaymentCompletion;
  queries: OrderQueries;
  /** Will-call pick-up and the tickets email sent again. */
  handOver: TicketHandOver;
  /** Staff refunds and cancellations, and the provider refund the outbox retries. */
  refunds: OrderRefunds;
  /** Box-office exchanges: tickets given back for a new hold of the venue, the difference paid or given back. */
  exchanges: OrderExchanges;
  /** Unpaid orders whose hold ran out, cancelled by housekeeping. */
  abandoned: AbandonedOrders;
  /** The order's access token (for emails and guests): derived, never stored. */
  orderAccessToken(orderId: string): string;
}

export function createOrders(deps: OrderDeps): Orders {
  return {
    checkout: new Checkout(deps),
    paymentCompletion: new PaymentCompletion(deps),
    queries: new OrderQueries(deps),
    handOver: new TicketHandOver(deps),
    refunds: new OrderRefunds(deps),
    exchanges: new OrderExchanges(deps),
    abandoned: new AbandonedOrders(deps),
    orderAccessToken: (orderId) => orderAccessToken(deps, orderId),
  };
}
