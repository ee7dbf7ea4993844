// Cost guardrails (issue 15), read from the synthesized templates: app, env and cost-centre tags on every resource
// that takes tags (and on the stacks, so CloudFormation tags the rest), a monthly budget that warns at 80% actual and
// 100% forecast, and an anomaly monitor over AWS services whose anomalies go to the alarm topic at once. Budgets and
// Cost Anomaly Detection may publish to that topic and use its key; otherwise nothing would arrive.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synth, TAGS, type Resource } from './synth.ts';

const EXPECTED_TAGS = { app: 'ticketboss', env: TAGS.env, 'cost-centre': TAGS.costCentre };
const EXISTING_MONITOR = 'arn:aws:ce::123456789012:anomalymonitor/11111111-2222-3333-4444-555555555555';

/** A resource's tags as key → value, whichever way its type writes them (a list of Key/Value, or a map). */
function tagsOf(resource: Resource): Record<string, string> | undefined {
  const properties = (resource.Properties ?? {}) as Record<string, unknown>;
  const written = ['Tags', 'ResourceTags', 'BackupVaultTags', 'BackupPlanTags', 'UserPoolTags']
    .map((key) => properties[key])
    .find((value) => value !== undefined);
  if (written === undefined) return undefined;
  if (Array.isArray(written)) {
    return Object.fromEntries((written as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]));
  }
  return written as Record<string, string>;
}

describe('cost guardrails: tags, a budget and an anomaly monitor', () => {
  let main: ReturnType<typeof synth>;
  let custom: ReturnType<typeof synth>;
  const ofType = (run: ReturnType<typeof synth>, type: string) =>
    Object.entries(run.resources).filter(([, r]) => r.Type === type);

  beforeAll(() => {
    main = synth('eu-west-1');
    custom = synth('us-east-1', {
      costs: { monthlyBudgetUsd: 1200, anomalyThresholdUsd: 250, anomalyMonitorArn: EXISTING_MONITOR },
    });
  });
  afterAll(() => {
    for (const run of [main, custom]) if (run) rmSync(run.work, { recursive: true, force: true });
  });

  it('tags every resource that takes tags with app, env and cost-centre, and both stacks too', () => {
    for (const run of [main, custom]) {
      const templates = [run.resources, run.copy.template.toJSON().Resources as Record<string, Resource>];
      const tagged = templates.flatMap((resources) =>
        Object.entries(resources).flatMap(([id, r]) => (tagsOf(r) ? [[id, r.Type, tagsOf(r)!] as const] : [])),
      );
      const types = new Set(tagged.map(([, type]) => type));
      for (const type of [
        'AWS::RDS::DBInstance',
        'AWS::Lambda::Function',
        'AWS::SQS::Queue',
        'AWS::S3::Bucket',
        'AWS::EC2::NatGateway',
        'AWS::CloudFront::Distribution',
        'AWS::SecretsManager::Secret',
        'AWS::Backup::BackupVault',
        'AWS::Budgets::Budget',
        'AWS::CE::AnomalySubscription',
      ]) {
        expect(types, type).toContain(type);
      }
      for (const [id, , tags] of tagged) expect(tags, id).toEqual(expect.objectContaining(EXPECTED_TAGS));
      for (const stack of [run.stack, run.copy.stack]) {
        expect(stack.tags.tagValues(), stack.stackName).toEqual(EXPECTED_TAGS);
      }
    }
  });

  it('sets a monthly cost budget that warns at 80% of actual and 100% of forecast spend, on the topic and by email', () => {
    for (const [run, limit] of [
      [main, 500],
      [custom, 1200],
    ] as const) {
      const [, budget] = ofType(run, 'AWS::Budgets::Budget')[0]!;
      expect(budget.Properties.Budget).toEqual(
        expect.objectContaining({
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: limit, Unit: 'USD' },
        }),
      );
      const [topicId] = ofType(run, 'AWS::SNS::Topic')[0]!;
      const notifications = budget.Properties.NotificationsWithSubscribers as {
        Notification: Record<string, unknown>;
        Subscribers: unknown[];
      }[];
      expect(notifications.map((n) => [n.Notification.NotificationType, n.Notification.Threshold])).toEqual([
        ['ACTUAL', 80],
        ['FORECASTED', 100],
      ]);
      for (const { Notification, Subscribers } of notifications) {
        expect(Notification).toEqual(expect.objectContaining({ ThresholdType: 'PERCENTAGE' }));
        expect(Subscribers).toEqual([
          { SubscriptionType: 'SNS', Address: { Ref: topicId } },
          { SubscriptionType: 'EMAIL', Address: 'oncall@ticketboss.example' },
        ]);
      }
    }
  });

  it('watches AWS services for cost anomalies and sends each above the threshold to the topic at once', () => {
    const [monitorId, monitor] = ofType(main, 'AWS::CE::AnomalyMonitor')[0]!;
    expect(monitor.Properties).toEqual(
      expect.objectContaining({ MonitorType: 'DIMENSIONAL', MonitorDimension: 'SERVICE' }),
    );
    const [topicId] = ofType(main, 'AWS::SNS::Topic')[0]!;
    const [, subscription] = ofType(main, 'AWS::CE::AnomalySubscription')[0]!;
    expect(subscription.Properties.MonitorArnList).toEqual([{ 'Fn::GetAtt': [monitorId, 'MonitorArn'] }]);
    expect(subscription.Properties.Frequency).toBe('IMMEDIATE');
    expect(subscription.Properties.Subscribers).toEqual([{ Type: 'SNS', Address: { Ref: topicId } }]);
    const threshold = JSON.parse(subscription.Properties.ThresholdExpression as string) as {
      Dimensions: { Key: string; Values: string[]; MatchOptions: string[] };
    };
    expect(threshold.Dimensions).toEqual({
      Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
      MatchOptions: ['GREATER_THAN_OR_EQUAL'],
      Values: ['50'],
    });
  });

  it('subscribes to the account’s existing AWS services monitor when given one (an account has one at most)', () => {
    expect(ofType(custom, 'AWS::CE::AnomalyMonitor')).toEqual([]);
    const [, subscription] = ofType(custom, 'AWS::CE::AnomalySubscription')[0]!;
    expect(subscription.Properties.MonitorArnList).toEqual([EXISTING_MONITOR]);
    expect(JSON.parse(subscription.Properties.ThresholdExpression as string).Dimensions.Values).toEqual(['250']);
  });

  it('lets Budgets and Cost Anomaly Detection publish to the alarm topic and use its key', () => {
    for (const run of [main, custom]) {
      const [topicId, topic] = ofType(run, 'AWS::SNS::Topic')[0]!;
      const topicPolicy = ofType(run, 'AWS::SNS::TopicPolicy')
        .map(([, p]) => p.Properties)
        .find((p) => JSON.stringify(p.Topics) === JSON.stringify([{ Ref: topicId }]))!;
      type Statement = { Effect: string; Principal?: { Service?: unknown }; Action: unknown; Condition?: unknown };
      const allowed = (statements: Statement[], service: string) =>
        statements
          .filter((s) => s.Effect === 'Allow' && [s.Principal?.Service].flat().includes(service))
          .flatMap((s) => [s.Action].flat());
      const key = run.resources[topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0] as string]!;
      for (const service of ['budgets.amazonaws.com', 'costalerts.amazonaws.com']) {
        expect(allowed(topicPolicy.PolicyDocument.Statement as Statement[], service), service).toEqual(['sns:Publish']);
        expect(allowed(key.Properties.KeyPolicy.Statement as Statement[], service).sort(), service).toEqual([
          'kms:Decrypt',
          'kms:GenerateDataKey*',
        ]);
      }
      // Only this account's budgets and anomalies may publish.
      const budgetStatement = (topicPolicy.PolicyDocument.Statement as Statement[]).find((s) =>
        [s.Principal?.Service].flat().includes('budgets.amazonaws.com'),
      )!;
      expect(JSON.stringify(budgetStatement.Condition)).toContain('"aws:SourceAccount":"123456789012"');
    }
  });
});
