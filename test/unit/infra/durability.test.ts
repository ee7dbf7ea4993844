// Durability (issue 15), read from the synthesized templates: the app secret every ticket key derives from outlives
// the stack and has a replica in a second region; the database has a daily AWS Backup snapshot kept 35 days and copied
// to a vault in that region (a stack of its own, deployed first, reached by a name both know rather than a
// cross-region reference), beside RDS's own 14 days of point-in-time recovery; and every log the estate writes, every
// Lambda function's included (CDK's own among them, and the password rotation's), is kept a year.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaProblems } from '../../support/cfn-schema.ts';
import { synth, type Resource } from './synth.ts';

type Resources = Record<string, Resource & { DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
const YEAR = 365;

describe('durability: the secret, the database backups and the logs', () => {
  let main: ReturnType<typeof synth>;
  let elsewhere: ReturnType<typeof synth>;
  const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

  beforeAll(() => {
    main = synth('eu-west-1');
    elsewhere = synth('us-east-1', { drRegion: 'us-east-2' });
  });
  afterAll(() => {
    for (const run of [main, elsewhere]) if (run) rmSync(run.work, { recursive: true, force: true });
  });

  it('keeps the app secret when the stack goes, and replicates it to the second region', () => {
    for (const [run, drRegion] of [
      [main, 'eu-central-1'],
      [elsewhere, 'us-east-2'],
    ] as const) {
      const [, secret] = ofType(run.resources, 'AWS::SecretsManager::Secret').find(([id]) =>
        id.startsWith('FunctionsAppSecret'),
      )!;
      expect(secret.DeletionPolicy).toBe('Retain');
      expect(secret.UpdateReplacePolicy).toBe('Retain');
      expect(secret.Properties.ReplicaRegions).toEqual([{ Region: drRegion }]);
    }
  });

  it('snapshots the database daily into a vault of ours, kept 35 days, and copies each to the second region’s vault', () => {
    for (const [run, drRegion] of [
      [main, 'eu-central-1'],
      [elsewhere, 'us-east-2'],
    ] as const) {
      const region = run.stack.region;
      const [, plan] = ofType(run.resources, 'AWS::Backup::BackupPlan')[0]!;
      const rules = plan.Properties.BackupPlan.BackupPlanRule as Record<string, unknown>[];
      expect(rules).toHaveLength(1);
      const rule = rules[0]!;
      expect(rule.ScheduleExpression).toBe('cron(0 3 * * ? *)');
      expect(rule.Lifecycle).toEqual({ DeleteAfterDays: 35 });
      // Snapshots: continuous backup would take RDS's own point-in-time recovery over.
      expect(rule.EnableContinuousBackup).toBeUndefined();

      // The copy vault lives in the second region's stack, named from the main stack's name and region.
      const [, copyVault] = Object.entries(run.copy.template.toJSON().Resources as Resources).find(
        ([, r]) => r.Type === 'AWS::Backup::BackupVault',
      )!;
      expect(run.copy.stack.region).toBe(drRegion);
      expect(copyVault.Properties.BackupVaultName).toBe(`TicketBoss-${region}-copies`);
      expect(copyVault.DeletionPolicy).toBe('Retain');
      expect(rule.CopyActions).toEqual([
        {
          DestinationBackupVaultArn: `arn:aws:backup:${drRegion}:123456789012:backup-vault:TicketBoss-${region}-copies`,
          Lifecycle: { DeleteAfterDays: 35 },
        },
      ]);
      // Deployed first, and not referenced (a cross-region reference would need the stacks' outputs or SSM).
      expect(run.stack.dependencies).toContain(run.copy.stack);
      const template = JSON.stringify(run.template.toJSON());
      expect(template).not.toMatch(/Fn::ImportValue|Fn::GetStackOutput|ExportsReader/);

      // Both vaults are encrypted with a rotated key of our own that outlives the stack.
      for (const [resources, vault] of [
        [run.resources as Resources, ofType(run.resources, 'AWS::Backup::BackupVault')[0]![1]],
        [run.copy.template.toJSON().Resources as Resources, copyVault],
      ] as const) {
        const key = resources[vault.Properties.EncryptionKeyArn['Fn::GetAtt'][0] as string]!;
        expect(key.Type).toBe('AWS::KMS::Key');
        expect(key.Properties.EnableKeyRotation).toBe(true);
        expect(key.DeletionPolicy).toBe('Retain');
      }
    }
  });

  it('has a second-region stack that is cdk-nag clean and valid against the CloudFormation schemas', async () => {
    for (const run of [main, elsewhere]) {
      expect(run.error).toBeNull();
      expect(run.report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
      const template = run.copy.template.toJSON() as { Resources: Record<string, unknown> };
      expect(Object.keys(template.Resources).length).toBe(2);
      expect(await schemaProblems(template)).toEqual([]);
    }
  });

  it('selects the database instance itself, and leaves RDS its own 14 days of point-in-time recovery', () => {
    const [instanceId, instance] = ofType(main.resources, 'AWS::RDS::DBInstance')[0]!;
    expect(instance.Properties.BackupRetentionPeriod).toBe(14);
    const [, selection] = ofType(main.resources, 'AWS::Backup::BackupSelection')[0]!;
    const [planId] = ofType(main.resources, 'AWS::Backup::BackupPlan')[0]!;
    expect(selection.Properties.BackupPlanId).toEqual({ 'Fn::GetAtt': [planId, 'BackupPlanId'] });
    expect(selection.Properties.BackupSelection.Resources).toEqual([
      { 'Fn::Join': ['', ['arn:aws:rds:eu-west-1:123456789012:db:', { Ref: instanceId }]] },
    ]);
  });

  it('reports a failed backup or copy job on the alarm topic, whose key lets EventBridge publish', () => {
    const [topicId, topic] = ofType(main.resources, 'AWS::SNS::Topic')[0]!;
    const rule = ofType(main.resources, 'AWS::Events::Rule')
      .map(([, r]) => r.Properties)
      .find((r) => r.EventPattern?.source?.includes('aws.backup'));
    expect(rule).toBeDefined();
    expect(rule.EventPattern['detail-type'].sort()).toEqual(['Backup Job State Change', 'Copy Job State Change']);
    expect(rule.EventPattern.detail.state).toContain('FAILED');
    expect(rule.Targets).toEqual([expect.objectContaining({ Arn: { Ref: topicId } })]);
    const key = main.resources[topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0] as string]!;
    const forEvents = (key.Properties.KeyPolicy.Statement as { Principal?: { Service?: unknown }; Action: unknown }[])
      .filter((s) => [s.Principal?.Service].flat().includes('events.amazonaws.com'))
      .flatMap((s) => [s.Action].flat());
    expect(forEvents).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']));
  });

  it('keeps every log group a year (and what sets the retention of groups RDS makes, too)', () => {
    for (const run of [main, elsewhere]) {
      const groups = ofType(run.resources, 'AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThan(10);
      for (const [id, group] of groups) expect(group.Properties.RetentionInDays, id).toBeGreaterThanOrEqual(YEAR);
      // RDS makes the groups of its exported logs itself: CDK's log-retention function sets theirs.
      const exported = ofType(run.resources, 'Custom::LogRetention');
      expect(exported.map(([, r]) => JSON.stringify(r.Properties.LogGroupName)).sort()).toEqual([
        expect.stringContaining('/postgresql'),
        expect.stringContaining('/upgrade'),
      ]);
      for (const [id, retention] of exported) {
        expect(Number(retention.Properties.RetentionInDays), id).toBeGreaterThanOrEqual(YEAR);
      }
    }
  });

  it('gives every Lambda function, CDK’s own and the password rotation’s included, a log group with a retention', () => {
    for (const run of [main, elsewhere]) {
      const resources = run.resources as Resources;
      const retained = (groupId: string) => {
        const group = resources[groupId];
        return group?.Type === 'AWS::Logs::LogGroup' && group.Properties.RetentionInDays >= YEAR;
      };
      const namedGroup = (name: unknown) =>
        ofType(resources, 'AWS::Logs::LogGroup').find(
          ([, g]) => JSON.stringify(g.Properties.LogGroupName) === JSON.stringify(name),
        )?.[0];
      const functions = ofType(resources, 'AWS::Lambda::Function');
      // Ours, the shop's upload, and CDK's custom resource providers (the default security group's, log retention).
      expect(functions.length).toBeGreaterThanOrEqual(9);
      for (const [id, fn] of functions) {
        const configured = fn.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
        // Without a configured group, Lambda writes to /aws/lambda/<name>: a group of that name must be made first.
        const byDefaultName =
          namedGroup({ 'Fn::Join': ['', ['/aws/lambda/', { Ref: id }]] }) ??
          (fn.Properties.FunctionName ? namedGroup(`/aws/lambda/${fn.Properties.FunctionName}`) : undefined);
        const group = configured ?? byDefaultName;
        expect(group, id).toBeDefined();
        expect(retained(group!), `${id} → ${group}`).toBe(true);
      }
      // The rotation function is made by the Serverless Application Repository under the name we give it.
      const [rotationId, rotation] = ofType(resources, 'AWS::Serverless::Application')[0]!;
      const rotationName = rotation.Properties.Parameters.functionName;
      const rotationGroup = namedGroup({ 'Fn::Join': ['', ['/aws/lambda/', rotationName]] });
      expect(rotationGroup, rotationId).toBeDefined();
      expect(retained(rotationGroup!)).toBe(true);
      expect(rotation.DependsOn).toContain(rotationGroup);
    }
  });

  it('makes the devices stage’s execution-log group before API Gateway would make it without a retention', () => {
    const [restApiId] = ofType(main.resources, 'AWS::ApiGateway::RestApi')[0]!;
    const [stageId, stage] = ofType(main.resources, 'AWS::ApiGateway::Stage')[0]!;
    const [groupId] = ofType(main.resources, 'AWS::Logs::LogGroup').find(
      ([, g]) =>
        JSON.stringify(g.Properties.LogGroupName) ===
        JSON.stringify({ 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: restApiId }, '/devices']] }),
    )!;
    expect(stage.Properties.MethodSettings[0].LoggingLevel, stageId).toBe('ERROR');
    expect(stage.DependsOn).toContain(groupId);
  });
});
