// What every Lambda of TicketBoss builds once per instance and reuses for every invocation after: the configuration
// (environment, checked with zod), the app secret (Secrets Manager), the database pool (RDS Proxy with IAM tokens,
// or DATABASE_URL), the services, and the token verifiers. Each adapter is chosen by configuration.
import { passesFromEnv } from '../adapters/passes/config.ts'; // passes (issue 19)
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { SesEmailSender } from '../adapters/email/ses.ts';
import { byIssuer, cognitoIssuer, createCognitoVerifier } from '../adapters/identity/cognito.ts';
import { LocalIdentityIssuer } from '../adapters/identity/local-issuer.ts';
import { HttpMailingService } from '../adapters/mailing/http-mailing.ts';
import { apiPaths } from '../contract/routes.ts';
import { AppSecret, deriveAppKeys, loadAppSecret } from '../adapters/secret-keys.ts';
import type { Db } from '../db/port.ts';
import { createPostgresDb } from '../db/postgres.ts';
import { rdsIamPassword } from '../db/rds-iam.ts';
import type { AccessTokenVerifier } from '../services/ports.ts';
import { createServices, type Services } from '../services/index.ts';
import type { DeviceApiKeys } from '../services/identity/identity-service.ts';
import type { LiveBus, StaffDirectory } from '../services/ports.ts';
import type { S3LiveDeltaStore } from '../adapters/live/s3-deltas.ts';
import { watchableEventsFromEnv } from './live-registry.ts';
import { logger } from './logger.ts';
import { lambdaMeter, traced } from './observability.ts';

const Csv = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );

export const LambdaEnv = z.object({
  AWS_REGION: z.string().min(1).default('eu-central-1'),
  /** A plain connection string (tests, or a database outside AWS); otherwise RDS Proxy with IAM auth. */
  DATABASE_URL: z.string().min(1).optional(),
  DB_HOST: z.string().min(1).optional(),
  DB_PORT: z.coerce.number().int().positive().default(5432),
  DB_NAME: z.string().min(1).default('ticketboss'),
  DB_USER: z.string().min(1).default('ticketboss'),
  /** Connections per Lambda instance: an instance handles one request at a time, so two are plenty. */
  DB_POOL_SIZE: z.coerce.number().int().positive().default(2),
  /** The app secret: its ARN (AWS), or its JSON itself (tests). */
  APP_SECRET_ARN: z.string().min(1).optional(),
  APP_SECRET: z.string().min(1).optional(),
  TICKET_KEY: z.string().min(1).default('ticket-1'),
  RETIRED_TICKET_KEYS: Csv,
  /** `iss` of the tokens the API signs itself (staff sign-in, devices). */
  TOKEN_ISSUER: z.string().min(1).default('ticketboss'),
  COGNITO_USER_POOL_ID: z
    .string()
    .regex(/^[a-z]{2}-[a-z]+-\d_[A-Za-z0-9]+$/)
    .optional(),
  COGNITO_CLIENT_IDS: Csv,
  COGNITO_ENDPOINT: z.url().optional(),
  JOBS_QUEUE_URL: z.url().optional(),
  /** The exports queue, where the tick relays export jobs (admin: exports). */
  EXPORTS_QUEUE_URL: z.url().optional(),
  LIVE_QUEUE_URL: z.url().optional(),
  DEVICE_USAGE_PLAN_ID: z.string().min(1).optional(),
  PUBLIC_URL: z.url().default('https://localhost'),
  /** The shop's addresses a payment may return to (no open redirect); PUBLIC_URL's origin when empty. */
  SHOP_ORIGINS: Csv,
  /** The sender of emails, e.g. `TicketBoss <tickets@example.com>` (a verified SES identity). */
  EMAIL_FROM: z.string().min(3).optional(),
  // admin: exports
  /** The exports bucket: the job worker writes files there, the API presigns their downloads. */
  EXPORTS_BUCKET: z.string().min(3).optional(),
  /** An S3-compatible endpoint instead of AWS's (tests' stand-in), with path-style addresses. */
  S3_ENDPOINT: z.url().optional(),
  /** live deltas (issue 20): the bucket of the delta documents; the fan-out writes them, the API reads heads. */
  LIVE_DELTAS_BUCKET: z.string().min(3).optional(),
});
export type LambdaEnv = z.infer<typeof LambdaEnv>;

export interface Runtime {
  env: LambdaEnv;
  db: Db;
  services: Services;
  verifier: AccessTokenVerifier;
  issuer: LocalIdentityIssuer;
  /** live deltas (issue 20): the documents' store, when LIVE_DELTAS_BUCKET is set (the services get it read-only). */
  liveDeltaStore: S3LiveDeltaStore | null;
}

const noLive: LiveBus = { publish: async () => {} };

function database(env: LambdaEnv): Db {
  if (env.DATABASE_URL)
    return createPostgresDb({ connectionString: env.DATABASE_URL, maxConnections: env.DB_POOL_SIZE });
  if (!env.DB_HOST) throw new Error('Set DB_HOST (the RDS Proxy endpoint) or DATABASE_URL');
  return createPostgresDb({
    host: env.DB_HOST,
    port: env.DB_PORT,
    database: env.DB_NAME,
    user: env.DB_USER,
    password: rdsIamPassword({
      hostname: env.DB_HOST,
      port: env.DB_PORT,
      username: env.DB_USER,
      region: env.AWS_REGION,
    }),
    ssl: true,
    behindProxy: true,
    maxConnections: env.DB_POOL_SIZE,
  });
}

/** Builds the runtime; `live` is how this function publishes seat changes (the API: to the live queue). */
export async function buildRuntime(
  source: NodeJS.ProcessEnv,
  live?: (runtime: { env: LambdaEnv; db: Db }) => LiveBus | undefined,
): Promise<Runtime> {
  const env = LambdaEnv.parse(source);
  const secret = env.APP_SECRET
    ? AppSecret.parse(JSON.parse(env.APP_SECRET))
    : env.APP_SECRET_ARN
      ? await loadAppSecret(env.APP_SECRET_ARN, traced(new SecretsManagerClient({})))
      : null;
  if (!secret) throw new Error('Set APP_SECRET_ARN (or APP_SECRET)');
  const keys = deriveAppKeys(secret.master, env.TICKET_KEY, env.RETIRED_TICKET_KEYS);
  const db = database(env);
  const issuer = await LocalIdentityIssuer.fromPrivateJwk(env.TOKEN_ISSUER, keys.identityJwk);
  // Third-party credentials come from the secret, the rest of their settings from the environment.
  const withSecrets: NodeJS.ProcessEnv = {
    ...source,
    ...(secret.mailingApiKey ? { MAILING_API_KEY: secret.mailingApiKey } : {}),
    ...(secret.amazonPayPrivateKey ? { AMAZON_PAY_PRIVATE_KEY: secret.amazonPayPrivateKey } : {}),
    // passes (issue 19): the wallets' keys live in the secret, their ids in the environment.
    ...(secret.applePassKey ? { APPLE_PASS_KEY: secret.applePassKey } : {}),
    ...(secret.apnsKey ? { APNS_KEY: secret.apnsKey } : {}),
    ...(secret.googleWalletServiceAccount ? { GOOGLE_WALLET_SERVICE_ACCOUNT: secret.googleWalletServiceAccount } : {}),
  };
  // Adapters a function may not need are loaded only when configured (a smaller start is a faster cold start).
  const amazonPay = withSecrets.AMAZON_PAY_PUBLIC_KEY_ID
    ? (await import('../adapters/payments/amazon-pay.ts')).AmazonPayProvider.fromEnv(withSecrets)
    : null;
  let deviceKeys: DeviceApiKeys | null = null;
  if (env.DEVICE_USAGE_PLAN_ID) {
    const { ApiGatewayDeviceKeys } = await import('../adapters/identity/device-api-keys.ts');
    const { APIGatewayClient } = await import('@aws-sdk/client-api-gateway');
    deviceKeys = new ApiGatewayDeviceKeys(
      traced(new APIGatewayClient({ region: env.AWS_REGION })),
      env.DEVICE_USAGE_PLAN_ID,
    );
  }
  const email = SesEmailSender.fromEnv(withSecrets);
  // admin: staff and devices. Cognito's customers reset their passwords through the same route as staff.
  const cognitoRecovery =
    env.COGNITO_USER_POOL_ID && env.COGNITO_CLIENT_IDS[0]
      ? new (await import('../adapters/identity/cognito-accounts.ts')).CognitoPasswordRecovery({
          region: env.COGNITO_USER_POOL_ID.split('_')[0]!,
          clientId: env.COGNITO_CLIENT_IDS[0],
        })
      : null;
  // admin: exports. The S3 client and lib-storage load only where the bucket is configured (API and jobs).
  const exportStore = env.EXPORTS_BUCKET ? await s3ExportStore(env, env.EXPORTS_BUCKET) : null;
  const liveDeltaStore = env.LIVE_DELTAS_BUCKET ? await s3LiveDeltaStore(env, env.LIVE_DELTAS_BUCKET) : null;
  // admin: cognito. Staff changes carried to the user pool by outbox jobs (the jobs function makes the calls; the
  // tick needs the topic to relay it).
  let staffDirectory: StaffDirectory | null = null;
  if (env.COGNITO_USER_POOL_ID) {
    const { CognitoStaffDirectory } = await import('../adapters/identity/cognito-staff-directory.ts');
    const { CognitoIdentityProviderClient } = await import('@aws-sdk/client-cognito-identity-provider');
    const client = new CognitoIdentityProviderClient({
      region: env.COGNITO_USER_POOL_ID.split('_')[0]!,
      ...(env.COGNITO_ENDPOINT ? { endpoint: env.COGNITO_ENDPOINT } : {}),
    });
    staffDirectory = new CognitoStaffDirectory(traced(client), env.COGNITO_USER_POOL_ID);
  }
  const watchableEvents = watchableEventsFromEnv(source, env.AWS_REGION);
  const mailing = HttpMailingService.fromEnv(withSecrets, `${env.PUBLIC_URL}${apiPaths.mailingWebhook()}`);
  const services = createServices({
    db,
    live: live?.({ env, db }) ?? noLive,
    // live deltas (issue 20): read-only here (the fan-out writes), so snapshots carry liveVersion and publishes are
    // not recorded; without the bucket, none: every event keeps the WebSocket.
    ...(liveDeltaStore ? { liveDeltaStore: liveDeltaStore.reads() } : {}),
    tokens: issuer,
    providers: amazonPay ? { amazon_pay: amazonPay } : {},
    ticketKey: keys.ticketKey,
    retiredTicketKeys: keys.retiredTicketKeys,
    orderTokenKey: keys.orderTokenKey,
    publicUrl: () => env.PUBLIC_URL,
    shopOrigins: () => (env.SHOP_ORIGINS.length > 0 ? env.SHOP_ORIGINS : [env.PUBLIC_URL]),
    ...(env.EMAIL_FROM ? { emailFrom: env.EMAIL_FROM } : {}),
    ...(email ? { email } : {}),
    ...(mailing ? { mailing } : {}),
    ...(secret.mailingWebhookSecret ? { mailingWebhookSecret: secret.mailingWebhookSecret } : {}),
    ...(deviceKeys ? { deviceKeys } : {}),
    ...(cognitoRecovery ? { externalPasswordRecovery: cognitoRecovery } : {}),
    ...(staffDirectory ? { staffDirectory } : {}), // admin: cognito
    meter: lambdaMeter,
    ...(exportStore ? { exportStore } : {}), // admin: exports
    exportLog: (message, error) => logger.error(message, { error }),
    passes: passesFromEnv(withSecrets, { local: false }), // passes (issue 19)
    // The live view's list of watchable events, told of each publish (the API: the registry's table).
    ...(watchableEvents ? { watchableEvents } : {}),
  });
  const verifiers: Record<string, AccessTokenVerifier> = { [env.TOKEN_ISSUER]: issuer.verifier() };
  if (env.COGNITO_USER_POOL_ID) {
    verifiers[cognitoIssuer(env.COGNITO_USER_POOL_ID)] = createCognitoVerifier({
      userPoolId: env.COGNITO_USER_POOL_ID,
      clientIds: env.COGNITO_CLIENT_IDS,
      ...(env.COGNITO_ENDPOINT ? { endpoint: env.COGNITO_ENDPOINT } : {}),
    });
  }
  return { env, db, services, verifier: byIssuer(verifiers), issuer, liveDeltaStore };
}

/** The S3 client of the configured endpoint (loaded only where a bucket is configured). */
async function s3Client(env: LambdaEnv) {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return traced(
    new S3Client({
      region: env.AWS_REGION,
      ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true } : {}),
    }),
  );
}

// admin: exports
async function s3ExportStore(env: LambdaEnv, bucket: string) {
  const [s3, { S3ExportStore }] = await Promise.all([s3Client(env), import('../adapters/exports/s3.ts')]);
  return new S3ExportStore(s3, bucket);
}

/** live deltas (issue 20): a read head is reused for a second (the CDN keeps it as long). */
async function s3LiveDeltaStore(env: LambdaEnv, bucket: string) {
  const [s3, { S3LiveDeltaStore }] = await Promise.all([s3Client(env), import('../adapters/live/s3-deltas.ts')]);
  return new S3LiveDeltaStore(s3, bucket, { headMaxAgeMs: 1000 });
}

/** One runtime per Lambda instance, built at the first invocation; a failed build is tried again at the next. */
export { once } from './once.ts';
