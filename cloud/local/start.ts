// `npm start`: the local cloud on embedded defaults. PORT (8080), DATABASE_URL (else PGlite under var/), VAR_DIR,
// DB_POOL_SIZE (Postgres connections, 20), SEED=false to start without demo data, RATE_LIMITS (per minute and caller,
// e.g. `holds=600,orders=100`; defaults in the routes), AMAZON_PAY_PUBLIC_KEY_ID / _PRIVATE_KEY / _REGION / _STORE_ID / _SANDBOX to offer Amazon Pay, and for crash tests CRASH_AT (a checkout step, or cancellation_refund_sent) with CRASH_AFTER (the n-th time), IDEMPOTENCY_LEASE_SECONDS (20) and JOB_LEASE_SECONDS (60).
import { passesFromEnv } from '../adapters/passes/config.ts'; // passes (issue 19)
import { resolve } from 'node:path';
import { z } from 'zod';
import { startLocalCloud } from './server.ts';
import { AmazonPayProvider } from '../adapters/payments/amazon-pay.ts';
import { SesEmailSender } from '../adapters/email/ses.ts';
import { HttpMailingService } from '../adapters/mailing/http-mailing.ts';
import { LIVE_PATH, apiPaths } from '../contract/routes.ts';
import { startLinks } from './start-links.ts';

/** `holds=600,orders=100` → per-minute limits by bucket. */
function parseRateLimits(spec: string) {
  return Object.fromEntries(
    spec.split(',').map((entry) => {
      const [bucket, perMinute] = entry.split('=');
      return [bucket!.trim(), { limit: z.coerce.number().int().positive().parse(perMinute), windowSeconds: 60 }];
    }),
  );
}

const CrashStep = z.enum(['before_provider', 'after_provider', 'before_commit', 'cancellation_refund_sent']);

const port = Number(process.env.PORT ?? 8080);
const amazonPay = AmazonPayProvider.fromEnv(process.env);
const ses = SesEmailSender.fromEnv(process.env);
const publicUrl = process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`;
const mailing = HttpMailingService.fromEnv(process.env, `${publicUrl}${apiPaths.mailingWebhook()}`);
const varDir = resolve(process.env.VAR_DIR ?? 'var');
const cloud = await startLocalCloud({
  // redirects: where payments may return besides this server (a shop served elsewhere, PUBLIC_URL).
  shopOrigins: [publicUrl, ...(process.env.SHOP_ORIGINS ?? '').split(',')]
    .map((origin) => origin.trim())
    .filter(Boolean),
  port,
  host: process.env.HOST ?? '127.0.0.1',
  varDir,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  ...(process.env.DB_POOL_SIZE ? { maxConnections: Number(process.env.DB_POOL_SIZE) } : {}),
  seed: process.env.SEED !== 'false',
  ...(process.env.RATE_LIMITS ? { rateLimits: parseRateLimits(process.env.RATE_LIMITS) } : {}),
  ...(amazonPay ? { amazonPay } : {}),
  passes: passesFromEnv(process.env, { local: true }), // passes (issue 19)
  ...(ses ? { email: ses } : {}),
  ...(mailing ? { mailing } : {}),
  ...(process.env.MAILING_WEBHOOK_SECRET ? { mailingWebhookSecret: process.env.MAILING_WEBHOOK_SECRET } : {}),
  ...(process.env.CRASH_AT ? { crashAt: CrashStep.parse(process.env.CRASH_AT) } : {}),
  ...(process.env.CRASH_AFTER ? { crashAfter: z.coerce.number().int().positive().parse(process.env.CRASH_AFTER) } : {}),
  ...(process.env.JOB_LEASE_SECONDS ? { jobs: { leaseMs: Number(process.env.JOB_LEASE_SECONDS) * 1000 } } : {}),
  ...(process.env.IDEMPOTENCY_LEASE_SECONDS
    ? { idempotencyLeaseSeconds: Number(process.env.IDEMPOTENCY_LEASE_SECONDS) }
    : {}),
});

const adminToken = await cloud.issuer.issue({
  sub: 'local-admin',
  email: 'admin@ticketboss.local',
  groups: ['admin'],
  ttlSeconds: 12 * 3600,
});
const events = await cloud.services.catalog.listEvents({ limit: 10 });
console.log(`TicketBoss local cloud at ${cloud.url}`);
console.log(cloud.shop ? `  web shop: ${cloud.url}/` : '  web shop: not built (npm run build), serving the API only');
console.log(
  `  database: ${process.env.DATABASE_URL ? 'Postgres (DATABASE_URL)' : `PGlite in ${varDir}/pgdata`}${cloud.seeded ? ' (demo data seeded)' : ''}`,
);
console.log(
  cloud.mailbox ? `  emails: ${cloud.url}/dev/mailbox (files in ${cloud.mailbox.directory})` : '  emails: SES',
);
console.log(`  API docs: ${cloud.url}${apiPaths.openApi()}    live seats: ws://${cloud.url.slice(7)}${LIVE_PATH}`);
for (const line of startLinks(cloud.url, events, Boolean(cloud.shop))) console.log(line);
console.log(`  admin token (12 h): ${adminToken}`);
for (const staff of cloud.credentials?.staff ?? []) {
  console.log(`  ${staff.role}${staff.venue ? ` at ${staff.venue}` : ''}: ${staff.email} / ${staff.password}`);
}
for (const device of cloud.credentials?.devices ?? []) {
  console.log(`  ${device.kind} at ${device.venue}: device ${device.id} / secret ${device.secret}`);
}
// Codes to pair a desktop app as a kiosk or box office of each venue on sale (once each, for 15 minutes).
const venues = new Map(events.map((event) => [event.venue.id, event.venue.name]));
for (const [venueId, venue] of venues) {
  const codes = [];
  for (const kind of ['kiosk', 'boxoffice'] as const) {
    const name = `${venue} ${kind === 'kiosk' ? 'kiosk' : 'box office'}`;
    codes.push(
      `${kind} ${(await cloud.services.identity.createPairingCode({ venueId, kind, name }, 'local-admin')).code}`,
    );
  }
  console.log(`  pairing codes at ${venue} (15 min, once each): ${codes.join(', ')}`);
}

const shutdown = async () => {
  await cloud.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
