// Every resource of both synthesized templates checked against the CloudFormation registry schemas
// (@aws-cdk/aws-service-spec, the resource specification the CDK itself is generated from): what CloudFormation would
// refuse only during a deploy fails here. A probe proves the check sees a misspelled, a missing and a mistyped value.
import { describe, expect, it } from 'vitest';
import { schemaProblems } from '../../support/cfn-schema.ts';
import { synth } from './synth.ts';

const WITH_DOMAIN = {
  domain: { name: 'tickets.example.com', hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' },
};

describe('the templates against the CloudFormation schemas', () => {
  it('reports an unknown property, a missing required one and a value of the wrong shape', async () => {
    const problems = await schemaProblems({
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeOut: 30 } },
        Proxy: {
          Type: 'AWS::RDS::DBProxy',
          Properties: { EngineFamily: 'POSTGRESQL', RoleArn: 'arn', VpcSubnetIds: [] },
        },
        Topic: { Type: 'AWS::SNS::Topic', Properties: { Subscription: 'oncall@example.com' } },
        Nothing: { Type: 'AWS::Nothing::Here', Properties: {} },
        Fine: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: { Ref: 'Timeout' } } },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'Queue (AWS::SQS::Queue).VisibilityTimeOut: no such property',
        'Proxy (AWS::RDS::DBProxy).DBProxyName: required, missing',
        'Topic (AWS::SNS::Topic).Subscription: expected a list',
        'Nothing (AWS::Nothing::Here): no such resource type',
      ]),
    );
    expect(problems.filter((p) => p.startsWith('Fine'))).toEqual([]);
  });

  it.each([
    ['eu-west-1 without a domain', 'eu-west-1', {}],
    ['us-east-1 with a domain', 'us-east-1', WITH_DOMAIN],
  ])('finds every resource of the estate (%s) valid', async (_name, region, extra) => {
    expect(
      await schemaProblems(synth(region, extra).template.toJSON() as { Resources: Record<string, unknown> }),
    ).toEqual([]);
  });
});
