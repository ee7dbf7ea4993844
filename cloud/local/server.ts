// The whole cloud on one machine: the Hono app on Node, the live WebSocket on the same port, the hold sweeper,
// over PGlite (files under var/) or a real Postgres when a connection string is given.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { RequestError, getRequestListener } from '@hono/node-server'; // hostile
import { createPgliteDb } from '../db/pglite.ts';
import { createPostgresDb } from '../db/postgres.ts';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/port.ts';
import type { PassesSettings } from '../services/passes/ports.ts'; // passes (issue 19)
import { createServices, type Services } from '../services/index.ts';
import { MemoryLiveDeltaStore } from '../services/live-deltas/delta-store.ts'; // live deltas (issue 20)
import { seedDemoData, type DemoCredentials, type SeedResult } from '../services/seed.ts';
import { noFaults, systemClock, type CrashStep, type Clock, type Faults } from '../services/ports.ts';
import type { DispatcherOptions } from '../services/jobs/outbox-dispatcher.ts';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SandboxPaymentProvider, sandboxPages } from '../adapters/payments/sandbox.ts';
import { loadOrCreateSecret, loadOrCreateTicketKey, loadRetiredTicketKeys } from '../adapters/local-keys.ts';
import { housekeeping } from '../services/housekeeping.ts';
import type { PaymentProvider } from '../services/payments/ports.ts';
import { serveWebShop } from './web-shop.ts';
import { fileURLToPath } from 'node:url';

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));
import { createApp, type AppDeps } from '../http/app.ts';
import { problemResponse } from '../http/problem.ts'; // hostile
import { LocalIdentityIssuer } from '../adapters/identity/local-issuer.ts';
import { PostgresWatchableEvents } from '../adapters/live/watchable-postgres.ts';
import { WsLiveHub } from '../adapters/live/ws-hub.ts';
import type { LiveLimits } from '../adapters/live/limits.ts'; // ws
import { LocalOutboxSender } from '../adapters/email/local-outbox.ts';
import type { EmailSender } from '../services/fulfilment/ports.ts';
import { serveMailbox } from './mailbox.ts';
import { LocalMailingService } from '../adapters/mailing/local-mailing.ts';
import { apiPaths } from '../contract/routes.ts';
import type { MailingService } from '../services/fulfilment/mailing.ts';
import type { DeviceApiKeys } from '../services/identity/identity-service.ts';
import { LocalFileExportStore } from '../adapters/exports/local-files.ts'; // admin: exports
import { OUTBOX_TOPICS } from '../services/jobs/outbox-topics.ts'; // admin: exports
import { startDocumentWorkers } from '../services/fulfilment/document-workers.ts';

export interface LocalCloudOptions {
  port?: number;
  /** redirects: shop addresses besides this server's own that payments may return to (SHOP_ORIGINS). */
  shopOrigins?: string[];
  host?: string;
  /** A Postgres connection string; otherwise PGlite. */
  databaseUrl?: string;
  /** Where PGlite keeps its files and the identity key lives; omitted: all in memory. */
  varDir?: string;
  seed?: boolean;
  sweepIntervalMs?: number;
  maxConnections?: number;
  clock?: Clock;
  db?: Db;
  /** Rate limits by bucket, e.g. raised for load tests. */
  rateLimits?: AppDeps['rateLimits'];
  /** Crash-test hook: the process kills itself at this step (a checkout's, or a cancelled event's refund)… */
  crashAt?: CrashStep;
  /** …the n-th time it gets there (1 by default). */
  crashAfter?: number;
  /** The outbox's retries, backoff and lease (a crash test shortens the lease of jobs a killed process held). */
  jobs?: DispatcherOptions;
  idempotencyLeaseSeconds?: number;
  /** How often the outbox dispatcher looks for due jobs (250 ms). */
  outboxIntervalMs?: number;
  /** How often abandoned orders and old idempotency keys are cleaned up (2 s). */
  jobIntervalMs?: number;
  /** The built web shop to serve at `/` (dist/web by default); the API alone when it is not built. */
  webDir?: string;
  /** passes (issue 19): Apple and Google wallet settings (from APPLE_* / GOOGLE_WALLET_* by `npm start`); none by
   * default. */
  passes?: PassesSettings;
  /** Amazon Pay for web checkout beside the sandbox (configured from AMAZON_PAY_* by `npm start`). */
  amazonPay?: PaymentProvider;
  /** Where emails go: SES when configured (SES_REGION); otherwise `.eml` files under varDir/outbox (or a temp dir). */
  email?: EmailSender;
  /** The mailing service for posted tickets (MAILING_BASE_URL/API_KEY); otherwise the local stand-in. */
  mailing?: MailingService;
  /** Makes API Gateway keys for paired machines (AWS's port; tests give a stand-in). */
  deviceKeys?: DeviceApiKeys;
  /** Secret the mailing service signs webhooks with (MAILING_WEBHOOK_SECRET; else kept under varDir). */
  mailingWebhookSecret?: string;
  /** The live socket's bounds other than LIVE_LIMITS (tests shorten the idle time). */ // ws
  liveLimits?: Partial<LiveLimits>; // ws
  /** live deltas (issue 20): how often each second's changes become documents (1000); 0: never (tests flush). */
  liveDeltaIntervalMs?: number;
  /** Emails made on a document worker thread at a low priority (true), or on the API's thread (false). */
  documentWorkers?: boolean;
}

export interface LocalCloud {
  url: string;
  port: number;
  services: Services;
  issuer: LocalIdentityIssuer;
  live: WsLiveHub;
  sandbox: SandboxPaymentProvider;
  seeded: SeedResult | null;
  /** Demo staff and device credentials from the first start (kept under varDir). */
  credentials: DemoCredentials | null;
  /** Whether the web shop is served at `/`. */
  shop: boolean;
  /** The local email outbox (null when another sender was given). */
  mailbox: LocalOutboxSender | null;
  /** The mailing service's stand-in (null when a real one was given). */
  mailing: LocalMailingService | null;
  close(): Promise<void>;
}

// hostile: @hono/node-server answers a request it cannot turn into a Request (a backslash in the path, a bad Host)
// with a bare 400 before the app sees it; a problem+json like every other 4xx instead.
function unreadableRequest(error: unknown): Response {
  if (error instanceof RequestError) {
    return problemResponse('validation_failed', `The request could not be read: ${error.message}.`);
  }
  console.error('request failed before the app', error);
  return problemResponse('internal', 'Something went wrong on our side; it has been logged.');
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const db =
    options.db ??
    (options.databaseUrl
      ? createPostgresDb({ connectionString: options.databaseUrl, maxConnections: options.maxConnections ?? 20 })
      : await createPgliteDb(options.varDir ? join(options.varDir, 'pgdata') : undefined));
  await migrate(db);

  const issuer = await LocalIdentityIssuer.create(
    'ticketboss-local',
    options.varDir ? join(options.varDir, 'identity-key.json') : undefined,
  );
  let baseUrl = '';
  let loopbackOrigins: string[] = [];
  const sandbox = new SandboxPaymentProvider(db, () => baseUrl);
  const crashAt = options.crashAt;
  let reachedCount = 0;
  const faults: Faults = crashAt
    ? {
        reached: async (step) => {
          if (step === crashAt && ++reachedCount >= (options.crashAfter ?? 1)) process.kill(process.pid, 'SIGKILL');
        },
      }
    : noFaults;

  // Here the events table is the list of watchable events (the hub runs in the process that sells).
  const watchable = new PostgresWatchableEvents(db);
  const live = new WsLiveHub({
    canWatch: (eventId) => watchable.mayWatch(eventId),
    ...(options.liveLimits ? { limits: options.liveLimits } : {}), // ws
  });
  // Emails: the given sender, or the local outbox of .eml files (shown at /dev/mailbox).
  const localOutbox = options.email
    ? null
    : new LocalOutboxSender(
        options.varDir ? join(options.varDir, 'outbox') : mkdtempSync(join(tmpdir(), 'ticketboss-outbox-')),
      );
  const mailingWebhookSecret =
    options.mailingWebhookSecret ??
    loadOrCreateSecret(options.varDir ? join(options.varDir, 'mailing-webhook-secret') : undefined).toString(
      'base64url',
    );
  const mailingStandIn = options.mailing
    ? null
    : new LocalMailingService(() => `${baseUrl}${apiPaths.mailingWebhook()}`, mailingWebhookSecret);
  // The outbox jobs run in this process: their emails are made on a thread of their own (document-workers.ts).
  const documents = options.documentWorkers === false ? null : startDocumentWorkers();
  const services = createServices({
    db,
    ...(documents ? { composer: documents.compose } : {}),
    live,
    // live deltas (issue 20): the documents in memory (the last 10 minutes), written once a second below.
    liveDeltaStore: new MemoryLiveDeltaStore(() => (options.clock ?? systemClock).now()),
    email: options.email ?? localOutbox!,
    publicUrl: () => baseUrl,
    shopOrigins: () => [baseUrl, ...loopbackOrigins, ...(options.shopOrigins ?? [])], // redirects
    mailing: options.mailing ?? mailingStandIn!,
    mailingWebhookSecret,
    tokens: issuer,
    ...(options.deviceKeys ? { deviceKeys: options.deviceKeys } : {}),
    providers: { sandbox, ...(options.amazonPay ? { amazon_pay: options.amazonPay } : {}) },
    ticketKey: loadOrCreateTicketKey(options.varDir ? join(options.varDir, 'ticket-key.pem') : undefined),
    retiredTicketKeys: loadRetiredTicketKeys(options.varDir ? join(options.varDir, 'retired-ticket-keys') : undefined),
    orderTokenKey: loadOrCreateSecret(options.varDir ? join(options.varDir, 'order-token-key') : undefined),
    faults,
    ...(options.idempotencyLeaseSeconds ? { idempotencyLeaseSeconds: options.idempotencyLeaseSeconds } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    // admin: exports. Files under varDir/exports (or a temp dir), served by the API behind signed links.
    exportStore: new LocalFileExportStore(
      options.varDir ? join(options.varDir, 'exports') : mkdtempSync(join(tmpdir(), 'ticketboss-exports-')),
    ),
    exportLog: (message, error) => console.error(message, error),
    ...(options.passes ? { passes: options.passes } : {}), // passes (issue 19)
  });
  const seeded = options.seed === false ? null : await seedDemoData(services);
  const credentialsFile = options.varDir ? join(options.varDir, 'demo-credentials.json') : undefined;
  if (seeded && credentialsFile)
    writeFileSync(credentialsFile, JSON.stringify(seeded.credentials, null, 2), { mode: 0o600 });
  const credentials =
    seeded?.credentials ??
    (credentialsFile && existsSync(credentialsFile)
      ? (JSON.parse(readFileSync(credentialsFile, 'utf8')) as DemoCredentials)
      : null);

  const { app } = createApp({
    services,
    verifier: issuer.verifier(),
    jwks: () => issuer.jwks(),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  app.route('/sandbox', sandboxPages(sandbox, { localMode: true }));
  if (localOutbox) serveMailbox(app, localOutbox, { localMode: true });
  const shop = serveWebShop(app, options.webDir ?? DEFAULT_WEB_DIR);

  // hostile: @hono/node-server's `serve`, with a handler for requests it cannot read (see unreadableRequest).
  const hostname = options.host ?? '127.0.0.1';
  const server: Server = createServer(getRequestListener(app.fetch, { hostname, errorHandler: unreadableRequest }));
  await new Promise<void>((resolve) => server.listen(options.port ?? 8080, hostname, resolve));
  server.keepAliveTimeout = 65_000;
  live.attach(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${port}`;
  // A shop in a browser on this machine returns to window.location.origin, which says localhost or [::1] as often as
  // 127.0.0.1 (and never 0.0.0.0): all of them on this port are the shop. Other machines need PUBLIC_URL/SHOP_ORIGINS.
  loopbackOrigins = ['localhost', '127.0.0.1', '[::1]'].map((name) => `http://${name}:${port}`);

  // The background loops: each runs its work every so often, never two runs of one at once, a failure logged. close()
  // stops them and lets a run under way end before it closes the database under it.
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  const track = (run: Promise<unknown>) => {
    running.add(run);
    void run.finally(() => running.delete(run));
  };
  const every = (ms: number, what: string, work: () => Promise<unknown>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      track(
        work()
          .catch((error: unknown) => console.error(`${what} failed`, error))
          .finally(() => (busy = false)),
      );
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  every(options.sweepIntervalMs ?? 1000, 'hold sweeper', () => services.holds.sweepExpired());
  // live deltas (issue 20): each second's changes become that second's delta document. Flushes may overlap (each takes
  // the changes pending when it starts), so this one is not a loop of `every`.
  const liveDeltaInterval = options.liveDeltaIntervalMs ?? 1000;
  if (liveDeltaInterval > 0) {
    const timer = setInterval(() => {
      const flushed = services.liveDeltas?.flush();
      if (flushed) track(flushed.catch((error: unknown) => console.error('live delta flush failed', error)));
    }, liveDeltaInterval);
    timer.unref();
    timers.push(timer);
  }

  // The outbox (emails, refunds) every quarter second, so a buyer has their tickets within a second of paying (in AWS
  // the outbox goes to SQS instead); orders abandoned at the payment page and old idempotency keys every 2 s.
  // Exports run in a loop of their own (admin: exports): a long one never holds up a buyer's tickets.
  // A full batch is followed by the next at once: under load the emails keep up with the sales (their CPU is spent
  // as they are sold, which bench:checkout counts) instead of 80 jobs a second at most and a backlog for later.
  const exportTopics = [OUTBOX_TOPICS.exportFile];
  const BATCH = 20;
  let stopped = false;
  const dispatchAll = async () => {
    for (;;) {
      const { done, failed } = await services.outbox.runDue(BATCH, { except: exportTopics });
      if (stopped || done + failed < BATCH) return;
    }
  };
  every(options.outboxIntervalMs ?? 250, 'outbox dispatcher', dispatchAll);
  every(options.outboxIntervalMs ?? 250, 'export runner', () => services.outbox.runDue(1, { only: exportTopics }));
  every(options.jobIntervalMs ?? 2000, 'background jobs', () => housekeeping(services));

  return {
    url: baseUrl,
    port,
    services,
    issuer,
    live,
    sandbox,
    seeded,
    credentials,
    shop,
    mailbox: localOutbox,
    mailing: mailingStandIn,
    async close() {
      for (const timer of timers) clearInterval(timer);
      stopped = true;
      await live.close();
      // Stop accepting first, then drop what is open: a connection accepted between the two would otherwise keep
      // close() waiting for the 65 s keep-alive.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await closed;
      // A job or sweep under way ends first (the dispatcher stops after its batch): never a pool closed under it.
      await Promise.allSettled([...running]);
      await documents?.close();
      if (!options.db) await db.close();
    },
  };
}
