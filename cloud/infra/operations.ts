// Operations: CloudWatch alarms on what a buyer or a clerk would feel, all to one SNS topic (subscribe the on-call
// address to it): the API's 5xx and its p99 latency, any message in a dead-letter queue, the database's CPU and free
// storage, and every function's errors and throttles. The topic is encrypted with a key of our own: CloudWatch cannot
// use the AWS-managed SNS key (its policy cannot be changed), so with it alarms would never be delivered.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsProps {
  httpApi: apigwv2.HttpApi;
  deadLetterQueues: sqs.Queue[];
  database: rds.DatabaseInstance;
  functions: lambda.Function[];
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
    const alarm = (
      name: string,
      metric: cloudwatch.Metric,
      threshold: number,
      options: Partial<cloudwatch.CreateAlarmOptions> = {},
    ) => {
      const created = metric.createAlarm(this, name, {
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

    alarm('Api5xx', props.httpApi.metricServerError({ period: minutes(5), statistic: 'Sum' }), 10);
    alarm(
      'ApiLatencyP99',
      props.httpApi.metricLatency({ period: minutes(5), statistic: 'p99' }),
      props.p99LatencyMs ?? 1500,
      {
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      },
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
      alarm(`${name}Throttles`, fn.metricThrottles({ period: minutes(5), statistic: 'Sum' }), 0);
    }
  }
}
