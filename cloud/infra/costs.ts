// Cost guardrails: tags on everything (app, env, cost centre) so the bill can be split by them, a monthly AWS Budget
// that warns at 80% of actual spend and at a forecast over 100%, and a Cost Anomaly Detection monitor over AWS
// services whose anomalies above a threshold are sent at once. Both speak on the alarm topic (and the budget also
// emails the alarm address), whose key and policy must let Budgets and Cost Anomaly Detection publish.
import { Stack, Tags } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as ce from 'aws-cdk-lib/aws-ce';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, type IConstruct } from 'constructs';

export interface EstateTags {
  /** The environment (`envName` setting): prod, staging… */
  env: string;
  /** Whom the bill goes to (`costCentre` setting). */
  costCentre?: string;
}

/** The tags every resource of the estate carries, by key. */
export function estateTags(tags: EstateTags): Record<string, string> {
  return { app: 'ticketboss', env: tags.env, ...(tags.costCentre ? { 'cost-centre': tags.costCentre } : {}) };
}

/**
 * Tags every taggable resource under `scope` (with cdk.json's explicitStackTags, `Tags.of` no longer tags stacks;
 * give the stacks the same tags with their `tags` prop, so CloudFormation puts them on what CDK cannot tag).
 */
export function tagEstate(scope: IConstruct, tags: EstateTags): void {
  for (const [key, value] of Object.entries(estateTags(tags))) {
    // CDK's resource model says a proxy target group takes tags; CloudFormation's schema has no such property.
    Tags.of(scope).add(key, value, { excludeResourceTypes: ['AWS::RDS::DBProxyTargetGroup'] });
  }
}

export interface CostGuardrailsProps {
  /** The monthly budget in US dollars (`monthlyBudget` setting). */
  monthlyBudgetUsd: number;
  /** An anomaly's total impact, in US dollars, from which it is reported (`anomalyThreshold` setting). */
  anomalyThresholdUsd: number;
  /**
   * An account has one AWS services monitor at most (AWS may have made `Default-Services-Monitor` already): give its
   * ARN (`anomalyMonitorArn` setting) to subscribe to it instead of making one.
   */
  anomalyMonitorArn?: string;
  alarmTopic: sns.Topic;
  alarmTopicKey: kms.IKey;
  alarmEmail?: string;
}

export class CostGuardrails extends Construct {
  readonly budget: budgets.CfnBudget;
  readonly anomalyMonitorArn: string;
  readonly anomalySubscription: ce.CfnAnomalySubscription;

  constructor(scope: Construct, id: string, props: CostGuardrailsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Both services publish as themselves: the topic's policy and its key's policy must let each one.
    const publishers = {
      budgets: new iam.ServicePrincipal('budgets.amazonaws.com'),
      anomalies: new iam.ServicePrincipal('costalerts.amazonaws.com'),
    };
    props.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BudgetsPublish',
        principals: [publishers.budgets],
        actions: ['sns:Publish'],
        resources: [props.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:budgets::${stack.account}:*` },
        },
      }),
    );
    props.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CostAnomaliesPublish',
        principals: [publishers.anomalies],
        actions: ['sns:Publish'],
        resources: [props.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    props.alarmTopicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BudgetsAndCostAnomaliesPublish',
        principals: [publishers.budgets, publishers.anomalies],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // In a key policy "*" is this key; no condition, as for CloudWatch's (see operations.ts).
        resources: ['*'],
      }),
    );

    const subscribers = [
      { subscriptionType: 'SNS', address: props.alarmTopic.topicArn },
      ...(props.alarmEmail ? [{ subscriptionType: 'EMAIL', address: props.alarmEmail }] : []),
    ];
    const notify = (notificationType: 'ACTUAL' | 'FORECASTED', threshold: number) => ({
      notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers,
    });
    // The whole account's unblended cost, month by month (no tag filter: a filter on `app` counts nothing until the
    // tag is activated for cost allocation in the Billing console).
    this.budget = new budgets.CfnBudget(this, 'Monthly', {
      budget: {
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyBudgetUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [notify('ACTUAL', 80), notify('FORECASTED', 100)],
    });
    this.budget.node.addDependency(props.alarmTopic);

    const names = `${stack.stackName}-${stack.region}`;
    this.anomalyMonitorArn =
      props.anomalyMonitorArn ??
      new ce.CfnAnomalyMonitor(this, 'ServicesMonitor', {
        monitorName: `${names}-services`,
        monitorType: 'DIMENSIONAL',
        monitorDimension: 'SERVICE',
      }).attrMonitorArn;
    // SNS subscribers are sent each anomaly at once (IMMEDIATE is the only frequency SNS takes).
    this.anomalySubscription = new ce.CfnAnomalySubscription(this, 'Anomalies', {
      subscriptionName: `${names}-anomalies`,
      monitorArnList: [this.anomalyMonitorArn],
      frequency: 'IMMEDIATE',
      subscribers: [{ type: 'SNS', address: props.alarmTopic.topicArn }],
      thresholdExpression: JSON.stringify({
        Dimensions: {
          Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
          MatchOptions: ['GREATER_THAN_OR_EQUAL'],
          Values: [String(props.anomalyThresholdUsd)],
        },
      }),
    });
    this.anomalySubscription.node.addDependency(props.alarmTopic);
  }
}
