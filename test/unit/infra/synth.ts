// The estate synthesized offline for the infra tests: the stack in a throwaway app, tagged and beside its backup copy
// stack as app.ts makes them, with two validation plugins, cdk-nag's AwsSolutions pack and AWS Control Tower's
// proactive guard rules (cdk-validator-cfnguard, running the cfn-guard binary its package ships); its validation report
// and its template. Every infra test synthesizes through here, so every template a test looks at has passed both (or
// the test sees `error`).
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BackupCopyStack, defaultDrRegion } from '../../../cloud/infra/backup.ts';
import { estateTags, tagEstate } from '../../../cloud/infra/costs.ts';
import { TicketBossStack, type TicketBossProps } from '../../../cloud/infra/ticketboss-stack.ts';

const migrationsDir = new URL('../../../cloud/db/migrations/', import.meta.url).pathname;
/** cdk.json's context (the feature flags among it), as the CDK CLI hands it to app.ts: tests see what a deploy would. */
export const cdkContext = (
  JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON of any shape
export type Resource = { Type: string; Properties: any; DependsOn?: string[] };

/** The Lambda function whose handler is `<entry>.handler`. */
export const functionOf = (resources: Record<string, Resource>, entry: string): Resource =>
  Object.values(resources).find(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Handler === `${entry}.handler`,
  )!;

/** Every action granted to a function's role on statements whose resources name the resource `resourceId`, sorted. */
export function actionsGranted(resources: Record<string, Resource>, entry: string, resourceId: string): string[] {
  const role = (functionOf(resources, entry).Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resources)
    .filter((p) => p.Type === 'AWS::IAM::Policy')
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
    .filter((s) => JSON.stringify(s.Resource).includes(resourceId))
    .flatMap((s) => [s.Action].flat())
    .sort();
}

export interface GuardViolation {
  ruleName: string;
  description: string;
  violatingConstructs?: { constructPath?: string }[];
}

/** TicketBossEdge's web ACL, as an operator passes it to a stack outside us-east-1 (`-c webAclArn=…`). */
export const TEST_WEB_ACL_ARN =
  'arn:aws:wafv2:us-east-1:123456789012:global/webacl/ticketboss-edge-test/11111111-2222-3333-4444-555555555555';

/** The tags the tests' estate carries (app.ts takes env and cost centre from its settings). */
export const TAGS = { env: 'test', costCentre: 'ticketing' };

/**
 * Synthesizing the estate with both validators takes seconds of CPU, and most infra tests look at the same shapes: a
 * test worker synthesizes each shape once (vitest.config.ts runs the infra files in one module graph per worker, so
 * this cache is shared between them). Callers read the result; none changes it.
 */
const synthesized = new Map<string, ReturnType<typeof synthFresh>>();

export function synth(region: string, extra: Partial<TicketBossProps> = {}): ReturnType<typeof synthFresh> {
  const key = JSON.stringify([region, extra]);
  const cached = synthesized.get(key);
  if (cached) return cached;
  const fresh = synthFresh(region, extra);
  synthesized.set(key, fresh);
  return fresh;
}

function synthFresh(region: string, extra: Partial<TicketBossProps> = {}) {
  const work = mkdtempSync(join(tmpdir(), 'ticketboss-cdk-'));
  // Placeholders for the code and the site: the bundles themselves are tested in lambda-bundle.test.ts.
  const code = join(work, 'lambda');
  const site = join(work, 'site');
  mkdirSync(code);
  mkdirSync(site);
  writeFileSync(join(code, 'api.mjs'), 'export const handler = async () => ({});');
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>TicketBoss</title>');
  const app = new App({ outdir: join(work, 'out'), context: cdkContext });
  tagEstate(app, TAGS);
  const drRegion = extra.drRegion ?? defaultDrRegion(region);
  const copy = new BackupCopyStack(app, 'TicketBossBackupCopy', {
    env: { account: '123456789012', region: drRegion },
    mainStackName: 'TicketBoss',
    mainRegion: region,
    tags: estateTags(TAGS),
  });
  const stack = new TicketBossStack(app, 'TicketBoss', {
    env: { account: '123456789012', region },
    tags: estateTags(TAGS),
    lambdaCodeDir: code,
    migrationsDir,
    siteDir: site,
    emailFrom: 'TicketBoss <tickets@ticketboss.example>',
    alarmEmail: 'oncall@ticketboss.example',
    // Outside us-east-1 the web ACL is TicketBossEdge's (edge-stack.ts); in us-east-1 the stack makes its own.
    ...(region === 'us-east-1' ? {} : { edge: { webAclArn: TEST_WEB_ACL_ARN } }),
    ...extra,
  });
  stack.addStackDependency(copy);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator());
  let error: unknown = null;
  try {
    app.synth();
  } catch (caught) {
    error = caught;
  }
  const report = JSON.parse(readFileSync(join(work, 'out', 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations?: GuardViolation[] }[];
  };
  const template = Template.fromStack(stack);
  return {
    work,
    stack,
    error,
    report,
    template,
    resources: template.toJSON().Resources as Record<string, Resource>,
    copy: { stack: copy, template: Template.fromStack(copy) },
  };
}
