// The AWS estate synthesized offline for template checks: placeholder code and site (the bundles themselves are tested
// in lambda-bundle.test.ts), no account, no Docker.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TicketBossStack, type TicketBossProps } from '../../cloud/infra/ticketboss-stack.ts';

const migrationsDir = new URL('../../cloud/db/migrations/', import.meta.url).pathname;

/** The estate's CloudFormation template in `region`, with the settings given. */
export function synthEstate(region: string, extra: Partial<TicketBossProps> = {}) {
  const work = mkdtempSync(join(tmpdir(), 'ticketboss-estate-'));
  const code = join(work, 'lambda');
  const site = join(work, 'site');
  mkdirSync(code);
  mkdirSync(site);
  writeFileSync(join(code, 'api.mjs'), 'export const handler = async () => ({});');
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>TicketBoss</title>');
  const app = new App({ outdir: join(work, 'out') });
  const stack = new TicketBossStack(app, 'TicketBoss', {
    env: { account: '123456789012', region },
    lambdaCodeDir: code,
    migrationsDir,
    siteDir: site,
    emailFrom: 'TicketBoss <tickets@ticketboss.example>',
    alarmEmail: 'oncall@ticketboss.example',
    ...extra,
  });
  return Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string; Properties?: unknown }> };
}

/** The settings of the second configuration the tests synthesize: us-east-1 with a domain (certificate, DNS). */
export const WITH_DOMAIN: Partial<TicketBossProps> = {
  domain: { name: 'tickets.example.com', hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' },
};
