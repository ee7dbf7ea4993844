// The edge for an on-sale (issue 20), on the synthesized templates: the WAF web ACL (scope CLOUDFRONT, in us-east-1:
// in the main stack there, else in TicketBossEdge) with AWS's managed groups, rate limits, a silent challenge on the
// on-sale's POSTs and logs; the distribution behind it; the origin lock's header sourced from a secret; and the
// on-sale's hot reads cached as the API says. Both stacks pass cdk-nag and the Control Tower guard rules.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_SECRET_ENV } from '../../../cloud/contract/origin-lock.ts';
import { ON_SALE_CACHED_PATHS, ON_SALE_CACHED_READS_REGEX } from '../../../cloud/infra/edge-cache.ts';
import { ON_SALE_POSTS_REGEX } from '../../../cloud/infra/edge-security.ts';
import { EdgeStack } from '../../../cloud/infra/edge-stack.ts';
import { synth, TEST_WEB_ACL_ARN, type Resource } from './synth.ts';

type Run = ReturnType<typeof synth>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON of any shape
type Json = any;

const DOMAIN = { name: 'tickets.example.com', hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' };
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

const ofType = (resources: Record<string, Resource>, type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type);
const distributionOf = (run: Run): Json => ofType(run.resources, 'AWS::CloudFront::Distribution')[0]![1].Properties;
const webAclOf = (resources: Record<string, Resource>): [string, Json] => {
  const acls = ofType(resources, 'AWS::WAFv2::WebACL');
  expect(acls).toHaveLength(1);
  return [acls[0]![0], acls[0]![1].Properties];
};
const ruleNamed = (acl: Json, name: string): Json => {
  const rule = (acl.Rules as Json[]).find((r) => r.Name === name);
  expect(rule, name).toBeDefined();
  return rule;
};

/** TicketBossEdge as app.ts makes it, validated by both plugins like every other template. */
function synthEdge(domain?: typeof DOMAIN) {
  const outdir = mkdtempSync(join(tmpdir(), 'ticketboss-edge-'));
  const app = new App({ outdir });
  const stack = new EdgeStack(app, 'TicketBossEdge', {
    env: { account: '123456789012', region: 'us-east-1' },
    ...(domain ? { domain } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator());
  app.synth();
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { violations?: unknown[] }[];
  };
  const template = Template.fromStack(stack);
  rmSync(outdir, { recursive: true, force: true });
  return { template, report, resources: template.toJSON().Resources as Record<string, Resource> };
}

describe('the edge for an on-sale', () => {
  let elsewhere: Run; // eu-west-1: the web ACL comes from TicketBossEdge
  let inUsEast1: Run; // us-east-1: the stack makes its own
  let edge: ReturnType<typeof synthEdge>;

  beforeAll(() => {
    elsewhere = synth('eu-west-1');
    inUsEast1 = synth('us-east-1', { domain: DOMAIN });
    edge = synthEdge(DOMAIN);
  });
  afterAll(() => {
    for (const run of [elsewhere, inUsEast1]) rmSync(run.work, { recursive: true, force: true });
  });

  describe('the web ACL', () => {
    it('is for CloudFront, allows by default, and has AWS’s managed groups (Bot Control at the common level)', () => {
      const [, acl] = webAclOf(edge.resources);
      expect(acl.Scope).toBe('CLOUDFRONT');
      expect(acl.DefaultAction).toEqual({ Allow: {} });
      const groups = (acl.Rules as Json[])
        .filter((r) => r.Statement.ManagedRuleGroupStatement)
        .map((r) => r.Statement.ManagedRuleGroupStatement);
      expect(groups.map((g) => g.Name).sort()).toEqual([
        'AWSManagedRulesAmazonIpReputationList',
        'AWSManagedRulesAnonymousIpList',
        'AWSManagedRulesBotControlRuleSet',
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
      ]);
      expect(groups.every((g) => g.VendorName === 'AWS')).toBe(true);
      const bots = groups.find((g) => g.Name === 'AWSManagedRulesBotControlRuleSet');
      expect(bots.ManagedRuleGroupConfigs).toEqual([
        { AWSManagedRulesBotControlRuleSet: { InspectionLevel: 'COMMON' } },
      ]);
      // Every rule and the ACL itself: metrics and sampled requests.
      for (const visibility of [acl.VisibilityConfig, ...(acl.Rules as Json[]).map((r) => r.VisibilityConfig)]) {
        expect(visibility).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
      }
      // Priorities are distinct (WAF refuses duplicates).
      const priorities = (acl.Rules as Json[]).map((r) => r.Priority);
      expect(new Set(priorities).size).toBe(priorities.length);
    });

    it('limits the rate per IP, tighter on the on-sale’s POSTs, answering 429 problem+json with Retry-After', () => {
      const [, acl] = webAclOf(edge.resources);
      const all = ruleNamed(acl, 'rate-per-ip');
      const posts = ruleNamed(acl, 'rate-on-sale-posts');
      expect(all.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: 3000 });
      // The cached polls count apart, looser (a carrier NAT's buyers all poll), and Bot Control skips them.
      expect(JSON.stringify(all.Statement.RateBasedStatement.ScopeDownStatement.NotStatement)).toContain(
        ON_SALE_CACHED_READS_REGEX,
      );
      const reads = ruleNamed(acl, 'rate-cached-reads').Statement.RateBasedStatement;
      expect(reads.Limit).toBeGreaterThan(all.Statement.RateBasedStatement.Limit);
      expect(JSON.stringify(reads.ScopeDownStatement)).toContain(ON_SALE_CACHED_READS_REGEX);
      const bots = ruleNamed(acl, 'bot-control').Statement.ManagedRuleGroupStatement.ScopeDownStatement;
      expect(JSON.stringify(bots)).toContain(ON_SALE_CACHED_READS_REGEX);
      expect(posts.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: 60 });
      expect(JSON.stringify(posts.Statement.RateBasedStatement.ScopeDownStatement)).toContain(ON_SALE_POSTS_REGEX);
      for (const rule of [all, posts]) {
        const response = rule.Action.Block.CustomResponse;
        expect(response.ResponseCode).toBe(429);
        expect(response.ResponseHeaders).toEqual([{ Name: 'Retry-After', Value: '60' }]);
        const body = JSON.parse(acl.CustomResponseBodies[response.CustomResponseBodyKey].Content);
        expect(body).toMatchObject({ type: expect.stringMatching(/\/rate_limited$/), status: 429 });
      }
    });

    it('challenges the on-sale’s POSTs (queue join, holds, orders) silently, with an immunity time', () => {
      const [, acl] = webAclOf(edge.resources);
      const rule = ruleNamed(acl, 'challenge-on-sale-posts');
      expect(rule.Action).toEqual({ Challenge: {} });
      const [method, path] = rule.Statement.AndStatement.Statements as Json[];
      expect(method.ByteMatchStatement).toMatchObject({ FieldToMatch: { Method: {} }, SearchString: 'POST' });
      expect(path.RegexMatchStatement.RegexString).toBe(ON_SALE_POSTS_REGEX);
      expect(acl.ChallengeConfig.ImmunityTimeProperty.ImmunityTime).toBe(3600);
      // Page loads earn the token the POSTs need (verified search engines are not challenged).
      expect(ruleNamed(acl, 'challenge-page-loads').Action).toEqual({ Challenge: {} });
      // The challenge comes after the blocks: a flood is refused before it is challenged.
      expect(rule.Priority).toBeGreaterThan(ruleNamed(acl, 'rate-on-sale-posts').Priority);
    });

    it('matches exactly the paths it means (the regexes WAF runs)', () => {
      const cached = (path: string) => new RegExp(ON_SALE_CACHED_READS_REGEX).test(path);
      for (const path of ['/v1/events/e1/queue/state', '/v1/events/e1/queue/challenge', '/v1/events/e1/live/deltas/7'])
        expect(cached(path), path).toBe(true);
      for (const path of ['/v1/events/e1/queue/join', '/v1/events/e1', '/v1/events/e1/live/', '/v1/orders'])
        expect(cached(path), path).toBe(false);
      const matches = (path: string) => new RegExp(ON_SALE_POSTS_REGEX).test(path);
      for (const path of ['/v1/events/e1/queue/join', '/v1/events/e-2/holds', '/v1/orders', '/v1/orders/']) {
        expect(matches(path), path).toBe(true);
      }
      for (const path of [
        '/v1/orders/o1/payments',
        '/v1/events/e1/availability',
        '/v1/events/e1/queue/state',
        '/v1/holds/h1',
        '/v1/events/e1/x/holds',
        '/x/v1/orders',
      ]) {
        expect(matches(path), path).toBe(false);
      }
    });

    it('logs what a rule touched to aws-waf-logs-… kept a year, without authorization or cookies', () => {
      const [aclId] = webAclOf(edge.resources);
      const [, logging] = ofType(edge.resources, 'AWS::WAFv2::LoggingConfiguration')[0]!;
      expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
      const [groupId, group] = ofType(edge.resources, 'AWS::Logs::LogGroup')[0]!;
      expect(JSON.stringify(group.Properties.LogGroupName)).toContain('aws-waf-logs-');
      expect(group.Properties.RetentionInDays).toBe(365);
      expect(JSON.stringify(logging.Properties.LogDestinationConfigs)).toContain(groupId);
      expect(logging.Properties.RedactedFields).toEqual([
        { SingleHeader: { Name: 'authorization' } },
        { SingleHeader: { Name: 'cookie' } },
      ]);
      expect(logging.Properties.LoggingFilter.DefaultBehavior).toBe('DROP');
    });

    it('lives in TicketBossEdge beside the certificate (outputs for the main stack), cdk-nag and guard clean', () => {
      expect(edge.report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
      edge.template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
      expect(Object.keys(edge.template.toJSON().Outputs)).toEqual(
        expect.arrayContaining(['CertificateArn', 'WebAclArn']),
      );
      expect(() => new EdgeStack(new App(), 'Elsewhere', { env: { region: 'eu-west-1' } })).toThrow(/us-east-1/);
    });
  });

  describe('the distribution', () => {
    it('sits behind the web ACL: TicketBossEdge’s outside us-east-1, its own stack’s there', () => {
      expect(ofType(elsewhere.resources, 'AWS::WAFv2::WebACL')).toEqual([]);
      expect(distributionOf(elsewhere).DistributionConfig.WebACLId).toBe(TEST_WEB_ACL_ARN);
      const [aclId, acl] = webAclOf(inUsEast1.resources);
      expect(acl.Scope).toBe('CLOUDFRONT');
      expect(distributionOf(inUsEast1).DistributionConfig.WebACLId).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    });

    it('refuses to be made outside us-east-1 without a web ACL', () => {
      expect(() => synth('eu-central-1', { edge: {} })).toThrow(/web ACL in us-east-1/);
    });

    it('adds the origin lock’s header to the API’s requests, its value a reference to a secret, never a literal', () => {
      const config = distributionOf(elsewhere).DistributionConfig;
      const apiOriginId = (config.CacheBehaviors as Json[]).find((b) => b.PathPattern === '/v1/*').TargetOriginId;
      const api = (config.Origins as Json[]).find((o) => o.Id === apiOriginId);
      const [httpApiId] = ofType(elsewhere.resources, 'AWS::ApiGatewayV2::Api').find(
        ([, a]) => a.Properties.ProtocolType === 'HTTP',
      )!;
      expect(JSON.stringify(api.DomainName)).toContain(httpApiId);
      const header = (api.OriginCustomHeaders as Json[]).find((h) => h.HeaderName === ORIGIN_VERIFY_HEADER);
      const value = JSON.stringify(header.HeaderValue);
      expect(value).toContain('{{resolve:secretsmanager:');
      const [secretId] = ofType(elsewhere.resources, 'AWS::SecretsManager::Secret').find(([, s]) =>
        String(s.Properties.Description).includes(ORIGIN_VERIFY_HEADER),
      )!;
      expect(value).toContain(secretId);
      // The API function is told the secret and may read it.
      const [, fn] = ofType(elsewhere.resources, 'AWS::Lambda::Function').find(
        ([, f]) => f.Properties.Handler === 'api.handler',
      )!;
      expect(fn.Properties.Environment.Variables[ORIGIN_VERIFY_SECRET_ENV]).toEqual({ Ref: secretId });
      // Updated after the distribution: the lock never turns on before CloudFront sends the header.
      const [distributionId] = ofType(elsewhere.resources, 'AWS::CloudFront::Distribution')[0]!;
      expect(fn.DependsOn).toContain(distributionId);
      const reads = ofType(elsewhere.resources, 'AWS::IAM::Policy').some(([, p]) =>
        (p.Properties.PolicyDocument.Statement as Json[]).some(
          (s) =>
            [s.Action].flat().includes('secretsmanager:GetSecretValue') &&
            JSON.stringify(s.Resource).includes(secretId),
        ),
      );
      expect(reads).toBe(true);
    });

    it('caches the on-sale’s hot reads by the API’s cache-control, with nothing personal in the key', () => {
      const config = distributionOf(elsewhere).DistributionConfig;
      const behaviors = config.CacheBehaviors as Json[];
      const patterns = behaviors.map((b) => b.PathPattern);
      // (The live view's /v1/events/*/live/* is cached the same way from its own bucket: live-deltas.test.ts.)
      expect(ON_SALE_CACHED_PATHS).toEqual(['/v1/events/*/queue/state', '/v1/events/*/queue/challenge']);
      const everythingElse = patterns.indexOf('/v1/*');
      const api = behaviors[everythingElse];
      expect(api.CachePolicyId).toBe(CACHING_DISABLED);
      for (const path of ON_SALE_CACHED_PATHS) {
        const index = patterns.indexOf(path);
        expect(index, path).toBeGreaterThanOrEqual(0);
        expect(index, `${path} is matched before /v1/*`).toBeLessThan(everythingElse);
        const behavior = behaviors[index];
        expect(behavior.TargetOriginId).toBe(api.TargetOriginId);
        expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
        expect(behavior.OriginRequestPolicyId).toBeUndefined();
        const policy = elsewhere.resources[behavior.CachePolicyId.Ref]!.Properties.CachePolicyConfig;
        expect(policy).toMatchObject({ MinTTL: 0, DefaultTTL: 0 });
        expect(policy.MaxTTL).toBeGreaterThanOrEqual(86_400);
        const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
        expect(key.CookiesConfig.CookieBehavior).toBe('none');
        expect(key.HeadersConfig.HeaderBehavior).toBe('none');
        expect(key.QueryStringsConfig.QueryStringBehavior).toBe('none');
      }
    });

    it('shows the web ACL’s requests on the on-sale dashboard (its metrics are in us-east-1)', () => {
      const [, dashboard] = ofType(elsewhere.resources, 'AWS::CloudWatch::Dashboard')[0]!;
      const body = JSON.stringify(dashboard.Properties.DashboardBody);
      expect(body).toContain('AWS/WAFV2');
      expect(body).toContain('BlockedRequests');
      expect(body).toContain('us-east-1');
      const [, acl] = webAclOf(inUsEast1.resources);
      for (const rule of ['rate-per-ip', 'rate-on-sale-posts', 'bot-control']) ruleNamed(acl, rule);
    });
  });
});
