// Faults an operator's first `cdk deploy` would meet, found by reading the synthesized template (issue 15): a caller
// of Secrets Manager not admitted to its endpoint, the SPA fallback rewriting API errors, an alarm topic CloudWatch
// cannot publish to, physical names that clash with a second stack, Cognito and SES left to hand work. Each fault's
// tests fail on the template as it was before its fix.
import { rmSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Network, type Caller, type TemplateJson } from '../../support/reachability.ts';
import { synth, type Resource } from './synth.ts';
import { ON_SALE_CACHED_PATHS } from '../../../cloud/infra/edge-cache.ts';

type Resources = Record<string, Resource>;

/**
 * Plain-string names the scan allows, each with why it cannot clash with a second stack in the account. Anything
 * else named with a plain string fails; names CDK generates from the stack's name and region pass as well (one stack
 * of a name per region).
 */
const namesThatCannotClash: Record<string, string> = {
  'AWS::IAM::Policy PolicyName': 'an inline policy, named within its role',
  'AWS::IAM::Role Policies.PolicyName': 'an inline policy, named within its role',
  'AWS::Backup::BackupPlan BackupPlan.BackupPlanRule.RuleName': 'a rule inside its plan',
  'AWS::Backup::BackupSelection BackupSelection.SelectionName': 'a selection inside its plan',
  'AWS::EC2::VPCEndpoint ServiceName': 'the AWS service reached, not a name of ours',
  'AWS::RDS::DBInstance DBName': 'the database inside the instance',
  'AWS::RDS::DBInstance MasterUsername': 'a user inside the instance',
  'AWS::RDS::DBProxyTargetGroup TargetGroupName': '"default" is the only value RDS Proxy accepts',
  'AWS::Cognito::UserPool Schema.Name': 'a user attribute, inside the pool',
  'AWS::Cognito::UserPool AccountRecoverySetting.RecoveryMechanisms.Name': 'a recovery mechanism, not a resource',
  'AWS::Cognito::UserPoolGroup GroupName': 'a group inside the pool',
  'AWS::ApiGatewayV2::Api Name': 'API names need not be unique; APIs are known by their generated ids',
  'AWS::ApiGateway::RestApi Name': 'API names need not be unique; APIs are known by their generated ids',
  'AWS::ApiGatewayV2::Stage StageName': 'a stage inside its API',
  'AWS::ApiGateway::Stage StageName': 'a stage inside its API',
  'AWS::SNS::Topic DisplayName': 'the label on alarm emails, not an identifier',
  'AWS::CloudWatch::Alarm MetricName': 'the metric watched',
  'AWS::CloudWatch::Alarm Dimensions.Name': 'a metric dimension',
  'AWS::Lambda::Alias Name': 'an alias inside its function (the API’s "live", which API Gateway invokes)',
  'AWS::ApplicationAutoScaling::ScalableTarget ScheduledActions.ScheduledActionName':
    'an on-sale window’s action, inside its scalable target',
  'AWS::CertificateManager::Certificate DomainName': 'the shop’s own domain, which a second stack gets its own of',
  'AWS::CertificateManager::Certificate DomainValidationOptions.DomainName': 'the same domain, validated',
  'AWS::Route53::RecordSet Name': 'the shop’s own domain, which a second stack gets its own of',
  'AWS::WAFv2::LoggingConfiguration RedactedFields.SingleHeader.Name': 'a request header left out of the WAF logs',
  'AWS::CloudFront::Distribution DistributionConfig.Origins.OriginCustomHeaders.HeaderName':
    'a header CloudFront adds to the API’s requests (the origin lock), not a resource',
  'AWS::DynamoDB::Table AttributeDefinitions.AttributeName': 'a key attribute inside the live registry’s table',
  'AWS::DynamoDB::Table KeySchema.AttributeName': 'a key attribute inside the live registry’s table',
  'AWS::DynamoDB::Table TimeToLiveSpecification.AttributeName': 'the TTL attribute inside the live registry’s table',
};

/** Every `…Name` property of a resource whose value is a plain string, by its path (`Schema.Name`). */
function plainNames(properties: unknown, path = ''): { path: string; value: string }[] {
  if (Array.isArray(properties)) return properties.flatMap((item) => plainNames(item, path));
  if (!properties || typeof properties !== 'object') return [];
  return Object.entries(properties).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    if (key.startsWith('Fn::') || key === 'Ref' || at === 'Environment') return [];
    if (typeof value === 'string') return /name$/i.test(key) ? [{ path: at, value }] : [];
    return plainNames(value, at);
  });
}

describe('the estate deploys on the first try (issue 15)', () => {
  let main: ReturnType<typeof synth>;
  let withDomain: ReturnType<typeof synth>;
  let resources: Resources;
  const ofType = (type: string, from: Resources = resources) => Object.entries(from).filter(([, r]) => r.Type === type);

  beforeAll(() => {
    main = synth('eu-west-1');
    withDomain = synth('us-east-1', {
      domain: { name: 'tickets.example.com', hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' },
      emailFrom: 'TicketBoss <tickets@example.com>',
      sesIdentityVerified: true,
    });
    resources = main.resources;
  });
  afterAll(() => {
    for (const run of [main, withDomain]) if (run) rmSync(run.work, { recursive: true, force: true });
  });

  it('synthesizes both shapes (SES-verified Cognito email included) with nothing unacknowledged by cdk-nag', () => {
    for (const run of [main, withDomain]) {
      expect(run.report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
      expect(run.error).toBeNull();
    }
  });

  describe('migrations and rotation reach their secret', () => {
    // Admitted by name: the endpoint and the database take only the groups they list, never the whole VPC.
    const network = () => new Network(main.template.toJSON() as TemplateJson, { securityGroupsOnly: true });
    const caller = (name: string): Caller =>
      network()
        .callers()
        .find((c) => c.name === name)!;

    it('admits every function in the VPC (the migration included) to the Secrets Manager endpoint, whose private DNS takes all its calls', () => {
      const [, endpoint] = ofType('AWS::EC2::VPCEndpoint').find(([, e]) =>
        String(e.Properties.ServiceName).endsWith('.secretsmanager'),
      )!;
      expect(endpoint.Properties.PrivateDnsEnabled).toBe(true);
      const callers = network().callers();
      expect(callers.map((c) => c.name)).toContain('migrate.handler');
      for (const each of callers) expect(network().gap(each, { service: 'secretsmanager' }), each.name).toBeUndefined();
      expect(network().gap(caller('migrate.handler'), { database: true })).toBeUndefined();
    });

    it('runs the master-password rotation in the isolated subnets, reaching the Secrets Manager endpoint and Postgres', () => {
      const [rotationId, rotation] = ofType('AWS::Serverless::Application')[0]!;
      const parameters = rotation.Properties.Parameters;
      expect(network().gap(caller(rotationId), { service: 'secretsmanager' })).toBeUndefined();
      expect(network().gap(caller(rotationId), { database: true })).toBeUndefined();
      const [, subnetGroup] = ofType('AWS::RDS::DBSubnetGroup')[0]!;
      expect(JSON.stringify(parameters.vpcSubnetIds)).toBe(
        JSON.stringify({
          'Fn::Join': ['', [subnetGroup.Properties.SubnetIds[0], ',', subnetGroup.Properties.SubnetIds[1]]],
        }),
      );
    });

    it('alarms to the topic when the rotation function fails', () => {
      const [, rotation] = ofType('AWS::Serverless::Application')[0]!;
      const alarm = ofType('AWS::CloudWatch::Alarm')
        .map(([, a]) => a.Properties)
        .find(
          (a) =>
            a.Namespace === 'AWS/Lambda' &&
            a.MetricName === 'Errors' &&
            JSON.stringify(a.Dimensions) ===
              JSON.stringify([{ Name: 'FunctionName', Value: rotation.Properties.Parameters.functionName }]),
        );
      expect(alarm).toBeDefined();
      expect(alarm.Threshold).toBe(0);
      expect(alarm.AlarmActions).toEqual([{ Ref: ofType('AWS::SNS::Topic')[0]![0] }]);
    });

    it('gives up on the migrations custom resource after minutes, not CloudFormation’s hour', () => {
      const [, migrations] = ofType('Custom::TicketBossMigrations')[0]!;
      const [, migrate] = ofType('AWS::Lambda::Function').find(([, f]) => f.Properties.Handler === 'migrate.handler')!;
      const serviceTimeout = Number(migrations.Properties.ServiceTimeout);
      expect(serviceTimeout).toBeGreaterThan(migrate.Properties.Timeout);
      expect(serviceTimeout).toBeLessThanOrEqual(15 * 60);
    });
  });

  describe('API errors are never the shop’s HTML', () => {
    const distribution = () => ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
    const shopRoutes = () =>
      ofType('AWS::CloudFront::Function').find(([, f]) => f.Properties.FunctionCode.includes('/index.html'))!;

    it('has no distribution-wide error page (it would answer /v1/* errors with index.html)', () => {
      // Only how long an error is kept at the edge (a 404: a second, for the live view's heads) may be set.
      for (const response of distribution().CustomErrorResponses ?? []) {
        expect(Object.keys(response).sort()).toEqual(['ErrorCachingMinTTL', 'ErrorCode']);
      }
    });

    it('falls back to index.html with a viewer-request function on the shop’s default behaviour only', () => {
      const [functionId] = shopRoutes();
      const config = distribution();
      expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
      ]);
      const apiBehaviors = (config.CacheBehaviors as { PathPattern: string }[]).filter((b) =>
        b.PathPattern.startsWith('/v1'),
      );
      // /v1/live, seat maps, the on-sale's cached reads, the live view's documents, /v1/*.
      expect(apiBehaviors.length).toBe(4 + ON_SALE_CACHED_PATHS.length);
      for (const behavior of apiBehaviors)
        expect(JSON.stringify(behavior), behavior.PathPattern).not.toContain(functionId);
    });

    it('rewrites the shop’s routes to /index.html and leaves its files and the API alone (the function’s own code, run)', () => {
      const [, fn] = shopRoutes();
      expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
      const handler = runInNewContext(`${fn.Properties.FunctionCode}; handler`) as (event: {
        request: { uri: string };
      }) => { uri: string };
      const served = (uri: string) => handler({ request: { uri, method: 'GET', headers: {} } as never }).uri;
      expect(served('/events/abc')).toBe('/index.html');
      expect(served('/orders/ord_1/tickets')).toBe('/index.html');
      expect(served('/')).toBe('/index.html');
      // The back office is the same app at /admin/…: its routes get the same index.html.
      expect(served('/admin')).toBe('/index.html');
      expect(served('/admin/operations/jobs')).toBe('/index.html');
      expect(served('/assets/x.js')).toBe('/assets/x.js');
      expect(served('/favicon.ico')).toBe('/favicon.ico');
      expect(served('/index.html')).toBe('/index.html');
      expect(served('/v1/events/abc')).toBe('/v1/events/abc');
    });
  });

  it('encrypts the alarm topic with a rotated key of our own that CloudWatch may use (the AWS-managed SNS key it may not)', () => {
    const [, topic] = ofType('AWS::SNS::Topic')[0]!;
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt']?.[0] as string;
    expect(keyId, JSON.stringify(topic.Properties.KmsMasterKeyId)).toBeDefined();
    const key = resources[keyId]!;
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const statements = key.Properties.KeyPolicy.Statement as { Principal?: { Service?: unknown }; Action: unknown }[];
    const forCloudWatch = statements.filter((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(forCloudWatch.length).toBe(1);
    expect([forCloudWatch[0]!.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    // Every alarm publishes to that topic.
    for (const [id, alarm] of ofType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties.AlarmActions, id).toEqual([{ Ref: ofType('AWS::SNS::Topic')[0]![0] }]);
    }
  });

  describe('names that never clash with a second stack in the account', () => {
    it('hands the API function its usage plan by id (no plan name, no lookup, no right to list plans)', () => {
      // (Template.fromStack fails on a dependency cycle, which this id once closed through the devices' API.)
      const [planId, plan] = ofType('AWS::ApiGateway::UsagePlan')[0]!;
      expect(plan.Properties.UsagePlanName).toBeUndefined();
      const [, api] = ofType('AWS::Lambda::Function').find(([, f]) => f.Properties.Handler === 'api.handler')!;
      expect(api.Properties.Environment.Variables.DEVICE_USAGE_PLAN_ID).toEqual({ Ref: planId });
      expect(api.Properties.Environment.Variables.DEVICE_USAGE_PLAN_NAME).toBeUndefined();
      const actions = ofType('AWS::IAM::Policy').flatMap(([, p]) =>
        (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()),
      );
      expect(actions).not.toContain('apigateway:GET');
      expect(actions).toContain('apigateway:POST');
    });

    it('names the RDS Proxy (CloudFormation requires a name) from the stack’s id', () => {
      const [, proxy] = ofType('AWS::RDS::DBProxy')[0]!;
      expect(typeof proxy.Properties.DBProxyName).not.toBe('string');
      expect(JSON.stringify(proxy.Properties.DBProxyName)).toContain('AWS::StackId');
    });

    it('has no other plain-string physical name than those listed with their reasons', () => {
      for (const run of [main, withDomain]) {
        const region = run.stack.region;
        for (const [id, resource] of Object.entries(run.resources)) {
          for (const { path, value } of plainNames(resource.Properties)) {
            const generatedForThisStack = value.includes('TicketBoss') && value.includes(region);
            if (generatedForThisStack) continue;
            // A web ACL's rules, their metric names, AWS's group names and the headers they read are inside the ACL.
            if (resource.Type === 'AWS::WAFv2::WebACL' && /^(Rules|VisibilityConfig)\./.test(path)) continue;
            expect(namesThatCannotClash[`${resource.Type} ${path}`], `${id}: ${path} = ${value}`).toBeDefined();
          }
        }
      }
    });
  });

  describe('Cognito has a domain and sends through SES; SES publishes its own DNS records', () => {
    it('gives the user pool a Cognito prefix domain named from the stack’s id', () => {
      for (const run of [main, withDomain]) {
        const [, domain] = ofType('AWS::Cognito::UserPoolDomain', run.resources)[0]!;
        expect(domain.Properties.UserPoolId).toEqual({ Ref: ofType('AWS::Cognito::UserPool', run.resources)[0]![0] });
        expect(typeof domain.Properties.Domain).not.toBe('string');
        expect(JSON.stringify(domain.Properties.Domain)).toContain('AWS::StackId');
      }
    });

    it('sends Cognito’s emails through the verified SES identity, with the configuration set', () => {
      const [, pool] = ofType('AWS::Cognito::UserPool', withDomain.resources)[0]!;
      const [configurationSetId] = ofType('AWS::SES::ConfigurationSet', withDomain.resources)[0]!;
      const { SourceArn: sourceArn, ...email } = pool.Properties.EmailConfiguration;
      expect(email).toEqual({
        EmailSendingAccount: 'DEVELOPER',
        From: 'TicketBoss <tickets@example.com>',
        ConfigurationSet: { Ref: configurationSetId },
      });
      expect(JSON.stringify(sourceArn)).toContain(':ses:us-east-1:123456789012:identity/example.com');
      // Until the identity is verified (the first deploy creates it), Cognito keeps its own sender: it would refuse
      // an unverified identity and fail the deploy.
      const [, firstDeployPool] = ofType('AWS::Cognito::UserPool', main.resources)[0]!;
      expect(firstDeployPool.Properties.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe(
        'COGNITO_DEFAULT',
      );
    });

    it('publishes the SES identity’s DKIM and MAIL FROM records in the stack’s hosted zone', () => {
      const [, identity] = ofType('AWS::SES::EmailIdentity', withDomain.resources)[0]!;
      expect(identity.Properties.EmailIdentity).toBe('example.com');
      expect(identity.Properties.MailFromAttributes.MailFromDomain).toBe('mail.example.com');
      const records = ofType('AWS::Route53::RecordSet', withDomain.resources).map(([, r]) => r.Properties);
      const inZone = records.filter((r) => r.HostedZoneId === 'Z0123456789ABC');
      const dkim = inZone.filter((r) => r.Type === 'CNAME');
      expect(dkim.length).toBe(3);
      for (const record of dkim) expect(JSON.stringify(record.Name)).toContain('DkimDNSTokenName');
      const mailFrom = inZone.filter((r) => r.Name === 'mail.example.com.');
      expect(mailFrom.map((r) => r.Type).sort()).toEqual(['MX', 'TXT']);
      expect(JSON.stringify(mailFrom)).toContain('feedback-smtp.us-east-1.amazonses.com');
      expect(JSON.stringify(mailFrom)).toContain('v=spf1 include:amazonses.com');
    });
  });
});
