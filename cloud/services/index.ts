// Wires the use cases to a database, a live bus, payment providers and a clock: one object the HTTP app, Lambdas
// and jobs share.
import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Db } from '../db/port.ts';
import { AdminService } from './admin/admin-service.ts';
import { EventAdmin } from './admin/event-admin.ts'; // admin: events
import type { WatchableEvents } from './admin/watchable-events.ts';
import { EventCopies } from './admin/event-copies.ts'; // admin: events
import { VenueAdmin } from './admin/venue-admin.ts'; // admin: events
import { VenueLogos } from './admin/venue-logos.ts';
import { SalesWindowSettings } from './commerce/sales-windows.ts'; // admin: events
import { CatalogService } from './catalog/catalog-service.ts';
import { CodeAdmin } from './commerce/codes.ts';
import { Quotes } from './commerce/quotes.ts';
import { CommerceSettings } from './commerce/settings.ts';
import { EventContexts } from './catalog/event-context.ts';
import { Allotments } from './inventory/allotments.ts';
import { HoldService } from './inventory/hold-service.ts';
import { IdempotencyService } from './idempotency.ts';
import { IdentityService, type DeviceApiKeys, type TokenIssuer } from './identity/identity-service.ts';
import { createOrders, type Orders } from './orders/orders.ts';
import { OutboxDispatcher, type DispatcherOptions, type JobHandler } from './jobs/outbox-dispatcher.ts';
import { OUTBOX_TOPICS } from './jobs/outbox-topics.ts';
import { DeadJobs } from './jobs/dead-jobs.ts';
import { ScanService } from './scans/scan-service.ts';
import { TicketBinding } from './scans/ticket-binding.ts';
import { EventCancellations } from './cancellations/event-cancellation.ts';
import { EventPostponements } from './cancellations/postponement.ts';
import { CounterHandBacks } from './cancellations/counter-hand-back.ts';
import { FulfilmentService, type DocumentComposer } from './fulfilment/fulfilment-service.ts';
import type { EmailSender } from './fulfilment/ports.ts';
import type { MailingService } from './fulfilment/mailing.ts';
import { PaymentGateway } from './payments/payment-gateway.ts';
import { signUpEmailHandlers } from './identity/sign-up.ts'; // redirects
import { shopOriginsOf } from './payments/shop-origins.ts'; // redirects
import type { PaymentProviders } from './payments/ports.ts';
import { noMeter, type Meter } from './metrics.ts';
import {
  noFaults,
  systemClock,
  type Clock,
  type ExportStore,
  type Faults,
  type LiveBus,
  type StaffDirectory,
} from './ports.ts';
import { offerEmailHandlers } from './waitlist/offer-email.ts';
import { WaitlistService } from './waitlist/waitlist-service.ts';
import { transferEmailHandlers } from './transfers/transfer-emails.ts'; // transfer (issue 19)
import { TicketTransfers } from './transfers/transfer-service.ts';
import { TransferSettings } from './transfers/transfer-settings.ts';
import { Reports } from './reports/reports-service.ts'; // admin: reports
import { AllotmentDesk } from './backoffice/allotment-desk.ts'; // admin: seat management and orders
import { OrderDesk } from './backoffice/order-desk.ts'; // admin: seat management and orders
import { SeatManagement } from './backoffice/seat-management.ts'; // admin: seat management and orders
// admin: staff and devices
import { DeviceAdmin } from './identity/device-admin.ts';
import { LocalPasswordRecovery, QueuedPasswordRecovery, type PasswordRecovery } from './identity/password-recovery.ts';
import { StaffAccounts } from './identity/staff-accounts.ts';
import { staffDirectoryHandlers } from './identity/staff-directory-sync.ts';
import { TokenCheck } from './identity/token-check.ts';
import { OrderClaims } from './identity/order-claims.ts'; // accounts
import { AuditLogReader } from './audit/audit-search.ts'; // admin: operations
import { EXPORT_CLAIM_LEASE_MS, ExportJobs } from './reports/export-jobs.ts'; // admin: exports
import { ExportLinkSigner } from './reports/export-links.ts';
import { TicketsPdfDownload } from './orders/tickets-pdf.ts'; // wallet (issue 18)
import { AppleWebService } from './passes/apple-web-service.ts'; // passes (issue 19)
import type { PassesSettings } from './passes/ports.ts';
import { WalletPasses } from './passes/wallet-passes.ts';
import { createOnSale, type OnSale } from './queue/on-sale.ts'; // the on-sale (issue 20)
import type { LiveDeltaReader } from './live-deltas/delta-store.ts'; // live deltas (issue 20)
import { LiveDeltas } from './live-deltas/live-deltas.ts';

export interface Services {
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  /** live deltas (issue 20): large events' live view as documents (null where no store is configured: AWS today). */
  liveDeltas: LiveDeltas | null;
  holds: HoldService;
  allotments: Allotments;
  admin: AdminService;
  identity: IdentityService;
  orders: Orders;
  /** wallet (issue 18): the tickets PDF a buyer downloads from the order page. */
  ticketsPdf: TicketsPdfDownload;
  /** The payment providers configured, and the web payment methods they make available. */
  payments: PaymentGateway;
  idempotency: IdempotencyService;
  outbox: OutboxDispatcher;
  /** Emails after a sale; null when no email sender is configured. */
  fulfilment: FulfilmentService | null;
  /** The public half of the ticket signing key, for scanners. */
  ticketPublicKey: KeyObject;
  scans: ScanService;
  /** Rotating codes: a ticket bound to its holder's phone key, and the credential the phone signs over. */
  ticketBinding: TicketBinding;
  /** Waitlists of sold-out events: join, leave, claim, and the offering pass housekeeping runs. */
  waitlist: WaitlistService;
  /** Ticket transfers (issue 19): sent by the buyer or a clerk, accepted by the link, and the organizer's rules. */
  transfers: { tickets: TicketTransfers; settings: TransferSettings };
  /** An event cancelled (every paid order refunded by a job) or postponed (buyers may ask for a refund until a date). */
  eventChanges: {
    cancellations: EventCancellations;
    postponements: EventPostponements;
    counterHandBacks: CounterHandBacks;
  };
  /** Price lists, fees, refund policies, taxes and codes (staff), and quotes of holds (buyers). */
  /** The back office's dashboard, reports and exports. */
  reports: Reports; // admin: reports
  commerce: { settings: CommerceSettings; codes: CodeAdmin; quotes: Quotes; salesWindows: SalesWindowSettings };
  /** The back office's venues, seat maps and events, checked by role and venue and audited. */
  backOffice: { venues: VenueAdmin; logos: VenueLogos; events: EventAdmin; copies: EventCopies }; // admin: events
  /** The back office's seat management (blocks, hold-backs) and order desk. */
  backofficeOrders: { seats: SeatManagement; orders: OrderDesk; allotments: AllotmentDesk }; // admin: seat management and orders
  /** Staff accounts: invite, list, role and venues, disable, sign out everywhere. */
  staff: StaffAccounts;
  /** A venue's machines: list with last call and version, register, pairing codes, revoke. */
  devices: DeviceAdmin;
  /** Password reset by email (the embedded provider's, or Cognito's in AWS). */
  passwordRecovery: PasswordRecovery;
  /** Refuses tokens issued before a sign-out everywhere; records a machine's calls. */
  tokenCheck: TokenCheck;
  /** accounts: a guest's orders claimed into the account of the same proven email. */
  orderClaims: OrderClaims;
  // admin: operations
  /** The audit log searched by staff who may read it (audit:read), within their venues. */
  auditLog: AuditLogReader;
  // admin: exports
  /** Export jobs: asked for, written to the export store by an outbox job, polled, downloaded by a short link. */
  exports: ExportJobs;
  // admin: access
  /** Failed jobs and their retry (jobs:manage: the owner/admin), each retry audited. */
  deadJobs: DeadJobs;
  /** passes (issue 19): Apple Wallet and Google Wallet passes of tickets, and Apple's web service for their updates. */
  passes: { wallet: WalletPasses; appleWebService: AppleWebService };
  /** The on-sale (issue 20): the waiting room (buyers) and its settings (the organizer's). */
  queue: Pick<OnSale, 'room' | 'settings'>;
}

export interface ServiceDeps {
  db: Db;
  live: LiveBus;
  /**
   * live deltas (issue 20): where the delta documents are; a store that appends (local) gets every publish recorded,
   * and the owner calls `liveDeltas.flush()` once a second; a read-only one (AWS: the fan-out writes) is only read.
   */
  liveDeltaStore?: LiveDeltaReader;
  clock?: Clock;
  providers?: PaymentProviders;
  /** Signs access tokens for the embedded identity provider. */
  tokens?: TokenIssuer;
  /** Makes API Gateway keys for paired machines (AWS only). */
  deviceKeys?: DeviceApiKeys;
  /** Ed25519 key that signs ticket codes; a fresh one when left out (tests). */
  ticketKey?: KeyObject;
  /** Earlier signing keys whose codes are still accepted at the door (key rotation). */
  retiredTicketKeys?: KeyObject[];
  /** Secret that order access tokens are derived from; a fresh one when left out (tests). */
  orderTokenKey?: Buffer;
  faults?: Faults;
  idempotencyLeaseSeconds?: number;
  /** Extra outbox handlers; the payment refund handler is always there, fulfilment's when `email` is given. */
  jobHandlers?: Record<string, JobHandler>;
  /** Where fulfilment's emails go (SES, or the local .eml outbox); no fulfilment jobs run without one. */
  email?: EmailSender;
  /** The shop's public address, for links in emails. */
  publicUrl?: () => string;
  /** redirects: the shop's addresses a buyer may be sent back to (the public address's origin when left out). */
  shopOrigins?: () => readonly string[];
  /** Posts physical tickets (the HTTP adapter, or the local stand-in), and the secret its webhooks are signed with. */
  mailing?: MailingService;
  mailingWebhookSecret?: string;
  /** The sender address of emails (a verified SES identity in AWS). */
  emailFrom?: string;
  /** Where emails are made: in the job's process by default, on document workers beside the API (`npm start`). */
  composer?: DocumentComposer;
  /** Retries before a job is parked as dead, and the first retry's delay (it doubles). */
  jobs?: DispatcherOptions;
  /** Where business metrics go (CloudWatch in AWS); nowhere when left out. */
  meter?: Meter;
  // admin: staff and devices
  /** Password reset of accounts the embedded provider does not hold (Cognito's user pool in AWS). */
  externalPasswordRecovery?: PasswordRecovery;
  /** Cognito's user pool (AWS), told every staff change by an outbox job; our database alone when left out. */
  staffDirectory?: StaffDirectory;
  // admin: exports
  /** Where export files go (S3, or files under the data dir); exports are refused without one. */
  exportStore?: ExportStore;
  /** Told when an export fails (the job records the error on the export too). */
  exportLog?: (message: string, error: unknown) => void;
  /** passes (issue 19): the Apple and Google wallet settings and their push/patch ports; no passes when left out. */
  passes?: PassesSettings;
  /** The events the live view lets anyone watch (AWS: off Postgres), told of each publish; none when left out. */
  watchableEvents?: WatchableEvents;
}

const noTokens: TokenIssuer = {
  issue: async () => {
    throw new Error('no token issuer is configured');
  },
};

export function createServices(deps: ServiceDeps): Services {
  const clock = deps.clock ?? systemClock;
  const contexts = new EventContexts(deps.db, { now: () => clock.now().getTime() });
  const liveDeltas = deps.liveDeltaStore ? new LiveDeltas(deps.db, deps.liveDeltaStore, clock) : null;
  const live = liveDeltas ? liveDeltas.recording(deps.live) : deps.live;
  const ticketKey = deps.ticketKey ?? generateKeyPairSync('ed25519').privateKey;
  const faults = deps.faults ?? noFaults;
  const meter = deps.meter ?? noMeter;
  const orderTokenKey = deps.orderTokenKey ?? randomBytes(32);
  // the on-sale (issue 20): the waiting room, and its gate on holds and orders
  const onSale = createOnSale({
    db: deps.db,
    clock,
    contexts,
    secret: orderTokenKey,
    ...(deps.staffDirectory ? { staffDirectory: deps.staffDirectory } : {}),
  });
  const holdDeps = { db: deps.db, contexts, live, clock, queueGate: onSale.gate };
  const publicUrl = deps.publicUrl ?? (() => 'http://127.0.0.1:8080');
  // redirects: the shop's origins (where payments return to); the public address's alone unless configured.
  const payments = new PaymentGateway(deps.providers ?? {}, faults, () =>
    shopOriginsOf(deps.shopOrigins?.() ?? [publicUrl()]),
  );
  const orderDeps = {
    db: deps.db,
    contexts,
    live,
    clock,
    payments,
    ticketKey,
    orderTokenKey,
    faults,
    meter,
    queueGate: onSale.gate,
  };
  const orders = createOrders(orderDeps);
  const cancellations = new EventCancellations(orderDeps, deps.watchableEvents);
  const catalog = new CatalogService(deps.db, contexts, clock);
  const waitlist = new WaitlistService({ ...holdDeps, tokenKey: orderTokenKey });
  const transfers = new TicketTransfers(orderDeps); // transfer (issue 19)
  const commerceSettings = new CommerceSettings(deps.db, clock, (eventId) => contexts.forget(eventId));
  const eventAdmin = new EventAdmin({ db: deps.db, clock, contexts, watchables: deps.watchableEvents });
  const allotments = new Allotments(holdDeps);
  const fulfilment = deps.email
    ? new FulfilmentService({
        db: deps.db,
        orders,
        catalog,
        contexts,
        email: deps.email,
        clock,
        publicUrl: deps.publicUrl ?? (() => 'http://127.0.0.1:8080'),
        ...(deps.mailing ? { mailing: deps.mailing } : {}),
        ...(deps.mailingWebhookSecret ? { mailingWebhookSecret: deps.mailingWebhookSecret } : {}),
        ...(deps.emailFrom ? { from: deps.emailFrom } : {}),
        ...(deps.composer ? { composer: deps.composer } : {}),
        // passes (issue 19): the tickets email shows the badges of the wallets offered
        ...(deps.passes?.apple || deps.passes?.google
          ? { walletPasses: { apple: Boolean(deps.passes.apple), google: Boolean(deps.passes.google) } }
          : {}),
      })
    : null;
  const identity = new IdentityService(deps.db, deps.tokens ?? noTokens, () => clock.now(), deps.deviceKeys);
  // admin: exports
  const exports = new ExportJobs({
    db: deps.db,
    clock,
    store: deps.exportStore,
    links: new ExportLinkSigner(orderTokenKey),
    ...(deps.exportLog ? { log: deps.exportLog } : {}),
  });
  const accountMail = { email: deps.email, publicUrl, from: deps.emailFrom };
  // admin: staff and devices
  const passwordRecovery = new QueuedPasswordRecovery(
    deps.db,
    clock,
    new LocalPasswordRecovery(deps.db, clock, accountMail, deps.externalPasswordRecovery),
  );
  // passes (issue 19)
  const walletPasses = new WalletPasses({
    db: deps.db,
    queries: orders.queries,
    catalog,
    contexts,
    clock,
    settings: deps.passes ?? {},
    tokenKey: orderTokenKey,
    publicUrl,
    shopOrigins: () => deps.shopOrigins?.() ?? [new URL(publicUrl()).origin],
  });
  return {
    db: deps.db,
    clock,
    catalog,
    liveDeltas,
    fulfilment,
    holds: new HoldService(holdDeps, meter),
    allotments,
    admin: new AdminService(deps.db, deps.watchableEvents),
    identity,
    orders,
    ticketsPdf: new TicketsPdfDownload(orders.queries, catalog, contexts, deps.db, {
      publicUrl,
      orderAccessToken: (orderId) => orders.orderAccessToken(orderId),
    }), // wallet (issue 18)
    payments,
    idempotency: new IdempotencyService(deps.db, clock, deps.idempotencyLeaseSeconds),
    outbox: new OutboxDispatcher(
      deps.db,
      clock,
      {
        [OUTBOX_TOPICS.paymentRefund]: async (job) =>
          orders.refunds.executeRefund((job.payload as { refundId: string }).refundId),
        [OUTBOX_TOPICS.eventCancellationRefund]: async (job) =>
          cancellations.refundOrder((job.payload as { orderId: string }).orderId),
        ...fulfilment?.handlers(),
        ...(deps.email
          ? offerEmailHandlers({
              db: deps.db,
              catalog,
              contexts,
              email: deps.email,
              clock,
              tokens: waitlist.tokens,
              publicUrl: deps.publicUrl ?? (() => 'http://127.0.0.1:8080'),
              ...(deps.emailFrom ? { from: deps.emailFrom } : {}),
            })
          : {}),
        ...(deps.email
          ? transferEmailHandlers({
              db: deps.db,
              catalog,
              contexts,
              email: deps.email,
              transfers,
              publicUrl,
              ...(deps.emailFrom ? { from: deps.emailFrom } : {}),
            })
          : {}), // transfer (issue 19)
        [OUTBOX_TOPICS.exportFile]: (job) => exports.run(job), // admin: exports
        ...passwordRecovery.handlers(), // admin: staff and devices
        ...signUpEmailHandlers(deps.db, clock, accountMail), // redirects
        ...(deps.staffDirectory ? staffDirectoryHandlers(deps.db, deps.staffDirectory) : {}), // admin: staff and devices
        ...walletPasses.handlers(), // passes (issue 19)
        ...deps.jobHandlers,
      },
      // admin: exports. An export waits its turn and runs for minutes: it is not claimed again meanwhile.
      { ...deps.jobs, topicLeases: { [OUTBOX_TOPICS.exportFile]: EXPORT_CLAIM_LEASE_MS, ...deps.jobs?.topicLeases } },
      meter,
    ),
    eventChanges: {
      cancellations,
      postponements: new EventPostponements(orderDeps),
      counterHandBacks: new CounterHandBacks(orderDeps),
    },
    ticketPublicKey: createPublicKey(ticketKey),
    commerce: {
      settings: commerceSettings,
      codes: new CodeAdmin(deps.db, commerceSettings, clock),
      quotes: new Quotes(deps.db, contexts, clock),
      salesWindows: new SalesWindowSettings(deps.db, clock, commerceSettings),
    },
    // admin: events
    backOffice: {
      venues: new VenueAdmin(deps.db, clock),
      logos: new VenueLogos(deps.db, clock),
      events: eventAdmin,
      copies: new EventCopies(deps.db, clock, eventAdmin),
    },
    scans: new ScanService(deps.db, clock, [
      createPublicKey(ticketKey),
      ...(deps.retiredTicketKeys ?? []).map((key) => createPublicKey(key)),
    ]),
    ticketBinding: new TicketBinding(deps.db, clock, ticketKey),
    waitlist,
    transfers: { tickets: transfers, settings: new TransferSettings(deps.db, clock) }, // transfer (issue 19)
    reports: new Reports(deps.db, clock), // admin: reports
    backofficeOrders: {
      seats: new SeatManagement(holdDeps, catalog),
      orders: new OrderDesk(orderDeps, orders),
      allotments: new AllotmentDesk(holdDeps, allotments),
    }, // admin: seat management and orders
    staff: new StaffAccounts({ db: deps.db, clock, mail: accountMail, identity, directory: deps.staffDirectory }),
    devices: new DeviceAdmin(deps.db, clock, identity),
    passwordRecovery,
    tokenCheck: new TokenCheck(deps.db, clock),
    orderClaims: new OrderClaims(deps.db, clock, deps.staffDirectory), // accounts
    // admin: operations
    auditLog: new AuditLogReader(deps.db),
    exports, // admin: exports
    // admin: access
    deadJobs: new DeadJobs(deps.db, clock),
    queue: { room: onSale.room, settings: onSale.settings }, // the on-sale
    passes: { wallet: walletPasses, appleWebService: new AppleWebService(deps.db, clock, walletPasses) }, // passes
  };
}
