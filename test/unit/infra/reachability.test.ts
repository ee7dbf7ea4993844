// Every function of the estate can reach what its code calls, checked offline over the synthesized template
// (test/support/reachability.ts follows subnets, route tables, NAT and internet gateways, interface and gateway
// endpoints and both sides' security groups). A probe stack with broken paths proves the check reports them.
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synth } from './synth.ts';
import {
  describeNeed,
  needsOf,
  Network,
  type Caller,
  type Need,
  type TemplateJson,
} from '../../support/reachability.ts';

const WITH_DOMAIN = {
  domain: { name: 'tickets.example.com', hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' },
};

/** What each caller's code calls that its environment does not show. */
function codeCalls(caller: Caller): Need[] {
  if (caller.name === 'api.handler') return [{ internet: 'Amazon Pay' }];
  if (caller.name === 'jobs.handler') return [{ internet: 'Amazon Pay refunds and the mailing service' }];
  // The custom resource answers CloudFormation through a presigned S3 URL, and migrates the database directly.
  if (caller.name === 'migrate.handler') return [{ service: 's3' }, { database: true }];
  // The master-password rotation: reads and writes the secret, logs in to the database to change the password.
  if (caller.name.includes('Rotation')) return [{ service: 'secretsmanager' }, { database: true }];
  return [];
}

/** Each path that does not exist: `caller → need: why`. */
function gaps(template: TemplateJson): string[] {
  const network = new Network(template);
  return network.callers().flatMap((caller) =>
    needsOf(caller, codeCalls).flatMap((need) => {
      const why = network.gap(caller, need);
      return why ? [`${caller.name} → ${describeNeed(need)}: ${why}`] : [];
    }),
  );
}

describe('network reachability of the estate (offline)', () => {
  it('finds the broken paths of a probe stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Probe', { env: { account: '123456789012', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const endpoint = vpc.addInterfaceEndpoint('Secrets', {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      open: false,
    });
    const admitted = new ec2.SecurityGroup(stack, 'Admitted', { vpc });
    endpoint.connections.allowFrom(admitted, ec2.Port.tcp(443));
    const forgotten = new ec2.SecurityGroup(stack, 'Forgotten', { vpc });
    const fn = (id: string, securityGroup: ec2.ISecurityGroup, environment: Record<string, string>) =>
      new lambda.Function(stack, id, {
        vpc,
        securityGroups: [securityGroup],
        environment,
        handler: `${id}.handler`,
        runtime: lambda.Runtime.NODEJS_22_X,
        code: lambda.Code.fromInline('exports.handler = async () => ({});'),
      });
    fn('good', admitted, { APP_SECRET_ARN: 'secret' });
    fn('forgot', forgotten, { APP_SECRET_ARN: 'secret' });
    fn('offline', admitted, { APP_SECRET_ARN: 'secret', SES_REGION: 'eu-west-1' });
    const found = gaps(Template.fromStack(stack).toJSON() as TemplateJson);
    expect(found).toHaveLength(2);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^forgot\.handler → secretsmanager: .*do not admit/),
        expect.stringMatching(/^offline\.handler → email: .*no default route to a NAT gateway/),
      ]),
    );
  });

  it.each([
    ['eu-west-1 without a domain', 'eu-west-1', {}],
    ['us-east-1 with a domain', 'us-east-1', WITH_DOMAIN],
  ])('finds every function of the estate (%s) able to reach what its code calls', (_name, region, extra) => {
    const template = synth(region, extra).template.toJSON() as TemplateJson;
    const callers = new Network(template).callers().map((c) => c.name);
    // Every function of the product and the rotation application are looked at.
    expect(callers).toEqual(
      expect.arrayContaining([
        'api.handler',
        'websocket.handler',
        'live-fanout.handler',
        'jobs.handler',
        'tick.handler',
        'migrate.handler',
        expect.stringContaining('Rotation'),
      ]),
    );
    expect(gaps(template)).toEqual([]);
  });
});
