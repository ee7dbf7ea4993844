// Concurrency isolation and observability of the estate (issue 15), read from the synthesized template: every function
// traced; reserved concurrency where a function must not starve the API or run twice; the API invoked through an
// alias whose provisioned concurrency follows the on-sale windows (only when some are given); an alarm on each thing
// that hurts during an on-sale; one dashboard for it. cdk-nag stays clean and the template valid in both shapes.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnSaleWindows } from '../../../cloud/infra/on-sale.ts';
import { schemaProblems } from '../../support/cfn-schema.ts';
import { synth } from './synth.ts';

const WINDOWS = [
  { start: '2027-03-01T08:45:00Z', end: '2027-03-01T12:00:00Z', provisioned: 200 },
  { start: '2027-03-08T17:50:00Z', end: '2027-03-08T19:00:00Z', provisioned: 50 },
];

describe('concurrency and observability (cdk synth, offline)', () => {
  let plain: ReturnType<typeof synth>;
  let onSale: ReturnType<typeof synth>;
  const ofType = (run: ReturnType<typeof synth>, type: string) =>
    Object.entries(run.resources).filter(([, r]) => r.Type === type);
  /** Our functions by entry (api, jobs, …): the ones made by Functions.add. */
  const functions = (run: ReturnType<typeof synth>) =>
    new Map(
      ofType(run, 'AWS::Lambda::Function')
        .filter(([id]) => id.startsWith('Functions'))
        .map(([id, r]) => [String(r.Properties.Handler).replace(/\.handler$/, ''), { id, ...r }] as const),
    );
  const alarms = (run: ReturnType<typeof synth>) => ofType(run, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const alarmsOn = (run: ReturnType<typeof synth>, namespace: string, metric: string) =>
    alarms(run).filter((a) => a.Namespace === namespace && a.MetricName === metric);
  const dimensionNames = (alarm: { Dimensions?: { Name: string }[] }) => (alarm.Dimensions ?? []).map((d) => d.Name);

  beforeAll(() => {
    plain = synth('eu-west-1');
    onSale = synth('eu-west-1', { onSaleWindows: WINDOWS, accountConcurrencyAlarm: 900 });
  });
  afterAll(() => {
    for (const run of [plain, onSale]) if (run) rmSync(run.work, { recursive: true, force: true });
  });

  it('stays clean under cdk-nag and valid against the CloudFormation schemas, with and without on-sale windows', async () => {
    for (const run of [plain, onSale]) {
      expect(run.report.pluginReports.flatMap((r) => r.violations ?? []).map((v) => v.ruleName)).toEqual([]);
      expect(run.error).toBeNull();
    }
    expect(await schemaProblems(onSale.template.toJSON() as { Resources: Record<string, unknown> })).toEqual([]);
  });

  it('traces every function with X-Ray, and lets each write its traces', () => {
    const all = functions(plain);
    expect([...all.keys()].sort()).toEqual(['api', 'exports', 'jobs', 'live-fanout', 'migrate', 'tick', 'websocket']);
    const policies = ofType(plain, 'AWS::IAM::Policy').map(([, p]) => p.Properties);
    for (const [entry, fn] of all) {
      expect(fn.Properties.TracingConfig, entry).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe(`ticketboss-${entry}`);
      const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const actions = policies
        .filter((p) => (p.Roles as { Ref: string }[]).some((r) => r.Ref === role))
        .flatMap((p) => p.PolicyDocument.Statement as { Action: string | string[] }[])
        .flatMap((s) => [s.Action].flat());
      expect(actions, entry).toEqual(expect.arrayContaining(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']));
    }
  });

  it('reserves concurrency for the tick (one at a time), jobs, exports and fan-out, caps the WebSocket function, leaves the API free', () => {
    const all = functions(plain);
    const reserved = (entry: string) => all.get(entry)!.Properties.ReservedConcurrentExecutions as number | undefined;
    expect(reserved('tick')).toBe(1);
    expect(reserved('jobs')).toBe(5);
    expect(reserved('exports')).toBe(2);
    expect(reserved('live-fanout')).toBe(2);
    expect(reserved('websocket')).toBe(50);
    expect(reserved('api')).toBeUndefined();
    // A queue's pollers start no more instances than the function may run, or its messages would bounce off
    // throttles into the dead-letter queue.
    for (const [, mapping] of ofType(plain, 'AWS::Lambda::EventSourceMapping')) {
      const target = [...all.values()].find((f) => f.id === mapping.Properties.FunctionName.Ref)!;
      expect(mapping.Properties.ScalingConfig.MaximumConcurrency).toBeLessThanOrEqual(
        target.Properties.ReservedConcurrentExecutions,
      );
    }
    // A tick started while one runs waits at most a minute, and a failed one is not run again.
    const [, invokeConfig] = ofType(plain, 'AWS::Lambda::EventInvokeConfig')[0]!;
    expect(invokeConfig.Properties).toMatchObject({
      FunctionName: { Ref: all.get('tick')!.id },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 60,
    });
  });

  it('has both APIs invoke the API function’s alias, never the bare function', () => {
    const [aliasId, alias] = ofType(plain, 'AWS::Lambda::Alias')[0]!;
    const api = functions(plain).get('api')!;
    expect(alias.Properties).toMatchObject({ Name: 'live', FunctionName: { Ref: api.id } });
    const [, http] = ofType(plain, 'AWS::ApiGatewayV2::Integration').find(([id]) => id.includes('Http'))!;
    expect(http.Properties.IntegrationUri).toEqual({ Ref: aliasId });
    // The devices' REST API reaches it by name (no reference cycle through the usage plan), qualified with the alias.
    const [, method] = ofType(plain, 'AWS::ApiGateway::Method').find(([, m]) => m.Properties.Integration?.Uri)!;
    const uri = JSON.stringify(method.Properties.Integration.Uri);
    expect(uri).toMatch(/function:.*ticketboss-api.*:live\/invocations/);
    const permissions = ofType(plain, 'AWS::Lambda::Permission')
      .map(([, p]) => p.Properties)
      .filter((p) => p.Principal === 'apigateway.amazonaws.com');
    for (const permission of permissions) {
      const target = JSON.stringify(permission.FunctionName);
      expect(target).not.toContain(`"${api.id}"`);
      expect(target.includes(aliasId) || target.includes(':live') || target.includes('websocket'), target).toBe(true);
    }
  });

  it('schedules provisioned concurrency for the API only in the on-sale windows, and only when some are given', () => {
    expect(ofType(plain, 'AWS::ApplicationAutoScaling::ScalableTarget')).toEqual([]);
    const targets = ofType(onSale, 'AWS::ApplicationAutoScaling::ScalableTarget');
    expect(targets).toHaveLength(1);
    const [, target] = targets[0]!;
    const [aliasId] = ofType(onSale, 'AWS::Lambda::Alias')[0]!;
    expect(target.Properties).toMatchObject({
      ScalableDimension: 'lambda:function:ProvisionedConcurrency',
      MinCapacity: 0,
      MaxCapacity: 200,
    });
    expect(JSON.stringify(target.Properties.ResourceId)).toContain(aliasId);
    const actions = (
      target.Properties.ScheduledActions as {
        Schedule: string;
        ScalableTargetAction: { MinCapacity: number; MaxCapacity: number };
      }[]
    ).map((a) => [a.Schedule, a.ScalableTargetAction.MinCapacity, a.ScalableTargetAction.MaxCapacity]);
    expect(actions).toEqual([
      ['at(2027-03-01T08:45:00)', 200, 200],
      ['at(2027-03-01T12:00:00)', 0, 0],
      ['at(2027-03-08T17:50:00)', 50, 50],
      ['at(2027-03-08T19:00:00)', 0, 0],
    ]);
  });

  it('refuses an on-sale window that ends before it starts, or has no instances', () => {
    expect(OnSaleWindows.safeParse(WINDOWS).success).toBe(true);
    const bad = (window: object) => OnSaleWindows.safeParse([{ ...WINDOWS[0], ...window }]).success;
    expect(bad({ end: '2027-03-01T08:00:00Z' })).toBe(false);
    expect(bad({ provisioned: 0 })).toBe(false);
    expect(bad({ start: 'tomorrow' })).toBe(false);
  });

  it('alarms on the account’s Lambda concurrency, at the threshold the context sets', () => {
    for (const metric of ['ConcurrentExecutions', 'ClaimedAccountConcurrency']) {
      const [plainAlarm] = alarmsOn(plain, 'AWS/Lambda', metric);
      const [onSaleAlarm] = alarmsOn(onSale, 'AWS/Lambda', metric);
      // Account-wide: no dimension.
      expect(plainAlarm).toMatchObject({ Statistic: 'Maximum', Threshold: 800 });
      expect(dimensionNames(plainAlarm!)).toEqual([]);
      expect(onSaleAlarm!.Threshold).toBe(900);
    }
  });

  it('alarms on the devices API, the WebSocket API, RDS Proxy, the database and the queues’ oldest message', () => {
    const [devices5xx] = alarmsOn(plain, 'AWS/ApiGateway', '5XXError');
    expect(dimensionNames(devices5xx!)).toEqual(['ApiName']);
    const latencies = alarmsOn(plain, 'AWS/ApiGateway', 'Latency');
    expect(latencies.map((a) => a.ExtendedStatistic)).toEqual(['p99', 'p99']); // the web API's and the devices'
    for (const metric of ['IntegrationError', 'ClientError', 'ConnectCount']) {
      const [live] = alarmsOn(plain, 'AWS/ApiGateway', metric);
      expect(dimensionNames(live!).sort(), metric).toEqual(['ApiId', 'Stage']);
    }
    for (const metric of ['ClientConnections', 'DatabaseConnectionsBorrowLatency']) {
      const [proxy] = alarmsOn(plain, 'AWS/RDS', metric);
      expect(dimensionNames(proxy!), metric).toEqual(['ProxyName']);
    }
    const connections = alarmsOn(plain, 'AWS/RDS', 'DatabaseConnections').map((a) => dimensionNames(a)[0]);
    expect(connections.sort()).toEqual(['DBInstanceIdentifier', 'ProxyName']);
    const [memory] = alarmsOn(plain, 'AWS/RDS', 'FreeableMemory');
    expect(memory).toMatchObject({ ComparisonOperator: 'LessThanThreshold' });
    // Jobs and live queues (not their dead-letter queues, which alarm on any message at all).
    const queues = ofType(plain, 'AWS::SQS::Queue')
      .filter(([id]) => !id.includes('DeadLetters'))
      .map(([id]) => id);
    const ages = alarmsOn(plain, 'AWS/SQS', 'ApproximateAgeOfOldestMessage').map(
      (a) => (a.Dimensions[0].Value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0],
    );
    expect(ages.sort()).toEqual(queues.sort());
    // And the master-password rotation's errors, as before.
    expect(
      alarmsOn(plain, 'AWS/Lambda', 'Errors').some((a) => JSON.stringify(a.Dimensions).includes('ticketboss-rotation')),
    ).toBe(true);
    const [topic] = ofType(plain, 'AWS::SNS::Topic')[0]!;
    for (const alarm of alarms(plain)) expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
  });

  it('keeps one on-sale dashboard, named from the stack’s id, with the business metrics and what carries them', () => {
    const dashboards = ofType(plain, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const [, dashboard] = dashboards[0]!;
    expect(JSON.stringify(dashboard.Properties.DashboardName)).toMatch(/ticketboss-on-sale.*AWS::StackId/);
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    const graphed = (namespace: string, metric: string) =>
      body.includes(`[\\"${namespace}\\",\\"${metric}\\"`) || body.includes(`\\"${namespace}\\",\\"${metric}\\"`);
    expect(graphed('TicketBoss', 'NoSuchMetric')).toBe(false);
    for (const metric of ['HoldsCreated', 'OrdersPaid', 'Contention', 'PaymentFailures', 'JobAge'])
      expect(graphed('TicketBoss', metric), metric).toBe(true);
    for (const [namespace, metric] of [
      ['AWS/Lambda', 'ConcurrentExecutions'],
      ['AWS/Lambda', 'ClaimedAccountConcurrency'],
      ['AWS/ApiGateway', 'ConnectCount'],
      ['AWS/ApiGateway', '5XXError'],
      ['AWS/RDS', 'DatabaseConnectionsBorrowLatency'],
      ['AWS/RDS', 'FreeableMemory'],
      ['AWS/SQS', 'ApproximateAgeOfOldestMessage'],
    ])
      expect(graphed(namespace!, metric!), metric).toBe(true);
    // Rates a second, and the alarms' states.
    expect(body).toContain('holds / PERIOD(holds)');
    expect(body).toContain('\\"type\\":\\"alarm\\"');
  });
});
