// The AWS estate synthesized offline (no account, no Docker) and checked against the design's promises, and against
// cdk-nag's AwsSolutions rules run as a validation plugin at synth: an unacknowledged finding fails the synth, and
// every acknowledgement in cloud/infra carries its reason.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketBossStack } from '../../../cloud/infra/ticketboss-stack.ts';

const infraDir = new URL('../../../cloud/infra/', import.meta.url).pathname;

describe('the AWS estate (cdk synth, offline)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'ticketboss-cdk-'));
  let template: Template;
  let synthError: unknown = null;

  beforeAll(() => {
    const app = new App({ outdir });
    const stack = new TicketBossStack(app, 'TicketBoss', { env: { account: '123456789012', region: 'eu-west-1' } });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
    } catch (error) {
      synthError = error;
    }
    template = Template.fromStack(stack);
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('passes cdk-nag AwsSolutions: nothing unacknowledged, and every acknowledgement explained', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { conclusion?: string; violations?: { ruleName: string; description: string }[] }[];
    };
    const violations = report.pluginReports
      .flatMap((r) => r.violations ?? [])
      .map((v) => `${v.ruleName}: ${v.description}`);
    expect(violations).toEqual([]);
    expect(synthError).toBeNull();
    // Every acknowledge() in the infrastructure code has a reason of some substance.
    for (const file of readdirSync(infraDir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(infraDir, file), 'utf8');
      for (const found of source.matchAll(/acknowledge\(\{[\s\S]*?\}\)/g)) {
        expect(found[0], `${file}: ${found[0]}`).toMatch(/reason:\s*(\n\s*)?'[^']{40,}/);
      }
    }
  });

  it('spreads the network over two Availability Zones with private subnets', () => {
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet'));
    expect(new Set(subnets.map((s) => JSON.stringify(s.Properties.AvailabilityZone))).size).toBe(2);
    expect(subnets.filter((s) => s.Properties.MapPublicIpOnLaunch === false).length).toBeGreaterThanOrEqual(2);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  it('runs Postgres Multi-AZ, encrypted, backed up, deletion-protected and not public, behind RDS Proxy with IAM', () => {
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      MultiAZ: true,
      StorageEncrypted: true,
      PubliclyAccessible: false,
      DeletionProtection: true,
      EnableIAMDatabaseAuthentication: true,
    });
    const instance = Object.values(template.findResources('AWS::RDS::DBInstance'))[0]!;
    expect(instance.Properties.BackupRetentionPeriod).toBeGreaterThanOrEqual(7);
    template.hasResourceProperties('AWS::RDS::DBProxy', {
      RequireTLS: true,
      Auth: [Match.objectLike({ IAMAuth: 'REQUIRED' })],
    });
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    // The database's security group admits only the proxy.
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).filter(
      (r) => r.Properties.FromPort === 5432,
    );
    expect(ingress.every((r) => r.Properties.SourceSecurityGroupId !== undefined)).toBe(true);
    expect(ingress.some((r) => r.Properties.CidrIp !== undefined)).toBe(false);
  });
});
