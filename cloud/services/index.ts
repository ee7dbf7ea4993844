// Wires the use cases to a database, a live bus, payment providers and a clock: one object the HTTP app, Lambdas
// and jobs share.
import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Db } from '../db/port.ts';
import { AdminService } from './admin/admin-service.ts';
import { CatalogService } from './catalog/catalog-service.ts';
import { EventContexts } from './catalog/event-context.ts';
import { HoldService } from './inventory/hold-service.ts';
import { IdempotencyService } from './idempotency.ts';
import { IdentityService, type TokenIssuer } from './identity/identity-service.ts';
import { OrderService, OUTBOX_TOPICS } from './orders/order-service.ts';
import { OutboxDispatcher, type JobHandler } from './jobs/outbox-dispatcher.ts';
import type { PaymentProviders } from './payments/ports.ts';
import { noFaults, systemClock, type Clock, type Faults, type LiveBus } from './ports.ts';

export interface Services {
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  holds: HoldService;
  admin: AdminService;
  identity: IdentityService;
  orders: OrderService;
  idempotency: IdempotencyService;
  outbox: OutboxDispatcher;
  /** The public half of the ticket signing key, for scanners. */
  ticketPublicKey: KeyObject;
}

export interface ServiceDeps {
  db: Db;
  live: LiveBus;
  clock?: Clock;
  providers?: PaymentProviders;
  /** Signs access tokens for the embedded identity provider. */
  tokens?: TokenIssuer;
  /** Ed25519 key that signs ticket codes; a fresh one when left out (tests). */
  ticketKey?: KeyObject;
  /** Secret that order access tokens are derived from; a fresh one when left out (tests). */
  orderTokenKey?: Buffer;
  faults?: Faults;
  idempotencyLeaseSeconds?: number;
  /** Extra outbox handlers (fulfilment's); the payment refund handler is always there. */
  jobHandlers?: Record<string, JobHandler>;
}

const noTokens: TokenIssuer = {
  issue: async () => {
    throw new Error('no token issuer is configured');
  },
};

export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? systemClock;
  const contexts = new EventContexts(deps.db);
  const holds = new HoldService(deps.db, contexts, deps.live, clock);
  const ticketKey = deps.ticketKey ?? generateKeyPairSync('ed25519').privateKey;
  const orders = new OrderService({
    db: deps.db,
    contexts,
    holds,
    live: deps.live,
    clock,
    providers: deps.providers ?? {},
    ticketKey,
    orderTokenKey: deps.orderTokenKey ?? randomBytes(32),
    faults: deps.faults ?? noFaults,
  });
  return {
    db: deps.db,
    clock,
    catalog: new CatalogService(deps.db, contexts, clock),
    holds,
    admin: new AdminService(deps.db),
    identity: new IdentityService(deps.db, deps.tokens ?? noTokens, () => clock.now()),
    orders,
    idempotency: new IdempotencyService(deps.db, clock, deps.idempotencyLeaseSeconds),
    outbox: new OutboxDispatcher(deps.db, clock, {
      [OUTBOX_TOPICS.paymentRefund]: async (job) =>
        orders.executeRefund((job.payload as { refundId: string }).refundId),
      ...deps.jobHandlers,
    }),
    ticketPublicKey: createPublicKey(ticketKey),
  };
}
