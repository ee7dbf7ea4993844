// The whole AWS estate as one CDK stack of parts (network, data, functions, messaging, identity, APIs, web, the edge,
// operations, backups, cost guardrails), checked offline by cdk-nag; this folder's README.md and COSTS.md say why.
import { Aspects, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { Api } from './api.ts';
import { copyVaultName, DatabaseBackup, defaultDrRegion } from './backup.ts';
import { CostGuardrails } from './costs.ts';
import { Data } from './data.ts';
import { Exports } from './exports.ts'; // admin: exports
import { cognitoEnv as envOfCognito, emailEnv as envOfEmail, paymentEnv as envOfPayments } from './function-env.ts';
import { Functions } from './functions.ts';
import { Identity } from './identity.ts';
import { LIVE_PATH } from '../contract/shop-routes.ts';
import { Keys } from './keys.ts';
import { wireLiveFanout } from './live.ts';
import { LiveRegistryTable } from './live-registry.ts';
import { acknowledgeDeployTimeFunctions, ProviderLogGroups } from './log-retention.ts';
import { Messaging } from './messaging.ts';
import { deployMigrations } from './migrations.ts';
import { stackUniqueName } from './names.ts';
import { Network } from './network.ts';
import { scheduleProvisionedConcurrency, type OnSaleWindow } from './on-sale.ts';
import { Operations } from './operations.ts';
import { Web, type DomainProps, type EdgeProps } from './web.ts';
import { acknowledgeEach } from './nag.ts';

export interface TicketBossProps extends StackProps {
  /** The Lambda bundles (`npm run build:lambda` → dist/lambda). */
  lambdaCodeDir: string;
  /** The migrations the custom resource applies (their hash re-runs it when one is added). */
  migrationsDir: string;
  /** The built web shop (dist/web), uploaded to the bucket at deploy. */
  siteDir?: string;
  /** The shop's own host name, with its Route 53 zone (and, outside us-east-1, a us-east-1 certificate). */
  domain?: DomainProps;
  /** The WAF web ACL (required outside us-east-1: TicketBossEdge's) and the origin lock's secret version. */
  edge?: EdgeProps;
  /** The address emails come from (`Name <address>` or an address); its domain is the SES identity. */
  emailFrom?: string;
  /**
   * emailFrom's domain is verified in SES (from the second deploy on: the first creates the identity). Cognito then
   * sends through it; Cognito refuses an unverified identity when the pool is created or updated, so before that it
   * keeps its own sender.
   */
  sesIdentityVerified?: boolean;
  alarmEmail?: string;
  /** Windows in which the API keeps instances initialised (provisioned concurrency); none when left out. */
  onSaleWindows?: OnSaleWindow[];
  /** The account's Lambda concurrency above which the concurrency alarms fire (default 800 of the usual 1,000). */
  accountConcurrencyAlarm?: number;
  natGateways?: number;
  /** Amazon Pay's merchant settings; its private key goes into the app secret. */
  amazonPay?: { publicKeyId: string; storeId: string; region: 'eu' | 'na' | 'jp'; sandbox: boolean };
  /** Mailing service for posted tickets; its API key goes into the app secret. */
  mailingBaseUrl?: string;
  /**
   * The second region (default: a neighbour, see backup.ts): the app secret's replica, and the copies of the database
   * backups in the vault of the `BackupCopyStack` there, which must be deployed first.
   */
  drRegion?: string;
  /** Cost guardrails: the monthly budget and the anomaly threshold in US dollars (see costs.ts). */
  costs?: { monthlyBudgetUsd: number; anomalyThresholdUsd: number; anomalyMonitorArn?: string };
}

/**
 * Reserved concurrency: how many instances a function may run at once, taken out of the account's pool, so that the
 * functions behind the API cannot starve it and none runs away. The API itself is not reserved: it takes what is
 * left (README.md, "Quotas to check before an on-sale"). The tick is one loop at a time; jobs, exports and fan-out
 * are as many as their queues' pollers may start (maxConcurrency, which must not exceed it or SQS messages bounce off
 * throttles into the dead-letter queues); the WebSocket function is capped so a rush of connects cannot take the
 * API's share.
 */
export const RESERVED_CONCURRENCY = { tick: 1, jobs: 5, exports: 2, fanout: 2, websocket: 50 } as const;

/** What the jobs function does to the user pool when a staff change is carried there (cognito-staff-directory.ts). */
export const COGNITO_STAFF_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:CreateGroup',
];

export class TicketBossStack extends Stack {
  readonly keys: Keys;
  readonly network: Network;
  readonly data: Data;
  readonly functions: Functions;
  readonly messaging: Messaging;
  readonly identity: Identity;
  readonly api: Api;
  readonly web: Web;
  readonly operations: Operations;
  readonly backup: DatabaseBackup;
  readonly costs: CostGuardrails;
  readonly exports: Exports; // admin: exports

  /** Named, not looked up: synth needs no account, and the layout does not move when AWS adds a zone. */
  override get availabilityZones(): string[] {
    return [`${this.region}a`, `${this.region}b`];
  }

  constructor(scope: Construct, id: string, props: TicketBossProps) {
    super(scope, id, props);
    const shopUrl = props.domain ? `https://${props.domain.name}` : 'https://localhost';
    const emailDomain = props.emailFrom?.match(/@([^>\s]+)/)?.[1];
    const drRegion = props.drRegion ?? defaultDrRegion(this.region);
    // Every Lambda function CDK makes without an L2 gets a log group with a retention (log-retention.ts).
    Aspects.of(this).add(new ProviderLogGroups());

    this.keys = new Keys(this, 'Keys');
    this.network = new Network(this, 'Network', { natGateways: props.natGateways ?? 2 });
    this.data = new Data(this, 'Data', this.network);
    this.messaging = new Messaging(this, 'Messaging', {
      ...(emailDomain ? { emailDomain } : {}),
      ...(props.domain
        ? { hostedZone: { hostedZoneId: props.domain.hostedZoneId, zoneName: props.domain.zoneName } }
        : {}),
    });
    // Cognito's own sender allows about 50 emails a day: with a verified identity, codes go out through SES (and
    // the configuration set's bounce handling). Without emailFrom there is no identity to send from.
    const fromAddress = props.emailFrom?.match(/[^<\s]+@[^>\s]+/)?.[0];
    const fromName = props.emailFrom?.match(/^\s*"?([^"<]*?)"?\s*</)?.[1];
    const cognitoEmail =
      fromAddress && emailDomain && props.sesIdentityVerified
        ? cognito.UserPoolEmail.withSES({
            fromEmail: fromAddress,
            ...(fromName ? { fromName } : {}),
            sesRegion: this.region,
            sesVerifiedDomain: emailDomain,
            configurationSetName: this.messaging.configurationSet.configurationSetName,
          })
        : undefined;
    this.identity = new Identity(this, 'Identity', { shopUrl, ...(cognitoEmail ? { email: cognitoEmail } : {}) });
    if (cognitoEmail && this.messaging.identity) this.identity.userPool.node.addDependency(this.messaging.identity);
    this.functions = new Functions(this, 'Functions', {
      codeDir: props.lambdaCodeDir,
      network: this.network,
      data: this.data,
      publicUrl: shopUrl,
      secretReplicaRegion: drRegion,
    });
    const f = this.functions;

    // Migrations at deploy time, before any function that uses the schema is updated.
    const { migrate, migrations } = deployMigrations(this, {
      f,
      network: this.network,
      data: this.data,
      migrationsDir: props.migrationsDir,
    });

    const emailEnv = envOfEmail(this.region, this.messaging, props);
    const paymentEnv = envOfPayments(props);
    const cognitoEnv = envOfCognito(this.identity);
    // Named (from the stack's id) so the devices' API can reach it without a reference cycle: see Api.
    const apiFunctionName = stackUniqueName('ticketboss-api');
    const api = f.add('api', {
      functionName: apiFunctionName,
      memoryMb: 1024,
      environment: {
        ...cognitoEnv,
        LIVE_QUEUE_URL: this.messaging.live.queueUrl,
        ...paymentEnv,
        ...emailEnv,
      },
    });
    // Off the selling database: subscriptions and watchable events are in the live registry's table.
    const websocket = f.add('websocket', {
      database: false,
      memoryMb: 256,
      timeout: Duration.seconds(10),
      reservedConcurrency: RESERVED_CONCURRENCY.websocket,
    });
    const fanout = f.add('live-fanout', {
      memoryMb: 512,
      timeout: Duration.seconds(30),
      reservedConcurrency: RESERVED_CONCURRENCY.fanout,
    });
    // admin: cognito. The jobs carry staff changes to the user pool and run password resets (Cognito's customers'
    // through ForgotPassword), so they know the pool and its clients; the tick knows the pool to relay those jobs.
    // Jobs take seconds, within the outbox's one-minute lease; exports take minutes, in a function of their own.
    const jobs = f.add('jobs', {
      memoryMb: 1024,
      timeout: Duration.seconds(60),
      environment: { ...emailEnv, ...paymentEnv, ...cognitoEnv },
      reservedConcurrency: RESERVED_CONCURRENCY.jobs,
    });
    const exportsFn = f.add('exports', {
      memoryMb: 1024,
      timeout: Duration.minutes(15),
      reservedConcurrency: RESERVED_CONCURRENCY.exports,
    });
    const tick = f.add('tick', {
      memoryMb: 256,
      timeout: Duration.seconds(60),
      environment: {
        JOBS_QUEUE_URL: this.messaging.jobs.queueUrl,
        EXPORTS_QUEUE_URL: this.messaging.exports.queueUrl,
        LIVE_QUEUE_URL: this.messaging.live.queueUrl,
        COGNITO_USER_POOL_ID: cognitoEnv.COGNITO_USER_POOL_ID,
      },
      reservedConcurrency: RESERVED_CONCURRENCY.tick,
    });
    // A minute's start that finds the last run still going waits (throttled) at most a minute, and a failed run is
    // not run again: the next minute's tick does the same work.
    tick.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) });
    for (const fn of [api, websocket, fanout, jobs, exportsFn, tick]) fn.node.addDependency(migrations);

    // Both APIs invoke the alias, whose provisioned concurrency is scheduled for the on-sale windows.
    const apiAlias = new lambda.Alias(this, 'ApiLive', { aliasName: 'live', version: api.currentVersion });
    scheduleProvisionedConcurrency(apiAlias, props.onSaleWindows ?? []);
    this.api = new Api(this, 'Api', { api: apiAlias, apiFunctionName, apiAliasName: apiAlias.aliasName, websocket });
    api.addEnvironment('DEVICE_USAGE_PLAN_ID', this.api.deviceUsagePlan.usagePlanId);
    wireLiveFanout(this, {
      fanout,
      api: this.api,
      liveQueue: this.messaging.live,
      maxConcurrency: RESERVED_CONCURRENCY.fanout,
    });

    // Grants: each function exactly what it does. Live subscriptions are in a table of their own, not Postgres.
    const liveRegistry = new LiveRegistryTable(this, 'LiveRegistry');
    liveRegistry.grantSubscriptions(websocket);
    liveRegistry.grantFanout(fanout);
    for (const fn of [api, migrate]) liveRegistry.grantWatchableWrites(fn);
    this.messaging.live.grantSendMessages(api);
    this.messaging.jobs.grantSendMessages(tick);
    this.messaging.exports.grantSendMessages(tick);
    this.messaging.live.grantSendMessages(tick);
    jobs.addEventSource(
      new SqsEventSource(this.messaging.jobs, {
        batchSize: 5,
        maxConcurrency: RESERVED_CONCURRENCY.jobs,
        reportBatchItemFailures: true,
      }),
    );
    const sesResources = [
      this.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.messaging.configurationSet.configurationSetName,
      }),
      ...(emailDomain ? [this.formatArn({ service: 'ses', resource: 'identity', resourceName: emailDomain })] : []),
    ];
    const sendEmail = new iam.PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: sesResources,
    });
    jobs.addToRolePolicy(sendEmail);
    // admin: cognito. The staff directory's calls (cognito-staff-directory.ts), on this pool only: the jobs make them.
    this.identity.userPool.grant(jobs, ...COGNITO_STAFF_DIRECTORY_ACTIONS);
    // accounts: a pool customer's proven email, read by the API when they claim guest orders (order-claims.ts).
    this.identity.userPool.grant(api, 'cognito-idp:AdminGetUser');
    // A paired machine's API key: made and put in the usage plan by the API (tags name the device and venue).
    const apiGatewayArn = (path: string) => `arn:${this.partition}:apigateway:${this.region}::${path}`;
    // (A policy of its own, so its one acknowledged wildcard is acknowledged on it alone.)
    const deviceKeys = new iam.Policy(this, 'DeviceKeys', {
      roles: [api.role!],
      statements: [
        new iam.PolicyStatement({
          actions: ['apigateway:POST'],
          resources: [
            apiGatewayArn('/apikeys'),
            apiGatewayArn(`/usageplans/${this.api.deviceUsagePlan.usagePlanId}/keys`),
            apiGatewayArn('/tags/*'),
          ],
        }),
      ],
    });
    acknowledgeEach(
      deviceKeys,
      'AwsSolutions-IAM5',
      [`Resource::arn:<AWS::Partition>:apigateway:${this.region}::/tags/*`],
      'A new API key is tagged at creation with its device and venue; the key does not exist before, so its tag resource cannot be named in advance.',
    );

    new events.Rule(this, 'EveryMinute', {
      description: 'TicketBoss tick: expired holds, abandoned orders, outbox relay',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new eventTargets.LambdaFunction(tick, { retryAttempts: 0 })],
    });

    this.web = new Web(this, 'Web', {
      apiDomain: `${this.api.http.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      liveDomain: `${this.api.live.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      liveStage: this.api.liveStage.stageName,
      ...(props.siteDir ? { siteDir: props.siteDir } : {}),
      ...(props.domain ? { domain: props.domain } : {}),
      ...(props.edge ? { edge: props.edge } : {}),
    });
    // The API and the live view's $connect answer CloudFront only (origin-lock.ts).
    for (const fn of [api, websocket]) this.web.originLock.enforceIn(fn, this.web.distribution);

    // admin: exports. Their function writes the files, the API presigns their downloads (read for presign only).
    this.exports = new Exports(this, 'Exports', { accessLogs: this.web.logs });
    this.exports.addWorker(exportsFn, this.messaging.exports, RESERVED_CONCURRENCY.exports);
    this.exports.grantPresign(api);
    this.web.liveDeltas.wire({ writer: fanout, reader: api }); // live deltas (issue 20)
    api.addEnvironment('EXPORTS_BUCKET', this.exports.bucket.bucketName);

    this.operations = new Operations(this, 'Operations', {
      httpApi: this.api.http,
      devicesApi: this.api.devices,
      live: this.api.live,
      liveStage: this.api.liveStage,
      jobsQueue: this.messaging.jobs,
      exportsQueue: this.messaging.exports,
      liveQueue: this.messaging.live,
      deadLetterQueues: this.messaging.deadLetters,
      database: this.data.instance,
      proxy: this.data.proxy,
      rotationFunctionName: this.data.rotationFunctionName,
      functions: f.all,
      singletons: [tick],
      ...(props.accountConcurrencyAlarm ? { accountConcurrencyThreshold: props.accountConcurrencyAlarm } : {}),
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    this.backup = new DatabaseBackup(this, 'Backup', {
      database: this.data.instance,
      copyRegion: drRegion,
      copyVaultName: copyVaultName(this.stackName, this.region),
      alarmTopic: this.operations.topic,
      alarmTopicKey: this.operations.topicKey,
    });
    this.costs = new CostGuardrails(this, 'Costs', {
      monthlyBudgetUsd: props.costs?.monthlyBudgetUsd ?? 500,
      anomalyThresholdUsd: props.costs?.anomalyThresholdUsd ?? 50,
      ...(props.costs?.anomalyMonitorArn ? { anomalyMonitorArn: props.costs.anomalyMonitorArn } : {}),
      alarmTopic: this.operations.topic,
      alarmTopicKey: this.operations.topicKey,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    new CfnOutput(this, 'ShopUrl', {
      value: props.domain ? shopUrl : `https://${this.web.distribution.distributionDomainName}`,
    });
    // What a kiosk or box office is configured with as its cloud URL (no trailing slash; paths are /v1/…).
    new CfnOutput(this, 'DeviceApiUrl', {
      value: `https://${this.api.devices.restApiId}.execute-api.${this.region}.${this.urlSuffix}/${this.api.devices.deploymentStage.stageName}`,
    });
    // The live view through the shop's origin (the stage's own address refuses $connect: the origin lock).
    const shopHost = props.domain ? props.domain.name : this.web.distribution.distributionDomainName;
    new CfnOutput(this, 'LiveUrl', { value: `wss://${shopHost}${LIVE_PATH}` });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'SignInDomain', { value: this.identity.domain.baseUrl() });
    new CfnOutput(this, 'AppSecretArn', { value: f.appSecret.secretArn });
    acknowledgeDeployTimeFunctions(this);
  }
}
