// The live view's registry and origin lock in the synthesized template (issue 20): a DynamoDB table of its own, on
// demand, encrypted, TTL on the attribute the adapter writes, keys from the shared definition; the WebSocket function
// may read and write it, the fan-out only read and delete, the API and the migration only list watchable events, all
// told its name, nothing else may touch it; the WebSocket function has no database, no proxy and no app secret; and
// the live view reaches the WebSocket API through CloudFront with the origin lock's header, which $connect checks.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LIVE_REGISTRY_KEYS,
  LIVE_REGISTRY_TABLE_ENV,
  LIVE_REGISTRY_TTL_ATTRIBUTE,
} from '../../../cloud/contract/live-registry-table.ts';
import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_SECRET_ENV } from '../../../cloud/contract/origin-lock.ts';
import { LIVE_PATH } from '../../../cloud/contract/routes.ts';
import { DEPLOY_STEPS_VERSION } from '../../../cloud/infra/migrations.ts';
import { synth, type Resource } from './synth.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON of any shape
type Json = any;

describe('the live registry and the live view’s origin lock (cdk synth, offline)', () => {
  let run: ReturnType<typeof synth>;
  const ofType = (type: string) => Object.entries(run.resources).filter(([, r]) => r.Type === type);
  const tableEntry = () => ofType('AWS::DynamoDB::Table').find(([id]) => id.startsWith('LiveRegistry'))!;
  const functionEntry = (entry: string) =>
    ofType('AWS::Lambda::Function').find(([, r]) => r.Properties.Handler === `${entry}.handler`)!;
  /** Every action on the registry's table granted to the function's role. */
  const tableActionsOf = (entry: string) => {
    const [, fn] = functionEntry(entry);
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((s) => JSON.stringify(s.Resource).includes(tableEntry()[0]))
      .flatMap((s) => [s.Action].flat())
      .sort();
  };

  beforeAll(() => {
    run = synth('eu-west-1');
  });
  afterAll(() => {
    if (run) rmSync(run.work, { recursive: true, force: true });
  });

  it('passes cdk-nag and the guard rules with the table in it', () => {
    expect(run.error).toBeNull();
    const onTable = run.report.pluginReports
      .flatMap((r) => r.violations ?? [])
      .filter((v) => v.violatingConstructs?.some((c) => c.constructPath?.includes('LiveRegistry')));
    expect(onTable).toEqual([]);
  });

  it('keeps subscriptions in an on-demand, encrypted table with a TTL, keyed as the adapter and its tests key it', () => {
    const [, table] = tableEntry() as [string, Resource];
    const props = table.Properties;
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.KeySchema).toEqual([
      { AttributeName: LIVE_REGISTRY_KEYS.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: LIVE_REGISTRY_KEYS.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(props.AttributeDefinitions).toEqual([
      { AttributeName: LIVE_REGISTRY_KEYS.partitionKey.name, AttributeType: LIVE_REGISTRY_KEYS.partitionKey.type },
      { AttributeName: LIVE_REGISTRY_KEYS.sortKey.name, AttributeType: LIVE_REGISTRY_KEYS.sortKey.type },
    ]);
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: LIVE_REGISTRY_TTL_ATTRIBUTE, Enabled: true });
    expect(props.SSESpecification).toEqual({ SSEEnabled: true });
    expect(props.TableName).toBeUndefined();
  });

  it('reaches DynamoDB from the functions’ subnets by a gateway endpoint, not through NAT', () => {
    const gateways = ofType('AWS::EC2::VPCEndpoint').filter(([, r]) => r.Properties.VpcEndpointType === 'Gateway');
    const dynamo = gateways.find(([, r]) => JSON.stringify(r.Properties.ServiceName).includes('.dynamodb'));
    expect(dynamo, 'a DynamoDB gateway endpoint').toBeDefined();
    // On the route tables of the private subnets the functions run in (each routes the rest out through its NAT).
    const routeTables = (dynamo![1].Properties.RouteTableIds as { Ref: string }[]).map((r) => r.Ref);
    const lambdaSubnetTables = ofType('AWS::EC2::RouteTable')
      .filter(([id]) => /functionsSubnet/i.test(id))
      .map(([id]) => id);
    expect(lambdaSubnetTables.length).toBeGreaterThan(0);
    for (const table of lambdaSubnetTables) expect(routeTables).toContain(table);
  });

  it('lets the WebSocket function read and write subscriptions, the fan-out only read and delete, nothing else', () => {
    expect(tableActionsOf('websocket')).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(tableActionsOf('live-fanout')).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    // Watchable events: listed by the API after a publish and by the migration at deploy (puts only).
    for (const entry of ['api', 'migrate']) expect(tableActionsOf(entry), entry).toEqual(['dynamodb:BatchWriteItem']);
    for (const entry of ['jobs', 'exports', 'tick']) expect(tableActionsOf(entry), entry).toEqual([]);
    for (const entry of ['websocket', 'live-fanout', 'api', 'migrate']) {
      const [, fn] = functionEntry(entry);
      expect(fn.Properties.Environment.Variables[LIVE_REGISTRY_TABLE_ENV], entry).toEqual({ Ref: tableEntry()[0] });
    }
  });

  it('keeps the WebSocket function off the selling database: no proxy, no database settings, no app secret', () => {
    const [, websocket] = functionEntry('websocket');
    const variables = Object.keys(websocket.Properties.Environment.Variables as Record<string, unknown>);
    for (const name of ['DB_HOST', 'DB_USER', 'DB_NAME', 'APP_SECRET_ARN']) expect(variables).not.toContain(name);
    const role = (websocket.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
    expect(actions.filter((a) => a.startsWith('rds'))).toEqual([]);
    // The one secret it reads is CloudFront's (the origin lock), not the app secret keys are derived from.
    const [appSecretId] = ofType('AWS::SecretsManager::Secret').find(([id]) => id.includes('AppSecret'))!;
    const secretReads = statements.filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secretReads.length).toBeGreaterThan(0);
    for (const statement of secretReads) expect(JSON.stringify(statement.Resource)).not.toContain(appSecretId);
    // The API function, for contrast, connects through the proxy.
    const [, api] = functionEntry('api');
    expect(Object.keys(api.Properties.Environment.Variables as Record<string, unknown>)).toContain('DB_HOST');
  });

  it('runs the migration again at this deploy, so every event published before is listed', () => {
    const [, migrations] = ofType('Custom::TicketBossMigrations')[0]!;
    expect(migrations.Properties.steps).toBe(DEPLOY_STEPS_VERSION);
  });

  it('sends the origin lock’s header to the WebSocket API from CloudFront, and $connect’s function checks it', () => {
    const [distributionId, distribution] = ofType('AWS::CloudFront::Distribution')[0]!;
    const config = distribution.Properties.DistributionConfig as Json;
    const liveOriginId = (config.CacheBehaviors as Json[]).find((b) => b.PathPattern === LIVE_PATH).TargetOriginId;
    const live = (config.Origins as Json[]).find((o) => o.Id === liveOriginId);
    const [wsApiId] = ofType('AWS::ApiGatewayV2::Api').find(([, a]) => a.Properties.ProtocolType === 'WEBSOCKET')!;
    expect(JSON.stringify(live.DomainName)).toContain(wsApiId);
    const header = (live.OriginCustomHeaders as Json[]).find((h) => h.HeaderName === ORIGIN_VERIFY_HEADER);
    const value = JSON.stringify(header.HeaderValue);
    expect(value).toContain('{{resolve:secretsmanager:');
    const [secretId] = ofType('AWS::SecretsManager::Secret').find(([, s]) =>
      String(s.Properties.Description).includes(ORIGIN_VERIFY_HEADER),
    )!;
    expect(value).toContain(secretId);
    // The same value as the HTTP API's origin gets (one secret, one rotation).
    const apiOriginId = (config.CacheBehaviors as Json[]).find((b) => b.PathPattern === '/v1/*').TargetOriginId;
    const api = (config.Origins as Json[]).find((o) => o.Id === apiOriginId);
    expect(api.OriginCustomHeaders).toEqual(live.OriginCustomHeaders);
    // The WebSocket function is told the secret, may read it, and is updated after the distribution.
    const [, websocket] = functionEntry('websocket');
    expect(websocket.Properties.Environment.Variables[ORIGIN_VERIFY_SECRET_ENV]).toEqual({ Ref: secretId });
    expect(websocket.DependsOn).toContain(distributionId);
    const role = (websocket.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const reads = ofType('AWS::IAM::Policy').some(
      ([, p]) =>
        (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role) &&
        (p.Properties.PolicyDocument.Statement as Json[]).some(
          (s) =>
            [s.Action].flat().includes('secretsmanager:GetSecretValue') &&
            JSON.stringify(s.Resource).includes(secretId),
        ),
    );
    expect(reads).toBe(true);
  });
});
