// AWS Control Tower's proactive controls (the guard rules cdk-validator-cfnguard ships, run by the cfn-guard binary in
// its npm package) over every shape of the estate the tests synthesize. The shared synth runs them beside cdk-nag, so
// any template with an unacknowledged finding fails its own test; here: that the validator really runs and finds
// faults (a probe stack with known ones), that each shape is clean, and that every rule we acknowledge is one we
// chose, named, with its reason.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeGuard } from '../../../cloud/infra/nag.ts';
import { synth, type GuardViolation } from './synth.ts';

const GUARD = 'cdk-validator-cfnguard';
type Run = ReturnType<typeof synth>;
type Suppressed = GuardViolation & { reason: string; acknowledgedAt: string };

/** The Control Tower rule id of a finding (`CT.S3.PR.9`), from its description. */
const controlId = (violation: { description: string }) =>
  /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(violation.description)?.[1];

function guardReport(run: Run) {
  const report = (
    run.report as unknown as {
      pluginReports: {
        pluginName: string;
        conclusion: string;
        violations: GuardViolation[];
        suppressedViolations?: Suppressed[];
      }[];
    }
  ).pluginReports.find((r) => r.pluginName === GUARD);
  if (!report) throw new Error('the guard validator did not run');
  return report;
}

/** What each shape acknowledges, and why (the reasons are in cloud/infra, beside the resource). */
const ALWAYS = [
  'CT.APIGATEWAY.PR.5', // routes authorize in the app: public shop and live view beside token-checked calls
  'CT.CLOUDFRONT.PR.4', // one region: no second origin to fail over to
  'CT.DYNAMODB.PR.1', // the live registry's items live two hours: no point in time to recover
  'CT.LAMBDA.PR.3', // CDK's deploy-time upload function, outside the VPC
  'CT.RDS.PR.20', // default port in isolated subnets
  'CT.S3.PR.10', // public shop build; CloudFront logs cannot go to SSE-KMS
  'CT.S3.PR.11', // exports are deleted a day after they are written: no previous versions of personal data
  'CT.S3.PR.2', // the log bucket does not log itself
  'CT.S3.PR.4', // nothing reacts to new objects
  'CT.S3.PR.9', // deploys replace the shop; logs expire
  'CT.SQS.PR.1', // dead-letter queues are the end of the line
];
const WITHOUT_DOMAIN = ['CT.CLOUDFRONT.PR.6', 'CT.CLOUDFRONT.PR.7', 'CT.CLOUDFRONT.PR.9'];

describe('AWS Control Tower guard rules (cfn-guard) over the estate', () => {
  let main: Run;
  let withDomain: Run;

  beforeAll(() => {
    main = synth('eu-west-1');
    withDomain = synth('us-east-1', {
      domain: { name: 'tickets.example.com', hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' },
    });
  });
  afterAll(() => {
    for (const run of [main, withDomain]) if (run) rmSync(run.work, { recursive: true, force: true });
  });

  it('finds the faults it is there to find (a probe stack with a queue without a dead-letter queue and logs kept forever)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'ticketboss-guard-'));
    try {
      const app = new App({ outdir });
      const probe = new Stack(app, 'Probe', { env: { account: '123456789012', region: 'eu-west-1' } });
      new sqs.Queue(probe, 'NoDeadLetters', { visibilityTimeout: Duration.seconds(30) });
      new logs.LogGroup(probe, 'KeptAWeek', { retention: logs.RetentionDays.ONE_WEEK });
      Validations.of(app).addPlugins(new CfnGuardValidator());
      expect(() => app.synth()).toThrow();
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: { pluginName: string; violations: GuardViolation[] }[];
      };
      const found = report.pluginReports.find((r) => r.pluginName === GUARD)!.violations.map(controlId);
      expect(found).toEqual(expect.arrayContaining(['CT.SQS.PR.1', 'CT.CLOUDWATCH.PR.2', 'CT.CLOUDWATCH.PR.3']));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('passes every rule on both shapes (no domain in eu-west-1, a domain in us-east-1)', () => {
    for (const run of [main, withDomain]) {
      const report = guardReport(run);
      expect(report.violations.map((v) => `${controlId(v)} ${v.violatingConstructs?.[0]?.constructPath}`)).toEqual([]);
      expect(report.conclusion).toBe('success');
      expect(run.error).toBeNull();
    }
  });

  it('acknowledges only the rules chosen here, each with its reason where the resource is made', () => {
    const acknowledged = (run: Run) =>
      [...new Set((guardReport(run).suppressedViolations ?? []).map(controlId))].sort();
    expect(acknowledged(main)).toEqual([...ALWAYS, ...WITHOUT_DOMAIN].sort());
    // With a domain, the distribution has its own certificate, SNI and TLS 1.2 (2021): those three rules pass.
    expect(acknowledged(withDomain)).toEqual([...ALWAYS].sort());
    for (const run of [main, withDomain]) {
      for (const suppressed of guardReport(run).suppressedViolations ?? []) {
        expect(
          suppressed.reason.length,
          `${suppressed.ruleName} at ${suppressed.acknowledgedAt}`,
        ).toBeGreaterThanOrEqual(60);
      }
    }
  });

  it('refuses an acknowledgement without a reason', () => {
    const stack = new Stack(new App(), 'Reasonless');
    expect(() => acknowledgeGuard(stack, 'sqs_dlq_check', 'n/a')).toThrow(/Say why sqs_dlq_check/);
  });
});
