// The CDK app (`npx cdk synth|deploy`, see `npm run deploy` in README.md). Settings come from CDK context (`-c key=value`
// or cdk.context.json): account, region (else the CLI's defaults), domain, hostedZoneId, zoneName, certificateArn,
// emailFrom, sesIdentityVerified (true once emailFrom's domain is verified in SES), alarmEmail, natGateways,
// mailingBaseUrl, amazonPayPublicKeyId, amazonPayStoreId, amazonPayRegion, amazonPaySandbox; drRegion (the second
// region: secret replica, backup copies; default a neighbour), envName (tag `env`, default prod), costCentre (tag
// `cost-centre`), monthlyBudget and anomalyThreshold (USD), anomalyMonitorArn (an existing AWS services monitor to
// subscribe to: an account has one at most), accountConcurrencyAlarm (the account's Lambda concurrency the
// concurrency alarms fire above), and onSaleWindows: when the API keeps instances initialised, a JSON list (in
// cdk.json, or `-c 'onSaleWindows=[…]'`) of {"start": "2027-03-01T08:45:00Z", "end": "2027-03-01T12:00:00Z",
// "provisioned": 200}. Outside us-east-1: webAclArn (TicketBossEdge's WebAclArn output: deploy that stack first) and,
// after rotating the origin lock's secret, originVerifyVersionId (README.md, "Origin lock"); wafIntegrationUrl: the web
// ACL's JavaScript integration URL (WAF console), with which the shop answers a challenge without a reload. The
// Lambda bundles must be built first (cdk.json's app runs `scripts/build-lambda.ts` before this file, so the estate
// never imports build tooling); the web shop too (npm run build).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import { BackupCopyStack, defaultDrRegion } from './backup.ts';
import { estateTags, tagEstate } from './costs.ts';
import { EDGE_REGION } from './edge-security.ts';
import { EdgeStack } from './edge-stack.ts';
import { OnSaleWindows } from './on-sale.ts';
import { TicketBossStack } from './ticketboss-stack.ts';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};
const Settings = z.object({
  account: z.string().regex(/^\d{12}$/, 'account: a 12-digit AWS account id'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region: e.g. eu-central-1'),
  domain: z.string().optional(),
  hostedZoneId: z.string().optional(),
  zoneName: z.string().optional(),
  certificateArn: z.string().startsWith('arn:aws:acm:us-east-1:').optional(),
  webAclArn: z.string().startsWith('arn:aws:wafv2:us-east-1:').optional(),
  originVerifyVersionId: z.string().min(1).optional(),
  wafIntegrationUrl: z.url({ protocol: /^https$/ }).optional(),
  emailFrom: z.string().optional(),
  sesIdentityVerified: z.enum(['true', 'false']).default('false'),
  alarmEmail: z.email().optional(),
  natGateways: z.coerce.number().int().min(1).max(2).optional(),
  mailingBaseUrl: z.url().optional(),
  amazonPayPublicKeyId: z.string().optional(),
  amazonPayStoreId: z.string().optional(),
  amazonPayRegion: z.enum(['eu', 'na', 'jp']).default('eu'),
  amazonPaySandbox: z.enum(['true', 'false']).default('true'),
  drRegion: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'drRegion: e.g. eu-central-1')
    .optional(),
  envName: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'envName: e.g. prod, staging')
    .default('prod'),
  costCentre: z.string().optional(),
  monthlyBudget: z.coerce.number().positive().default(500),
  anomalyThreshold: z.coerce.number().positive().default(50),
  anomalyMonitorArn: z.string().startsWith('arn:aws:ce::').optional(),
  accountConcurrencyAlarm: z.coerce.number().int().positive().optional(),
});
const settings = Settings.parse(
  Object.fromEntries(
    [...Object.keys(Settings.shape)].map((key) => [
      key,
      context(key) ??
        (key === 'account'
          ? process.env.CDK_DEFAULT_ACCOUNT
          : key === 'region'
            ? process.env.CDK_DEFAULT_REGION
            : undefined),
    ]),
  ),
);
// A list, not a string: given as JSON text on the command line, or as a list in cdk.json.
const onSaleContext: unknown = app.node.tryGetContext('onSaleWindows');
const onSaleWindows = OnSaleWindows.parse(
  typeof onSaleContext === 'string' ? JSON.parse(onSaleContext || '[]') : (onSaleContext ?? []),
);
if (settings.domain && !(settings.hostedZoneId && settings.zoneName)) {
  throw new Error('With a domain, give hostedZoneId and zoneName (its Route 53 zone) too');
}

const env = { account: settings.account, region: settings.region };
// cdk-nag's AwsSolutions pack and AWS Control Tower's proactive guard rules: a finding nobody acknowledged (with its
// reason) fails the synth, so a deploy never starts with one.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator());
// app, env and cost-centre on every resource (Tags.of), and on every stack (cdk.json's explicitStackTags: stack tags
// are given, and CloudFormation puts them on what CDK cannot tag).
const tags = { env: settings.envName, ...(settings.costCentre ? { costCentre: settings.costCentre } : {}) };
tagEstate(app, tags);
const stackTags = estateTags(tags);

// CloudFront takes its certificate and its web ACL from us-east-1 only: outside it, a small stack there makes them
// (deploy it first, then pass its outputs as -c certificateArn=… -c webAclArn=…). It keeps the certificate while a
// domain is set, so deploying it again (for the web ACL) never takes away a certificate in use.
const edgeFirst =
  settings.region !== EDGE_REGION && (!settings.webAclArn || (settings.domain && !settings.certificateArn));
if (edgeFirst) {
  new EdgeStack(app, 'TicketBossEdge', {
    env: { account: settings.account, region: EDGE_REGION },
    tags: stackTags,
    ...(settings.domain
      ? { domain: { name: settings.domain, hostedZoneId: settings.hostedZoneId!, zoneName: settings.zoneName! } }
      : {}),
  });
} else {
  const siteDir = resolve('dist/web');
  const lambdaCodeDir = resolve('dist/lambda');
  if (!existsSync(resolve(lambdaCodeDir, 'api.mjs'))) {
    throw new Error('The Lambda bundles are missing: run `npm run build:lambda` first (cdk.json does)');
  }
  const drRegion = settings.drRegion ?? defaultDrRegion(settings.region);
  if (drRegion === settings.region) throw new Error('drRegion: a region other than the stack’s own');
  // The second region's vault for the database backups' copies: deployed before the stack that copies into it.
  const backupCopy = new BackupCopyStack(app, 'TicketBossBackupCopy', {
    env: { account: settings.account, region: drRegion },
    stackName: `TicketBoss-backup-copy-${settings.region}`,
    description: `TicketBoss: database backups copied from ${settings.region}`,
    mainStackName: 'TicketBoss',
    mainRegion: settings.region,
    tags: stackTags,
  });
  const main = new TicketBossStack(app, 'TicketBoss', {
    env,
    tags: stackTags,
    description: 'TicketBoss: API, live seat view, web shop, jobs and database',
    lambdaCodeDir,
    migrationsDir: resolve('cloud/db/migrations'),
    ...(existsSync(resolve(siteDir, 'index.html')) ? { siteDir } : {}),
    ...(settings.domain
      ? {
          domain: {
            name: settings.domain,
            hostedZoneId: settings.hostedZoneId!,
            zoneName: settings.zoneName!,
            ...(settings.certificateArn ? { certificateArn: settings.certificateArn } : {}),
          },
        }
      : {}),
    edge: {
      ...(settings.webAclArn ? { webAclArn: settings.webAclArn } : {}),
      ...(settings.originVerifyVersionId ? { originVerifyVersionId: settings.originVerifyVersionId } : {}),
      ...(settings.wafIntegrationUrl ? { wafIntegrationUrl: settings.wafIntegrationUrl } : {}),
    },
    ...(settings.emailFrom ? { emailFrom: settings.emailFrom } : {}),
    sesIdentityVerified: settings.sesIdentityVerified === 'true',
    ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    ...(onSaleWindows.length > 0 ? { onSaleWindows } : {}),
    ...(settings.accountConcurrencyAlarm ? { accountConcurrencyAlarm: settings.accountConcurrencyAlarm } : {}),
    ...(settings.natGateways ? { natGateways: settings.natGateways } : {}),
    ...(settings.mailingBaseUrl ? { mailingBaseUrl: settings.mailingBaseUrl } : {}),
    ...(settings.amazonPayPublicKeyId && settings.amazonPayStoreId
      ? {
          amazonPay: {
            publicKeyId: settings.amazonPayPublicKeyId,
            storeId: settings.amazonPayStoreId,
            region: settings.amazonPayRegion,
            sandbox: settings.amazonPaySandbox === 'true',
          },
        }
      : {}),
    drRegion,
    costs: {
      monthlyBudgetUsd: settings.monthlyBudget,
      anomalyThresholdUsd: settings.anomalyThreshold,
      ...(settings.anomalyMonitorArn ? { anomalyMonitorArn: settings.anomalyMonitorArn } : {}),
    },
  });
  main.addStackDependency(backupCopy);
}
app.synth();
