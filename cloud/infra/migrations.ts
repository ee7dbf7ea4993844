// Migrations at deploy time: a CloudFormation custom resource backed by the migrate function (cloud/lambda/migrate.ts),
// which reaches the database instance directly as the master user, so every function that uses the schema is
// updated after it (the stack makes them depend on it). Made in the stack's own scope, so its resources keep their
// names. It re-runs when a migration is added (their hash), or when a deploy-time step asks for a run of its own.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CustomResource, Duration, type Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Data } from './data.ts';
import type { Functions } from './functions.ts';
import type { Network } from './network.ts';

/**
 * Raised when the migrate function gains a step that every existing estate must run once, though no migration was
 * added: 1, the live view's list of watchable events filled with every event published so far.
 */
export const DEPLOY_STEPS_VERSION = 1;

export interface DeployMigrations {
  migrate: lambda.Function;
  migrations: CustomResource;
}

export function deployMigrations(
  stack: Stack,
  { f, network, data, migrationsDir }: { f: Functions; network: Network; data: Data; migrationsDir: string },
): DeployMigrations {
  const migrationsSecurityGroup = new ec2.SecurityGroup(stack, 'MigrationsSecurityGroup', {
    vpc: network.vpc,
    description: 'TicketBoss migrations (to the instance directly, as the master user)',
    allowAllOutbound: false,
  });
  migrationsSecurityGroup.addEgressRule(
    ec2.Peer.anyIpv4(),
    ec2.Port.tcp(443),
    'Secrets Manager, CloudFormation answer',
  );
  data.instance.connections.allowDefaultPortFrom(migrationsSecurityGroup, 'Migrations to Postgres');
  // The master secret is read through the endpoint (its private DNS takes every Secrets Manager call in the VPC).
  network.secretsManager.connections.allowFrom(
    migrationsSecurityGroup,
    ec2.Port.tcp(443),
    'Migrations to Secrets Manager',
  );
  migrationsSecurityGroup.connections.allowTo(data.instance, ec2.Port.tcp(5432), 'Migrations to Postgres');
  const migrate = f.add('migrate', {
    database: false,
    memoryMb: 512,
    timeout: Duration.minutes(10),
    securityGroup: migrationsSecurityGroup,
    environment: { MASTER_SECRET_ARN: data.instance.secret!.secretArn, APP_DB_USER: Data.APP_USER },
  });
  data.instance.secret!.grantRead(migrate);
  const migrations = new CustomResource(stack, 'Migrations', {
    serviceToken: migrate.functionArn,
    resourceType: 'Custom::TicketBossMigrations',
    properties: { version: hashDirectory(migrationsDir), steps: DEPLOY_STEPS_VERSION },
    // A run that never answers fails the deploy after this, not after CloudFormation's default hour (a little
    // longer than the function's own 10 minutes, so a slow run that finishes still reports).
    serviceTimeout: Duration.minutes(12),
  });
  return { migrate, migrations };
}

/** A short hash of every migration file, so adding one changes the custom resource and re-runs it. */
function hashDirectory(dir: string): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}
