// `npm run synth` / `npm run deploy` as an operator runs them: the CDK CLI builds the Lambda bundles, then runs
// cloud/infra/app.ts, which synthesizes the stacks, here with no AWS account or credentials at all (nothing is
// looked up).
// Outside us-east-1 the stack first needs TicketBossEdge there (the web ACL, and with a domain its certificate).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'ticketboss-cdk-app-'));

// cdk.json's app builds the Lambda bundles, then runs app.ts. A synth that never reaches the main stack (settings
// refused, the certificate stack alone) does not read them: those run cdk.json's last step (app.ts) alone, through
// the same CLI, and skip the esbuild of seven bundles they would not look at.
const APP_WITHOUT_BUNDLES = (JSON.parse(readFileSync('cdk.json', 'utf8')) as { app: string }).app.split(' && ').at(-1)!;

async function cdkSynth(out: string, context: Record<string, string>, options: { bundles?: boolean } = {}) {
  const args = ['cdk', 'synth', '--no-notices', '--quiet', '-o', out];
  if (options.bundles === false) args.push('--app', APP_WITHOUT_BUNDLES);
  for (const [key, value] of Object.entries(context)) args.push('-c', `${key}=${value}`);
  const env = {
    ...process.env,
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_PROFILE: '',
  };
  return run('npx', args, { env, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
}

const place = { account: '123456789012', region: 'eu-central-1' };
const domain = { domain: 'tickets.example.com', hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' };

describe('the CDK app through the CDK CLI, offline', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('synthesizes the TicketBoss stack with its Lambda bundles, cdk-nag clean, with no account', async () => {
    const out = join(work, 'main');
    await cdkSynth(out, {
      ...place,
      ...domain,
      emailFrom: 'TicketBoss <tickets@ticketboss.example>',
      alarmEmail: 'oncall@ticketboss.example',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
      webAclArn:
        'arn:aws:wafv2:us-east-1:123456789012:global/webacl/ticketboss-edge/11111111-2222-3333-4444-555555555555',
      envName: 'staging',
      costCentre: 'events',
      monthlyBudget: '750',
      onSaleWindows: JSON.stringify([{ start: '2027-03-01T08:45:00Z', end: '2027-03-01T12:00:00Z', provisioned: 150 }]),
      accountConcurrencyAlarm: '900',
    });
    const template = JSON.parse(readFileSync(join(out, 'TicketBoss.template.json'), 'utf8')) as {
      Resources: Record<
        string,
        { Type: string; Properties: { Handler?: string; Code?: unknown } & Record<string, unknown> }
      >;
    };
    // The context's on-sale window and concurrency threshold reach the stack.
    const scaling = Object.values(template.Resources).find(
      (r) => r.Type === 'AWS::ApplicationAutoScaling::ScalableTarget',
    );
    expect(scaling?.Properties).toMatchObject({
      MaxCapacity: 150,
      ScheduledActions: expect.arrayContaining([expect.objectContaining({ Schedule: 'at(2027-03-01T08:45:00)' })]),
    });
    const accountAlarm = Object.values(template.Resources).find(
      (r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.MetricName === 'ConcurrentExecutions',
    );
    expect(accountAlarm?.Properties.Threshold).toBe(900);
    const handlers = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Handler?.endsWith('.handler'))
      .map((r) => r.Properties.Handler);
    expect(handlers).toEqual(expect.arrayContaining(['api.handler', 'jobs.handler', 'migrate.handler']));
    // The bundles are the asset: an operator deploys exactly what the Lambda-level tests ran.
    const manifest = JSON.parse(readFileSync(join(out, 'TicketBoss.assets.json'), 'utf8')) as {
      files: Record<string, { source: { path: string } }>;
    };
    const assets = Object.values(manifest.files).map((f) => join(out, f.source.path));
    expect(assets.some((dir) => existsSync(join(dir, 'api.mjs')) && existsSync(join(dir, 'migrations')))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
    // The settings reach the estate: tags, the budget, and the backup copies' vault in the neighbouring region,
    // whose stack the main one waits for.
    const budget = Object.values(template.Resources).find((r) => r.Type === 'AWS::Budgets::Budget')!;
    expect(budget.Properties.Budget).toMatchObject({ BudgetLimit: { Amount: 750, Unit: 'USD' } });
    expect(budget.Properties.ResourceTags).toEqual(
      expect.arrayContaining([
        { Key: 'app', Value: 'ticketboss' },
        { Key: 'env', Value: 'staging' },
        { Key: 'cost-centre', Value: 'events' },
      ]),
    );
    const copies = readFileSync(join(out, 'TicketBossBackupCopy.template.json'), 'utf8');
    expect(copies).toContain('"BackupVaultName": "TicketBoss-eu-central-1-copies"');
    const assembly = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { environment?: string; dependencies?: string[] }>;
    };
    expect(assembly.artifacts.TicketBossBackupCopy!.environment).toBe('aws://123456789012/eu-west-1');
    expect(assembly.artifacts.TicketBoss!.dependencies).toContain('TicketBossBackupCopy');
  }, 300_000);

  it('outside us-east-1, a domain without a certificate yet gives the certificate stack there first', async () => {
    const out = join(work, 'edge');
    await cdkSynth(out, { ...place, ...domain }, { bundles: false });
    const edge = readFileSync(join(out, 'TicketBossEdge.template.json'), 'utf8');
    expect(edge).toContain('AWS::CertificateManager::Certificate');
    expect(edge).toContain('AWS::WAFv2::WebACL');
    expect(existsSync(join(out, 'TicketBoss.template.json'))).toBe(false);
  }, 300_000);

  it('outside us-east-1, a certificate given but no web ACL yet: the edge stack again, keeping the certificate', async () => {
    const out = join(work, 'edge-acl');
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
    await cdkSynth(out, { ...place, ...domain, certificateArn }, { bundles: false });
    const edge = readFileSync(join(out, 'TicketBossEdge.template.json'), 'utf8');
    expect(edge).toContain('AWS::WAFv2::WebACL');
    expect(edge).toContain('AWS::CertificateManager::Certificate');
    expect(existsSync(join(out, 'TicketBoss.template.json'))).toBe(false);
  }, 300_000);

  it('refuses settings that are not right before touching AWS', async () => {
    await expect(cdkSynth(join(work, 'bad'), { ...place, account: '12345' }, { bundles: false })).rejects.toThrow(
      /12-digit AWS account id/,
    );
  }, 300_000);
});
