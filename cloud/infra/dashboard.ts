// The on-sale dashboard: one CloudWatch page an operator keeps open while a big on-sale runs, top to bottom from what
// buyers do to what carries it: holds, orders and 409s a second, payment failures and job age (the business metrics
// the Lambdas write as EMF, namespace TicketBoss); both APIs' traffic, errors and latency; the live view's WebSocket;
// the edge's WAF (allowed, blocked, challenged, and which rule blocked); Lambda concurrency against the account's quota; RDS Proxy and the database; the queues; and every alarm's state.
// Named from the stack's id (names.ts), so a second stack in the account gets its own.
import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EDGE_METRIC_NAME, EDGE_REGION } from './edge-security.ts';
import { serviceNameOf } from './functions.ts';
import { stackUniqueName } from './names.ts';

/** The namespace the Lambdas write their business metrics to (cloud/lambda/observability.ts). */
export const METRICS_NAMESPACE = 'TicketBoss';

/** What the dashboard shows; Operations alarms on the same (its props extend these). */
export interface WatchedParts {
  httpApi: apigwv2.HttpApi;
  /** The devices' REST API (kiosks and box offices). */
  devicesApi: apigateway.RestApi;
  live: apigwv2.WebSocketApi;
  liveStage: apigwv2.WebSocketStage;
  /** The queues whose oldest message says how far behind their consumer is: jobs (emails, refunds), exports, live. */
  jobsQueue: sqs.Queue;
  exportsQueue: sqs.Queue;
  liveQueue: sqs.Queue;
  database: rds.DatabaseInstance;
  proxy: rds.DatabaseProxy;
  functions: lambda.Function[];
  /** The account's Lambda concurrency above which someone should look (the default quota is 1,000). */
  accountConcurrencyThreshold?: number;
}

export interface OnSaleDashboardProps extends WatchedParts {
  alarms: cloudwatch.IAlarm[];
}

/** The metrics an HTTP API and a REST API both have. */
type ApiMetrics = Pick<apigateway.RestApi, 'metricCount' | 'metricClientError' | 'metricServerError' | 'metricLatency'>;

const minute = Duration.minutes(1);
const wide = { width: 12, height: 6 };
const third = { width: 8, height: 6 };

/** A business metric of one function (its `service` dimension), e.g. HoldsCreated of the API. */
export function businessMetric(metricName: string, entry: string, statistic = 'Sum'): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: serviceNameOf(entry) },
    period: minute,
    statistic,
  });
}

/** A count per minute shown as a rate per second (`id`: the metric's name in the expression, unique in its graph). */
const perSecond = (id: string, metric: cloudwatch.IMetric, label: string) =>
  new cloudwatch.MathExpression({
    expression: `${id} / PERIOD(${id})`,
    usingMetrics: { [id]: metric },
    label,
    period: minute,
  });

export class OnSaleDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OnSaleDashboardProps) {
    super(scope, id);
    const graph = (title: string, left: cloudwatch.IMetric[], size = wide, right: cloudwatch.IMetric[] = []) =>
      new cloudwatch.GraphWidget({ title, left, right, ...size });
    const aws = (namespace: string, metricName: string, dimensionsMap: Record<string, string>, statistic = 'Sum') =>
      new cloudwatch.Metric({ namespace, metricName, dimensionsMap, period: minute, statistic });
    const live = (metricName: string) =>
      aws('AWS/ApiGateway', metricName, { ApiId: props.live.apiId, Stage: props.liveStage.stageName });
    const proxy = (metricName: string, statistic: string) =>
      aws('AWS/RDS', metricName, { ProxyName: props.proxy.dbProxyName }, statistic);
    const account = (metricName: string) => aws('AWS/Lambda', metricName, {}, 'Maximum');
    /** An HTTP or REST API: requests, 4xx and 5xx a minute on the left, p99 latency on the right. */
    const apiGraph = (name: string, api: ApiMetrics) =>
      graph(
        `${name}: requests, 4xx, 5xx (a minute)`,
        [
          api.metricCount({ period: minute }),
          api.metricClientError({ period: minute }),
          api.metricServerError({ period: minute }),
        ],
        third,
        [api.metricLatency({ period: minute, statistic: 'p99' })],
      );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: stackUniqueName('ticketboss-on-sale'),
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          '# TicketBoss on-sale\nBuyers first (holds, orders, contention), then what carries them. ' +
          'Quotas to check before an on-sale: cloud/infra/README.md.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph(
        'Holds, orders and 409s a second',
        [
          perSecond('holds', businessMetric('HoldsCreated', 'api'), 'holds/s'),
          perSecond('orders', businessMetric('OrdersPaid', 'api'), 'orders paid/s'),
          perSecond('conflicts', businessMetric('Contention', 'api'), '409s/s (contention)'),
        ],
        third,
      ),
      graph('Payment failures (a minute)', [businessMetric('PaymentFailures', 'api')], third),
      graph(
        'Job age: sale to email or refund (ms)',
        [businessMetric('JobAge', 'jobs', 'p50'), businessMetric('JobAge', 'jobs', 'p99')],
        third,
      ),
    );
    this.dashboard.addWidgets(
      apiGraph('Web API', props.httpApi),
      apiGraph('Devices API', props.devicesApi),
      graph('Live view (WebSocket): connects, messages, errors', [live('ConnectCount'), live('MessageCount')], third, [
        live('IntegrationError'),
        live('ClientError'),
      ]),
    );
    // The web ACL's metrics are in us-east-1 whatever the stack's region (a dashboard shows another region's metrics).
    const edge = (metricName: string, rule = 'ALL', label?: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/WAFV2',
        metricName,
        dimensionsMap: { WebACL: EDGE_METRIC_NAME, Rule: rule },
        region: EDGE_REGION,
        period: minute,
        statistic: 'Sum',
        ...(label ? { label } : {}),
      });
    this.dashboard.addWidgets(
      graph('Edge (WAF): requests allowed, blocked, challenged (a minute)', [
        edge('AllowedRequests'),
        edge('BlockedRequests'),
        edge('ChallengeRequests'),
      ]),
      graph(
        'Edge (WAF): blocked by rule (a minute)',
        ['rate-per-ip', 'rate-on-sale-posts', 'bot-control', 'ip-reputation', 'anonymous-ip', 'common'].map((rule) =>
          edge('BlockedRequests', rule, rule),
        ),
      ),
    );
    const threshold = props.accountConcurrencyThreshold ?? 800;
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Lambda concurrency in the account',
        left: [account('ConcurrentExecutions'), account('ClaimedAccountConcurrency')],
        leftAnnotations: [{ value: threshold, label: 'alarm' }],
        ...third,
      }),
      graph(
        'Each function: concurrent instances',
        props.functions.map((fn) => fn.metric('ConcurrentExecutions', { period: minute, statistic: 'Maximum' })),
        third,
      ),
      graph(
        'Each function: throttles and errors',
        props.functions.map((fn) => fn.metricThrottles({ period: minute })),
        third,
        props.functions.map((fn) => fn.metricErrors({ period: minute })),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'RDS Proxy: connections',
        [proxy('ClientConnections', 'Maximum'), proxy('DatabaseConnections', 'Maximum')],
        third,
        [proxy('DatabaseConnectionsBorrowLatency', 'Average')],
      ),
      graph('Database: CPU and connections', [props.database.metricCPUUtilization({ period: minute })], third, [
        props.database.metricDatabaseConnections({ period: minute, statistic: 'Maximum' }),
      ]),
      graph(
        'Database: free memory and storage',
        [props.database.metricFreeableMemory({ period: minute, statistic: 'Minimum' })],
        third,
        [props.database.metricFreeStorageSpace({ period: minute, statistic: 'Minimum' })],
      ),
    );
    this.dashboard.addWidgets(
      graph('Oldest message waiting (s): jobs, exports and live queues', [
        props.jobsQueue.metricApproximateAgeOfOldestMessage({ period: minute, statistic: 'Maximum' }),
        props.exportsQueue.metricApproximateAgeOfOldestMessage({ period: minute, statistic: 'Maximum' }),
        props.liveQueue.metricApproximateAgeOfOldestMessage({ period: minute, statistic: 'Maximum' }),
      ]),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, ...wide }),
    );
  }
}
