// Operations: CloudWatch alarms on what a buyer or a clerk would feel, all to one SNS topic (subscribe the on-call
// address to it), and the on-sale dashboard (dashboard.ts). Alarms: both APIs' 5xx and p99 latency; the WebSocket API's
// integration errors, client errors and connect rate; the account's Lambda concurrency; RDS Proxy's client and database
// connections and borrow latency; the database's CPU, connections, free memory and free storage; how old the oldest
// message in the jobs, exports and live queues is, and any message in a dead-letter queue; every function's errors and
// throttles, and the master-password rotation's errors. The topic is encrypted with a key of our own: CloudWatch cannot
// use the AWS-managed SNS key (its policy cannot be changed), so with it alarms would never be delivered.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OnSaleDashboard, type WatchedParts } from './dashboard.ts';

export interface OperationsProps extends WatchedParts {
  deadLetterQueues: sqs.Queue[];
  /** Functions that run one at a time by design (reserved concurrency 1): a throttle is a second start, not lost work. */
  singletons?: lambda.Function[];
  /** The database master-password rotation function (made by the Serverless Application Repository, by name). */
  rotationFunctionName?: string;
  /** Where alarms are emailed (confirm the subscription once). */
  alarmEmail?: string;
  /** The API's p99 latency above which someone should look (ms). */
  p99LatencyMs?: number;
}

export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly topicKey: kms.Key;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: OnSaleDashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topicKey = new kms.Key(this, 'AlarmsKey', {
      description: 'TicketBoss alarm topic: lets CloudWatch publish encrypted alarms',
      enableKeyRotation: true,
      // It protects messages only while SNS delivers them; nothing stays encrypted under it.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // In a key policy "*" is this key. No condition: AWS documents this statement as is for alarms to an
        // encrypted topic, and a context key CloudWatch does not send would silently stop every alarm again.
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Alarms', {
      displayName: 'TicketBoss alarms',
      enforceSSL: true,
      masterKey: this.topicKey,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const action = new actions.SnsAction(this.topic);
    const alarm: AlarmMaker = (name, metric, threshold, options = {}) => {
      const created = new cloudwatch.Alarm(this, name, {
        metric,
        alarmDescription: `TicketBoss: ${name}`,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };
    const minutes = (n: number) => Duration.minutes(n);

    const p99 = props.p99LatencyMs ?? 1500;
    alarm('Api5xx', props.httpApi.metricServerError({ period: minutes(5), statistic: 'Sum' }), 10);
    alarm('ApiLatencyP99', props.httpApi.metricLatency({ period: minutes(5), statistic: 'p99' }), p99, {
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    // Kiosks and box offices: a counter that cannot sell is felt at once.
    alarm('DevicesApi5xx', props.devicesApi.metricServerError({ period: minutes(5), statistic: 'Sum' }), 5);
    alarm('DevicesApiLatencyP99', props.devicesApi.metricLatency({ period: minutes(5), statistic: 'p99' }), p99, {
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
    });
    this.liveAlarms(alarm, props);
    this.concurrencyAlarms(alarm, props.accountConcurrencyThreshold ?? 800);
    this.databaseAlarms(alarm, props);
    // How long the oldest message has waited: jobs are tickets by email and refunds; live changes are the seat view.
    alarm(
      'JobsQueueAge',
      props.jobsQueue.metricApproximateAgeOfOldestMessage({ period: minutes(1), statistic: 'Maximum' }),
      300,
      { evaluationPeriods: 5, datapointsToAlarm: 3 },
    );
    // Exports: two run at a time for up to 15 minutes each; half an hour waiting is a queue of them stuck.
    alarm(
      'ExportsQueueAge',
      props.exportsQueue.metricApproximateAgeOfOldestMessage({ period: minutes(1), statistic: 'Maximum' }),
      1800,
      { evaluationPeriods: 5, datapointsToAlarm: 3 },
    );
    alarm(
      'LiveQueueAge',
      props.liveQueue.metricApproximateAgeOfOldestMessage({ period: minutes(1), statistic: 'Maximum' }),
      30,
      { evaluationPeriods: 3, datapointsToAlarm: 2 },
    );
    props.deadLetterQueues.forEach((queue, index) =>
      alarm(
        `DeadLetters${index + 1}`,
        queue.metricApproximateNumberOfMessagesVisible({ period: minutes(1), statistic: 'Maximum' }),
        0,
      ),
    );
    alarm('DatabaseCpu', props.database.metricCPUUtilization({ period: minutes(5) }), 80, { evaluationPeriods: 3 });
    alarm(
      'DatabaseFreeStorage',
      props.database.metricFreeStorageSpace({ period: minutes(5), statistic: 'Minimum' }),
      10 * 1024 ** 3,
      { comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD },
    );
    if (props.rotationFunctionName) {
      // A failed rotation leaves the old password in place and retries only at the next schedule: tell someone.
      alarm(
        'RotationErrors',
        new cloudwatch.Metric({
          namespace: 'AWS/Lambda',
          metricName: 'Errors',
          dimensionsMap: { FunctionName: props.rotationFunctionName },
          period: minutes(5),
          statistic: 'Sum',
        }),
        0,
      );
    }
    for (const fn of props.functions) {
      const name = fn.node.id;
      alarm(`${name}Errors`, fn.metricErrors({ period: minutes(5), statistic: 'Sum' }), 5);
      // A singleton started while it still runs is throttled now and then by design; every start of five refused
      // means one run never ends.
      const singleton = props.singletons?.includes(fn) ?? false;
      alarm(`${name}Throttles`, fn.metricThrottles({ period: minutes(5), statistic: 'Sum' }), singleton ? 4 : 0);
    }
    this.dashboard = new OnSaleDashboard(this, 'Dashboard', { ...props, alarms: this.alarms });
  }

  /** The live seat view: the WebSocket API's errors, and connects near the regional quota (500 a second). */
  private liveAlarms(alarm: AlarmMaker, props: OperationsProps) {
    const live = (metricName: string, statistic = 'Sum') =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.live.apiId, Stage: props.liveStage.stageName },
        period: Duration.minutes(1),
        statistic,
      });
    alarm('LiveIntegrationErrors', live('IntegrationError'), 10, { evaluationPeriods: 3, datapointsToAlarm: 2 });
    alarm('LiveClientErrors', live('ClientError'), 600, { evaluationPeriods: 3, datapointsToAlarm: 2 });
    alarm('LiveConnectRate', live('ConnectCount'), 400 * 60, { evaluationPeriods: 2 });
  }

  /**
   * The account's Lambda concurrency, shared with every other function in the account and region: at the quota the
   * API is throttled (429s to buyers). Claimed counts reserved and provisioned concurrency too: it is what is left.
   */
  private concurrencyAlarms(alarm: AlarmMaker, threshold: number) {
    for (const metricName of ['ConcurrentExecutions', 'ClaimedAccountConcurrency']) {
      alarm(
        `Account${metricName}`,
        new cloudwatch.Metric({
          namespace: 'AWS/Lambda',
          metricName,
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold,
        { evaluationPeriods: 3, datapointsToAlarm: 2 },
      );
    }
  }

  /** RDS Proxy and the instance: connections near their ceiling, waits for one, memory running out. */
  private databaseAlarms(alarm: AlarmMaker, props: OperationsProps) {
    const proxy = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName,
        dimensionsMap: { ProxyName: props.proxy.dbProxyName },
        period: Duration.minutes(1),
        statistic,
      });
    const sustained = { evaluationPeriods: 5, datapointsToAlarm: 3 };
    // Each Lambda instance holds up to two client connections (DB_POOL_SIZE).
    alarm('ProxyClientConnections', proxy('ClientConnections', 'Maximum'), 3000, sustained);
    // Postgres on an m7g.large allows about 850 connections; the proxy uses at most 80% of them.
    alarm('ProxyDatabaseConnections', proxy('DatabaseConnections', 'Maximum'), 600, sustained);
    // Microseconds a request waited for a pooled connection: the pool is exhausted.
    alarm('ProxyBorrowLatency', proxy('DatabaseConnectionsBorrowLatency', 'Average'), 100_000, sustained);
    alarm(
      'DatabaseConnections',
      props.database.metricDatabaseConnections({ period: Duration.minutes(1), statistic: 'Maximum' }),
      700,
      sustained,
    );
    alarm(
      'DatabaseFreeableMemory',
      props.database.metricFreeableMemory({ period: Duration.minutes(5), statistic: 'Minimum' }),
      512 * 1024 ** 2,
      { comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, evaluationPeriods: 3 },
    );
  }
}

type AlarmMaker = (
  name: string,
  metric: cloudwatch.IMetric,
  threshold: number,
  options?: Partial<cloudwatch.CreateAlarmOptions>,
) => cloudwatch.Alarm;
