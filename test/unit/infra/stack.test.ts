// The AWS estate synthesized offline (no account, no Docker) and checked against the design's promises, and against
// cdk-nag's AwsSolutions rules run as a validation plugin at synth: an unacknowledged finding fails the synth, and
// every acknowledgement in cloud/infra carries its reason. Two apps: one in eu-west-1 without a domain, one in
// us-east-1 with a domain (certificate and DNS records).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_DELTA_PATH, ON_SALE_CACHED_PATHS } from '../../../cloud/infra/edge-cache.ts';
import { synth, type Resource } from './synth.ts';

const infraDir = new URL('../../../cloud/infra/', import.meta.url).pathname;

describe('the AWS estate (cdk synth, offline)', () => {
  let main: ReturnType<typeof synth>;
  let withDomain: ReturnType<typeof synth>;
  let resources: Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

  beforeAll(() => {
    main = synth('eu-west-1');
    withDomain = synth('us-east-1', {
      domain: { name: 'tickets.example.com', hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' },
    });
    resources = main.template.toJSON().Resources as Record<string, Resource>;
  });
  afterAll(() => {
    for (const run of [main, withDomain]) if (run) rmSync(run.work, { recursive: true, force: true });
  });

  it('passes cdk-nag AwsSolutions: nothing unacknowledged, and every acknowledgement explained', () => {
    for (const run of [main, withDomain]) {
      const violations = run.report.pluginReports
        .flatMap((r) => r.violations ?? [])
        .map((v) => `${v.ruleName}: ${v.description}`);
      expect(violations).toEqual([]);
      expect(run.error).toBeNull();
    }
    // nag.ts defines the helpers: their callers' reasons are what is checked (acknowledgeGuard checks its own).
    for (const file of readdirSync(infraDir).filter((f) => f.endsWith('.ts') && f !== 'nag.ts')) {
      const source = readFileSync(join(infraDir, file), 'utf8');
      for (const found of source.matchAll(/acknowledge\(\{[\s\S]*?\}\)/g)) {
        expect(found[0], `${file}: ${found[0]}`).toMatch(/reason:\s*(\n\s*)?'[^']{40,}/);
      }
      for (const found of source.matchAll(/acknowledgeEach\([\s\S]*?\n {4}\);/g)) {
        expect(found[0], `${file}: ${found[0]}`).toMatch(/'[^']{60,}',?\s*\n\s*\);$/);
      }
    }
  });

  it('spreads the network over two Availability Zones: isolated subnets for the database, private ones with NAT for Lambdas', () => {
    const subnets = ofType('AWS::EC2::Subnet').map(([, s]) => s);
    expect(new Set(subnets.map((s) => s.Properties.AvailabilityZone))).toEqual(new Set(['eu-west-1a', 'eu-west-1b']));
    expect(subnets.every((s) => s.Properties.MapPublicIpOnLaunch === false)).toBe(true);
    main.template.resourceCountIs('AWS::EC2::NatGateway', 2);
  });

  it('runs Postgres Multi-AZ, encrypted, backed up, deletion-protected and not public, behind RDS Proxy with IAM', () => {
    main.template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      MultiAZ: true,
      StorageEncrypted: true,
      PubliclyAccessible: false,
      DeletionProtection: true,
      EnableIAMDatabaseAuthentication: true,
    });
    const [, instance] = ofType('AWS::RDS::DBInstance')[0]!;
    expect(instance.Properties.BackupRetentionPeriod).toBeGreaterThanOrEqual(7);
    // The database's subnets are the isolated ones (no route to a NAT or the internet).
    const [, subnetGroup] = ofType('AWS::RDS::DBSubnetGroup')[0]!;
    const routeTables = ofType('AWS::EC2::SubnetRouteTableAssociation').map(([, a]) => a.Properties);
    const routes = ofType('AWS::EC2::Route').map(([, r]) => r.Properties);
    for (const subnet of subnetGroup.Properties.SubnetIds as { Ref: string }[]) {
      const table = routeTables.find((a) => a.SubnetId.Ref === subnet.Ref)!.RouteTableId.Ref;
      expect(routes.filter((r) => r.RouteTableId.Ref === table)).toEqual([]);
    }
    main.template.hasResourceProperties('AWS::RDS::DBProxy', { RequireTLS: true, DefaultAuthScheme: 'IAM_AUTH' });
    main.template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    const ingress = ofType('AWS::EC2::SecurityGroupIngress')
      .map(([, r]) => r.Properties)
      .filter((p) => p.FromPort === 5432);
    expect(ingress.length).toBeGreaterThan(0);
    expect(ingress.every((p) => p.SourceSecurityGroupId !== undefined && p.CidrIp === undefined)).toBe(true);
  });

  it('puts every Lambda in the private subnets, and applies migrations at deploy before the functions change', () => {
    const functions = ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith('Functions'));
    expect(functions.map(([, f]) => f.Properties.Handler).sort()).toEqual(
      ['api', 'exports', 'jobs', 'live-fanout', 'migrate', 'tick', 'websocket'].map((n) => `${n}.handler`),
    );
    const privateSubnets = ofType('AWS::EC2::Subnet')
      .filter(([id]) => id.includes('functions'))
      .map(([id]) => id);
    expect(privateSubnets.length).toBe(2);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      const subnets = (fn.Properties.VpcConfig.SubnetIds as { Ref: string }[]).map((s) => s.Ref);
      expect(subnets.sort()).toEqual(privateSubnets.sort());
    }
    const [migrationsId, migrations] = ofType('Custom::TicketBossMigrations')[0]!;
    expect(migrations.Properties.version).toMatch(/^[0-9a-f]{16}$/);
    const api = functions.find(([, f]) => f.Properties.Handler === 'api.handler')!;
    expect(api[1].DependsOn).toContain(migrationsId);
  });

  it('routes /v1/* from the HTTP API to the API function, throttled, with access logs', () => {
    main.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /v1/{proxy+}' });
    main.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"status"') },
    });
    // Devices: API keys required, in a usage plan with its own throttle and quota.
    main.template.hasResourceProperties('AWS::ApiGateway::Method', { ApiKeyRequired: true, HttpMethod: 'ANY' });
    main.template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: Match.objectLike({ RateLimit: 20 }),
      Quota: Match.objectLike({ Period: 'DAY' }),
    });
  });

  it('serves the live view over a WebSocket API with $connect, $disconnect, subscribe, and pushes through the management API', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route')
      .map(([, r]) => r.Properties.RouteKey as string)
      .filter((key) => !key.startsWith('ANY'));
    expect(routes.sort()).toEqual(['$connect', '$default', '$disconnect', 'ping', 'subscribe', 'unsubscribe']);
    main.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.type',
    });
    const policies = ofType('AWS::IAM::Policy').map(([, p]) => JSON.stringify(p.Properties.PolicyDocument));
    expect(policies.some((p) => p.includes('execute-api:ManageConnections'))).toBe(true);
    // ws: the stage throttled as a whole, and tighter on connects and on messages that are not the protocol's.
    main.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'live',
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue() }),
      RouteSettings: {
        $connect: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
        $default: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      },
    });
  });

  it('wires the outbox (jobs, exports) and the live changes through SQS to their functions, each queue with a dead-letter queue', () => {
    const queues = ofType('AWS::SQS::Queue');
    const withDlq = queues.filter(([, q]) => q.Properties.RedrivePolicy);
    expect(withDlq.length).toBe(3);
    for (const [, queue] of withDlq) expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(3);
    for (const [, queue] of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
    expect(mappings.length).toBe(3);
    for (const mapping of mappings) expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    main.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
    main.template.hasResourceProperties('AWS::SES::ConfigurationSet', Match.anyValue());
    main.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'ticketboss.example' });
  });

  it('has a Cognito group per staff role, and app clients for the web shop and the desktop app without secrets', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['admin', 'clerk', 'door_steward', 'venue_manager']);
    const clients = ofType('AWS::Cognito::UserPoolClient').map(([, c]) => c.Properties);
    expect(clients.length).toBe(2);
    for (const client of clients) {
      expect(client.GenerateSecret).toBe(false);
      expect(client.AllowedOAuthFlows).toEqual(['code']);
      expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    }
    // Accounts are made by the API (sign-up without enumeration) or by staff invitations (AdminCreateUser): Cognito's
    // own SignUp, which answers UsernameExistsException for a taken email, is closed.
    const [, pool] = ofType('AWS::Cognito::UserPool')[0]!;
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
  });

  it('serves the shop from a private bucket through CloudFront with OAC, /v1/* to the API, seat maps cached, security headers', () => {
    main.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    // The shop's bucket and the live view's delta documents (live-deltas.test.ts).
    main.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    const [, distribution] = ofType('AWS::CloudFront::Distribution')[0]!;
    const config = distribution.Properties.DistributionConfig;
    const s3Origin = config.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    const behaviors = Object.fromEntries(
      (config.CacheBehaviors as { PathPattern: string; TargetOriginId: string; CachePolicyId: unknown }[]).map((b) => [
        b.PathPattern,
        b,
      ]),
    );
    // (The on-sale's cached reads between seat maps and /v1/*: edge-security.test.ts.)
    expect(Object.keys(behaviors)).toEqual([
      '/v1/live',
      '/v1/seatmaps/*',
      ...ON_SALE_CACHED_PATHS,
      LIVE_DELTA_PATH,
      '/v1/*',
    ]);
    // The live view passes through to the WebSocket API's stage, on the shop's own origin.
    const [fnId, liveFunction] = ofType('AWS::CloudFront::Function').find(([, f]) =>
      f.Properties.FunctionCode.includes("event.request.uri = '/live'"),
    )!;
    expect(liveFunction.Properties.FunctionCode).toContain("event.request.uri = '/live'");
    expect(JSON.stringify(behaviors['/v1/live'])).toContain(fnId);
    const originOf = (type: string) => {
      const [apiId] = ofType('AWS::ApiGatewayV2::Api').find(([, a]) => a.Properties.ProtocolType === type)!;
      return config.Origins.find((o: { DomainName: unknown }) => JSON.stringify(o.DomainName).includes(apiId)).Id;
    };
    expect(behaviors['/v1/*']!.TargetOriginId).toBe(originOf('HTTP'));
    expect(behaviors['/v1/seatmaps/*']!.TargetOriginId).toBe(originOf('HTTP'));
    expect(behaviors['/v1/live']!.TargetOriginId).toBe(originOf('WEBSOCKET'));
    expect(behaviors['/v1/*']!.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    const [seatMapPolicyId, seatMapPolicy] = ofType('AWS::CloudFront::CachePolicy')[0]!;
    expect(behaviors['/v1/seatmaps/*']!.CachePolicyId).toEqual({ Ref: seatMapPolicyId });
    expect(seatMapPolicy.Properties.CachePolicyConfig.MaxTTL).toBe(365 * 86400);
    const [headersId, headers] = ofType('AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: headersId });
    const security = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBe(365 * 86400);
    expect(security.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(security.FrameOptions.FrameOption).toBe('DENY');
    expect(security.ContentTypeOptions.Override).toBe(true);
  });

  it('with a domain: an ACM certificate validated in Route 53, TLS 1.2 at the edge, and alias records', () => {
    withDomain.template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'tickets.example.com',
      ValidationMethod: 'DNS',
    });
    withDomain.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['tickets.example.com'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      }),
    });
    for (const type of ['A', 'AAAA']) {
      withDomain.template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'tickets.example.com.',
        Type: type,
        HostedZoneId: 'Z0123456789ABC',
        AliasTarget: Match.objectLike({
          DNSName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebDistribution'), 'DomainName'] },
        }),
      });
    }
  });

  it('alarms on API 5xx and latency, dead letters, database CPU and storage, and every function’s errors and throttles', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const has = (metric: string, namespace: string) =>
      alarms.filter((a) => a.MetricName === metric && a.Namespace === namespace);
    expect(has('5xx', 'AWS/ApiGateway').length).toBe(1);
    expect(has('Latency', 'AWS/ApiGateway')[0]!.ExtendedStatistic).toBe('p99');
    expect(has('ApproximateNumberOfMessagesVisible', 'AWS/SQS').length).toBe(3);
    expect(has('CPUUtilization', 'AWS/RDS').length).toBe(1);
    expect(has('FreeStorageSpace', 'AWS/RDS')[0]!.ComparisonOperator).toBe('LessThanThreshold');
    expect(has('Errors', 'AWS/Lambda').length).toBe(8); // and the rotation function's
    expect(has('Throttles', 'AWS/Lambda').length).toBe(7);
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
    main.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email' });
  });

  it('grants no wildcard action on data (database, secrets, queues, email), and our own policies no wildcard action at all', () => {
    const dataTypes = new Set([
      'AWS::RDS::DBInstance',
      'AWS::RDS::DBProxy',
      'AWS::SecretsManager::Secret',
      'AWS::SQS::Queue',
      'AWS::SES::ConfigurationSet',
      'AWS::SES::EmailIdentity',
    ]);
    const dataIds = Object.entries(resources)
      .filter(([, r]) => dataTypes.has(r.Type))
      .map(([id]) => id);
    expect(dataIds.length).toBeGreaterThan(6);
    const statements = ofType('AWS::IAM::Policy').flatMap(([id, p]) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).map((s) => ({
        id,
        actions: [s.Action].flat(),
        resource: JSON.stringify(s.Resource),
      })),
    );
    const onData = statements.filter(
      (s) => dataIds.some((id) => s.resource.includes(`"${id}"`)) || s.resource.includes('rds-db'),
    );
    expect(onData.length).toBeGreaterThan(5);
    for (const statement of onData) {
      for (const action of statement.actions) expect(action, `${statement.id}: ${action}`).not.toMatch(/\*/);
    }
    // Every policy but CDK's own upload function names its actions one by one.
    for (const statement of statements.filter((s) => !s.id.startsWith('CustomCDKBucketDeployment'))) {
      for (const action of statement.actions) expect(action, `${statement.id}: ${action}`).not.toMatch(/\*/);
    }
  });

  it('lets the tick send its freed seats to the live queue: LIVE_QUEUE_URL and sqs:SendMessage on that queue', () => {
    const liveQueue = main.stack.messaging.live;
    const [, tick] = ofType('AWS::Lambda::Function').find(([, f]) => f.Properties.Handler === 'tick.handler')!;
    expect(tick.Properties.Environment.Variables.LIVE_QUEUE_URL).toEqual(main.stack.resolve(liveQueue.queueUrl));
    const role = tick.Properties.Role['Fn::GetAtt'][0] as string;
    const sends = ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((s) => [s.Action].flat().includes('sqs:SendMessage'))
      // (cdk.json's minimizePolicies merges the sends to both queues into one statement.)
      .flatMap((s) => [s.Resource].flat());
    expect(sends).toContainEqual(main.stack.resolve(liveQueue.queueArn));
  });

  it('lets only the jobs function change staff in the user pool, with exactly the admin calls it makes, on that pool; the API only reads a user', () => {
    const pool = main.stack.resolve(main.stack.identity.userPool.userPoolArn);
    const cognitoStatements = (handler: string) => {
      const [, fn] = ofType('AWS::Lambda::Function').find(([, f]) => f.Properties.Handler === handler)!;
      const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
      return ofType('AWS::IAM::Policy')
        .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((s) => [s.Action].flat().some((action) => action.startsWith('cognito-idp:')));
    };
    const granted = cognitoStatements('jobs.handler');
    expect(granted.flatMap((s) => [s.Action].flat()).sort()).toEqual(
      [
        'cognito-idp:AdminAddUserToGroup',
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminEnableUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminListGroupsForUser',
        'cognito-idp:AdminRemoveUserFromGroup',
        'cognito-idp:AdminUserGlobalSignOut',
        'cognito-idp:CreateGroup',
      ].sort(),
    );
    for (const statement of granted) expect([statement.Resource].flat()).toEqual([pool]);
    // accounts: the API reads a pool customer's proven email when they claim guest orders, and nothing else.
    const apiGranted = cognitoStatements('api.handler');
    expect(apiGranted.flatMap((s) => [s.Action].flat())).toEqual(['cognito-idp:AdminGetUser']);
    for (const statement of apiGranted) expect([statement.Resource].flat()).toEqual([pool]);
    for (const handler of ['tick.handler', 'websocket.handler']) {
      expect(cognitoStatements(handler), handler).toEqual([]);
    }
    const [, jobs] = ofType('AWS::Lambda::Function').find(([, f]) => f.Properties.Handler === 'jobs.handler')!;
    expect(jobs.Properties.Environment.Variables.COGNITO_USER_POOL_ID).toEqual(
      main.stack.resolve(main.stack.identity.userPool.userPoolId),
    );
  });
});
